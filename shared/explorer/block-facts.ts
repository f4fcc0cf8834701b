/**
 * The facts panel of the CIDR explorer: first, last, size and usable addresses per cloud
 * with the reserved ones named, said in plain words; and the block's relatives in the
 * tree of blocks (parent, sibling, children, the usual enclosing sizes).
 */
import { prefixIn, SUBNET_IPV4_PREFIX, SUBNET_IPV6_PREFIX } from '../aws-limits';
import {
  addressCount,
  divide,
  firstAddress,
  formatAddress,
  formatCidr,
  lastAddress,
  maxPrefix,
  parentOf,
  reservedAddresses,
  siblingOf,
  usableAddresses,
  type Cidr,
  type Cloud,
  type ReservedRole,
} from '../cidr';

export const CLOUD_NAMES: Readonly<Record<Cloud, string>> = { aws: 'AWS', azure: 'Azure', gcp: 'Google Cloud' };
const CLOUDS: readonly Cloud[] = ['aws', 'azure', 'gcp'];

export interface ReservedAddress {
  address: string;
  role: ReservedRole;
  why: string;
}

export interface CloudUsage {
  cloud: Cloud;
  usable: string;
  reserved: ReservedAddress[];
  /** Why this block cannot be a subnet on that cloud, when it cannot. */
  subnetLimit?: string;
}

export interface BlockFacts {
  cidr: string;
  version: 4 | 6;
  prefix: number;
  hostBits: number;
  first: string;
  last: string;
  /** Decimal strings: an IPv6 /0 has 2^128 addresses, far past a JavaScript number. */
  size: string;
  usable: string;
  reserved: ReservedAddress[];
  clouds: Record<Cloud, CloudUsage>;
  explanation: string[];
}

function count(n: bigint): string {
  return n.toLocaleString('en-US');
}

/** Subnet size rules per cloud (docs/network-rules.md#aws-subnets, docs/network-rules.md#azure-and-google-cloud): the reason a block cannot be a subnet, or undefined. */
function subnetLimit(c: Cidr, cloud: Cloud): string | undefined {
  const p = c.prefix;
  if (cloud === 'aws') {
    if (c.version === 4)
      return prefixIn(SUBNET_IPV4_PREFIX, p)
        ? undefined
        : `AWS subnets are /${SUBNET_IPV4_PREFIX.largest} to /${SUBNET_IPV4_PREFIX.smallest}; a /${p} cannot be one.`;
    const v6 = SUBNET_IPV6_PREFIX;
    return prefixIn(v6, p) ? undefined : `AWS IPv6 subnets are /${v6.largest} to /${v6.smallest} in steps of ${v6.step}; a /${p} cannot be one.`;
  }
  if (cloud === 'azure') {
    if (c.version === 4) return p > 29 ? `The smallest Azure subnet is a /29; a /${p} cannot be one.` : undefined;
    return p !== 64 ? `Azure IPv6 subnets are exactly /64; a /${p} cannot be one.` : undefined;
  }
  return c.version === 4 && p > 29 ? `The smallest Google Cloud subnet is a /29; a /${p} cannot be one.` : undefined;
}

function usageOn(c: Cidr, cloud: Cloud): CloudUsage {
  const usage: CloudUsage = {
    cloud,
    usable: usableAddresses(c, cloud).toString(),
    reserved: reservedAddresses(c, cloud).map((r) => ({ address: formatAddress(c.version, r.address), role: r.role, why: r.why })),
  };
  const limit = subnetLimit(c, cloud);
  if (limit) usage.subnetLimit = limit;
  return usage;
}

export function blockFacts(c: Cidr, cloud: Cloud = 'aws'): BlockFacts {
  const width = maxPrefix(c.version);
  const hostBits = width - c.prefix;
  const size = addressCount(c);
  const clouds = Object.fromEntries(CLOUDS.map((k) => [k, usageOn(c, k)])) as Record<Cloud, CloudUsage>;
  const mine = clouds[cloud];
  const kept = BigInt(mine.reserved.length);
  const explanation = [
    `/${c.prefix} has ${hostBits} host bit${hostBits === 1 ? '' : 's'}: 2^${hostBits} = ${count(size)} address${size === 1n ? '' : 'es'}; ${CLOUD_NAMES[cloud]} keeps ${kept}, so ${count(BigInt(mine.usable))} ${BigInt(mine.usable) === 1n ? 'is' : 'are'} usable.`,
  ];
  if (c.prefix < width) {
    explanation.push(
      `Each extra prefix bit halves the block: a /${c.prefix + 1} has ${count(size / 2n)} addresses${c.prefix > 0 ? `, and one bit fewer, a /${c.prefix - 1}, has ${count(size * 2n)}` : ''}.`,
    );
  }
  if (mine.reserved.length > 0) {
    explanation.push(`Reserved on ${CLOUD_NAMES[cloud]}: ${mine.reserved.map((r) => `${r.address} (${r.role})`).join(', ')}.`);
  }
  if (mine.subnetLimit) explanation.push(mine.subnetLimit);
  return {
    cidr: formatCidr(c),
    version: c.version,
    prefix: c.prefix,
    hostBits,
    first: formatAddress(c.version, firstAddress(c)),
    last: formatAddress(c.version, lastAddress(c)),
    size: size.toString(),
    usable: mine.usable,
    reserved: mine.reserved,
    clouds,
    explanation,
  };
}

export interface Relatives {
  cidr: string;
  /** One bit shorter; none for /0. */
  parent?: string;
  /** The other half of the parent. */
  sibling?: string;
  /** The two halves one bit longer; none for a single address. */
  children?: [string, string];
  /** The landmark blocks that hold it: /8, /16, /24 for IPv4; /32, /48, /56, /64 for IPv6 (RIR, site, VPC and subnet sizes). */
  enclosing: Array<{ prefix: number; cidr: string }>;
}

const LANDMARKS = { 4: [8, 16, 24], 6: [32, 48, 56, 64] } as const;

/** The block of `prefix` (shorter than c's) that holds c. */
export function enclosingBlock(c: Cidr, prefix: number): Cidr {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > c.prefix) {
    throw new RangeError(`enclosingBlock: /${prefix} is not from /0 to /${c.prefix}, the sizes that can hold ${formatCidr(c)}`);
  }
  const size = addressCount({ version: c.version, network: 0n, prefix });
  return { version: c.version, network: c.network - (c.network % size), prefix };
}

export function relatives(c: Cidr): Relatives {
  const result: Relatives = {
    cidr: formatCidr(c),
    enclosing: LANDMARKS[c.version].filter((p) => p < c.prefix).map((prefix) => ({ prefix, cidr: formatCidr(enclosingBlock(c, prefix)) })),
  };
  const parent = parentOf(c);
  const sibling = siblingOf(c);
  if (parent) result.parent = formatCidr(parent);
  if (sibling) result.sibling = formatCidr(sibling);
  if (c.prefix < maxPrefix(c.version)) {
    const [left, right] = divide(c, c.prefix + 1);
    result.children = [formatCidr(left!), formatCidr(right!)];
  }
  return result;
}
