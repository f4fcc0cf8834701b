/**
 * The `vpcplan` command line. `runCli` takes the arguments and a way to read files and
 * stdin, and returns what to print and the exit code, so tests call it directly.
 * Exit codes: 0 ok, 1 findings at error level (`check`) or no path (`reach`), 2 bad
 * input or usage.
 */
import { parseArgs } from 'node:util';
import { CLOUDS, divideCidr, explainCidrs, findOverlaps, freeCidrs } from './cidr-commands';
import { UsageError, type CommandOutput } from './output';
import { checkCommand, checkFixCommand, loadPlanOrFail, reachCommand } from './plan-commands';
import { diffCommand, exportCommand, nodeExportIo, parseExportFormat } from './export-commands';
import { importCommand, parseImportSource, parseInto } from './import-command';
import { sizeCommand } from './size-command';
import type { Cloud } from '../shared/cidr';
import type { FileSystem } from '../node/atomic-write';
import { unexpectedFileErrorLine } from './file-output';

export interface CliIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  /** Where -o files are written; the real file system when absent (tests inject faults). */
  fs?: FileSystem;
}

export const USAGE = `vpcplan: plan and check cloud networks from the command line

Usage:
  vpcplan cidr explain <cidr>... [--cloud aws|azure|gcp] [--json]
  vpcplan cidr overlaps <cidr> <cidr>... [--limit <n> | --count] [--json]
                                                    pairs stream in input order; --json groups
                                                    equal blocks ("identical") apart from the pairs
  vpcplan cidr divide <cidr> --prefix <P> [--json]
  vpcplan cidr free <parent> [<used>...] [--json]
  vpcplan check <plan.json> [--json] [--fix [-o fixed.json]]
                                       --fix applies every fix that is a single action, writes
                                       the plan (atomically; back to <plan.json> unless -o) and
                                       prints each change; the exit code is for what remains
  vpcplan reach <plan.json> <from-subnet> <to-subnet> [--json]
  vpcplan size --azs <n> --tier [name=]public|private|isolated:<hosts>... [--growth <pct>]
               [--avoid <cidr>...] [--ipv6] [--region <r>] [--within <cidr>] [--spare <n>] [--json]
  vpcplan export <plan.json> --format terraform|csv|json|markdown|html|svg|drawio|pdf|png [-o <path>]
                                                    terraform -o takes a directory (.tf files, README.md);
                                                    pdf (the review report) and png (the diagram) need -o
                                                    and Chromium: CHROMIUM_PATH, or chromium on PATH
  vpcplan diff <before.json> <after.json> [--json]  exit 0 same, 1 different
  vpcplan import --from aws-cli [--strict] <file>... AWS CLI describe-* and vpc-lattice output (one or
                                                    concatenated); what it does not read is reported
                                                    and skipped, or refused (exit 2) with --strict
  vpcplan import --from terraform-state <state.json> the JSON of "terraform show -json", or terraform.tfstate
  vpcplan import --from csv [--into external-networks|subnets|auto] [--base plan.json] <file>...
                                                    with --base, rows merge by subnet_id (update, add)
                 [-o plan.json]                      the new plan goes to stdout or -o; notes to stderr

A value of "-" reads values one per line from standard input (for check and reach:
the plan file itself). Subnets are named by id or by unique name.
Exit codes: 0 ok; 1 findings at error level (check) or no path (reach); 2 bad input or usage.
`;

/** Which options each command takes (besides --json, --help, --version); anything else is a usage error. */
const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  'cidr explain': ['cloud'],
  'cidr divide': ['prefix'],
  'cidr overlaps': ['limit', 'count'],
  import: ['from', 'into', 'base', 'output', 'strict'],
  check: ['fix', 'output'],
  export: ['format', 'output'],
  size: ['azs', 'tier', 'growth', 'avoid', 'ipv6', 'region', 'within', 'spare'],
};
const GLOBAL_OPTIONS = new Set(['json', 'help', 'version']);

const OPTIONS = {
  json: { type: 'boolean' },
  cloud: { type: 'string' },
  prefix: { type: 'string' },
  azs: { type: 'string' },
  tier: { type: 'string', multiple: true },
  growth: { type: 'string' },
  avoid: { type: 'string', multiple: true },
  ipv6: { type: 'boolean' },
  region: { type: 'string' },
  within: { type: 'string' },
  spare: { type: 'string' },
  from: { type: 'string' },
  into: { type: 'string' },
  base: { type: 'string' },
  strict: { type: 'boolean' },
  fix: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  limit: { type: 'string' },
  count: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

export async function runCli(argv: readonly string[], io: CliIo, version = '0.0.0'): Promise<CommandOutput> {
  try {
    return await dispatch(argv, io, version);
  } catch (error) {
    if (error instanceof UsageError) return { stdout: '', stderr: `vpcplan: ${error.message}\n`, code: 2 };
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      return { stdout: '', stderr: `vpcplan: ${error.message}\n\n${USAGE}`, code: 2 };
    }
    const fileError = unexpectedFileErrorLine(error);
    if (fileError !== undefined) return { stdout: '', stderr: `vpcplan: ${fileError}\n`, code: 2 };
    throw error;
  }
}

