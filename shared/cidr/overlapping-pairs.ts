/**
 * Which blocks in a list overlap, in O(N log N + pairs): sort by start, then sweep, keeping
 * the blocks still open at the current start. Every open block overlaps the new one (it
 * started no later and has not ended), so the work per step is the pairs it reports plus
 * the blocks it closes. This is what checks a plan of a hundred thousand subnets, so IPv4
 * runs on doubles in typed arrays; IPv6 uses bigint.
 */
import { blockSize, type Cidr } from './block';
import { BLOCK_SIZE_V4_NUMBER } from './cover';
import type { CidrError } from './errors';
import { readCanonicalIpv4Cidr } from './ipv4-text';
import { parseCidr } from './parse';

/**
 * Sort keys pack start * 2^21 + slot: exact, because an IPv4 start is below 2^32 and
 * 2^32 * 2^21 = 2^53. Lists of 2^21 (2,097,152) or more IPv4 blocks sort by comparator instead.
 */
const SLOT_SCALE = 2 ** 21;

/** IPv4 blocks gathered for the sweep: slot k has end ends[k] and input index ids[k]. */
class Ipv4Blocks {
  readonly ends: Float64Array;
  readonly ids: Int32Array;
  /** Packed sort keys (see SLOT_SCALE), or starts when the list is too long to pack. */
  readonly keys: Float64Array;
  count = 0;

  constructor(capacity: number) {
    this.ends = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  add(start: number, prefix: number, id: number): void {
    const slot = this.count++;
    this.ends[slot] = start + (BLOCK_SIZE_V4_NUMBER[prefix] as number) - 1;
    this.ids[slot] = id;
    this.keys[slot] = this.keys.length < SLOT_SCALE ? start * SLOT_SCALE + slot : start;
  }

  sweep(pairs: number[]): void {
    const { ends, ids, count } = this;
    const active = new Int32Array(count);
    let open = 0;
    const visit = (slot: number, start: number): void => {
      let kept = 0;
      for (let a = 0; a < open; a++) {
        const other = active[a] as number;
        if ((ends[other] as number) >= start) {
          active[kept++] = other;
          const i = ids[other] as number;
          const j = ids[slot] as number;
          if (i < j) pairs.push(i, j);
          else pairs.push(j, i);
        }
      }
      active[kept] = slot;
      open = kept + 1;
    };
    if (this.keys.length < SLOT_SCALE) {
      const keys = this.keys.subarray(0, count).sort();
      for (let k = 0; k < count; k++) {
        const key = keys[k] as number;
        const start = Math.floor(key / SLOT_SCALE);
        visit(key - start * SLOT_SCALE, start);
      }
    } else {
      const starts = this.keys;
      const order = Array.from({ length: count }, (_, k) => k).sort((x, y) => (starts[x] as number) - (starts[y] as number));
      for (const slot of order) visit(slot, starts[slot] as number);
    }
  }
}

/** IPv6 blocks gathered for the sweep, as bigint bounds. */
class Ipv6Blocks {
  readonly starts: bigint[] = [];
  readonly ends: bigint[] = [];
  readonly ids: number[] = [];

  add(block: Cidr, id: number): void {
    this.starts.push(block.network);
    this.ends.push(block.network + blockSize(6, block.prefix) - 1n);
    this.ids.push(id);
  }

