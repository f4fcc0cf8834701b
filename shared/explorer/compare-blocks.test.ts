import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidr, contains, divide, formatCidr, overlaps, type Cidr } from '../cidr';
import { compareBlocks, type BlockComparison } from './index';

function ok(c: BlockComparison): Extract<BlockComparison, { ok: true }> {
  if (!c.ok) throw new Error(c.reason);
  return c;
}

const roles = (c: { roles: ReadonlyMap<number, string> }) => [...c.roles.entries()].sort(([x], [y]) => x - y).map(([i, r]) => `${i + 1}:${r}`);

describe('compareBlocks', () => {
  it('two identical blocks: the same network, every prefix bit matches', () => {
    const c = ok(compareBlocks(cidr('10.1.0.0/16'), cidr('10.1.0.0/16')));
    expect(c).toMatchObject({ relation: 'identical', overlap: true, matchingBits: 16, verdict: 'They are the same network.' });
    expect(c.explanation).toMatch(/^10\.1\.0\.0\/16 and 10\.1\.0\.0\/16 are the same network: the same 16 prefix bits/);
    expect(c.a.roles.size).toBe(16);
    expect([...c.a.roles.values()].every((r) => r === 'match')).toBe(true);
    expect(roles(c.b)).toEqual(roles(c.a));
  });

  it('a block inside another: the outer prefix bits match, the inner extra bits place it', () => {
    const c = ok(compareBlocks(cidr('10.0.0.0/16'), cidr('10.0.128.0/17')));
    expect(c).toMatchObject({ relation: 'nested', overlap: true, outer: '10.0.0.0/16', inner: '10.0.128.0/17', placeIndex: 1n, placeCount: 2n });
    expect(c.verdict).toBe('10.0.128.0/17 lies inside 10.0.0.0/16.');
    expect(c.explanation).toBe(
      'The first 16 bits of 10.0.128.0/17 are the 16 prefix bits of 10.0.0.0/16, so every address of 10.0.128.0/17 is also in 10.0.0.0/16: they overlap. Then bit 17 (1) picks which of the 2 /17 blocks of 10.0.0.0/16 it is: the 2nd (the upper half).',
    );
    expect(roles(c.b).at(-1)).toBe('17:place');
    expect(c.a.roles.has(16)).toBe(false);
    // Either order: the outer block is found, whichever comes first.
    const flipped = ok(compareBlocks(cidr('10.0.40.0/22'), cidr('10.0.0.0/16')));
    expect(flipped).toMatchObject({ outer: '10.0.0.0/16', inner: '10.0.40.0/22', placeIndex: 10n, placeCount: 64n });
    expect(flipped.explanation).toMatch(/bits 17 to 22 \(001010\) pick which of the 64 \/22 blocks of 10\.0\.0\.0\/16 it is: the 11th\./);
    expect(roles(flipped.a).filter((r) => r.endsWith('place'))).toHaveLength(6);
  });

  it('disjoint blocks: the first differing bit inside both prefixes', () => {
    const c = ok(compareBlocks(cidr('10.0.0.0/24'), cidr('10.0.1.0/24')));
    expect(c).toMatchObject({ relation: 'disjoint', overlap: false, matchingBits: 23, firstDifference: { index: 23, a: 0, b: 1 } });
    expect(c.explanation).toMatch(/Bit 24 is 0 in 10\.0\.0\.0\/24 and 1 in 10\.0\.1\.0\/24/);
    expect(roles(c.a).at(-1)).toBe('24:differ');
  });

  it('IPv6, and the refusal across versions', () => {
    const c = ok(compareBlocks(cidr('2001:db8::/56'), cidr('2001:db8:0:a3::/64')));
    expect(c).toMatchObject({ relation: 'nested', placeIndex: 0xa3n, placeCount: 256n });
    expect(c.explanation).toMatch(/the 164th\./);
    expect(compareBlocks(cidr('10.0.0.0/16'), cidr('2001:db8::/32'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/different versions never overlap/),
    });
  });

  const v4 = fc.record({ network: fc.integer({ min: 0, max: 2 ** 32 - 1 }), prefix: fc.integer({ min: 0, max: 32 }) }).map(({ network, prefix }): Cidr => {
    const size = 2 ** (32 - prefix);
    return { version: 4, network: BigInt(Math.floor(network / size) * size), prefix };
  });

  it('says overlap exactly when the blocks overlap, and names the relation the sets of addresses have', () => {
    fc.assert(
      fc.property(v4, v4, (a, b) => {
        const c = ok(compareBlocks(a, b));
        expect(c.overlap).toBe(overlaps(a, b));
        const same = a.network === b.network && a.prefix === b.prefix;
        expect(c.relation === 'identical').toBe(same);
        expect(c.relation === 'nested').toBe(!same && (contains(a, b) || contains(b, a)));
      }),
    );
  });

  it("places a nested block at its index among the outer block's pieces (brute force on small prefixes)", () => {
    const outer = cidr('10.0.0.0/20');
    for (let prefix = 21; prefix <= 24; prefix++) {
      divide(outer, prefix).forEach((inner, i) => {
        const c = ok(compareBlocks(inner, outer));
        expect(c.placeIndex, formatCidr(inner)).toBe(BigInt(i));
        expect([...c.a.roles.values()].filter((r) => r === 'place')).toHaveLength(prefix - 20);
      });
    }
  });
});
