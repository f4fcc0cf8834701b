/** What is left of a block once some of it is in use: the free blocks, and the first free block of a size. */
import { blockSize, contains, type Cidr } from './block';
import { BLOCK_SIZE_V4_NUMBER, coverRangeV4, coverRangeV6, ipv4SortKey, mergeIntervalsV6, mergeSortKeysV4 } from './cover';
import type { CidrError } from './errors';
import { formatCidr, formatIpv4Block } from './format';
import { readCanonicalIpv4Cidr } from './ipv4-text';
import { parseCidr } from './parse';
import { checkPrefix } from './subdivide';

/*
 * The used blocks that matter inside `parent`, merged, or undefined when one of them covers
 * the whole parent. Two CIDR blocks are nested or disjoint, so a used block either lies
 * inside the parent, contains it, or misses it: no partial clipping is needed.
 */

function usedWithinV4(parent: Cidr, used: readonly Cidr[]): number[] | undefined {
  const first = Number(parent.network);
  const last = first + (BLOCK_SIZE_V4_NUMBER[parent.prefix] as number) - 1;
  const keys = new Float64Array(used.length);
  let count = 0;
  for (const block of used) {
    if (block.version !== 4) continue;
    const start = Number(block.network);
    const end = start + (BLOCK_SIZE_V4_NUMBER[block.prefix] as number) - 1;
    if (start <= first && end >= last) return undefined;
    if (start >= first && end <= last) keys[count++] = ipv4SortKey(start, block.prefix);
  }
  return mergeSortKeysV4(keys.subarray(0, count));
}

function usedWithinV6(parent: Cidr, used: readonly Cidr[]): bigint[] | undefined {
  const inside: Cidr[] = [];
  for (const block of used) {
    if (block.version !== 6) continue;
    if (block.prefix <= parent.prefix) {
      if (contains(block, parent)) return undefined;
    } else if (contains(parent, block)) {
      inside.push(block);
    }
  }
  return mergeIntervalsV6(inside);
}

/**
 * The minimal set of blocks covering `parent` minus every used block, ascending. Used
 * blocks may overlap each other or stick out of the parent; other-version blocks are ignored.
 */
export function freeSpace(parent: Cidr, used: readonly Cidr[]): Cidr[] {
  const free: Cidr[] = [];
  if (parent.version === 4) {
    const merged = usedWithinV4(parent, used);
    if (merged === undefined) return free;
    let cursor = Number(parent.network);
    for (let i = 0; i < merged.length; i += 2) {
      const start = merged[i] as number;
      if (start > cursor) coverRangeV4(cursor, start - 1, free);
      cursor = (merged[i + 1] as number) + 1;
    }
    const last = Number(parent.network) + (BLOCK_SIZE_V4_NUMBER[parent.prefix] as number) - 1;
    if (cursor <= last) coverRangeV4(cursor, last, free);
  } else {
    const merged = usedWithinV6(parent, used);
    if (merged === undefined) return free;
    let cursor = parent.network;
    for (let i = 0; i < merged.length; i += 2) {
      const start = merged[i] as bigint;
      if (start > cursor) coverRangeV6(cursor, start - 1n, free);
      cursor = (merged[i + 1] as bigint) + 1n;
    }
    const last = parent.network + blockSize(6, parent.prefix) - 1n;
    if (cursor <= last) coverRangeV6(cursor, last, free);
  }
  return free;
}

/**
 * First fit: the lowest block of `prefix` inside `parent`, aligned to its own size, that
 * overlaps no used block; undefined when none is free or `prefix` is shorter than the parent's.
 */
