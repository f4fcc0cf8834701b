/** What is left of a block once some of it is in use: the free blocks, and the first free block of a size. */
import { blockSize, contains, type Cidr } from './block';
import { BLOCK_SIZE_V4_NUMBER, coverRangeV4, coverRangeV6, ipv4SortKey, mergeIntervalsV6, mergeSortKeysV4 } from './cover';
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
