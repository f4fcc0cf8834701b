import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressCount, cidr, contains, divide, divisionCount, formatCidr, lastAddress, overlaps, parentOf, parseCidr, usableAddresses } from '../cidr';
import {
  EXERCISE_KINDS,
  checkAnswer,
  createRandom,
  generateExercise,
  nextSeed,
  seedFromText,
  type CountExercise,
  type Exercise,
  type OverlapExercise,
  type SplitExercise,
} from './index';

const seeds = fc.integer({ min: 0, max: 0xffffffff });
const kinds = fc.constantFrom(...EXERCISE_KINDS);

function ofKind<K extends Exercise['kind']>(kind: K, seed: number): Extract<Exercise, { kind: K }> {
  return generateExercise(seed, kind) as Extract<Exercise, { kind: K }>;
}

describe('random', () => {
  it('is the same for the same seed, and a typed seed is a number or a hash', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    expect(Array.from({ length: 5 }, () => a.int(0, 1000))).toEqual(Array.from({ length: 5 }, () => b.int(0, 1000)));
    expect(seedFromText(' 42 ')).toBe(42);
    expect(seedFromText('class 3b')).toBe(seedFromText('class 3b'));
    expect(seedFromText('class 3b')).not.toBe(seedFromText('class 3c'));
    expect(() => createRandom(1).int(3, 2)).toThrow(/min <= max/);
  });
});

describe('generateExercise', () => {
  it('the same seed gives the same exercise; the seed alone picks a kind', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        expect(generateExercise(seed)).toEqual(generateExercise(seed));
      }),
      { numRuns: 50 },
    );
    const picked = new Set(Array.from({ length: 40 }, (_, i) => generateExercise(i).kind));
    expect([...picked].sort()).toEqual([...EXERCISE_KINDS].sort());
    expect(() => generateExercise(-1)).toThrow(/whole number from 0/);
    expect(nextSeed(1)).not.toBe(1);
  });

  it('a split asks for the biggest equal pieces: 2^(k-1) < count <= 2^k', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const e = ofKind('split', seed);
        const parent = cidr(e.parent);
        const bits = e.prefix - parent.prefix;
        expect(2 ** (bits - 1) < e.count && e.count <= 2 ** bits).toBe(true);
        expect(e.prompt).toContain(`${e.count} equal subnets`);
      }),
    );
  });
});