export function nextFreeBlock(parent: Cidr, used: readonly Cidr[], prefix: number): Cidr | undefined {
  checkPrefix(parent.version, prefix, 'nextFreeBlock');
  if (prefix < parent.prefix) return undefined;
  if (parent.version === 4) {
    const merged = usedWithinV4(parent, used);
    if (merged === undefined) return undefined;
    const size = BLOCK_SIZE_V4_NUMBER[prefix] as number;
    const parentEnd = Number(parent.network) + (BLOCK_SIZE_V4_NUMBER[parent.prefix] as number) - 1;
    let gapStart = Number(parent.network);
    for (let i = 0; i <= merged.length; i += 2) {
      const gapEnd = i < merged.length ? (merged[i] as number) - 1 : parentEnd;
      const candidate = Math.ceil(gapStart / size) * size;
      if (candidate + size - 1 <= gapEnd) return { version: 4, network: BigInt(candidate), prefix };
      if (i < merged.length) gapStart = (merged[i + 1] as number) + 1;
    }
    return undefined;
  }
  const merged = usedWithinV6(parent, used);
  if (merged === undefined) return undefined;
  const size = blockSize(6, prefix);
  const parentEnd = parent.network + blockSize(6, parent.prefix) - 1n;
  let gapStart = parent.network;
  for (let i = 0; i <= merged.length; i += 2) {
    const gapEnd = i < merged.length ? (merged[i] as bigint) - 1n : parentEnd;
    const remainder = gapStart % size;
    const candidate = remainder === 0n ? gapStart : gapStart - remainder + size;
    if (candidate + size - 1n <= gapEnd) return { version: 6, network: candidate, prefix };
    if (i < merged.length) gapStart = (merged[i + 1] as bigint) + 1n;
  }
  return undefined;
}

/**
 * freeSpace with the used blocks as text and the free ones as text: the command line's
 * `cidr free`. For an IPv4 parent no block object is made on the way: canonical text is
 * read straight into sort keys, the gaps are covered as numbers and each free block is
 * printed from its numbers (tens of thousands of free blocks are the common answer, and
 * formatting them through bigint would cost more than finding them). Used entries that do
 * not parse are returned by index in `errors` and left out.
 */
export function freeSpaceOfText(parent: Cidr, used: readonly string[]): { free: string[]; errors: Array<{ index: number; error: CidrError }> } {
  const errors: Array<{ index: number; error: CidrError }> = [];
  if (parent.version === 6) {
    const blocks: Cidr[] = [];
    used.forEach((text, index) => {
      const result = parseCidr(text);
      if (result.ok) blocks.push(result.cidr);
      else errors.push({ index, error: result.error });
    });
    return { free: freeSpace(parent, blocks).map(formatCidr), errors };
  }
  const first = Number(parent.network);
  const last = first + (BLOCK_SIZE_V4_NUMBER[parent.prefix] as number) - 1;
  const keys = new Float64Array(used.length);
  let count = 0;
  let covered = false;
  for (let index = 0; index < used.length; index++) {
    const text = used[index] as string;
    let key = typeof text === 'string' ? readCanonicalIpv4Cidr(text) : -1;
    if (key < 0) {
      const result = parseCidr(text);
      if (!result.ok) {
        errors.push({ index, error: result.error });
        continue;
      }
      if (result.cidr.version !== 4) continue;
      key = ipv4SortKey(Number(result.cidr.network), result.cidr.prefix);
    }
    const start = Math.floor(key / 64);
    const end = start + (BLOCK_SIZE_V4_NUMBER[key - start * 64] as number) - 1;
    // Nested or disjoint: a used block holds the parent, lies in it, or misses it.
    if (start <= first && end >= last) covered = true;
    else if (start >= first && end <= last) keys[count++] = key;
  }
  const free: string[] = [];
  if (covered) return { free, errors };
  const merged = mergeSortKeysV4(keys.subarray(0, count));
  let cursor = first;
  for (let i = 0; i < merged.length; i += 2) {
    const start = merged[i] as number;
    if (start > cursor) coverRangeV4Text(cursor, start - 1, free);
    cursor = (merged[i + 1] as number) + 1;
  }
  if (cursor <= last) coverRangeV4Text(cursor, last, free);
  return { free, errors };
}

/** coverRangeV4, straight to text. */
function coverRangeV4Text(first: number, last: number, out: string[]): void {
  while (first <= last) {
    const remaining = last - first + 1;
    let bits = first === 0 ? 32 : 31 - Math.clz32((first & -first) >>> 0);
    const fits = remaining >= 4294967296 ? 32 : 31 - Math.clz32(remaining);
    if (fits < bits) bits = fits;
    out.push(formatIpv4Block(first, 32 - bits));
    first += 2 ** bits;
  }
}
