/**
 * Free IPv4 blocks handed out one after another from a single free-space computation.
 * The overlap check suggests a new block for each clashing VPC; taking each suggestion
 * from here makes every suggestion free across the plan and different from the others,
 * so following them all leaves no overlap, and a thousand suggestions cost one pass over
 * the plan's blocks rather than a thousand.
 */
import type { Cidr } from './block';
import { BLOCK_SIZE_V4_NUMBER } from './cover';
import { freeSpace } from './free-space';

export class FreeBlocks {
  /** The free blocks, ascending: starts[k] / prefixes[k]. */
  private readonly starts: number[] = [];
  private readonly prefixes: number[] = [];
  /** firstFit[p]: no block before this position is as large as a /p (only ever moves forward, bar shifts). */
  private readonly firstFit = new Array<number>(33).fill(0);

  /** @param pools disjoint IPv4 blocks in ascending order, to hand out from; @param used blocks already taken (other versions ignored). */
  /** Where each pool starts and ends (its last address + 1), in the order given. */
  private readonly poolStarts: number[] = [];
  private readonly poolEnds: number[] = [];

  constructor(pools: readonly Cidr[], used: readonly Cidr[]) {
    for (const pool of pools) {
      this.poolStarts.push(Number(pool.network));
      this.poolEnds.push(Number(pool.network) + (BLOCK_SIZE_V4_NUMBER[pool.prefix] as number));
      for (const free of freeSpace(pool, used)) {
        this.starts.push(Number(free.network));
        this.prefixes.push(free.prefix);
      }
    }
  }

  /** The lowest free /prefix, now taken; undefined when none is left. */
  take(prefix: number): Cidr | undefined {
    const { starts, prefixes } = this;
    let k = this.firstFit[prefix] as number;
    while (k < prefixes.length && (prefixes[k] as number) > prefix) k++;
    this.firstFit[prefix] = k;
    if (k >= prefixes.length) return undefined;
    const start = starts[k] as number;
    const held = prefixes[k] as number;
    // The rest of the free block after its first /prefix: one block of each size from /prefix up to /(held + 1), ascending.
    const restStarts: number[] = [];
    const restPrefixes: number[] = [];
    for (let q = prefix; q > held; q--) {
      restStarts.push(start + (BLOCK_SIZE_V4_NUMBER[q] as number));
      restPrefixes.push(q);
    }
    starts.splice(k, 1, ...restStarts);
    prefixes.splice(k, 1, ...restPrefixes);
    const shift = restStarts.length - 1;
    if (shift !== 0) for (let p = 0; p <= 32; p++) if ((this.firstFit[p] as number) > k) this.firstFit[p] = (this.firstFit[p] as number) + shift;
    return { version: 4, network: BigInt(start), prefix };
  }

  /**
   * The lowest free /prefix that `accept` takes, now taken. The pools are searched in
   * `poolOrder` (positions in the pools given to the constructor; by default as given), each
   * in ascending order, and at most `tries` refused candidates per pool before the next is
   * tried. Refused candidates stay free. With no `accept` and the default order, this is `take`.
   */
  takeWhere(prefix: number, accept: (candidate: Cidr) => boolean, tries: number, poolOrder?: readonly number[]): Cidr | undefined {
    const { starts, prefixes } = this;
    let first = this.firstFit[prefix] as number;
    while (first < prefixes.length && (prefixes[first] as number) > prefix) first++;
    this.firstFit[prefix] = first;
    const size = BLOCK_SIZE_V4_NUMBER[prefix] as number;
    const order = poolOrder ?? this.poolEnds.map((_, p) => p);
    for (const pool of order) {
      let refused = 0;
      for (let k = first; k < prefixes.length && refused < tries; k++) {
        const held = prefixes[k] as number;
        if (held > prefix) continue;
        const start = starts[k] as number;
        const here = this.poolOf(start);
        if (here < pool) continue;
        if (here > pool) break;
        const end = start + (BLOCK_SIZE_V4_NUMBER[held] as number);
        for (let at = start; at < end && refused < tries; at += size) {
          const candidate: Cidr = { version: 4, network: BigInt(at), prefix };
          if (!accept(candidate)) {
            refused++;
            continue;
          }
          this.remove(k, at, prefix);
          return candidate;
        }
      }
    }
    return undefined;
  }

  /** The position of the pool holding `block` (undefined when none does). */
  poolHolding(block: Cidr): number | undefined {
    if (block.version !== 4) return undefined;
    const start = Number(block.network);
    const end = start + (BLOCK_SIZE_V4_NUMBER[block.prefix] as number);
    const p = this.poolOf(start);
    if (p >= this.poolEnds.length || end > (this.poolEnds[p] as number) || start < (this.poolStarts[p] as number)) return undefined;
    return p;
  }

  /** The pool (by position) holding the address `start`. */
  private poolOf(start: number): number {
    for (let p = 0; p < this.poolEnds.length; p++) if (start < (this.poolEnds[p] as number)) return p;
    return this.poolEnds.length;
  }

  /** Takes the /prefix at `at` out of the free block k: what is left of it, ascending, replaces it. */
  private remove(k: number, at: number, prefix: number): void {
    const { starts, prefixes } = this;
    const start = starts[k] as number;
    const held = prefixes[k] as number;
    // The siblings along the path from the free block down to the block taken.
    const rest: Array<[number, number]> = [];
    for (let q = held + 1; q <= prefix; q++) {
      const sizeQ = BLOCK_SIZE_V4_NUMBER[q] as number;
      const within = Math.floor((at - start) / sizeQ) * sizeQ + start;
      const sibling = Math.floor((within - start) / sizeQ) % 2 === 0 ? within + sizeQ : within - sizeQ;
      rest.push([sibling, q]);
    }
    rest.sort((x, y) => x[0] - y[0]);
    starts.splice(k, 1, ...rest.map((r) => r[0]));
    prefixes.splice(k, 1, ...rest.map((r) => r[1]));
    const shift = rest.length - 1;
    if (shift !== 0) for (let p = 0; p <= 32; p++) if ((this.firstFit[p] as number) > k) this.firstFit[p] = (this.firstFit[p] as number) + shift;
  }

  /** How many more /prefix blocks could be taken. */
  count(prefix: number): number {
    let total = 0;
    for (let k = 0; k < this.prefixes.length; k++) {
      const held = this.prefixes[k] as number;
      if (held <= prefix) total += 2 ** (prefix - held);
    }
    return total;
  }
}
