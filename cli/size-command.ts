/**
 * `vpcplan size`: the sizing assistant on the command line.
 *
 *   vpcplan size --azs 3 --tier public:50 --tier app=private:1000 --growth 50 [--avoid <cidr>...] [--ipv6] [--json]
 *
 * A tier is `kind:hosts` (the kind is also its name) or `name=kind:hosts`, kind one of
 * public, private, isolated. Exit 0 with the proposal; 2 on bad options or when nothing fits.
 */
import { proposeVpc, type SizingProposal, type TierRequest } from '../shared/sizing';
import type { SubnetTier } from '../shared/plan/schema';
import { UsageError, type CommandOutput } from './output';

export interface SizeOptions {
  /** Number of AZs, 1..6; text as parsed from the command line is accepted. */
  azs: number | string;
  /** Repeated `--tier`: "public:50" or "app=private:1000". */
  tiers: string[];
  /** Percent of headroom on every subnet. */
  growth: number | string;
  avoid: string[];
  ipv6: boolean;
  region?: string;
  /** Optional `--within <cidr>`: the range to place the VPC in. */
  within?: string;
  /** Optional `--spare <n>`: spare subnets of the largest tier's size per AZ (default 1). */
  spare?: number | string;
  json: boolean;
}

const KINDS: readonly SubnetTier[] = ['public', 'private', 'isolated'];
const DEFAULT_REGION = 'us-east-1';

/** Parses one `--tier` value; the message quotes it and shows the form to use. */
export function parseTierOption(text: string): TierRequest {
  const match = /^(?:([^=:]+)=)?([^=:]+):([^=:]*)$/.exec(text.trim());
  if (!match) {
    throw new UsageError(`--tier ${text} is not of the form kind:hosts or name=kind:hosts, e.g. --tier public:50 or --tier app=private:1000`);
  }
  const [, name, kind, hosts] = match as unknown as [string, string | undefined, string, string];
  if (!(KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      `--tier ${text}: "${kind}" is not a tier; use public, private or isolated, e.g. --tier ${name ? `${name}=` : ''}private:${hosts || '100'}`,
    );
  }
  if (!/^\d{1,9}$/.test(hosts)) {
    throw new UsageError(`--tier ${text}: "${hosts}" is not a number of hosts; write a whole number, e.g. --tier ${name ? `${name}=` : ''}${kind}:100`);
  }
  return { name: name ?? kind, tier: kind as SubnetTier, hostsPerSubnet: Number(hosts) };
}

function wholeNumber(value: number | string, option: string, example: string): number {
  const n = typeof value === 'number' ? value : /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${option} ${value} is not a whole number; e.g. ${option} ${example}`);
  return n;
}

export function sizeCommand(options: SizeOptions): CommandOutput {
  let proposal: ReturnType<typeof proposeVpc>;
  try {
    if (options.tiers.length === 0) throw new UsageError('size needs at least one --tier, e.g. `vpcplan size --azs 3 --tier public:50 --tier private:1000`');
    const tiers = options.tiers.map(parseTierOption);
    const azs = wholeNumber(options.azs, '--azs', '3');
    const growthPercent = wholeNumber(options.growth, '--growth', '50');
    const request = {
      region: options.region ?? DEFAULT_REGION,
      azs,
      tiers,
      growthPercent,
      ipv6: options.ipv6,
      avoid: options.avoid,
      ...(options.within !== undefined ? { within: options.within } : {}),
      ...(options.spare !== undefined ? { spare: wholeNumber(options.spare, '--spare', '1') } : {}),
    };
    proposal = proposeVpc(request);
  } catch (error) {
    if (error instanceof UsageError) return { stdout: '', stderr: `vpcplan: size: ${error.message}\n`, code: 2 };
    throw error;
  }
  if (!proposal.ok) {
    return { stdout: options.json ? `${JSON.stringify(proposal, null, 2)}\n` : '', stderr: `vpcplan: size: ${proposal.reason}\n`, code: 2 };
  }
  return { stdout: options.json ? `${JSON.stringify(proposal, null, 2)}\n` : humanText(proposal), code: 0 };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

function humanText(p: SizingProposal): string {
  const ipv6 = p.vpcIpv6Cidr !== undefined;
  const header = ['AZ', 'Tier', 'Kind', 'CIDR', 'Hosts', 'With growth', 'Usable', ...(ipv6 ? ['IPv6 (placeholder)'] : [])];
  const rows = p.subnets.map((s) => [
    s.az,
    s.tierName,
    s.tier,
    s.cidr,
    s.hostsNeeded.toLocaleString('en-US'),
    s.addressesWithGrowth.toLocaleString('en-US'),
    s.capacity.toLocaleString('en-US'),
    ...(ipv6 ? [s.ipv6Cidr ?? ''] : []),
  ]);
  return [
    `VPC ${p.vpcCidr} in ${p.region}${ipv6 ? `, IPv6 ${p.vpcIpv6Cidr} (placeholder)` : ''}`,
    '',
    ...table([header, ...rows]),
    '',
    `Free: ${p.free.length > 0 ? p.free.join(', ') : 'none'}`,
    '',
    'Why:',
    ...p.explanations.map((line) => `  - ${line}`),
    ...(p.ipv6Note ? [`  - ${p.ipv6Note}`] : []),
    '',
  ].join('\n');
}
