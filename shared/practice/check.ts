/**
 * Checking a student's answer with the engine's CIDR maths. Any correct form is accepted
 * (blocks in any order, extra spaces, "A-C" or "a and c", "256" or "2^8"), and a wrong answer
 * gets what is wrong with it in words: which block is outside, which pair does not overlap
 * and the bit that keeps it apart, or how the count is worked out.
 */
import { addressCount, contains, firstAddress, formatAddress, formatCidr, lastAddress, overlaps, parseCidr, type Cidr } from '../cidr';
import { compareBlocks } from '../explorer/compare-blocks';
import type { CountExercise, Exercise, OverlapExercise, SplitExercise } from './exercises';

export interface AnswerCheck {
  correct: boolean;
  /** One line: that it is right, or the first thing wrong. */
  summary: string;
  /** Everything wrong with the answer, one sentence each; empty when it is right. */
  problems: string[];
  /** How the answer is worked out, when that is what the student needs (a count). */
  working?: string;
}

export function checkAnswer(exercise: Exercise, answer: string): AnswerCheck {
  if (answer.trim() === '')
    return { correct: false, summary: `Type an answer first: ${exercise.answerFormat[0]!.toLowerCase()}${exercise.answerFormat.slice(1)}`, problems: [] };
  if (exercise.kind === 'split') return checkSplit(exercise, answer);
  if (exercise.kind === 'overlap') return checkOverlap(exercise, answer);
  return checkCount(exercise, answer);
}

function verdict(problems: string[], right: string, extra: Partial<AnswerCheck> = {}): AnswerCheck {
  if (problems.length === 0) return { correct: true, summary: right, problems, ...extra };
  return { correct: false, summary: problems.length === 1 ? problems[0]! : `Not yet: ${problems.length} things to fix.`, problems, ...extra };
}

const plural = (n: number | bigint, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 || n === 1n ? one : many}`;

// ---------------------------------------------------------------- split

function checkSplit(exercise: SplitExercise, answer: string): AnswerCheck {
  const parent = parseCidr(exercise.parent);
  if (!parent.ok) throw new Error(`checkSplit: the exercise's own block ${exercise.parent} does not parse: ${parent.error.message}`);
  const whole = parent.cidr;
  const problems: string[] = [];
  const tokens = answer.split(/[\s,;]+/).filter((t) => t !== '' && t.toLowerCase() !== 'and');
  const good: Cidr[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const parsed = parseCidr(token);
    if (!parsed.ok) {
      problems.push(parsed.error.message);
      continue;
    }
    const block = parsed.cidr;
    const text = formatCidr(block);
    if (seen.has(text)) {
      problems.push(`${text} is given twice; each subnet counts once.`);
      continue;
    }
    seen.add(text);
    if (block.version !== whole.version) {
      problems.push(`${text} is IPv${block.version}; the pieces of ${exercise.parent} are IPv${whole.version} blocks.`);
      continue;
    }
    if (!contains(whole, block)) {
      problems.push(
        overlaps(whole, block)
          ? `${text} is bigger than ${exercise.parent} itself.`
          : `${text} is outside ${exercise.parent}, which runs from ${formatAddress(whole.version, firstAddress(whole))} to ${formatAddress(whole.version, lastAddress(whole))}.`,
      );
      continue;
    }
    if (block.prefix < exercise.prefix) {
      problems.push(
        `${text} is a /${block.prefix}: ${exercise.parent} holds only ${plural(1n << BigInt(block.prefix - whole.prefix), 'block')} of that size, fewer than ${exercise.count}.`,
      );
      continue;
    }
    if (block.prefix > exercise.prefix) {
      problems.push(
        `${text} is a /${block.prefix}, smaller than it can be: ${exercise.count} equal subnets fit as /${exercise.prefix}s (${exercise.parent} holds ${plural(1n << BigInt(exercise.prefix - whole.prefix), 'of them', 'of them')}).`,
      );
      continue;
    }
    good.push(block);
  }
  // Equal sizes: two good blocks overlap only when they are the same, which `seen` caught; other sizes were refused above.
  if (problems.length === 0 && good.length < exercise.count)
    problems.push(`You gave ${plural(good.length, 'subnet')}; the question asks for ${exercise.count}.`);
  if (problems.length === 0 && good.length > exercise.count)
    problems.push(`You gave ${plural(good.length, 'subnet')}; the question asks for ${exercise.count}, no more.`);
  return verdict(
    problems,
    `Right: ${exercise.count} subnets of /${exercise.prefix}, each ${addressCount(good[0] ?? whole).toLocaleString('en-US')} addresses, inside ${exercise.parent} and apart from each other.`,
  );
}

// ---------------------------------------------------------------- overlap

const NONE = /^(none|no|nothing|no overlaps?|no pairs?|-|—|0|∅)\.?$/i;

/** The pairs in an answer such as "A-C, B-D", "a and c; b/d", "(A,C) (B,D)" or "AC BD". */
function readPairs(answer: string): { pairs: Array<[string, string]>; unreadable: string[] } {
  const text = answer
    .toUpperCase()
    .replace(/\(\s*([A-Z])\s*,\s*([A-Z])\s*\)/g, '$1-$2')
    .replace(/\s+(AND|WITH|VS\.?)\s+/g, '-')
    .replace(/\s*(<->|↔|[-–—&+/×x])\s*/gi, '-');
  const pairs: Array<[string, string]> = [];
  const unreadable: string[] = [];
  for (const token of text.split(/[\s,;.]+/).filter(Boolean)) {
    const match = /^([A-Z])-?([A-Z])$/.exec(token);
    if (match) pairs.push([match[1]!, match[2]!]);
    else unreadable.push(token);
  }
  return { pairs, unreadable };
}

