/**
 * Property tests of the set operations against brute force: every block is drawn inside a
 * universe of 4,096 addresses (10.0.0.0/20, or 2001:db8::/116 for IPv6), small enough that
 * the reference can list every address and every aligned block.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cidr,
  contains,
  divide,
  divisionCount,
  findOverlappingPairs,
  findOverlappingPairsInText,
  formatCidr,
  freeSpace,
  nextFreeBlock,
  overlaps,
  parseCidr,
  rangeToCidrs,
  summarize,
  type Cidr,
  type IpVersion,
} from './index';

const UNIVERSE_BITS = 12;
const UNIVERSE_SIZE = 1 << UNIVERSE_BITS;

interface Universe {
  version: IpVersion;
  base: bigint;
  max: number;
}

const UNIVERSES: readonly Universe[] = [
  { version: 4, base: cidr('10.0.0.0/20').network, max: 32 },
  { version: 6, base: cidr('2001:db8::/116').network, max: 128 },
];

/** A block inside the universe, by host bits (0..12) and position. */
function blockIn(u: Universe): fc.Arbitrary<Cidr> {
  return fc.integer({ min: 0, max: UNIVERSE_BITS }).chain((hostBits) =>
    fc.integer({ min: 0, max: (UNIVERSE_SIZE >> hostBits) - 1 }).map((index) => ({
      version: u.version,
      network: u.base + BigInt(index << hostBits),
      prefix: u.max - hostBits,
    })),
  );
}

/** The universe offsets a block covers, as a 0/1 map. */
function addressesOf(u: Universe, blocks: readonly Cidr[]): Uint8Array {
  const set = new Uint8Array(UNIVERSE_SIZE);
  for (const b of blocks) {
    if (b.version !== u.version) continue;
    const start = Number(b.network - u.base);
    const size = 2 ** (u.max - b.prefix);
    for (let a = Math.max(0, start); a < Math.min(UNIVERSE_SIZE, start + size); a++) set[a] = 1;
  }
  return set;
}

/**
 * The unique minimal CIDR cover of a set, by enumeration: the aligned blocks that lie wholly
 * in the set and whose parent does not. Independent of the code under test.
 */
function maximalBlocks(u: Universe, set: Uint8Array): string[] {
  const full = (hostBits: number, index: number): boolean => {
    for (let a = index << hostBits; a < (index + 1) << hostBits; a++) if (!set[a]) return false;
    return true;
  };
  const result: Array<{ start: number; text: string }> = [];
  for (let hostBits = 0; hostBits <= UNIVERSE_BITS; hostBits++) {
    for (let index = 0; index < UNIVERSE_SIZE >> hostBits; index++) {
      if (!full(hostBits, index)) continue;
      if (hostBits < UNIVERSE_BITS && full(hostBits + 1, index >> 1)) continue;
      const block = { version: u.version, network: u.base + BigInt(index << hostBits), prefix: u.max - hostBits };
      result.push({ start: index << hostBits, text: formatCidr(block) });
    }
  }
  return result.sort((a, b) => a.start - b.start).map((r) => r.text);
}

function sameSet(a: Uint8Array, b: Uint8Array): boolean {
  return a.every((v, i) => v === b[i]);
}

const universe = fc.constantFrom(...UNIVERSES);
const RUNS = { numRuns: 300 };

