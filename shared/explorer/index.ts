/** The CIDR explorer's maths: what the UI's explorer renders, computed here so it can be tested. */
export type { Bit, BitGroup, BitPart, BitsExplanation, Nibble, SharedBits } from './bits';
export { explainBits, sharedBits } from './bits';
export type { BlockFacts, CloudUsage, Relatives, ReservedAddress } from './block-facts';
export { CLOUD_NAMES, blockFacts, enclosingBlock, relatives } from './block-facts';
export type { Ipv6Slot, Ipv6SlotMap, SlotProblem, SlotProblemKind, SlotSubnet } from './ipv6-slots';
export { ipv6SlotMap } from './ipv6-slots';
export type { JoinResult } from './split';
export { joinBlocks, splitBlock } from './split';
