/**
 * Addresses a cloud keeps for itself in every subnet, and what that leaves for hosts.
 * Sources (docs/network-rules.md): AWS "Subnet CIDR blocks" (5 reserved per IPv4 subnet:
 * .0, .1, .2, .3 and the last; IPv6: the first four and the last; none for BYOIP), Azure
 * VNet FAQ (5: .0, .1, .2, .3, last), GCP "Subnets" (4 in a primary range: network, gateway,
 * second-to-last, last).
 */
import { addressCount, blockSize, maxPrefix, type Cidr, type IpVersion } from './block';

export type Cloud = 'aws' | 'azure' | 'gcp';
export type ReservedRole = 'network' | 'router' | 'dns' | 'future' | 'broadcast' | 'gateway' | 'last';

interface ReservedSlot {
  /** Offset from the first address if >= 0; from the last (-1 = last) if negative. */
  offset: number;
  role: ReservedRole;
  why: string;
}

const AWS_V4: readonly ReservedSlot[] = [
  { offset: 0, role: 'network', why: 'AWS reserves the first address of every subnet as the network address.' },
  { offset: 1, role: 'router', why: 'AWS reserves the second address of every subnet for the VPC router.' },
  { offset: 2, role: 'dns', why: 'AWS reserves the third address of every subnet for the Amazon-provided DNS server.' },
  { offset: 3, role: 'future', why: 'AWS reserves the fourth address of every subnet for future use.' },
  { offset: -1, role: 'broadcast', why: 'AWS reserves the last address of every subnet: a VPC has no broadcast, so it is never assigned.' },
];

const AWS_V6: readonly ReservedSlot[] = [
  { offset: 0, role: 'network', why: 'AWS reserves the first IPv6 address of every subnet (the subnet-router anycast address).' },
  { offset: 1, role: 'router', why: 'AWS reserves the second IPv6 address of every subnet for the VPC router.' },
  { offset: 2, role: 'dns', why: 'AWS reserves the third IPv6 address of every subnet for DNS.' },
  { offset: 3, role: 'future', why: 'AWS reserves the fourth IPv6 address of every subnet for future use.' },
  { offset: -1, role: 'last', why: 'AWS reserves the last IPv6 address of every subnet.' },
];

const AZURE: readonly ReservedSlot[] = [
  { offset: 0, role: 'network', why: 'Azure reserves the first address of every subnet as the network address.' },
  { offset: 1, role: 'gateway', why: 'Azure reserves the second address of every subnet for the default gateway.' },
  { offset: 2, role: 'dns', why: 'Azure reserves the third address of every subnet to map Azure DNS into the virtual network.' },
  { offset: 3, role: 'dns', why: 'Azure reserves the fourth address of every subnet to map Azure DNS into the virtual network.' },
  { offset: -1, role: 'broadcast', why: 'Azure reserves the last address of every subnet as the broadcast address.' },
];

// Azure documents the same five for IPv6 subnets; IPv6 has no broadcast, so the last is just "last".
const AZURE_V6: readonly ReservedSlot[] = AZURE.map((slot) =>
  slot.role === 'broadcast' ? { offset: -1, role: 'last', why: 'Azure reserves the last address of every subnet.' } : slot,
);

const GCP: readonly ReservedSlot[] = [
  { offset: 0, role: 'network', why: 'Google Cloud reserves the first address of a subnet range as the network address.' },
  { offset: 1, role: 'gateway', why: 'Google Cloud reserves the second address of a subnet range for the default gateway.' },
  { offset: -2, role: 'future', why: 'Google Cloud reserves the second-to-last address of a subnet range for future use.' },
  { offset: -1, role: 'broadcast', why: 'Google Cloud reserves the last address of a subnet range as the broadcast address.' },
];

const GCP_V6: readonly ReservedSlot[] = GCP.map((slot) =>
  slot.role === 'broadcast' ? { offset: -1, role: 'last', why: 'Google Cloud reserves the last address of a subnet range.' } : slot,
);

function slotsFor(cloud: Cloud, version: IpVersion): readonly ReservedSlot[] {
  switch (cloud) {
    case 'aws':
      return version === 4 ? AWS_V4 : AWS_V6;
    case 'azure':
      return version === 4 ? AZURE : AZURE_V6;
    case 'gcp':
      return version === 4 ? GCP : GCP_V6;
  }
}

/**
 * The reserved addresses of `c` as a subnet of `cloud`, ascending. In a block smaller than
 * the list (a /30 on AWS) several rules land on one address: it is listed once, with the
 * first rule that claims it.
 */
export function reservedAddresses(c: Cidr, cloud: Cloud): Array<{ address: bigint; role: ReservedRole; why: string }> {
  const count = addressCount(c);
  const taken = new Map<bigint, { address: bigint; role: ReservedRole; why: string }>();
  for (const slot of slotsFor(cloud, c.version)) {
    const offset = slot.offset >= 0 ? BigInt(slot.offset) : count + BigInt(slot.offset);
    if (offset < 0n || offset >= count) continue;
    const address = c.network + offset;
    if (!taken.has(address)) taken.set(address, { address, role: slot.role, why: slot.why });
  }
  return [...taken.values()].sort((a, b) => (a.address < b.address ? -1 : 1));
}

function reservedCount(version: IpVersion, cloud: Cloud, byoip: boolean): bigint {
  // AWS: addresses brought with BYOIP are all usable (docs/network-rules.md#aws-subnets).
  if (byoip && cloud === 'aws') return 0n;
  return BigInt(slotsFor(cloud, version).length);
}

/**
 * Addresses left for hosts: the block size minus the reserved ones, never below zero.
 * `byoip` applies to AWS only: the other clouds reserve the same addresses whatever the range's origin.
 */
export function usableAddresses(c: Cidr, cloud: Cloud, options: { byoip?: boolean } = {}): bigint {
  const usable = addressCount(c) - reservedCount(c.version, cloud, options.byoip === true);
  return usable > 0n ? usable : 0n;
}

/**
 * The longest prefix (smallest subnet) whose usable addresses hold `hosts`, e.g. 11 hosts
 * on AWS -> /28 (16 - 5 = 11). Undefined when even /0 is too small. Provider limits on
 * subnet size (AWS /16../28) are a plan rule, not address maths: they are not applied here.
 */
export function prefixForHosts(version: IpVersion, hosts: number | bigint, cloud: Cloud): number | undefined {
  if (typeof hosts === 'number' && !Number.isInteger(hosts)) {
    throw new RangeError(`prefixForHosts: ${hosts} is not a whole number of hosts`);
  }
  const wanted = BigInt(hosts);
  if (wanted < 0n) throw new RangeError(`prefixForHosts: ${hosts} hosts is negative`);
  const reserved = reservedCount(version, cloud, false);
  for (let prefix = maxPrefix(version); prefix >= 0; prefix--) {
    const usable = blockSize(version, prefix) - reserved;
    if ((usable > 0n ? usable : 0n) >= wanted) return prefix;
  }
  return undefined;
}
