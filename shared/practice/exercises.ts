/**
 * Practice exercises for students, generated from a seed: the same seed always gives the same
 * questions. Three kinds, each answered in plain text and checked with the engine's CIDR maths
 * (check.ts):
 *
 * - split: "Split 10.0.0.0/20 into 6 equal subnets, as large as possible" (answer: the blocks);
 * - overlap: "Which of these blocks overlap?" (answer: the overlapping pairs, or none);
 * - count: "How many /64s are in a /56?", "How many usable addresses has an AWS /26 subnet?".
 *
 * Each carries its reference answer and a hint that opens the CIDR explorer on the block that
 * helps (the split bar for a split, the bit comparison for an overlap, the slider for a count).
 */
import { addressCount, divide, formatCidr, overlaps, usableAddresses, type Cidr } from '../cidr';
import { createRandom, type Random } from './random';

export type ExerciseKind = 'split' | 'overlap' | 'count';
export const EXERCISE_KINDS: readonly ExerciseKind[] = ['split', 'overlap', 'count'];

export interface Hint {
  text: string;
  /** The block to open the explorer on. */
  cidr: string;
  /** A second block, compared with the first in the explorer. */
  compare?: string;
}

interface ExerciseBase {
  seed: number;
  /** The question, one or two sentences. */
  prompt: string;
  /** How to write the answer, for the answer field's description. */
  answerFormat: string;
  /** A correct answer, as a student could type it. */
  reference: string;
  hint: Hint;
}

export interface SplitExercise extends ExerciseBase {
  kind: 'split';
  parent: string;
  count: number;
  /** The prefix of each piece: the shortest prefix that gives at least `count` pieces. */
  prefix: number;
}

export interface LabelledBlock {
  label: string;
  cidr: string;
}

export interface OverlapExercise extends ExerciseBase {
  kind: 'overlap';
  blocks: LabelledBlock[];
  /** The overlapping pairs, labels in order ("A", "C"), sorted. */
  pairs: Array<[string, string]>;
}

export type CountQuestion = 'pieces' | 'addresses' | 'usable';

export interface CountExercise extends ExerciseBase {
  kind: 'count';
  question: CountQuestion;
  version: 4 | 6;
  /** The bigger block's prefix (pieces), or the block's prefix (addresses, usable). */
  from: number;
  /** Pieces only: the size of each piece. */
  to?: number;
  /** The answer as a decimal string (an IPv6 count can pass a JavaScript number). */
  answer: string;
  /** How the answer is worked out, shown after a wrong answer. */
  working: string;
}

export type Exercise = SplitExercise | OverlapExercise | CountExercise;

const LABELS = ['A', 'B', 'C', 'D', 'E'];

/** A random block of `prefix` inside `within`, aligned to its own size. */
function blockInside(random: Random, within: Cidr, prefix: number): Cidr {
  const pieces = Number(1n << BigInt(prefix - within.prefix));
  // Pieces beyond 2^31 are not needed by any exercise here; int() takes numbers.
  const index = BigInt(random.int(0, Math.min(pieces, 2 ** 31) - 1));
  const size = addressCount({ version: within.version, network: 0n, prefix });
  return { version: within.version, network: within.network + index * size, prefix };
}

/** A private IPv4 block to build an exercise in: 10/8, 172.16/12 or 192.168/16 (RFC 1918). */
function privateBlock(random: Random, prefix: number): Cidr {
  const pools: Cidr[] = [
    { version: 4, network: 0x0a000000n, prefix: 8 },
    { version: 4, network: 0xac100000n, prefix: 12 },
    { version: 4, network: 0xc0a80000n, prefix: 16 },
  ];
  const pool = random.pick(pools.filter((p) => p.prefix <= prefix));
  return blockInside(random, pool, prefix);
}

/** An IPv6 block of `prefix` inside the documentation range 2001:db8::/32 (RFC 3849). */
function documentationBlock(random: Random, prefix: number): Cidr {
  return blockInside(random, { version: 6, network: 0x20010db8n << 96n, prefix: 32 }, prefix);
}

function generateSplit(seed: number, random: Random): SplitExercise {
  const v6 = random.int(1, 4) === 1;
  // k extra bits give 2^k pieces; asking for more than 2^(k-1) makes k the fewest that do.
  const bits = v6 ? 4 : random.int(2, 4);
  const parentPrefix = v6 ? 56 : random.int(16, 28 - bits);
  const parent = v6 ? documentationBlock(random, parentPrefix) : privateBlock(random, parentPrefix);
  const count = random.int(2 ** (bits - 1) + 1, 2 ** bits);
  const prefix = parentPrefix + bits;
  const parentText = formatCidr(parent);
  const reference = divide(parent, prefix).slice(0, count).map(formatCidr).join(', ');
  return {
    kind: 'split',
    seed,
    parent: parentText,
    count,
    prefix,
    prompt: `Split ${parentText} into ${count} equal subnets, each as large as possible.`,
    answerFormat: `The ${count} blocks in CIDR notation, separated by commas or spaces.`,
    reference,
    hint: {
      text: `Each bit added to the prefix doubles the number of pieces. Find the fewest bits that give at least ${count}, then split ${parentText} in the explorer's split bar.`,
      cidr: parentText,
    },
  };
}

