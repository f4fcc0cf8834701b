import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidr, formatCidr, type Cidr } from '../cidr';
import { joinBlocks, splitBlock } from './index';

describe('splitBlock and joinBlocks', () => {
  it('splits into the two halves', () => {
    expect(splitBlock(cidr('10.0.0.0/24')).map(formatCidr)).toEqual(['10.0.0.0/25', '10.0.0.128/25']);
    expect(splitBlock(cidr('2001:db8::/56')).map(formatCidr)).toEqual(['2001:db8::/57', '2001:db8:0:80::/57']);
    expect(() => splitBlock(cidr('10.0.0.1/32'))).toThrow(/single address/);
  });

  it('joins siblings in either order, and says why others cannot join', () => {
    const joined = joinBlocks(cidr('10.0.1.0/24'), cidr('10.0.0.0/24'));
    expect(joined.ok && formatCidr(joined.parent)).toBe('10.0.0.0/23');
    const notSiblings = joinBlocks(cidr('10.0.1.0/24'), cidr('10.0.2.0/24'));
    expect(notSiblings.ok).toBe(false);
    expect(!notSiblings.ok && notSiblings.reason).toBe(
      '10.0.1.0/24 and 10.0.2.0/24 are both /24 but not the two halves of one block: 10.0.1.0/24 pairs with 10.0.0.0/24 (making 10.0.0.0/23), and 10.0.2.0/24 with 10.0.3.0/24',
    );
    expect(joinBlocks(cidr('10.0.0.0/24'), cidr('10.0.1.0/25'))).toMatchObject({ ok: false, reason: expect.stringMatching(/different sizes/) });
    expect(joinBlocks(cidr('10.0.0.0/24'), cidr('10.0.0.0/24'))).toMatchObject({ ok: false, reason: expect.stringMatching(/same block twice/) });
    expect(joinBlocks(cidr('0.0.0.0/0'), cidr('0.0.0.0/0'))).toMatchObject({ ok: false });
    expect(joinBlocks(cidr('10.0.0.0/24'), cidr('2001:db8::/32'))).toMatchObject({ ok: false, reason: expect.stringMatching(/one version/) });
  });

  it('joining the halves of a split gives the block back', () => {
    const block = fc.record({ network: fc.integer({ min: 0, max: 2 ** 32 - 1 }), prefix: fc.integer({ min: 0, max: 31 }) }).map(({ network, prefix }): Cidr => {
      const size = 2 ** (32 - prefix);
      return { version: 4, network: BigInt(Math.floor(network / size) * size), prefix };
    });
    fc.assert(
      fc.property(block, (c) => {
        const [left, right] = splitBlock(c);
        const joined = joinBlocks(right, left);
        expect(joined.ok && formatCidr(joined.parent)).toBe(formatCidr(c));
      }),
    );
  });
});
