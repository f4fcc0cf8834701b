/**
 * `vpcplan cidr ...`: the address maths on the command line. Every command takes its
 * values as arguments, or `-` to read them one per line from standard input.
 */
import {
  addressCount,
  blockForestFromText,
  countOverlappingPairs,
  divide,
  divisionCount,
  firstAddress,
  formatAddress,
  formatCidr,
  freeSpaceOfText,
  lastAddress,
  membersOf,
  OverlappingPairs,
  parseCidr,
  reservedAddresses,
  usableAddresses,
  type BlockForest,
  type Cidr,
  type CidrError,
  type Cloud,
} from '../shared/cidr';
import { UsageError, type CommandOutput } from './output';

export const CLOUDS: readonly Cloud[] = ['aws', 'azure', 'gcp'];
const CLOUD_NAMES: Record<Cloud, string> = { aws: 'an AWS subnet', azure: 'an Azure subnet', gcp: 'a GCP subnet' };
/** Enough for any real subdivision; a /8 into /32s (16 M lines) is a typo, not a plan. */
const DIVIDE_LIMIT = 65_536;

export interface ExplainEntry {
  cidr: string;
  version: 4 | 6;
  prefix: number;
  first: string;
  last: string;
  size: string;
  usable: string;
}

export function explainCidrs(inputs: readonly string[], cloud: Cloud, json: boolean): CommandOutput {
  if (inputs.length === 0)
    throw new UsageError('cidr explain needs at least one CIDR block, e.g. `vpcplan cidr explain 10.0.0.0/16` (or `-` to read them from stdin)');
  const entries: Array<ExplainEntry | { input: string; error: string }> = [];
  const human: string[] = [];
  let invalid = 0;
  for (const input of inputs) {
    const parsed = parseCidr(input);
    if (!parsed.ok) {
      invalid += 1;
      entries.push({ input, error: parsed.error.message });
      human.push(`${input}: error: ${describeError(parsed.error)}`);
      continue;
    }
    const block = parsed.cidr;
    const entry: ExplainEntry = {
      cidr: formatCidr(block),
      version: block.version,
      prefix: block.prefix,
      first: formatAddress(block.version, firstAddress(block)),
      last: formatAddress(block.version, lastAddress(block)),
      size: addressCount(block).toString(),
      usable: usableAddresses(block, cloud).toString(),
    };
    entries.push(entry);
    human.push(explainText(block, entry, cloud));
  }
  return {
    stdout: json ? `${JSON.stringify(entries, null, 2)}\n` : `${human.join('\n\n')}\n`,
    code: invalid > 0 ? 2 : 0,
  };
}

function explainText(block: Cidr, entry: ExplainEntry, cloud: Cloud): string {
  const reserved = reservedAddresses(block, cloud);
  const roles = reserved.map((r) => `${formatAddress(block.version, r.address)} ${r.role}`).join(', ');
  const maxBits = block.version === 4 ? 32 : 128;
  return [
    `${entry.cidr}  (IPv${block.version}, ${block.prefix} network bits, ${maxBits - block.prefix} host bits)`,
    `  first     ${entry.first}`,
    `  last      ${entry.last}`,
    `  size      ${group(entry.size)} addresses`,
    `  usable    ${group(entry.usable)} in ${CLOUD_NAMES[cloud]}${reserved.length > 0 ? ` (reserved: ${roles})` : ''}`,
  ].join('\n');
}

export interface OverlapOptions {
  json: boolean;
  /** Print at most this many pairs. */
  limit?: number;
  /** Print only how many pairs overlap. */
  count?: boolean;
}

/** Lines per chunk of streamed output: big enough to write efficiently, small enough to stop soon after `| head` closes. */
const PAIRS_PER_CHUNK = 4096;

/**
 * Which inputs overlap. Equal blocks are grouped and nesting is a forest (see
 * shared/cidr/overlap-groups), so counting costs nothing per pair and listing costs only
 * the pairs listed: the pairs stream out in order (input index, then the other's index),
 * up to --limit. With --json, blocks given more than once come as groups ("identical")
 * and `pairs` holds only the pairs of different, nested blocks.
 */
export function findOverlaps(inputs: readonly string[], options: OverlapOptions): CommandOutput {
  if (inputs.length < 2) throw new UsageError('cidr overlaps needs at least two CIDR blocks, e.g. `vpcplan cidr overlaps 10.0.0.0/16 10.0.128.0/17`');
  if (options.count && options.limit !== undefined)
    throw new UsageError('--count prints only how many pairs overlap; leave out --limit, or --count to list the pairs');
  const { forest, errors } = blockForestFromText(inputs);
  if (errors.length > 0) throw new UsageError(errors.map(({ index, error }) => `input #${index}: ${describeError(error)}`).join('\n'));
  const total = countOverlappingPairs(forest);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (options.count) {
    if (options.json) return { stdout: `${JSON.stringify({ count: total.pairs, identical: total.identical })}\n`, code: 0 };
    const equal = total.identical > 0 ? ` (${group(String(total.identical))} between equal blocks)` : '';
    return {
      stdout: `${group(String(total.pairs))} overlapping pair${total.pairs === 1 ? '' : 's'} among ${group(String(inputs.length))} blocks${equal}.\n`,
      code: 0,
    };
  }
  const texts = forest.blocks.map(formatCidr);
  if (options.json) {
    const identical = forest.blocks.flatMap((_, g) => {
      const members = membersOf(forest, g);
      return members.length > 1 ? [`{"cidr":${JSON.stringify(texts[g])},"inputs":[${members.join(',')}]}`] : [];
    });
    const nested = total.pairs - total.identical;
    const head = `{"count":${total.pairs},"identical":[${identical.join(',')}],"pairs":[`;
    const tail = `]${nested > limit ? ',"limited":true' : ''}}\n`;
    return { stdout: head, more: pairChunks(forest, true, limit, (i, j, first) => `${first ? '' : ','}[${i},${j}]`, tail), code: 0 };
  }
  if (total.pairs === 0) return { stdout: `No overlaps among ${group(String(inputs.length))} blocks.\n`, code: 0 };
  const shown = Math.min(limit, total.pairs);
  const summary = `${group(String(total.pairs))} overlapping pair${total.pairs === 1 ? '' : 's'}${shown < total.pairs ? `; the first ${group(String(shown))} are shown (--count gives the count alone)` : ''}.\n`;
  const groupOf = forest.groupOf;
  return {
    stdout: '',
    more: pairChunks(forest, false, limit, (i, j) => `#${i} ${texts[groupOf[i] as number]} overlaps #${j} ${texts[groupOf[j] as number]}\n`, summary),
    code: 0,
  };
}

