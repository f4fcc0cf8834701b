/**
 * A CIDR block as numbers, and the questions you can ask of one or two blocks.
 *
 * A block is stored as its network address (a bigint, so IPv4 and IPv6 share one type)
 * and its prefix length. The network never has host bits set: every function that makes a
 * `Cidr` (parseCidr, divide, summarize...) guarantees it, and the functions here rely on it.
 */

export type IpVersion = 4 | 6;

export interface Cidr {
  readonly version: IpVersion;
  /** The first address of the block; host bits are always zero. */
  readonly network: bigint;
  readonly prefix: number;
}

declare const read: unique symbol;

/**
 * A block read from text as IPv4: only the parser makes one (parseCidr, cidr), so a value
 * of this type is a valid block whose version the type system knows. The plan index keeps
 * the plan's CIDR fields as these, and a function that takes `Ipv4Cidr` cannot be handed an
 * IPv6 block, or a block built by hand that might have host bits set.
 */
export type Ipv4Cidr = Cidr & { readonly version: 4; readonly [read]: 4 };
/** A block read from text as IPv6 (see Ipv4Cidr). */
export type Ipv6Cidr = Cidr & { readonly version: 6; readonly [read]: 6 };
/** The branded block of one version: CidrOf<4> is Ipv4Cidr, CidrOf<IpVersion> either. */
export type CidrOf<V extends IpVersion> = V extends 4 ? Ipv4Cidr : Ipv6Cidr;

/** Brands a block the caller has just read and checked (the parser only). */
export function readBlock<V extends IpVersion>(version: V, network: bigint, prefix: number): CidrOf<V> {
  return { version, network, prefix } as unknown as CidrOf<V>;
}

export function maxPrefix(version: IpVersion): 32 | 128 {
  return version === 4 ? 32 : 128;
}

// 2^(max - prefix) for every prefix, computed once: bigint shifts allocate, and these are hot.
const BLOCK_SIZE_V4: readonly bigint[] = Array.from({ length: 33 }, (_, p) => 1n << BigInt(32 - p));
const BLOCK_SIZE_V6: readonly bigint[] = Array.from({ length: 129 }, (_, p) => 1n << BigInt(128 - p));

/** Number of addresses in a block of this prefix: 2^(max - prefix). */
export function blockSize(version: IpVersion, prefix: number): bigint {
  const size = (version === 4 ? BLOCK_SIZE_V4 : BLOCK_SIZE_V6)[prefix];
  if (size === undefined) throw new RangeError(`${prefix} is not an IPv${version} prefix length (0 to ${maxPrefix(version)})`);
  return size;
}

/** The last address of the whole address space (2^32 - 1 or 2^128 - 1). */
export function lastAddressOfSpace(version: IpVersion): bigint {
  return blockSize(version, 0) - 1n;
}

export function firstAddress(c: Cidr): bigint {
  return c.network;
}

export function lastAddress(c: Cidr): bigint {
  return c.network + blockSize(c.version, c.prefix) - 1n;
}

export function addressCount(c: Cidr): bigint {
  return blockSize(c.version, c.prefix);
}

/** True when every address of `inner` is in `outer`; blocks of different versions never contain each other. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.version !== inner.version || outer.prefix > inner.prefix) return false;
  // Same alignment argument as overlaps: inner sits in outer iff masking inner's network to
  // outer's prefix gives outer's network.
  return inner.network - (inner.network % blockSize(outer.version, outer.prefix)) === outer.network;
}

/**
 * True when the blocks share at least one address. Two CIDR blocks are either disjoint or
 * nested (they are aligned powers of two), so overlap is containment one way or the other.
 */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.prefix <= b.prefix ? contains(a, b) : contains(b, a);
}

export function equalCidrs(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.prefix === b.prefix && a.network === b.network;
}

/** Sort order for lists of blocks: IPv4 first, then by network, then the bigger block (shorter prefix) first. */
export function compareCidrs(a: Cidr, b: Cidr): number {
  if (a.version !== b.version) return a.version - b.version;
  if (a.network !== b.network) return a.network < b.network ? -1 : 1;
  return a.prefix - b.prefix;
}