function generateOverlap(seed: number, random: Random): OverlapExercise {
  const base = privateBlock(random, 16);
  const count = random.int(4, 5);
  const blocks: Cidr[] = [];
  // Most sets hold at least one overlap, made on purpose: the same block twice, or one inside another.
  if (random.int(1, 6) > 1) {
    const anchor = blockInside(random, base, random.int(18, 22));
    const style = random.pick(['same', 'inside', 'inside'] as const);
    blocks.push(anchor, style === 'same' ? anchor : blockInside(random, anchor, anchor.prefix + random.int(1, 4)));
  }
  while (blocks.length < count) blocks.push(blockInside(random, base, random.int(18, 24)));
  const shuffled = random.shuffle(blocks);
  const labelled = shuffled.map((c, i) => ({ label: LABELS[i]!, cidr: formatCidr(c) }));
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < shuffled.length; i++) {
    for (let j = i + 1; j < shuffled.length; j++) if (overlaps(shuffled[i]!, shuffled[j]!)) pairs.push([LABELS[i]!, LABELS[j]!]);
  }
  const [first, second] = labelled;
  return {
    kind: 'overlap',
    seed,
    blocks: labelled,
    pairs,
    // The blocks are data (`blocks`), listed under the question wherever it is shown.
    prompt: 'Which of these blocks overlap?',
    answerFormat: 'Each overlapping pair as two letters, such as A-C, B-D; or none.',
    reference: pairs.length === 0 ? 'none' : pairs.map(([x, y]) => `${x}-${y}`).join(', '),
    hint: {
      text: 'Two blocks overlap when they agree on every bit of the shorter prefix. Compare two of them in the explorer to see their bits side by side.',
      cidr: first!.cidr,
      compare: second!.cidr,
    },
  };
}

/** The classic IPv6 questions: the site, VPC and subnet sizes AWS uses (/48, /56, /64) and their nibble steps. */
const IPV6_PIECES: ReadonlyArray<[number, number]> = [
  [56, 64],
  [48, 56],
  [48, 64],
  [44, 48],
  [52, 56],
  [56, 60],
  [60, 64],
  [32, 48],
];

function generateCount(seed: number, random: Random): CountExercise {
  const question = random.pick(['pieces', 'pieces', 'addresses', 'usable'] as const);
  if (question === 'pieces') {
    const v6 = random.int(0, 1) === 1;
    const [from, to] = v6 ? random.pick(IPV6_PIECES) : ((f: number) => [f, f + random.int(1, Math.min(10, 30 - f))] as [number, number])(random.int(8, 24));
    const extra = to - from;
    const answer = (1n << BigInt(extra)).toString();
    const example = v6 ? documentationBlock(random, from) : privateBlock(random, Math.max(from, 8));
    return {
      kind: 'count',
      seed,
      question,
      version: v6 ? 6 : 4,
      from,
      to,
      answer,
      prompt: `How many /${to} blocks fit in an IPv${v6 ? 6 : 4} /${from}?`,
      answerFormat: 'A whole number, such as 256 or 2^8.',
      reference: answer,
      working: `From /${from} to /${to} is ${extra} more prefix bit${extra === 1 ? '' : 's'}, and each one doubles the count: 2^${extra} = ${BigInt(answer).toLocaleString('en-US')}.`,
      hint: { text: `Move the explorer's prefix slider from /${from} to /${to} and watch the size halve at each step.`, cidr: formatCidr(example) },
    };
  }
  const from = question === 'usable' ? random.int(16, 28) : random.int(16, 30);
  const block = privateBlock(random, from);
  const total = addressCount(block);
  const answer = (question === 'usable' ? usableAddresses(block, 'aws') : total).toString();
  const hostBits = 32 - from;
  const count = (n: bigint) => n.toLocaleString('en-US');
  return {
    kind: 'count',
    seed,
    question,
    version: 4,
    from,
    answer,
    prompt: question === 'usable' ? `How many usable addresses does an AWS subnet of /${from} have?` : `How many addresses are in an IPv4 /${from}?`,
    answerFormat: 'A whole number, such as 251.',
    reference: answer,
    working:
      question === 'usable'
        ? `/${from} leaves ${hostBits} host bits: 2^${hostBits} = ${count(total)} addresses, and AWS keeps 5 in every subnet (network, router, DNS, future use, last), so ${count(BigInt(answer))} are usable.`
        : `/${from} leaves 32 - ${from} = ${hostBits} host bits: 2^${hostBits} = ${count(total)} addresses.`,
    hint: { text: `Open a /${from} in the explorer: it counts the addresses, and the usable ones per cloud.`, cidr: formatCidr(block) },
  };
}

/**
 * The exercise for `seed`: the same seed always gives the same exercise. Without a kind, the
 * seed picks one; with one, the seed picks the numbers.
 */
export function generateExercise(seed: number, kind?: ExerciseKind): Exercise {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`generateExercise: the seed ${seed} is not a whole number from 0 to 4294967295`);
  const random = createRandom(seed);
  const chosen = kind ?? random.pick(EXERCISE_KINDS);
  if (chosen === 'split') return generateSplit(seed, random);
  if (chosen === 'overlap') return generateOverlap(seed, random);
  return generateCount(seed, random);
}

/** The seed of the exercise after `seed` in a practice session: a sequence a class can share. */
export function nextSeed(seed: number): number {
  return (Math.imul(seed ^ (seed >>> 16), 0x45d9f3b) + 0x9e3779b9) >>> 0;
}
