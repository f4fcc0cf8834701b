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
  constructor(pools: readonly Cidr[], used: readonly Cidr[]) {
    for (const pool of pools) {
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
