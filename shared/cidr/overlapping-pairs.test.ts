import { describe, expect, it } from 'vitest';
import { findOverlappingPairsInText } from './index';

function ipv4(value: number, prefix: number): string {
  return `${Math.floor(value / 16777216)}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}/${prefix}`;
}

describe('findOverlappingPairsInText on very long lists', () => {
  // From 2^21 IPv4 blocks the packed sort keys would lose precision, so the sweep sorts
  // by comparator instead; this is the only test long enough to reach that path.
  it('past 2^21 blocks, still exact (given in reverse, so the order comes from the sort)', () => {
    const count = 2 ** 21 + 3;
    const texts = new Array<string>(count);
    let k = 0;
    // Every other /30 of 10.0.0.0/10, back to front: disjoint, and in reverse address order.
    for (let i = count - 4; i >= 0; i--) texts[k++] = ipv4(10 * 2 ** 24 + i * 8, 30);
    texts[k++] = '10.0.0.0/28'; // holds the first two /30s, which sit at the end of the list
    texts[k++] = ipv4(10 * 2 ** 24 + (count - 4) * 8, 32); // inside the last /30, the first entry
    texts[k++] = '2001:db8::/32';
    const { pairs, errors } = findOverlappingPairsInText(texts);
    expect(errors).toEqual([]);
    expect(pairs).toEqual([
      [0, count - 2],
      [count - 5, count - 3],
      [count - 4, count - 3],
    ]);
  }, 120_000);
});