  sweep(pairs: number[]): void {
    const { starts, ends, ids } = this;
    const order = Array.from({ length: starts.length }, (_, k) => k);
    order.sort((x, y) => {
      const a = starts[x] as bigint;
      const b = starts[y] as bigint;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const active: number[] = [];
    for (const slot of order) {
      const start = starts[slot] as bigint;
      let kept = 0;
      for (const other of active) {
        if ((ends[other] as bigint) >= start) {
          active[kept++] = other;
          const i = ids[other] as number;
          const j = ids[slot] as number;
          if (i < j) pairs.push(i, j);
          else pairs.push(j, i);
        }
      }
      active.length = kept;
      active.push(slot);
    }
  }
}

/**
 * Pairs [i0, j0, i1, j1, ...] with 0 <= i < j < n, as tuples sorted by i then j. Two stable
 * counting sorts (by j, then by i) make this linear in n + pairs rather than P log P.
 */
function sortedPairs(flat: number[], n: number): Array<[number, number]> {
  const pairCount = flat.length / 2;
  if (pairCount === 0) return [];
  const byJ = countingOrder(flat, 1, n, undefined);
  const byIThenJ = countingOrder(flat, 0, n, byJ);
  const result = new Array<[number, number]>(pairCount);
  for (let k = 0; k < pairCount; k++) {
    const p = (byIThenJ[k] as number) * 2;
    result[k] = [flat[p] as number, flat[p + 1] as number];
  }
  return result;
}

/** Pair numbers sorted stably by flat[2p + field], taking them in `within` order (or 0..P-1). */
function countingOrder(flat: number[], field: 0 | 1, n: number, within: Int32Array | undefined): Int32Array {
  const pairCount = flat.length / 2;
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < pairCount; p++) {
    const bucket = (flat[p * 2 + field] as number) + 1;
    offsets[bucket] = (offsets[bucket] as number) + 1;
  }
  for (let v = 1; v <= n; v++) offsets[v] = (offsets[v] as number) + (offsets[v - 1] as number);
  const order = new Int32Array(pairCount);
  for (let k = 0; k < pairCount; k++) {
    const p = within === undefined ? k : (within[k] as number);
    const value = flat[p * 2 + field] as number;
    const at = offsets[value] as number;
    order[at] = p;
    offsets[value] = at + 1;
  }
  return order;
}

/** Below this many blocks, comparing every pair is cheaper than setting up the sweep (a VPC's subnets, checked per VPC). */
const SMALL_LIST = 24;

/** Every pair of a short list, i then j ascending: the same answer as the sweep (bounds compared, no bigint maths per pair). */
function smallListPairs(blocks: readonly Cidr[]): Array<[number, number]> {
  const n = blocks.length;
  const starts4 = new Array<number>(n);
  const ends4 = new Array<number>(n);
  const starts6 = new Array<bigint>(n);
  const ends6 = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    const block = blocks[i] as Cidr;
    if (block.version === 4) {
      const start = Number(block.network);
      starts4[i] = start;
      ends4[i] = start + (BLOCK_SIZE_V4_NUMBER[block.prefix] as number) - 1;
    } else {
      starts6[i] = block.network;
      ends6[i] = block.network + blockSize(6, block.prefix) - 1n;
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const version = (blocks[i] as Cidr).version;
    for (let j = i + 1; j < n; j++) {
      if ((blocks[j] as Cidr).version !== version) continue;
      const hit =
        version === 4
          ? (starts4[i] as number) <= (ends4[j] as number) && (starts4[j] as number) <= (ends4[i] as number)
          : (starts6[i] as bigint) <= (ends6[j] as bigint) && (starts6[j] as bigint) <= (ends6[i] as bigint);
      if (hit) pairs.push([i, j]);
    }
  }
  return pairs;
}

export function findOverlappingPairs(blocks: readonly Cidr[]): Array<[number, number]> {
  if (blocks.length <= SMALL_LIST) return smallListPairs(blocks);
  const v4 = new Ipv4Blocks(blocks.length);
  const v6 = new Ipv6Blocks();
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Cidr;
    if (block.version === 4) v4.add(Number(block.network), block.prefix, i);
    else v6.add(block, i);
  }
  const pairs: number[] = [];
  v4.sweep(pairs);
  v6.sweep(pairs);
  return sortedPairs(pairs, blocks.length);
}

/**
 * Parse and find overlaps in one pass: the overlap check of a whole plan. Indexes refer
 * to `inputs`; an input that does not parse is reported in `errors` and takes no part.
 */
export function findOverlappingPairsInText(inputs: readonly string[]): {
  pairs: Array<[number, number]>;
  errors: Array<{ index: number; error: CidrError }>;
} {
  const v4 = new Ipv4Blocks(inputs.length);
  const v6 = new Ipv6Blocks();
  const errors: Array<{ index: number; error: CidrError }> = [];
  for (let i = 0; i < inputs.length; i++) {
    const text = inputs[i];
    const packed = typeof text === 'string' ? readCanonicalIpv4Cidr(text) : -1;
    if (packed >= 0) {
      const start = Math.floor(packed / 64);
      v4.add(start, packed - start * 64, i);
      continue;
    }
    const result = parseCidr(text as string);
    if (!result.ok) errors.push({ index: i, error: result.error });
    else if (result.cidr.version === 4) v4.add(Number(result.cidr.network), result.cidr.prefix, i);
    else v6.add(result.cidr, i);
  }
  const pairs: number[] = [];
  v4.sweep(pairs);
  v6.sweep(pairs);
  return { pairs: sortedPairs(pairs, inputs.length), errors };
}