/** The pairs, rendered, in chunks, then `tail`. */
function* pairChunks(
  forest: BlockForest,
  skipIdentical: boolean,
  limit: number,
  render: (i: number, j: number, first: boolean) => string,
  tail: string,
): Generator<string> {
  const cursor = new OverlappingPairs(forest, skipIdentical);
  let written = 0;
  while (written < limit) {
    let chunk = '';
    let inChunk = 0;
    while (inChunk < PAIRS_PER_CHUNK && written < limit && cursor.next()) {
      chunk += render(cursor.i, cursor.j, written === 0);
      written++;
      inChunk++;
    }
    if (chunk !== '') yield chunk;
    if (inChunk < PAIRS_PER_CHUNK) break;
  }
  yield tail;
}

export function divideCidr(inputs: readonly string[], prefixText: string | undefined, json: boolean): CommandOutput {
  if (inputs.length !== 1) throw new UsageError('cidr divide takes exactly one CIDR block, e.g. `vpcplan cidr divide 10.0.0.0/24 --prefix 26`');
  const [block] = parseAll(inputs);
  const prefix = parsePrefixOption(prefixText, block!);
  const count = divisionCount(block!, prefix);
  if (count > BigInt(DIVIDE_LIMIT)) {
    throw new UsageError(
      `dividing ${formatCidr(block!)} into /${prefix} blocks gives ${group(count.toString())} blocks; the limit is ${group(String(DIVIDE_LIMIT))}. Use a shorter prefix.`,
    );
  }
  const parts = divide(block!, prefix, DIVIDE_LIMIT).map(formatCidr);
  return { stdout: json ? `${JSON.stringify(parts)}\n` : `${parts.join('\n')}\n`, code: 0 };
}

export function freeCidrs(inputs: readonly string[], json: boolean): CommandOutput {
  if (inputs.length < 1) throw new UsageError('cidr free needs a parent block and the used ones, e.g. `vpcplan cidr free 10.0.0.0/16 10.0.0.0/24`');
  // Text in, text out (freeSpaceOfText): tens of thousands of used and free blocks are common.
  const [parentText, ...usedTexts] = inputs;
  const parsed = parseCidr(parentText!);
  const { free, errors } = freeSpaceOfText(parsed.ok ? parsed.cidr : { version: 4, network: 0n, prefix: 32 }, usedTexts);
  const problems = [...(parsed.ok ? [] : [{ index: 0, error: parsed.error }]), ...errors.map(({ index, error }) => ({ index: index + 1, error }))];
  if (problems.length > 0) throw new UsageError(problems.map(({ index, error }) => `input #${index}: ${describeError(error)}`).join('\n'));
  const parent = parsed.ok ? formatCidr(parsed.cidr) : parentText!;
  return { stdout: json ? `${JSON.stringify(free)}\n` : free.length > 0 ? `${free.join('\n')}\n` : `${parent} has no free space.\n`, code: 0 };
}

function parsePrefixOption(text: string | undefined, block: Cidr): number {
  const max = block.version === 4 ? 32 : 128;
  if (text === undefined) throw new UsageError(`cidr divide needs --prefix, the size of the pieces, from ${block.prefix} to ${max}`);
  const prefix = /^\/?\d{1,3}$/.test(text) ? Number(text.replace('/', '')) : Number.NaN;
  if (!Number.isInteger(prefix) || prefix < block.prefix || prefix > max) {
    throw new UsageError(`--prefix ${text} is not a prefix length from ${block.prefix} (the block's own) to ${max}`);
  }
  return prefix;
}

/** Every input must be valid: the answer would be wrong with one left out. */
function parseAll(inputs: readonly string[]): Cidr[] {
  const blocks: Cidr[] = [];
  const errors: string[] = [];
  inputs.forEach((input, index) => {
    const parsed = parseCidr(input);
    if (parsed.ok) blocks.push(parsed.cidr);
    else errors.push(`input #${index}: ${describeError(parsed.error)}`);
  });
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
  return blocks;
}

function describeError(error: CidrError): string {
  return error.message;
}

/** 65536 -> 65,536 (bigint-sized decimal strings too). */
export function group(decimal: string): string {
  return decimal.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