async function dispatch(argv: readonly string[], io: CliIo, version: string): Promise<CommandOutput> {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  if (values.version) return { stdout: `${version}\n`, code: 0 };
  if (values.help || positionals.length === 0) return { stdout: USAGE, code: positionals.length === 0 && !values.help ? 2 : 0 };
  const json = values.json ?? false;
  const [command, ...rest] = positionals;
  rejectForeignOptions(values, command === 'cidr' ? `cidr ${rest[0] ?? ''}` : (command ?? ''));
  switch (command) {
    case 'cidr': {
      const [sub, ...args] = rest;
      const inputs = await expandStdin(args, io);
      switch (sub) {
        case 'explain':
          return explainCidrs(inputs, parseCloud(values.cloud), json);
        case 'overlaps':
          return findOverlaps(inputs, { json, limit: parseLimit(values.limit), count: values.count ?? false });
        case 'divide':
          return divideCidr(inputs, values.prefix, json);
        case 'free':
          return freeCidrs(inputs, json);
        default:
          throw new UsageError(`unknown cidr command "${sub ?? ''}"; use explain, overlaps, divide or free`);
      }
    }
    case 'check': {
      if (rest.length !== 1) throw new UsageError('check takes one plan file, e.g. `vpcplan check examples/hub-and-spoke.vpcplan.json`');
      if (values.output !== undefined && !values.fix)
        throw new UsageError('check writes a file only with --fix, e.g. `vpcplan check plan.json --fix -o fixed.json`');
      const { plan, name } = await readPlan(rest[0]!, io);
      if (values.fix) {
        const output = values.output ?? (rest[0] === '-' ? undefined : rest[0]!);
        if (output === undefined) throw new UsageError('check --fix on standard input needs -o <file> for the fixed plan');
        return checkFixCommand(plan, name, output, json, io.fs);
      }
      return checkCommand(plan, name, json);
    }
    case 'reach': {
      if (rest.length !== 3) throw new UsageError('reach takes a plan file and two subnets, e.g. `vpcplan reach plan.json dev-app-a prod-app-a`');
      const { plan } = await readPlan(rest[0]!, io);
      return reachCommand(plan, rest[1]!, rest[2]!, json);
    }
    case 'export': {
      if (rest.length !== 1) throw new UsageError('export takes one plan file, e.g. `vpcplan export plan.json --format terraform -o infra/`');
      const format = parseExportFormat(values.format);
      const { plan } = await readPlan(rest[0]!, io);
      return exportCommand(plan, format, values.output, io.fs ? { ...nodeExportIo, fs: io.fs } : nodeExportIo);
    }
    case 'diff': {
      if (rest.length !== 2) throw new UsageError('diff takes two plan files, e.g. `vpcplan diff before.json after.json`');
      const [before, after] = await Promise.all([readPlan(rest[0]!, io), readPlan(rest[1]!, io)]);
      return diffCommand(before.plan, after.plan, json);
    }
    case 'import': {
      const from = parseImportSource(values.from);
      const files = await Promise.all(rest.map(async (path) => ({ name: path === '-' ? 'standard input' : path, text: await readInput(path, io) })));
      const base = values.base === undefined ? undefined : { name: values.base, text: await readInput(values.base, io) };
      return importCommand(files, from, {
        output: values.output,
        into: values.into === undefined ? undefined : parseInto(values.into),
        base,
        fs: io.fs,
        strict: values.strict === true,
      });
    }
    case 'size': {
      if (rest.length > 0)
        throw new UsageError(`size takes only options, not "${rest.join(' ')}"; e.g. \`vpcplan size --azs 3 --tier public:50 --tier private:1000\``);
      return sizeCommand({
        azs: values.azs ?? '',
        tiers: values.tier ?? [],
        growth: values.growth ?? 0,
        avoid: values.avoid ?? [],
        ipv6: values.ipv6 ?? false,
        region: values.region,
        within: values.within,
        spare: values.spare,
        json,
      });
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

function rejectForeignOptions(values: Record<string, unknown>, command: string): void {
  const allowed = new Set(COMMAND_OPTIONS[command] ?? []);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || GLOBAL_OPTIONS.has(name) || allowed.has(name)) continue;
    const owner = Object.entries(COMMAND_OPTIONS).find(([, names]) => names.includes(name))?.[0];
    throw new UsageError(`--${name} does not go with \`${command.trim()}\`${owner ? `; it is an option of \`${owner}\`` : ''}`);
  }
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text)) throw new UsageError(`--limit ${text} is not a number of pairs; give a whole number such as --limit 100`);
  return Number(text);
}

function parseCloud(text: string | undefined): Cloud {
  if (text === undefined) return 'aws';
  if ((CLOUDS as readonly string[]).includes(text)) return text as Cloud;
  throw new UsageError(`--cloud ${text} is not one of ${CLOUDS.join(', ')}`);
}

/** `-` stands for the lines of standard input (blank lines and # comments skipped). */
async function expandStdin(args: readonly string[], io: CliIo): Promise<string[]> {
  if (!args.includes('-')) return [...args];
  const lines = (await io.readStdin())
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return args.flatMap((arg) => (arg === '-' ? lines : [arg]));
}

/** A file's text, or standard input for `-`; a read failure is the user's to fix (exit 2). */
async function readInput(path: string, io: CliIo): Promise<string> {
  try {
    return path === '-' ? await io.readStdin() : await io.readFile(path);
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot read ${path === '-' ? 'standard input' : path}: ${reason}`);
  }
}

async function readPlan(path: string, io: CliIo) {
  const name = path === '-' ? 'standard input' : path;
  return { plan: loadPlanOrFail(await readInput(path, io), name), name };
}
