import fc from 'fast-check';
import IPCIDR from 'ip-cidr';
import { describe, expect, it } from 'vitest';
import {
  addressCount,
  cidr,
  compareCidrs,
  contains,
  divide,
  divisionCount,
  equalCidrs,
  firstAddress,
  formatCidr,
  lastAddress,
  maxPrefix,
  overlaps,
  parentOf,
  siblingOf,
  type Cidr,
} from './index';

const v4Block = fc
  .tuple(fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), fc.integer({ min: 0, max: 32 }))
  .map(([v, p]): Cidr => ({ version: 4, network: v - (v % 2n ** BigInt(32 - p)), prefix: p }));
const v6Block = fc
  .tuple(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), fc.integer({ min: 0, max: 128 }))
  .map(([v, p]): Cidr => ({ version: 6, network: v - (v % 2n ** BigInt(128 - p)), prefix: p }));

describe('first, last and size, cross-checked with ip-cidr', () => {
  it.each([
    ['IPv4', v4Block],
    ['IPv6', v6Block],
  ] as const)('%s', (_, blocks) => {
    fc.assert(
      fc.property(blocks, (c) => {
        const reference = new IPCIDR(formatCidr(c));
        expect(firstAddress(c)).toBe(reference.start<bigint>({ type: 'bigInteger' }));
        expect(lastAddress(c)).toBe(reference.end<bigint>({ type: 'bigInteger' }));
        expect(addressCount(c)).toBe(reference.size);
      }),
      { numRuns: 1000 },
    );
  });

  it('known values', () => {
    expect(addressCount(cidr('10.0.0.0/8'))).toBe(16_777_216n);
    expect(lastAddress(cidr('10.0.0.0/8'))).toBe(0x0affffffn);
    expect(addressCount(cidr('::/0'))).toBe(2n ** 128n);
    expect(maxPrefix(4)).toBe(32);
    expect(maxPrefix(6)).toBe(128);
  });
});

describe('comparing blocks', () => {
  it('never across versions, even for the same number', () => {
    const v4 = cidr('0.0.0.0/0');
    const v6 = cidr('::/96');
    expect(contains(v4, v6)).toBe(false);
    expect(contains(v6, v4)).toBe(false);
    expect(overlaps(v4, v6)).toBe(false);
    expect(equalCidrs(cidr('0.0.0.0/32'), cidr('::/32'))).toBe(false);
  });

  it('contains is one-way; overlaps is symmetric', () => {
    expect(contains(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true);
    expect(contains(cidr('10.1.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
    expect(overlaps(cidr('10.1.0.0/16'), cidr('10.0.0.0/8'))).toBe(true);
    expect(overlaps(cidr('10.1.0.0/16'), cidr('10.2.0.0/16'))).toBe(false);
    expect(contains(cidr('10.0.0.0/8'), cidr('10.0.0.0/8'))).toBe(true);
  });

  it('sorts IPv4 first, then by network, then the bigger block first', () => {
    const texts = ['2001:db8::/32', '10.0.0.0/16', '::/0', '10.0.0.0/8', '9.0.0.0/8', '10.0.0.0/24', '2001:db8::/48'];
    const sorted = texts
      .map((t) => cidr(t))
      .sort(compareCidrs)
      .map(formatCidr);
    expect(sorted).toEqual(['9.0.0.0/8', '10.0.0.0/8', '10.0.0.0/16', '10.0.0.0/24', '::/0', '2001:db8::/32', '2001:db8::/48']);
    expect(compareCidrs(cidr('10.0.0.0/8'), cidr('10.0.0.0/8'))).toBe(0);
  });
});

describe('parent, sibling and division', () => {
  it('parent and sibling', () => {
    expect(formatCidr(parentOf(cidr('10.0.1.0/24'))!)).toBe('10.0.0.0/23');
    expect(formatCidr(siblingOf(cidr('10.0.1.0/24'))!)).toBe('10.0.0.0/24');
    expect(formatCidr(siblingOf(cidr('10.0.0.0/24'))!)).toBe('10.0.1.0/24');
    expect(formatCidr(siblingOf(cidr('2001:db8::/33'))!)).toBe('2001:db8:8000::/33');
    expect(parentOf(cidr('0.0.0.0/0'))).toBeUndefined();
    expect(siblingOf(cidr('::/0'))).toBeUndefined();
  });

  it('a block and its sibling are the two halves of the parent', () => {
    fc.assert(
      fc.property(
        fc.oneof(v4Block, v6Block).filter((c) => c.prefix > 0),
        (c) => {
          const parent = parentOf(c)!;
          const sibling = siblingOf(c)!;
          expect(contains(parent, c) && contains(parent, sibling)).toBe(true);
          expect(overlaps(c, sibling)).toBe(false);
          expect(divide(parent, c.prefix).map(formatCidr).sort()).toEqual([formatCidr(c), formatCidr(sibling)].sort());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('divide lists the sub-blocks in order', () => {
    expect(divide(cidr('10.0.0.0/24'), 26).map(formatCidr)).toEqual(['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26', '10.0.0.192/26']);
    expect(divide(cidr('2001:db8::/56'), 64)).toHaveLength(256);
    expect(divide(cidr('10.0.0.0/8'), 24)).toHaveLength(65_536);
    expect(divide(cidr('10.0.0.0/24'), 24).map(formatCidr)).toEqual(['10.0.0.0/24']);
  });

  it('divide refuses what it cannot do, with a clear RangeError', () => {
    expect(() => divide(cidr('10.0.0.0/24'), 16)).toThrow(/\/16 is bigger than 10\.0\.0\.0\/24/);
    expect(() => divide(cidr('10.0.0.0/24'), 33)).toThrow(RangeError);
    expect(() => divide(cidr('10.0.0.0/24'), 25.5)).toThrow(RangeError);
    expect(() => divide(cidr('10.0.0.0/8'), 25)).toThrow(/131,072 blocks of \/25, more than the limit of 65,536/);
    expect(() => divide(cidr('2001:db8::/32'), 64)).toThrow(RangeError);
    expect(divide(cidr('10.0.0.0/8'), 25, 200_000)).toHaveLength(131_072);
    expect(() => divide(cidr('10.0.0.0/24'), 28, 8)).toThrow(/limit of 8/);
  });

  it('divisionCount', () => {
    expect(divisionCount(cidr('10.0.0.0/16'), 24)).toBe(256n);
    expect(divisionCount(cidr('2001:db8::/32'), 64)).toBe(2n ** 32n);
    expect(divisionCount(cidr('10.0.0.0/24'), 16)).toBe(0n);
    expect(() => divisionCount(cidr('10.0.0.0/24'), 40)).toThrow(RangeError);
  });
});
