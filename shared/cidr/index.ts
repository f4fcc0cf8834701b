/** Address maths for VPC Planner: parse, print, compare, divide, merge and allocate CIDR blocks. */
export type { Cidr, CidrOf, IpVersion, Ipv4Cidr, Ipv6Cidr } from './block';
export {
  addressCount,
  compareCidrs,
  contains,
  equalCidrs,
  firstAddress,
  lastAddress,
  maxPrefix,
  overlaps,
} from './block';
export type { AddressResult, CidrError, CidrErrorCode, CidrResult } from './errors';
export { CidrParseError } from './errors';
export type { ParseCidrOptions } from './parse';
export { cidr, isCidrError, parseAddress, parseCidr, readCidrField } from './parse';
export { formatAddress, formatCidr, formatIpv4Block } from './format';
export { divide, divisionCount, parentOf, siblingOf } from './subdivide';
export { rangeToCidrs, summarize } from './cover';
export { freeSpace, freeSpaceOfText, nextFreeBlock } from './free-space';
export { FreeBlocks } from './free-blocks';
export { findOverlappingPairs, findOverlappingPairsInText } from './overlapping-pairs';
export { blockForest, blockForestFromText, countOverlappingPairs, membersOf, OverlappingPairs, type BlockForest, type OverlapCount } from './overlap-groups';
export type { Cloud, ReservedRole } from './reserved';
export { prefixForHosts, reservedAddresses, usableAddresses } from './reserved';
