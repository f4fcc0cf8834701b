/**
 * Overlap among many blocks, in the size of the answer rather than the number of pairs.
 *
 * Equal blocks form one group: a thousand VPCs on 172.31.0.0/16 are one group of a
 * thousand, not 499,500 pairs. Two CIDR blocks are either nested or disjoint, so the
 * distinct blocks form a forest in which each block's parent is the smallest other block
 * holding it. Two inputs overlap exactly when they are in the same group or one's group is
 * an ancestor of the other's; pairs are therefore counted from group sizes, and listed
 * only when asked, one at a time, in order.
 *
 * Groups are sorted by version, then start, then size (largest first). In that order a
 * block's descendants follow it contiguously, which is what makes subtrees ranges.
 */
import { blockSize, type Cidr } from './block';
import { BLOCK_SIZE_V4_NUMBER } from './cover';
import type { CidrError } from './errors';
import { readCanonicalIpv4Cidr } from './ipv4-text';
import { parseCidr } from './parse';

export interface BlockForest {
  /** The distinct blocks, sorted (see above). */
  blocks: Cidr[];
  /** Index of the smallest other block containing blocks[g], or -1. */
  parent: Int32Array;
  /** blocks[g]'s descendants are blocks[g + 1] .. blocks[subtreeEnd[g] - 1]. */
  subtreeEnd: Int32Array;
  /** The inputs in group g are memberIndex[memberStart[g]] .. memberIndex[memberStart[g + 1] - 1], ascending. */
  memberStart: Int32Array;
  memberIndex: Int32Array;
  /** Input index -> its group. */
  groupOf: Int32Array;
}

/** The input indexes of group g, ascending (a view: do not modify). */
export function membersOf(forest: BlockForest, group: number): Int32Array {
  return forest.memberIndex.subarray(forest.memberStart[group], forest.memberStart[group + 1]);
}

/** The groups from the parsed blocks. */
export function blockForest(blocks: readonly Cidr[]): BlockForest {
  const v4 = new Ipv4Keys(blocks.length);
  const v6: Array<{ block: Cidr; index: number }> = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Cidr;
    if (block.version === 4) v4.add(Number(block.network) * 64 + block.prefix, i);
    else v6.push({ block, index: i });
  }
  return build(blocks.length, v4, v6);
}

/**
 * Parse and group in one pass: the command line's 100,000 lines. Canonical IPv4 text takes
 * a fast path with no objects; anything else goes through parseCidr. Indexes refer to
 * `inputs`; an input that does not parse is in `errors` and in no group (groupOf is -1).
 */
export function blockForestFromText(inputs: readonly string[]): { forest: BlockForest; errors: Array<{ index: number; error: CidrError }> } {
  const v4 = new Ipv4Keys(inputs.length);
  const v6: Array<{ block: Cidr; index: number }> = [];
  const errors: Array<{ index: number; error: CidrError }> = [];
  for (let i = 0; i < inputs.length; i++) {
    const text = inputs[i] as string;
    const packed = typeof text === 'string' ? readCanonicalIpv4Cidr(text) : -1;
    if (packed >= 0) {
      v4.add(packed, i);
      continue;
    }
    const result = parseCidr(text);
    if (!result.ok) errors.push({ index: i, error: result.error });
    else if (result.cidr.version === 4) v4.add(Number(result.cidr.network) * 64 + result.cidr.prefix, i);
    else v6.push({ block: result.cidr, index: i });
  }
  return { forest: build(inputs.length, v4, v6), errors };
}

/** IPv4 inputs as start * 64 + prefix (exact below 2^38) with their input indexes. */
class Ipv4Keys {
  readonly keys: Float64Array;
  readonly ids: Int32Array;
  count = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }
  add(key: number, index: number): void {
    this.keys[this.count] = key;
    this.ids[this.count++] = index;
  }
}

function build(inputCount: number, v4: Ipv4Keys, v6: Array<{ block: Cidr; index: number }>): BlockForest {
  // Distinct IPv4 keys: sort a copy (a typed-array sort, no comparator), then drop repeats.
  const sorted = v4.keys.slice(0, v4.count).sort();
  let distinct4 = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[distinct4++] = sorted[k] as number;
  const keys4 = sorted.subarray(0, distinct4);

  const v6Sorted = v6
    .slice()
    .sort((a, b) => (a.block.network < b.block.network ? -1 : a.block.network > b.block.network ? 1 : a.block.prefix - b.block.prefix));
  const blocks: Cidr[] = new Array<Cidr>(distinct4);
  for (let g = 0; g < distinct4; g++) {
    const key = keys4[g] as number;
    const start = Math.floor(key / 64);
    blocks[g] = { version: 4, network: BigInt(start), prefix: key - start * 64 };
  }
  const groupOf = new Int32Array(inputCount).fill(-1);
  for (let k = 0; k < v4.count; k++) groupOf[v4.ids[k] as number] = binarySearch(keys4, v4.keys[k] as number);
  for (let k = 0; k < v6Sorted.length; k++) {
    const { block, index } = v6Sorted[k]!;
    const last = blocks[blocks.length - 1];
    if (blocks.length === distinct4 || last!.network !== block.network || last!.prefix !== block.prefix) blocks.push(block);
    groupOf[index] = blocks.length - 1;
  }

  const groupCount = blocks.length;
  // Members by group, ascending input index: a counting sort over groupOf.
  const memberStart = new Int32Array(groupCount + 1);
  for (let i = 0; i < inputCount; i++) {
    const g = groupOf[i] as number;
    if (g >= 0) memberStart[g + 1] = (memberStart[g + 1] as number) + 1;
  }
  for (let g = 0; g < groupCount; g++) memberStart[g + 1] = (memberStart[g + 1] as number) + (memberStart[g] as number);
  const fill = memberStart.slice(0, groupCount);
  const memberIndex = new Int32Array(memberStart[groupCount] as number);
  for (let i = 0; i < inputCount; i++) {
    const g = groupOf[i] as number;
    if (g < 0) continue;
    const at = fill[g] as number;
    memberIndex[at] = i;
    fill[g] = at + 1;
  }

  // Parents by a stack sweep: the stack holds the blocks still open at the current start;
  // the top one that has not ended holds the current block (nested or disjoint).
  const parent = new Int32Array(groupCount).fill(-1);
  const subtreeEnd = new Int32Array(groupCount);
  const stack: number[] = [];
  const endOf = (g: number): bigint => blocks[g]!.network + blockSize(blocks[g]!.version, blocks[g]!.prefix) - 1n;
  const ends4 = new Float64Array(distinct4);
  for (let g = 0; g < distinct4; g++) ends4[g] = Number(blocks[g]!.network) + (BLOCK_SIZE_V4_NUMBER[blocks[g]!.prefix] as number) - 1;
  for (let g = 0; g < groupCount; g++) {
    const block = blocks[g]!;
    if (g === distinct4) closeAll(stack, subtreeEnd, g); // IPv6 starts a new forest
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const open = block.version === 4 ? (ends4[top] as number) >= Number(block.network) : endOf(top) >= block.network;
      if (open) break;
      subtreeEnd[stack.pop()!] = g;
    }
    if (stack.length > 0) parent[g] = stack[stack.length - 1]!;
    stack.push(g);
  }
  closeAll(stack, subtreeEnd, groupCount);
  return { blocks, parent, subtreeEnd, memberStart, memberIndex, groupOf };
}

