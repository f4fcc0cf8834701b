/** The sizing assistant: propose a VPC and its subnets from hosts per tier, and right-size existing blocks. */
export type {
  ProposedSubnet,
  SizingFailure,
  SizingFailureCode,
  SizingProposal,
  SizingRequest,
  TierRequest,
} from './propose';
export { DEFAULT_SPARE_PER_AZ, IPV6_PLACEHOLDER, MAX_AZS, PRIVATE_RANGES, SUBNETS_PER_VPC, proposeVpc } from './propose';
export type { RightSizeChange, RightSizeFailure, SubnetContext, SubnetRightSize, VpcBlockRightSize } from './right-size';
export { rightSizeSubnet, rightSizeVpc } from './right-size';
export { addressesWithGrowth, awsSubnetPrefixFor } from './subnet-size';
export type { NetworkNaming, NetworkObjectKind, ProposalNetwork } from './network-for-proposal';
export { networkForProposal } from './network-for-proposal';
export { addSizedVpc, rangesToAvoid, sizedVpc, sizedVpcName, type SizedVpc } from './sized-vpc';
