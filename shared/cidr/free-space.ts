/** What is left of a block once some of it is in use: the free blocks, and the first free block of a size. */
import { blockSize, contains, type Cidr } from './block';
import { BLOCK_SIZE_V4_NUMBER, coverRangeV4, coverRangeV6, mergeIntervalsV4, mergeIntervalsV6 } from './cover';
import { checkPrefix } from './subdivide';

/**
 * The used blocks that matter inside `parent`, or undefined when one of them covers the
 * whole parent. Two CIDR blocks are nested or disjoint, so a used block either lies inside
 * the parent, contains it, or misses it: no partial clipping is needed.
 */
function usedInside(parent: Cidr, used: readonly Cidr[]): Cidr[] | undefined {
  const inside: Cidr[] = [];
  for (const block of used) {
    if (block.version !== parent.version) continue;
    if (block.prefix <= parent.prefix) {
      if (contains(block, parent)) return undefined;
    } else if (contains(parent, block)) {
      inside.push(block);
    }
  }
  return inside;
}

/**
 * The minimal set of blocks covering `parent` minus every used block, ascending. Used
 * blocks may overlap each other or stick out of the parent; other-version blocks are ignored.
 */
export function freeSpace(parent: Cidr, used: readonly Cidr[]): Cidr[] {
  const inside = usedInside(parent, used);
  const free: Cidr[] = [];
  if (inside === undefined) return free;
  if (parent.version === 4) {
    const merged = mergeIntervalsV4(inside);
    let cursor = Number(parent.network);
    for (let i = 0; i < merged.length; i += 2) {
      const start = merged[i] as number;
      if (start > cursor) coverRangeV4(cursor, start - 1, free);
      cursor = (merged[i + 1] as number) + 1;
    }
    const last = Number(parent.network) + (BLOCK_SIZE_V4_NUMBER[parent.prefix] as number) - 1;
    if (cursor <= last) coverRangeV4(cursor, last, free);
  } else {
    const merged = mergeIntervalsV6(inside);
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
  const inside = usedInside(parent, used);
  if (inside === undefined) return undefined;
  if (parent.version === 4) {
    const size = BLOCK_SIZE_V4_NUMBER[prefix] as number;
    const merged = mergeIntervalsV4(inside);
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
  const size = blockSize(6, prefix);
  const merged = mergeIntervalsV6(inside);
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