function closeAll(stack: number[], subtreeEnd: Int32Array, at: number): void {
  while (stack.length > 0) subtreeEnd[stack.pop()!] = at;
}

function binarySearch(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface OverlapCount {
  /** Every overlapping pair of inputs. */
  pairs: number;
  /** Of those, pairs of equal blocks. */
  identical: number;
}

/** How many pairs of inputs overlap, from group sizes alone: no pair is visited. */
export function countOverlappingPairs(forest: BlockForest): OverlapCount {
  const { parent, memberStart } = forest;
  const groups = forest.blocks.length;
  // above[g]: how many inputs lie in g's strict ancestors; parents come before children.
  const above = new Float64Array(groups);
  let identical = 0;
  let nested = 0;
  for (let g = 0; g < groups; g++) {
    const size = (memberStart[g + 1] as number) - (memberStart[g] as number);
    const p = parent[g] as number;
    if (p >= 0) above[g] = (above[p] as number) + (memberStart[p + 1] as number) - (memberStart[p] as number);
    identical += (size * (size - 1)) / 2;
    nested += size * (above[g] as number);
  }
  return { pairs: identical + nested, identical };
}

/**
 * The overlapping pairs [i, j], i < j, in ascending order of i then j, one at a time: a
 * listing can stop after any pair (--limit, a closed pipe) having done work only for the
 * pairs it took. With `skipIdentical`, pairs of equal blocks are left out (they are
 * reported as groups).
 */
export class OverlappingPairs {
  i = -1;
  j = -1;
  private readonly lists: Int32Array[] = [];
  private readonly heads: number[] = [];
  private readonly descendants = new Map<number, Int32Array>();

  constructor(
    private readonly forest: BlockForest,
    private readonly skipIdentical = false,
  ) {}

  /** Moves to the next pair (read it from i and j); false when there is none. */
  next(): boolean {
    for (;;) {
      // The smallest head among the lists of inputs overlapping i.
      let best = -1;
      let bestValue = Number.MAX_SAFE_INTEGER;
      for (let k = 0; k < this.lists.length; k++) {
        const list = this.lists[k]!;
        const head = this.heads[k]!;
        if (head < list.length && (list[head] as number) < bestValue) {
          bestValue = list[head] as number;
          best = k;
        }
      }
      if (best >= 0) {
        this.heads[best]!++;
        this.j = bestValue;
        return true;
      }
      if (!this.advance()) return false;
    }
  }

  /** Moves i to the next input and gathers the sorted lists of later inputs that overlap it. */
  private advance(): boolean {
    const { groupOf, parent } = this.forest;
    this.lists.length = 0;
    this.heads.length = 0;
    for (;;) {
      this.i++;
      if (this.i >= groupOf.length) return false;
      const g = groupOf[this.i] as number;
      if (g < 0) continue;
      const after = this.i + 1;
      if (!this.skipIdentical) this.take(membersOf(this.forest, g), after);
      for (let a = parent[g] as number; a >= 0; a = parent[a] as number) this.take(membersOf(this.forest, a), after);
      if ((this.forest.subtreeEnd[g] as number) > g + 1) this.take(this.descendantsOf(g), after);
      if (this.lists.length > 0) return true;
    }
  }

  private take(list: Int32Array, from: number): void {
    // First position holding an index >= from.
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((list[mid] as number) < from) low = mid + 1;
      else high = mid;
    }
    if (low < list.length) {
      this.lists.push(list);
      this.heads.push(low);
    }
  }

  /** Every input in g's strict descendants, ascending; built once per group that has any. */
  private descendantsOf(g: number): Int32Array {
    let list = this.descendants.get(g);
    if (!list) {
      const { memberStart, memberIndex, subtreeEnd } = this.forest;
      list = memberIndex.slice(memberStart[g + 1], memberStart[subtreeEnd[g] as number]).sort();
      this.descendants.set(g, list);
    }
    return list;
  }
}