describe('every exercise is solvable: its reference passes its own checker, a wrong answer fails', () => {
  it('reference answers pass', () => {
    fc.assert(
      fc.property(seeds, kinds, (seed, kind) => {
        const e = generateExercise(seed, kind);
        const result = checkAnswer(e, e.reference);
        expect(result.correct, `${e.prompt} / ${e.reference}: ${result.problems.join(' ')}`).toBe(true);
        expect(result.problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('split: the reference is checked against the engine, not only against itself', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const e = ofKind('split', seed);
        const parent = cidr(e.parent);
        const pieces = e.reference.split(', ').map((t) => cidr(t));
        expect(pieces).toHaveLength(e.count);
        for (const p of pieces) expect(contains(parent, p) && p.prefix === e.prefix).toBe(true);
        for (let i = 0; i < pieces.length; i++) for (let j = i + 1; j < pieces.length; j++) expect(overlaps(pieces[i]!, pieces[j]!)).toBe(false);
        // One bit shorter would not give enough pieces.
        expect(divide(parent, e.prefix - 1).length).toBeLessThan(e.count);
      }),
    );
  });

  it('split: any order, any separators, any correct pieces pass; a dropped, moved, resized or repeated piece fails', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 0, max: 1000 }), (seed, shuffleSeed) => {
        const e = ofKind('split', seed);
        const all = divide(cidr(e.parent), e.prefix).map(formatCidr);
        const random = createRandom(shuffleSeed);
        const chosen = random.shuffle(all).slice(0, e.count);
        expect(checkAnswer(e, `  ${chosen.join(' ;\n ')}  `).correct).toBe(true);
        expect(checkAnswer(e, chosen.slice(1).join(', '))).toMatchObject({ correct: false, problems: [expect.stringMatching(/the question asks for/)] });
        const [first, ...rest] = chosen;
        const bigger = formatCidr(parentOf(cidr(first!))!);
        expect(checkAnswer(e, [bigger, ...rest].join(', ')).problems).toContainEqual(expect.stringMatching(/holds only/));
        expect(checkAnswer(e, [first, first, ...rest.slice(1)].join(', ')).problems).toContainEqual(expect.stringMatching(/given twice/));
        const parent = cidr(e.parent);
        const outside = formatCidr({ version: parent.version, network: lastAddress(parent) + 1n, prefix: e.prefix });
        expect(checkAnswer(e, [outside, ...rest].join(', ')).problems).toContainEqual(expect.stringMatching(/is outside/));
      }),
      { numRuns: 150 },
    );
  });

  it("overlap: the pairs are the engine's; the pairs in any order and form pass; a missing or extra pair fails", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const e = ofKind('overlap', seed);
        const blocks = e.blocks.map((b) => cidr(b.cidr));
        const truth: string[] = [];
        for (let i = 0; i < blocks.length; i++)
          for (let j = i + 1; j < blocks.length; j++) if (overlaps(blocks[i]!, blocks[j]!)) truth.push(`${e.blocks[i]!.label}-${e.blocks[j]!.label}`);
        expect(e.pairs.map(([x, y]) => `${x}-${y}`)).toEqual(truth);
        const written = e.pairs
          .map(([x, y]) => `${y.toLowerCase()} and ${x.toLowerCase()}`)
          .reverse()
          .join('; ');
        expect(checkAnswer(e, written || 'None.').correct).toBe(true);
        // Toggle one pair: add a pair that does not overlap, or drop one that does.
        const all = e.blocks.flatMap((a, i) => e.blocks.slice(i + 1).map((b) => `${a.label}-${b.label}`));
        const extra = all.find((p) => !truth.includes(p));
        if (extra) {
          const wrong = checkAnswer(e, [...truth, extra].join(', '));
          expect(wrong.correct).toBe(false);
          expect(wrong.problems.join(' ')).toMatch(/do not overlap: they agree .*Bit \d+ is/);
        }
        if (truth.length > 0) {
          const wrong = checkAnswer(e, truth.slice(1).join(', ') || 'none');
          expect(wrong.correct).toBe(false);
          expect(wrong.problems.join(' ')).toMatch(/overlap, and the answer leaves them out/);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("count: the answer is the engine's count, written any way; a wrong count fails with the working", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const e = ofKind('count', seed);
        const answer = BigInt(e.answer);
        const example = cidr(e.hint.cidr);
        expect(example.prefix).toBe(e.from);
        const engine =
          e.question === 'pieces' ? divisionCount(example, e.to!) : e.question === 'usable' ? usableAddresses(example, 'aws') : addressCount(example);
        expect(answer).toBe(engine);
        expect(checkAnswer(e, answer.toLocaleString('en-US')).correct).toBe(true);
        expect(checkAnswer(e, `${answer} ${e.question === 'pieces' ? 'blocks' : 'addresses'}`).correct).toBe(true);
        for (const wrong of [answer + 1n, answer * 2n, answer - 1n]) {
          const result = checkAnswer(e, wrong.toString());
          expect(result.correct).toBe(false);
          expect(result.problems[0]).toMatch(/is not it\./);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkAnswer explains', () => {
  const split: SplitExercise = {
    kind: 'split',
    seed: 0,
    parent: '10.0.0.0/20',
    count: 6,
    prefix: 23,
    prompt: '',
    answerFormat: 'The 6 blocks.',
    reference: '',
    hint: { text: '', cidr: '10.0.0.0/20' },
  };
  it('a split: host bits, too big, too small, outside', () => {
    expect(checkAnswer(split, '10.0.1.0/23').problems[0]).toMatch(/10\.0\.1\.0\/23 has host bits set.*10\.0\.0\.0\/23/);
    expect(checkAnswer(split, '10.0.0.0/22').problems[0]).toBe('10.0.0.0/22 is a /22: 10.0.0.0/20 holds only 4 blocks of that size, fewer than 6.');
    expect(checkAnswer(split, '10.0.0.0/24').problems[0]).toBe(
      '10.0.0.0/24 is a /24, smaller than it can be: 6 equal subnets fit as /23s (10.0.0.0/20 holds 8 of them).',
    );
    expect(checkAnswer(split, '10.0.16.0/23').problems[0]).toBe('10.0.16.0/23 is outside 10.0.0.0/20, which runs from 10.0.0.0 to 10.0.15.255.');
    expect(checkAnswer(split, '   ')).toMatchObject({ correct: false, summary: 'Type an answer first: the 6 blocks.' });
    expect(checkAnswer(split, '10.0.0.0/23 10.0.2.0/23 10.0.4.0/23 10.0.6.0/23 10.0.8.0/23 and 10.0.14.0/23')).toMatchObject({
      correct: true,
      summary: expect.stringMatching(/^Right: 6 subnets of \/23, each 512 addresses/),
    });
  });

  it('an overlap: identical and nested pairs, unreadable answers', () => {
    const e: OverlapExercise = {
      kind: 'overlap',
      seed: 0,
      prompt: '',
      answerFormat: '',
      reference: '',
      hint: { text: '', cidr: '10.0.0.0/16' },
      blocks: [
        { label: 'A', cidr: '10.0.0.0/18' },
        { label: 'B', cidr: '10.0.64.0/18' },
        { label: 'C', cidr: '10.0.0.0/18' },
        { label: 'D', cidr: '10.0.96.0/20' },
      ],
      pairs: [
        ['A', 'C'],
        ['B', 'D'],
      ],
    };
    expect(checkAnswer(e, '(C,A) BD').correct).toBe(true);
    expect(checkAnswer(e, 'A-C').problems).toEqual([
      'B (10.0.64.0/18) and D (10.0.96.0/20) overlap, and the answer leaves them out: 10.0.96.0/20 lies inside 10.0.64.0/18.',
    ]);
    expect(checkAnswer(e, 'B-D').problems[0]).toMatch(/leaves them out: they are the same network\./);
    expect(checkAnswer(e, 'A-C, B-D, A-B').problems).toEqual([
      expect.stringMatching(/^A \(10\.0\.0\.0\/18\) and B \(10\.0\.64\.0\/18\) do not overlap: they agree on the first 17 bits only\. Bit 18 is 0/),
    ]);
    expect(checkAnswer(e, 'A, C').problems[0]).toMatch(/"A" is not a pair/);
    expect(checkAnswer(e, 'A-F').problems[0]).toBe('There is no block F; the blocks are A to D.');
    expect(checkAnswer(e, 'A-A').problems[0]).toMatch(/with itself/);
  });

  it('a count: the likely mistake behind a wrong number', () => {
    const pieces: CountExercise = {
      kind: 'count',
      seed: 0,
      question: 'pieces',
      version: 6,
      from: 56,
      to: 64,
      answer: '256',
      working: 'w',
      prompt: '',
      answerFormat: '',
      reference: '256',
      hint: { text: '', cidr: '2001:db8::/56' },
    };
    expect(checkAnswer(pieces, '2^8').correct).toBe(true);
    expect(checkAnswer(pieces, '2**8 blocks').correct).toBe(true);
    expect(checkAnswer(pieces, '8').problems[0]).toMatch(/8 is the number of extra prefix bits/);
    expect(checkAnswer(pieces, '128').problems[0]).toMatch(/one bit off/);
    expect(checkAnswer(pieces, 'lots').problems[0]).toMatch(/not a whole number/);
    const usable: CountExercise = { ...pieces, question: 'usable', version: 4, from: 26, to: undefined, answer: '59', working: 'w' };
    expect(checkAnswer(usable, '59').correct).toBe(true);
    expect(checkAnswer(usable, '64').problems[0]).toMatch(/AWS keeps 5/);
    expect(checkAnswer(usable, '62').problems[0]).toMatch(/classic LAN/);
    expect(checkAnswer(usable, '1000').problems[0]).toBe('1,000 is not it. w');
  });
});

it('the reference answers parse as what they say', () => {
  for (let seed = 0; seed < 30; seed++) {
    const e = generateExercise(seed, 'split');
    for (const t of e.reference.split(', ')) expect(parseCidr(t).ok).toBe(true);
  }
});