describe.each(UNIVERSES)('IPv$version against brute force', (u) => {
  const block = blockIn(u);
  const blocks = fc.array(block, { maxLength: 24 });

  it('contains and overlaps agree with the address sets', () => {
    fc.assert(
      fc.property(block, block, (a, b) => {
        const sa = addressesOf(u, [a]);
        const sb = addressesOf(u, [b]);
        const bInA = sb.every((v, i) => !v || sa[i] === 1);
        const shared = sb.some((v, i) => v === 1 && sa[i] === 1);
        expect(contains(a, b)).toBe(bInA);
        expect(overlaps(a, b)).toBe(shared);
        expect(overlaps(b, a)).toBe(shared);
      }),
      RUNS,
    );
  });

  it('divide lists every sub-block of the prefix, in order, covering the block exactly', () => {
    fc.assert(
      fc.property(block, fc.integer({ min: 0, max: 8 }), (parent, extra) => {
        const prefix = Math.min(u.max, parent.prefix + extra);
        const parts = divide(parent, prefix);
        expect(BigInt(parts.length)).toBe(divisionCount(parent, prefix));
        expect(parts.every((p) => p.prefix === prefix && contains(parent, p))).toBe(true);
        for (let i = 1; i < parts.length; i++) expect(parts[i]!.network > parts[i - 1]!.network).toBe(true);
        expect(sameSet(addressesOf(u, parts), addressesOf(u, [parent]))).toBe(true);
      }),
      RUNS,
    );
  });

  it('summarize keeps the union and is the minimal cover', () => {
    fc.assert(
      fc.property(blocks, (list) => {
        const merged = summarize(list);
        expect(merged.map(formatCidr)).toEqual(maximalBlocks(u, addressesOf(u, list)));
      }),
      RUNS,
    );
  });

  it('freeSpace is parent minus used, minimal, aligned, and ignores other-version and outside blocks', () => {
    const otherVersion = u.version === 4 ? cidr('::/0') : cidr('0.0.0.0/0');
    fc.assert(
      fc.property(block, blocks, fc.boolean(), (parent, used, addOther) => {
        const list = addOther ? [...used, otherVersion] : used;
        const free = freeSpace(parent, list);
        const parentSet = addressesOf(u, [parent]);
        const usedSet = addressesOf(u, used);
        const expected = parentSet.map((v, i) => (v && !usedSet[i] ? 1 : 0));
        expect(sameSet(addressesOf(u, free), expected)).toBe(true);
        expect(free.map(formatCidr)).toEqual(maximalBlocks(u, expected));
        // No two results could merge into their parent: both halves of a block never appear.
        const texts = new Set(free.map(formatCidr));
        for (const f of free) {
          expect(f.network % 2n ** BigInt(u.max - f.prefix)).toBe(0n);
          if (f.prefix > 0) {
            const sibling = { ...f, network: f.network ^ (1n << BigInt(u.max - f.prefix)) };
            expect(texts.has(formatCidr(sibling))).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it('nextFreeBlock is the first aligned free block, by enumeration', () => {
    fc.assert(
      fc.property(block, blocks, fc.integer({ min: 0, max: UNIVERSE_BITS }), (parent, used, hostBits) => {
        const prefix = u.max - hostBits;
        const usedSet = addressesOf(u, used);
        let expected: string | undefined;
        if (prefix >= parent.prefix) {
          const start = Number(parent.network - u.base);
          const end = start + 2 ** (u.max - parent.prefix);
          const size = 2 ** hostBits;
          for (let s = start; s < end && expected === undefined; s += size) {
            let free = true;
            for (let a = s; a < s + size; a++) if (usedSet[a]) free = false;
            if (free) expected = formatCidr({ version: u.version, network: u.base + BigInt(s), prefix });
          }
        }
        const found = nextFreeBlock(parent, used, prefix);
        expect(found === undefined ? undefined : formatCidr(found)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('rangeToCidrs covers the range exactly with the fewest blocks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: UNIVERSE_SIZE - 1 }), fc.integer({ min: 0, max: UNIVERSE_SIZE - 1 }), (x, y) => {
        const [first, last] = x <= y ? [x, y] : [y, x];
        const set = new Uint8Array(UNIVERSE_SIZE);
        set.fill(1, first, last + 1);
        const cover = rangeToCidrs(u.version, u.base + BigInt(first), u.base + BigInt(last));
        expect(cover.map(formatCidr)).toEqual(maximalBlocks(u, set));
      }),
      RUNS,
    );
  });
});

/** All pairs i < j whose address sets intersect, by enumeration. */
function bruteForcePairs(list: readonly Cidr[]): Array<[number, number]> {
  const sets = list.map((b) => {
    const u = UNIVERSES.find((x) => x.version === b.version)!;
    return { version: b.version, set: addressesOf(u, [b]) };
  });
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      if (a.version === b.version && a.set.some((v, k) => v === 1 && b.set[k] === 1)) pairs.push([i, j]);
    }
  }
  return pairs;
}

describe('findOverlappingPairs against brute force', () => {
  const mixed = fc.array(universe.chain(blockIn), { maxLength: 40 });

  it('finds exactly the overlapping pairs, sorted, in a mixed IPv4/IPv6 list', () => {
    fc.assert(
      fc.property(mixed, (list) => {
        expect(findOverlappingPairs(list)).toEqual(bruteForcePairs(list));
      }),
      RUNS,
    );
  });

  it('finds duplicates, single addresses included', () => {
    const pool = ['10.0.0.5/32', '10.0.0.4/31', '10.0.0.0/20', '10.0.0.6/32', '2001:db8::5/128', '2001:db8::4/127', '2001:db8::/116'].map((t) => cidr(t));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 12 }), (list) => {
        expect(findOverlappingPairs(list)).toEqual(bruteForcePairs(list));
        expect(findOverlappingPairsInText(list.map(formatCidr)).pairs).toEqual(bruteForcePairs(list));
      }),
      RUNS,
    );
    expect(findOverlappingPairs([cidr('10.0.0.5/32'), cidr('10.0.0.5/32')])).toEqual([[0, 1]]);
    expect(findOverlappingPairs([cidr('::5/128'), cidr('::5/128')])).toEqual([[0, 1]]);
  });

  it('the bulk parser accepts exactly what parseCidr accepts, with the same blocks', () => {
    const unit = fc.constantFrom(...'0123456789./: '.split(''), '10.', '255', '00', '/32', '/0', '/08', '::', 'ff');
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 20 }), { maxLength: 30 }), (texts) => {
        const results = texts.map((t) => parseCidr(t));
        const { pairs, errors } = findOverlappingPairsInText(texts);
        expect(errors).toEqual(results.flatMap((r, index) => (r.ok ? [] : [{ index, error: r.error }])));
        const valid = results.flatMap((r, index) => (r.ok ? [{ block: r.cidr, index }] : []));
        expect(pairs).toEqual(findOverlappingPairs(valid.map((v) => v.block)).map(([i, j]) => [valid[i]!.index, valid[j]!.index]));
      }),
      { numRuns: 3000 },
    );
    expect(findOverlappingPairsInText(['0.0.0.0/08', '0.0.0.0/8', '10.0.0.0/8', '10.0.0.0/08']).errors.map((e) => e.index)).toEqual([0, 3]);
  });

  it('the text version agrees, and reports unparseable entries by index without pairing them', () => {
    const junk = fc.constantFrom('10.0.0.1/16', 'nonsense', '', '10.0.0.0/33', ' 10.0.0.0/20 ', '2001:db8::/116x');
    const entries = fc.array(
      fc.oneof(
        { weight: 4, arbitrary: universe.chain(blockIn).map((b) => ({ block: b as Cidr | undefined, text: formatCidr(b) })) },
        { weight: 1, arbitrary: junk.map((text) => ({ block: text === ' 10.0.0.0/20 ' ? cidr(text) : undefined, text })) },
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(entries, (list) => {
        const { pairs, errors } = findOverlappingPairsInText(list.map((e) => e.text));
        const valid = list.map((e, index) => ({ ...e, index })).filter((e) => e.block !== undefined);
        const expected = bruteForcePairs(valid.map((e) => e.block!)).map(([i, j]) => [valid[i]!.index, valid[j]!.index]);
        expect(pairs).toEqual(expected);
        expect(errors.map((e) => e.index)).toEqual(list.flatMap((e, index) => (e.block === undefined ? [index] : [])));
      }),
      RUNS,
    );
  });

  it('agrees with an interval brute force on a few thousand random IPv4 blocks', () => {
    // mulberry32, seeded, so the case is the same on every run.
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const list: Cidr[] = [];
    for (let k = 0; k < 3000; k++) {
      const prefix = 18 + next(11);
      const network = 10 * 2 ** 24 + Math.floor((next(2 ** 16) * 256) / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
      list.push({ version: 4, network: BigInt(network), prefix });
    }
    const bounds = list.map((b) => [Number(b.network), Number(b.network) + 2 ** (32 - b.prefix) - 1] as const);
    const expected: Array<[number, number]> = [];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (bounds[i]![0] <= bounds[j]![1] && bounds[j]![0] <= bounds[i]![1]) expected.push([i, j]);
      }
    }
    expect(expected.length).toBeGreaterThan(100);
    expect(findOverlappingPairs(list)).toEqual(expected);
    expect(findOverlappingPairsInText(list.map(formatCidr)).pairs).toEqual(expected);
  });
});
