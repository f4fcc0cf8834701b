/** The CIDR explorer's maths: what the UI's explorer renders, computed here so it can be tested. */
export type { Bit, BitGroup, BitPart, BitsExplanation, Nibble } from './bits';
export { explainBits } from './bits';
export type { BitRole, BlockComparison, BlockRelation, ComparedBlock } from './compare-blocks';
export { compareBlocks } from './compare-blocks';
export type { BlockFacts, CloudUsage, Relatives, ReservedAddress } from './block-facts';
export { CLOUD_NAMES, blockFacts, enclosingBlock, relatives } from './block-facts';
export type { Ipv6Slot, Ipv6SlotMap, SlotProblem, SlotProblemKind, SlotSubnet } from './ipv6-slots';
export { ipv6SlotMap } from './ipv6-slots';
export type { BlockUsage, PieceAvailability, PieceStatus, PlacedSubnet, PlanBlocks, UsedSpan } from './plan-usage';
export { blockUsage, pieceAvailability, readPlanBlocks } from './plan-usage';
export type { JoinResult } from './split';
export { joinBlocks, splitBlock } from './split';
export type { WhyBlocks } from './why';
export { whyBlocks } from './why';
