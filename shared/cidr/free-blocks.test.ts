import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FreeBlocks } from './free-blocks';
import { cidr, formatCidr, freeSpace, nextFreeBlock, type Cidr } from './index';

const POOLS = [cidr('10.0.0.0/22'), cidr('10.0.8.0/23')];

/** A used block somewhere in or around the pools. */
const usedBlock = fc
  .integer({ min: 20, max: 28 })
  .chain((prefix) =>
    fc.integer({ min: 0, max: 2 ** (prefix - 20) - 1 }).map((k): Cidr => ({ version: 4, network: BigInt(10 * 2 ** 24 + k * 2 ** (32 - prefix)), prefix })),
  );

describe('FreeBlocks', () => {
  it('hands out what first fit over the pools would, never the same addresses twice', () => {
    fc.assert(
      fc.property(fc.array(usedBlock, { maxLength: 8 }), fc.array(fc.integer({ min: 22, max: 28 }), { maxLength: 20 }), (used, asks) => {
        const free = new FreeBlocks(POOLS, used);
        const taken: Cidr[] = [];
        for (const prefix of asks) {
          const expected = POOLS.map((pool) => nextFreeBlock(pool, [...used, ...taken], prefix)).find((b) => b !== undefined);
          const count = POOLS.reduce(
            (sum, pool) => sum + freeSpace(pool, [...used, ...taken]).reduce((n, b) => (b.prefix <= prefix ? n + 2 ** (prefix - b.prefix) : n), 0),
            0,
          );
          expect(free.count(prefix)).toBe(count);
          const got = free.take(prefix);
          expect(got && formatCidr(got)).toBe(expected && formatCidr(expected));
          if (got) taken.push(got);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('runs out cleanly', () => {
    const free = new FreeBlocks([cidr('192.168.0.0/23')], [cidr('192.168.0.0/24')]);
    expect(formatCidr(free.take(24)!)).toBe('192.168.1.0/24');
    expect(free.count(24)).toBe(0);
    expect(free.take(24)).toBeUndefined();
    expect(free.take(16)).toBeUndefined();
  });
});
