import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidr, formatCidr, freeSpace, freeSpaceOfText, parseCidr, type Cidr } from './index';

/** Texts for used blocks around 10.0.0.0/20: canonical, non-canonical, other-version and broken. */
const usedText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .integer({ min: 18, max: 32 })
      .chain((prefix) =>
        fc
          .integer({ min: 0, max: 2 ** Math.min(prefix - 18, 14) - 1 })
          .map((k) => formatCidr({ version: 4, network: BigInt(10 * 2 ** 24 + k * 2 ** (32 - prefix)), prefix })),
      ),
  },
  { weight: 1, arbitrary: fc.constantFrom(' 10.0.1.0/24', '10.0.0.0/08', '2001:db8::/32', '10.0.0.1/24', 'nonsense', '', '0.0.0.0/0', '10.0.0.0/8') },
);

describe('freeSpaceOfText', () => {
  it('gives freeSpace formatted, and the entries that do not parse by index', () => {
    fc.assert(
      fc.property(fc.constantFrom('10.0.0.0/20', '10.0.4.0/22', '0.0.0.0/0', '2001:db8::/64'), fc.array(usedText, { maxLength: 30 }), (parentText, texts) => {
        const parent = cidr(parentText);
        const results = texts.map((t) => parseCidr(t));
        const valid = results.flatMap((r) => (r.ok ? [r.cidr] : [])) as Cidr[];
        const { free, errors } = freeSpaceOfText(parent, texts);
        expect(free).toEqual(freeSpace(parent, valid).map(formatCidr));
        expect(errors).toEqual(results.flatMap((r, index) => (r.ok ? [] : [{ index, error: r.error }])));
      }),
      { numRuns: 1000 },
    );
  });
});
