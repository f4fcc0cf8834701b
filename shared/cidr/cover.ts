/**
 * Covering address ranges with as few CIDR blocks as possible ("merge" / "summarize").
 *
 * IPv4 runs on plain numbers: every IPv4 address is exact in a double, and number maths is
 * several times faster than bigint. IPv6 needs bigint. The two halves of each function
 * below are the same algorithm over the two number types.
 */
import { blockSize, lastAddressOfSpace, type Cidr, type IpVersion } from './block';

/** 2^(32 - prefix) as a number, by prefix. */
export const BLOCK_SIZE_V4_NUMBER: readonly number[] = Array.from({ length: 33 }, (_, p) => 2 ** (32 - p));

const PREFIX_BY_SIZE_V6 = new Map<bigint, number>(Array.from({ length: 129 }, (_, p) => [blockSize(6, p), p] as [bigint, number]));

/** Appends to `out` the minimal aligned blocks covering first..last (inclusive), in order. */
export function coverRangeV4(first: number, last: number, out: Cidr[]): void {
  while (first <= last) {
    const remaining = last - first + 1;
    // Trailing zeros of `first` = the largest block that may start here. `first & -first`
    // is its lowest set bit; the int32 wrap-around is harmless for values below 2^32.
    let bits = first === 0 ? 32 : 31 - Math.clz32((first & -first) >>> 0);
    const fits = remaining >= 4294967296 ? 32 : 31 - Math.clz32(remaining);
    if (fits < bits) bits = fits;
    out.push({ version: 4, network: BigInt(first), prefix: 32 - bits });
    first += 2 ** bits;
  }
}

export function coverRangeV6(first: bigint, last: bigint, out: Cidr[]): void {
  const space = blockSize(6, 0);
  while (first <= last) {
    const remaining = last - first + 1n;
    let size = first === 0n ? space : first & -first;
    while (size > remaining) size >>= 1n;
    out.push({ version: 6, network: first, prefix: PREFIX_BY_SIZE_V6.get(size) ?? 128 });
    first += size;
  }
}

/** The minimal list of blocks covering exactly first..last (inclusive), in address order. */
export function rangeToCidrs(version: IpVersion, first: bigint, last: bigint): Cidr[] {
  const top = lastAddressOfSpace(version);
  if (first < 0n || last > top) {
    throw new RangeError(`rangeToCidrs: ${first}..${last} is outside the IPv${version} address space (0..${top})`);
  }
  if (first > last) throw new RangeError(`rangeToCidrs: the range starts at ${first}, after its end ${last}`);
  const out: Cidr[] = [];
  if (version === 4) coverRangeV4(Number(first), Number(last), out);
  else coverRangeV6(first, last, out);
  return out;
}

/**
 * IPv4 blocks as merged inclusive intervals [start0, end0, start1, end1, ...], ascending;
 * overlapping and adjacent blocks become one interval. Blocks of other versions are skipped.
 */
export function mergeIntervalsV4(blocks: readonly Cidr[]): number[] {
  const keys = new Float64Array(blocks.length);
  let count = 0;
  for (const block of blocks) {
    if (block.version === 4) keys[count++] = ipv4SortKey(Number(block.network), block.prefix);
  }
  return mergeSortKeysV4(keys.subarray(0, count));
}

/**
 * start * 64 + prefix: exact (below 2^38) and ordered by start. Sorting these in a
 * Float64Array is far faster than sorting block objects with a comparator.
 */
export function ipv4SortKey(start: number, prefix: number): number {
  return start * 64 + prefix;
}

/** Sorts the keys (in place) and merges the blocks they stand for, as mergeIntervalsV4. */
export function mergeSortKeysV4(keys: Float64Array): number[] {
  keys.sort();
  const merged: number[] = [];
  let start = -1;
  let end = -2;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    const blockStart = Math.floor(key / 64);
    const blockEnd = blockStart + (BLOCK_SIZE_V4_NUMBER[key - blockStart * 64] as number) - 1;
    if (blockStart <= end + 1) {
      if (blockEnd > end) end = blockEnd;
    } else {
      if (start >= 0) merged.push(start, end);
      start = blockStart;
      end = blockEnd;
    }
  }
  if (start >= 0) merged.push(start, end);
  return merged;
}

/** IPv6 blocks as merged inclusive intervals, as mergeIntervalsV4 (other versions skipped). */
export function mergeIntervalsV6(blocks: readonly Cidr[]): bigint[] {
  const sorted = blocks.filter((b) => b.version === 6).sort((a, b) => (a.network < b.network ? -1 : a.network > b.network ? 1 : a.prefix - b.prefix));
  const merged: bigint[] = [];
  let start = -1n;
  let end = -2n;
  for (const block of sorted) {
    const blockEnd = block.network + blockSize(6, block.prefix) - 1n;
    if (block.network <= end + 1n) {
      if (blockEnd > end) end = blockEnd;
    } else {
      if (start >= 0n) merged.push(start, end);
      start = block.network;
      end = blockEnd;
    }
  }
  if (start >= 0n) merged.push(start, end);
  return merged;
}

/**
 * The minimal set of blocks covering exactly the addresses of `blocks` (their union),
 * ascending, IPv4 first. Minimal because each merged interval is covered greedily by the
 * largest aligned block that fits, which is optimal for a single range.
 */
export function summarize(blocks: readonly Cidr[]): Cidr[] {
  const out: Cidr[] = [];
  const v4 = mergeIntervalsV4(blocks);
  for (let i = 0; i < v4.length; i += 2) coverRangeV4(v4[i] as number, v4[i + 1] as number, out);
  const v6 = mergeIntervalsV6(blocks);
  for (let i = 0; i < v6.length; i += 2) coverRangeV6(v6[i] as bigint, v6[i + 1] as bigint, out);
  return out;
}