function checkOverlap(exercise: OverlapExercise, answer: string): AnswerCheck {
  const byLabel = new Map(exercise.blocks.map((b) => [b.label, b.cidr]));
  const labels = exercise.blocks.map((b) => b.label);
  const expected = new Set(exercise.pairs.map(([x, y]) => `${x}-${y}`));
  const problems: string[] = [];
  const given = new Set<string>();
  if (!NONE.test(answer.trim())) {
    const { pairs, unreadable } = readPairs(answer);
    for (const token of unreadable) problems.push(`"${token}" is not a pair: write two letters joined, such as ${labels[0]}-${labels[1]}, or "none".`);
    for (const [x, y] of pairs) {
      const missing = [x, y].filter((l) => !byLabel.has(l));
      if (missing.length > 0) {
        problems.push(`There is no block ${missing.join(' or ')}; the blocks are ${labels[0]} to ${labels.at(-1)}.`);
        continue;
      }
      if (x === y) {
        problems.push(`${x}-${y} pairs a block with itself; name two different blocks.`);
        continue;
      }
      given.add(x < y ? `${x}-${y}` : `${y}-${x}`);
    }
  }
  const describe = (key: string) => {
    const [x, y] = key.split('-') as [string, string];
    const a = byLabel.get(x)!;
    const b = byLabel.get(y)!;
    const compared = compareBlocks(ownBlock(a), ownBlock(b));
    return { x, y, a, b, compared };
  };
  for (const key of [...expected].filter((k) => !given.has(k))) {
    const { x, y, a, b, compared } = describe(key);
    problems.push(`${x} (${a}) and ${y} (${b}) overlap, and the answer leaves them out: ${compared.ok ? lowerFirst(compared.verdict) : ''}`.trim());
  }
  for (const key of [...given].filter((k) => !expected.has(k))) {
    const { x, y, a, b, compared } = describe(key);
    problems.push(`${x} (${a}) and ${y} (${b}) do not overlap: ${compared.ok ? lowerFirst(compared.explanation) : ''}`.trim());
  }
  const right =
    expected.size === 0
      ? 'Right: none of them overlap; every pair differs in a bit inside both prefixes.'
      : `Right: ${[...expected].join(', ')} ${expected.size === 1 ? 'is the only pair that overlaps' : 'are the pairs that overlap'}.`;
  return verdict(problems, right);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** A block the exercise itself wrote: it always parses, or the generator is broken. */
function ownBlock(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`checkOverlap: the exercise's own block ${text} does not parse: ${parsed.error.message}`);
  return parsed.cidr;
}

// ---------------------------------------------------------------- count

/** A whole number as a student writes it: "256", "1,024", "65 536", "2^8", "2**8", "256 blocks". */
function readCount(answer: string): bigint | undefined {
  const text = answer
    .trim()
    .replace(/^=\s*/, '')
    .replace(/\s*[a-z][a-z /]*\.?$/i, '')
    .trim();
  const power = /^2\s*(?:\^|\*\*)\s*(\d{1,3})$/.exec(text);
  if (power) return 1n << BigInt(power[1]!);
  const plain = text.replace(/[,_'\u00a0\u202f ]/g, '');
  return /^\d{1,40}$/.test(plain) ? BigInt(plain) : undefined;
}

function checkCount(exercise: CountExercise, answer: string): AnswerCheck {
  const value = readCount(answer);
  if (value === undefined)
    return {
      correct: false,
      summary: `"${answer.trim()}" is not a whole number: write one such as 256 or 2^8.`,
      problems: [`"${answer.trim()}" is not a whole number: write one such as 256 or 2^8.`],
    };
  const expected = BigInt(exercise.answer);
  if (value === expected)
    return { correct: true, summary: `Right: ${expected.toLocaleString('en-US')}. ${exercise.working}`, problems: [], working: exercise.working };
  const shown = value.toLocaleString('en-US');
  const problems = [`${shown} is not it. ${mistake(exercise, value) ?? exercise.working}`];
  return { correct: false, summary: problems[0]!, problems, working: exercise.working };
}

/** A likely mistake behind a wrong count, when the number shows one. */
function mistake(exercise: CountExercise, value: bigint): string | undefined {
  const expected = BigInt(exercise.answer);
  if (exercise.question === 'pieces') {
    const bits = exercise.to! - exercise.from;
    if (value === BigInt(bits) && bits !== 2) return `${bits} is the number of extra prefix bits; each one doubles the count, so the answer is 2^${bits}.`;
    if (value === expected * 2n || value * 2n === expected)
      return `That is one bit off: /${exercise.from} to /${exercise.to} is ${plural(bits, 'bit')}, so 2^${bits}.`;
    if (value === expected - 1n) return 'Count every block: numbered from 0, the last one is the count minus one.';
    return undefined;
  }
  const hostBits = 32 - exercise.from;
  const total = 1n << BigInt(hostBits);
  if (value === BigInt(hostBits)) return `${hostBits} is the number of host bits; the addresses are 2^${hostBits}.`;
  if (exercise.question === 'addresses') {
    if (value === total - 2n)
      return `That leaves out the network and broadcast addresses; the question asks for every address: 2^${hostBits} = ${total.toLocaleString('en-US')}.`;
    if (value === total * 2n || value * 2n === total) return `That is one bit off: a /${exercise.from} has ${hostBits} host bits.`;
    return undefined;
  }
  if (value === total) return `That counts every address; AWS keeps 5 in every subnet, so ${total.toLocaleString('en-US')} - 5.`;
  if (value === total - 2n)
    return 'That takes away 2 (network and broadcast), as on a classic LAN; AWS keeps 5: network, router, DNS, future use and the last address.';
  if (value === total - 4n) return 'That takes away 4, as Google Cloud does; AWS keeps 5.';
  return undefined;
}
