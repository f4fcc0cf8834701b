import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockForest,
  blockForestFromText,
  cidr,
  compareCidrs,
  contains,
  countOverlappingPairs,
  findOverlappingPairs,
  formatCidr,
  membersOf,
  OverlappingPairs,
  type Cidr,
} from './index';

/** Blocks drawn from a small pool with repeats, both versions, nested and disjoint. */
const POOL = [
  '10.0.0.0/8',
  '10.0.0.0/16',
  '10.0.0.0/24',
  '10.0.1.0/24',
  '10.0.0.128/25',
  '10.1.0.0/16',
  '10.0.0.5/32',
  '11.0.0.0/8',
  '0.0.0.0/0',
  '2001:db8::/32',
  '2001:db8::/48',
  '2001:db8:1::/48',
  '2001:db8::/64',
  '::/0',
].map((t) => cidr(t));
const lists = fc.array(fc.constantFrom(...POOL), { maxLength: 40 });

function allPairs(forest: ReturnType<typeof blockForest>, skipIdentical = false): Array<[number, number]> {
  const cursor = new OverlappingPairs(forest, skipIdentical);
  const out: Array<[number, number]> = [];
  while (cursor.next()) out.push([cursor.i, cursor.j]);
  return out;
}

describe('blockForest', () => {
  it('groups equal blocks, sorted, each with its smallest container as parent', () => {
    fc.assert(
      fc.property(lists, (list) => {
        const forest = blockForest(list);
        const distinct = [...new Map(list.map((b) => [formatCidr(b), b])).values()].sort(compareCidrs);
        expect(forest.blocks.map(formatCidr)).toEqual(distinct.map(formatCidr));
        forest.blocks.forEach((block, g) => {
          expect([...membersOf(forest, g)]).toEqual(list.flatMap((b, i) => (formatCidr(b) === formatCidr(block) ? [i] : [])));
          const containers = forest.blocks.filter((other, o) => o !== g && contains(other, block));
          const smallest = containers.sort((a, b) => b.prefix - a.prefix)[0];
          expect(forest.parent[g] === -1 ? undefined : formatCidr(forest.blocks[forest.parent[g]!]!)).toEqual(smallest && formatCidr(smallest));
          // The subtree is the contiguous run of blocks it contains.
          const inside = forest.blocks.flatMap((other, o) => (o !== g && contains(block, other) ? [o] : []));
          expect(inside).toEqual(Array.from({ length: forest.subtreeEnd[g]! - g - 1 }, (_, k) => g + 1 + k));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('lists exactly the overlapping pairs, in order, and counts them without listing', () => {
    fc.assert(
      fc.property(lists, (list) => {
        const forest = blockForest(list);
        const expected = findOverlappingPairs(list);
        expect(allPairs(forest)).toEqual(expected);
        const equal = expected.filter(([i, j]) => formatCidr(list[i]!) === formatCidr(list[j]!));
        expect(allPairs(forest, true)).toEqual(expected.filter((p) => !equal.includes(p)));
        expect(countOverlappingPairs(forest)).toEqual({ pairs: expected.length, identical: equal.length });
      }),
      { numRuns: 500 },
    );
  });

  it('reads text like parseCidr, reporting bad entries by index and grouping the rest', () => {
    const texts = ['10.0.0.0/8', 'nonsense', '10.0.0.0/8', '2001:DB8::/32', '10.0.0.1/8', '10.0.0.0/16'];
    const { forest, errors } = blockForestFromText(texts);
    expect(errors.map((e) => [e.index, e.error.code])).toEqual([
      [1, 'bad-address'],
      [4, 'host-bits-set'],
    ]);
    expect(forest.blocks.map(formatCidr)).toEqual(['10.0.0.0/8', '10.0.0.0/16', '2001:db8::/32']);
    expect([...forest.groupOf]).toEqual([0, -1, 0, 2, -1, 1]);
    expect(allPairs(forest)).toEqual([
      [0, 2],
      [0, 5],
      [2, 5],
    ]);
  });

  it('counts the pairs of 100,000 equal blocks without visiting them, and a listing can stop early', () => {
    const texts = new Array<string>(100_000).fill('10.0.0.0/8');
    texts.push('10.1.0.0/16');
    const { forest } = blockForestFromText(texts);
    expect(countOverlappingPairs(forest)).toEqual({ pairs: (100_000 * 99_999) / 2 + 100_000, identical: (100_000 * 99_999) / 2 });
    const cursor = new OverlappingPairs(forest);
    const first: number[][] = [];
    while (first.length < 3 && cursor.next()) first.push([cursor.i, cursor.j]);
    expect(first).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    const nested = new OverlappingPairs(forest, true);
    expect(nested.next() && [nested.i, nested.j]).toEqual([0, 100_000]);
  });

  it('keeps IPv4 and IPv6 apart even where the numbers coincide', () => {
    // ::a00:0/104 is 10.0.0.0/8's number range inside IPv6's ::/96.
    const list: Cidr[] = [cidr('0.0.0.0/0'), cidr('::/96'), cidr('::a00:0/104'), cidr('10.0.0.0/8')];
    expect(allPairs(blockForest(list))).toEqual([
      [0, 3],
      [1, 2],
    ]);
  });
});
