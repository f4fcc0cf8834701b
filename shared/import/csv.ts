/**
 * Import of a spreadsheet of CIDR blocks (name, cidr, optionally vpc, az, tier) and of the
 * subnet CSV that VPC Planner exports (shared/export/csv.ts), into a plan.
 *
 * Decisions, said in the notes when they apply:
 * - Without a vpc column (or with into: 'external-networks') rows become external networks,
 *   one per distinct name holding all that name's CIDRs; a row without a name is its own
 *   network, named after its CIDR.
 * - With a vpc (or vpc_id) column rows become subnets. A VPC not in the base plan is created
 *   with the blocks of the vpc_ipv4_cidrs / vpc_ipv6_cidrs columns (the exporter writes them),
 *   else with one IPv4 block: the smallest block enclosing its subnets (and likewise for IPv6,
 *   at least a /56, the size AWS assigns).
 * - Into a base plan, with a subnet_id column, rows merge by id: a subnet of the base plan is
 *   updated (its name, VPC, zone and tier when given; its CIDRs and hosts as the row says),
 *   a new id is added, and the base plan's subnets the file does not list are reported (and
 *   kept: a spreadsheet may hold only part of the plan). A VPC of the base plan takes the
 *   file's blocks, account and region where the file gives them and they differ.
 * - Any bad row (a CIDR that does not parse, an unknown tier) is a problem naming its line
 *   and column, and then nothing is imported.
 */
import { formatCidr, lastAddress, parseCidr, type Cidr } from '../cidr';
import { emptyPlan, type Plan, type PlanInput, type SubnetTier } from '../plan/schema';
import { finish } from './finish';
import { delimiterName, detectDelimiter, readCsv } from './csv-text';
import { layOutPlan } from '../layout';
import type { ImportProblem, ImportResult } from './types';

export interface CsvImportOptions {
  /** The file name, for messages. */
  name: string;
  into: 'external-networks' | 'subnets' | 'auto';
}

type Column = 'name' | 'cidr' | 'ipv6' | 'vpc' | 'vpcId' | 'account' | 'region' | 'az' | 'tier' | 'subnetId' | 'hostsNeeded' | 'vpcIpv4' | 'vpcIpv6';

/** Header aliases, compared lower-case with spaces, dashes and underscores removed. Order matters: the first match wins. */
const ALIASES: ReadonlyArray<[Column, readonly string[]]> = [
  ['cidr', ['cidr', 'cidrblock', 'ipv4cidr', 'ipv4cidrblock', 'iprange', 'prefix', 'network', 'subnet', 'block', 'range', 'address']],
  ['ipv6', ['ipv6cidr', 'ipv6cidrblock', 'ipv6']],
  ['name', ['name', 'subnetname', 'networkname', 'label', 'description', 'subnet', 'network']],
  ['vpcId', ['vpcid']],
  ['vpc', ['vpc', 'vpcname']],
  ['account', ['account', 'accountid', 'owner']],
  ['region', ['region']],
  ['az', ['az', 'availabilityzone', 'zone']],
  ['tier', ['tier', 'subnettier']],
  ['subnetId', ['subnetid']],
  ['hostsNeeded', ['hostsneeded', 'hosts']],
  ['vpcIpv4', ['vpcipv4cidrs', 'vpcipv4cidr', 'vpccidrs', 'vpccidr', 'vpcblocks', 'vpcblock']],
  ['vpcIpv6', ['vpcipv6cidrs', 'vpcipv6cidr']],
];

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

function mapColumns(headers: readonly string[]): Map<Column, number> {
  const keys = headers.map(normalise);
  const taken = new Set<number>();
  const out = new Map<Column, number>();
  for (const [column, aliases] of ALIASES) {
    for (const alias of aliases) {
      const index = keys.findIndex((k, i) => k === alias && !taken.has(i));
      if (index !== -1) {
        out.set(column, index);
        taken.add(index);
        break;
      }
    }
  }
  return out;
}

/** Undo the exporter's guard against formula injection: a ' before a cell that starts with = + - @ tab or CR (OWASP CSV injection). */
function cell(fields: readonly string[], index: number | undefined): string {
  if (index === undefined) return '';
  const value = (fields[index] ?? '').trim();
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'x'
  );
}

const TIERS: readonly SubnetTier[] = ['public', 'private', 'isolated'];

/** The smallest block holding every block given (all of one version). */
export function enclosingBlock(blocks: readonly Cidr[]): Cidr {
  const version = blocks[0]!.version;
  const bits = version === 4 ? 32 : 128;
  let first = blocks[0]!.network;
  let last = lastAddress(blocks[0]!);
  for (const b of blocks) {
    if (b.network < first) first = b.network;
    const end = lastAddress(b);
    if (end > last) last = end;
  }
  let prefix = bits;
  while (prefix > 0 && first >> BigInt(bits - prefix) !== last >> BigInt(bits - prefix)) prefix--;
  const size = BigInt(bits - prefix);
  return { version, network: (first >> size) << size, prefix };
}

export function importCsv(text: string, options: CsvImportOptions, basePlan?: Plan): ImportResult {
  const file = options.name;
  const read = readCsv(text);
  if (!read.ok) return { ok: false, problems: [{ file, line: read.line, message: read.message }] };
  const [header, ...rows] = read.records;
  if (!header) return { ok: false, problems: [{ file, message: 'is empty; expected a header row such as "name,cidr" and one row per block' }] };
  const columns = mapColumns(header.fields);
  const headerName = (c: Column) => header.fields[columns.get(c)!]!.trim();
  const hasVpc = columns.has('vpc') || columns.has('vpcId');
  if (!columns.has('cidr') && !columns.has('ipv6')) {
    return {
      ok: false,
      problems: [
        {
          file,
          line: header.line,
          message: `has no CIDR column; the header row ${JSON.stringify(header.fields.join(','))} should name one, e.g. "cidr", "CIDR block", "Network" or "ipv4_cidr"`,
        },
      ],
    };
  }
  const into = options.into === 'auto' ? (hasVpc ? 'subnets' : 'external-networks') : options.into;
  if (into === 'subnets' && !hasVpc)
    return {
      ok: false,
      problems: [{ file, line: header.line, message: 'importing subnets needs a "vpc" or "vpc_id" column saying which VPC each subnet is in' }],
    };
  if (rows.length === 0) return { ok: false, problems: [{ file, line: header.line, message: 'has a header but no rows' }] };

  const problems: ImportProblem[] = [];
  const at = (line: number, column: Column) => ({ file, line, path: `column "${headerName(column)}"` });
  const readBlock = (line: number, value: string, column: Column): Cidr | undefined => {
    const result = parseCidr(value);
    if (!result.ok) {
      problems.push({ ...at(line, column), message: result.error.message });
      return undefined;
    }
    return result.cidr;
  };

  const base = basePlan ?? emptyPlan(file.replace(/\.csv$/i, ''));
  const used = new Set<string>(allIds(base));
  const uniqueId = (wanted: string) => {
    let id = wanted.slice(0, 200);
    for (let n = 2; used.has(id); n++) id = `${wanted.slice(0, 190)}-${n}`;
    used.add(id);
    return id;
  };
  const notes: string[] = [];
  const delimiter = detectDelimiter(text);
  if (delimiter !== ',') notes.push(`Read as ${delimiterName(delimiter)}-separated values.`);

  if (into === 'external-networks') {
    const groups = new Map<string, { name: string; cidrs: string[] }>();
    for (const row of rows) {
      const name = cell(row.fields, columns.get('name'));
      const values = [
        [cell(row.fields, columns.get('cidr')), 'cidr'],
        [cell(row.fields, columns.get('ipv6')), 'ipv6'],
      ] as const;
      const blocks: string[] = [];
      for (const [value, column] of values) {
        if (value === '' || !columns.has(column)) continue;
        const block = readBlock(row.line, value, column);
        if (block) blocks.push(value);
      }
      if (blocks.length === 0 && !values.some(([v]) => v !== '')) {
        problems.push({ ...at(row.line, columns.has('cidr') ? 'cidr' : 'ipv6'), message: 'is empty; each row needs a CIDR block such as 10.0.0.0/16' });
        continue;
      }
      const key = name === '' ? `\u0000${blocks.join(',')}` : name;
      const group = groups.get(key) ?? { name: name || blocks.join(', '), cidrs: [] };
      group.cidrs.push(...blocks.filter((b) => !group.cidrs.includes(b)));
      groups.set(key, group);
    }
    if (problems.length > 0) return { ok: false, problems };
    const added = [...groups.values()].map((g) => ({
      id: uniqueId(`ext-${slug(g.name)}`),
      name: g.name.slice(0, 200),
      kind: 'on-premises' as const,
      cidrs: g.cidrs,
    }));
    notes.push(
      `Imported ${added.length} external network${added.length === 1 ? '' : 's'} (on-premises) from ${rows.length} row${rows.length === 1 ? '' : 's'}: one per distinct name.`,
    );
    return assemble(base, { externalNetworks: [...base.externalNetworks, ...added] }, notes, basePlan !== undefined);
  }

  // Subnets into VPCs
  type Pending = {
    line: number;
    vpcKey: string;
    vpcName: string;
    vpcId: string;
    account: string;
    region: string;
    vpcIpv4: string[];
    vpcIpv6: string[];
    tierGiven: boolean;
    nameGiven: boolean;
    subnet: PlanInput['subnets'] extends Array<infer S> | undefined ? S : never;
    v4?: Cidr;
    v6?: Cidr;
  };
  /** A cell listing blocks (space, comma or semicolon between them), each checked. */
  const readBlocks = (line: number, fields: readonly string[], column: Column, version: 4 | 6): string[] | undefined => {
    const text = cell(fields, columns.get(column));
    const blocks = text.split(/[\s,;]+/).filter((b) => b !== '');
    for (const b of blocks) {
      const parsed = parseCidr(b);
      if (!parsed.ok) {
        problems.push({ ...at(line, column), message: `${b}: ${parsed.error.message}` });
        return undefined;
      }
      if (parsed.cidr.version !== version) {
        problems.push({ ...at(line, column), message: `${b} is an IPv${parsed.cidr.version} block; this column holds the VPC's IPv${version} blocks` });
        return undefined;
      }
    }
    return blocks;
  };
  const pending: Pending[] = [];
  for (const row of rows) {
    const f = row.fields;
    const vpcName = cell(f, columns.get('vpc'));
    const vpcId = cell(f, columns.get('vpcId'));
    if (vpcName === '' && vpcId === '') {
      problems.push({ ...at(row.line, columns.has('vpcId') ? 'vpcId' : 'vpc'), message: 'is empty; say which VPC the subnet is in' });
      continue;
    }
    const v4Text = columns.has('cidr') ? cell(f, columns.get('cidr')) : '';
    const v6Text = columns.has('ipv6') ? cell(f, columns.get('ipv6')) : '';
    if (v4Text === '' && v6Text === '') {
      problems.push({ ...at(row.line, columns.has('cidr') ? 'cidr' : 'ipv6'), message: 'is empty; each subnet needs a CIDR block such as 10.0.1.0/24' });
      continue;
    }
    let v4 = v4Text === '' ? undefined : readBlock(row.line, v4Text, 'cidr');
    let v6 = v6Text === '' ? undefined : readBlock(row.line, v6Text, 'ipv6');
    if (v4Text !== '' && !v4) continue;
    if (v6Text !== '' && !v6) continue;
    // A single CIDR column in a plain spreadsheet may hold an IPv6 block.
    if (v4?.version === 6 && v6 === undefined) {
      v6 = v4;
      v4 = undefined;
    }
    if (v4?.version === 6 || v6?.version === 4) {
      problems.push({
        ...at(row.line, v4?.version === 6 ? 'cidr' : 'ipv6'),
        message: `holds an IPv${v4?.version === 6 ? 6 : 4} block where an IPv${v4?.version === 6 ? 4 : 6} block belongs`,
      });
      continue;
    }
    const tierText = cell(f, columns.get('tier')).toLowerCase();
    // No tier: private for a new subnet (said in the notes), the base plan's for a merged one.
    const tier: SubnetTier = tierText === '' ? 'private' : (tierText as SubnetTier);
    if (tierText !== '' && !(TIERS as readonly string[]).includes(tierText)) {
      problems.push({ ...at(row.line, 'tier'), message: `is "${tierText}"; expected public, private or isolated` });
      continue;
    }
    const hostsText = cell(f, columns.get('hostsNeeded'));
    const hosts = hostsText === '' ? undefined : Number(hostsText.replace(/[, _]/g, ''));
    if (hosts !== undefined && !(Number.isInteger(hosts) && hosts >= 0 && hosts <= 1e9)) {
      problems.push({ ...at(row.line, 'hostsNeeded'), message: `is "${hostsText}"; expected a whole number of addresses, e.g. 120` });
      continue;
    }
    const az = cell(f, columns.get('az'));
    const name = cell(f, columns.get('name'));
    const subnetId = cell(f, columns.get('subnetId'));
    const vpcIpv4 = columns.has('vpcIpv4') ? readBlocks(row.line, f, 'vpcIpv4', 4) : [];
    const vpcIpv6 = columns.has('vpcIpv6') ? readBlocks(row.line, f, 'vpcIpv6', 6) : [];
    if (!vpcIpv4 || !vpcIpv6) continue;
    pending.push({
      line: row.line,
      vpcKey: vpcId || `name:${vpcName}`,
      vpcName,
      vpcId,
      account: cell(f, columns.get('account')),
      region: cell(f, columns.get('region')),
      vpcIpv4,
      vpcIpv6,
      tierGiven: tierText !== '',
      nameGiven: name !== '',
      subnet: {
        id: subnetId,
        name: (name || formatCidr((v4 ?? v6)!)).slice(0, 200),
        vpcId: '',
        availabilityZone: az,
        tier,
        ...(v4 ? { ipv4Cidr: v4Text } : {}),
        ...(v6 ? { ipv6Cidr: v6Text || v4Text } : {}),
        ...(hosts !== undefined ? { hostsNeeded: hosts } : {}),
      },
      ...(v4 ? { v4 } : {}),
      ...(v6 ? { v6 } : {}),
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  if (problems.length > 0) return { ok: false, problems };

  const vpcs = [...base.vpcs];
  const subnets = [...base.subnets];
  const vpcOf = new Map<string, string>();
  const created: string[] = [];
  const createdFromColumns: string[] = [];
  const changedVpcs: string[] = [];
  for (const p of pending) {
    if (vpcOf.has(p.vpcKey)) continue;
    const members = pending.filter((q) => q.vpcKey === p.vpcKey);
    const given = members.find((q) => q.vpcIpv4.length > 0 || q.vpcIpv6.length > 0);
    const differing = members.find(
      (q) =>
        (q.vpcIpv4.length > 0 || q.vpcIpv6.length > 0) &&
        given &&
        (q.vpcIpv4.join(' ') !== given.vpcIpv4.join(' ') || q.vpcIpv6.join(' ') !== given.vpcIpv6.join(' ')),
    );
    if (differing)
      notes.push(`Rows ${given!.line} and ${differing.line} give VPC ${p.vpcName || p.vpcId} different blocks; those of row ${given!.line} were used.`);
    const existingIndex = vpcs.findIndex((v) => (p.vpcId !== '' ? v.id === p.vpcId : v.name === p.vpcName));
    if (existingIndex !== -1) {
      const existing = vpcs[existingIndex]!;
      vpcOf.set(p.vpcKey, existing.id);
      // The file's VPC facts update the base plan's VPC where it gives them.
      const account = members.find((q) => q.account !== '')?.account;
      const region = members.find((q) => q.region !== '')?.region;
      const updated = {
        ...existing,
        ...(given && given.vpcIpv4.length > 0 ? { ipv4Cidrs: given.vpcIpv4 } : {}),
        ...(given && given.vpcIpv6.length > 0 ? { ipv6Cidrs: given.vpcIpv6 } : {}),
        ...(account ? { accountId: account } : {}),
        ...(region ? { region } : {}),
      };
      const what = (['ipv4Cidrs', 'ipv6Cidrs', 'accountId', 'region'] as const).filter((k) => JSON.stringify(updated[k]) !== JSON.stringify(existing[k]));
      if (what.length > 0) {
        vpcs[existingIndex] = updated;
        changedVpcs.push(
          `${existing.name || existing.id} (${what.map((k) => `${k} ${JSON.stringify(existing[k]) ?? 'unset'} -> ${JSON.stringify(updated[k])}`).join(', ')})`,
        );
      }
      continue;
    }
    const v4 = members.flatMap((q) => (q.v4 ? [q.v4] : []));
    const v6 = members.flatMap((q) => (q.v6 ? [q.v6] : []));
    const ipv6Block = v6.length > 0 ? enclosingBlock(v6) : undefined;
    const id = p.vpcId !== '' && !used.has(p.vpcId) ? (used.add(p.vpcId), p.vpcId) : uniqueId(`vpc-${slug(p.vpcName || p.vpcId)}`);
    const region =
      members.find((q) => q.region !== '')?.region ??
      /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)/.exec(members.find((q) => q.subnet.availabilityZone !== '')?.subnet.availabilityZone ?? '')?.[1] ??
      'us-east-1';
    const guessedV4 = v4.length > 0 ? [formatCidr(enclosingBlock(v4))] : [];
    const guessedV6 = ipv6Block ? [formatCidr(ipv6Block.prefix > 56 ? { version: 6, network: (ipv6Block.network >> 72n) << 72n, prefix: 56 } : ipv6Block)] : [];
    const ipv4Cidrs = given && given.vpcIpv4.length > 0 ? given.vpcIpv4 : guessedV4;
    const ipv6Cidrs = given && given.vpcIpv6.length > 0 ? given.vpcIpv6 : guessedV6;
    vpcs.push({
      id,
      name: (p.vpcName || p.vpcId).slice(0, 200),
      region,
      ipv4Cidrs,
      ipv6Cidrs,
      ipv6Source: 'amazon',
      ...(members.find((q) => q.account !== '') ? { accountId: members.find((q) => q.account !== '')!.account } : {}),
    });
    vpcOf.set(p.vpcKey, id);
    const described = `${p.vpcName || p.vpcId} (${[...ipv4Cidrs, ...(ipv6Cidrs.length > 0 ? ['IPv6'] : [])].join(', ') || 'no block'})`;
    if (given && (given.vpcIpv4.length > 0 || (given.vpcIpv6.length > 0 && guessedV4.length === 0))) createdFromColumns.push(described);
    else created.push(described);
  }
  // Into a base plan, rows whose subnet_id the plan has update that subnet in place.
  const merging = basePlan !== undefined && columns.has('subnetId');
  const baseIndex = new Map(subnets.map((s, i) => [s.id, i]));
  let updated = 0;
  let unchanged = 0;
  let added = 0;
  let missingTier = 0;
  let missingZone = 0;
  const listed = new Set<string>();
  for (const p of pending) {
    const vpcId = vpcOf.get(p.vpcKey)!;
    const index = merging && p.subnet.id !== '' ? baseIndex.get(p.subnet.id) : undefined;
    if (index !== undefined) {
      if (listed.has(p.subnet.id)) {
        notes.push(`Row ${p.line} lists subnet ${p.subnet.id} again; the later row was used.`);
      }
      listed.add(p.subnet.id);
      const before = subnets[index]!;
      const next: Plan['subnets'][number] = { ...before, vpcId };
      if (p.nameGiven) next.name = p.subnet.name;
      if (p.subnet.availabilityZone !== '') next.availabilityZone = p.subnet.availabilityZone;
      if (p.tierGiven) next.tier = p.subnet.tier;
      // The CIDR and hosts columns say what the subnet has: an empty cell removes the value.
      if (columns.has('cidr')) {
        if (p.subnet.ipv4Cidr !== undefined) next.ipv4Cidr = p.subnet.ipv4Cidr;
        else delete next.ipv4Cidr;
      }
      if (columns.has('ipv6') || p.subnet.ipv6Cidr !== undefined) {
        if (p.subnet.ipv6Cidr !== undefined) next.ipv6Cidr = p.subnet.ipv6Cidr;
        else delete next.ipv6Cidr;
      }
      if (columns.has('hostsNeeded')) {
        if (p.subnet.hostsNeeded !== undefined) next.hostsNeeded = p.subnet.hostsNeeded;
        else delete next.hostsNeeded;
      }
      if (JSON.stringify(next) === JSON.stringify(before)) unchanged++;
      else updated++;
      subnets[index] = next;
      continue;
    }
    const id = p.subnet.id !== '' && !used.has(p.subnet.id) ? (used.add(p.subnet.id), p.subnet.id) : uniqueId(`subnet-${slug(p.subnet.name)}`);
    if (merging) listed.add(id);
    subnets.push({ ...p.subnet, id, vpcId } as Plan['subnets'][number]);
    added++;
    if (!p.tierGiven) missingTier++;
    if (p.subnet.availabilityZone === '') missingZone++;
  }
  if (merging) {
    notes.push(
      `Merged ${pending.length} row${pending.length === 1 ? '' : 's'} into the base plan by subnet_id: ${updated} updated, ${added} added, ${unchanged} unchanged.`,
    );
    const missing = basePlan!.subnets.filter((s) => !listed.has(s.id));
    if (missing.length > 0)
      notes.push(
        `${missing.length} subnet${missing.length === 1 ? '' : 's'} of the base plan ${missing.length === 1 ? 'is' : 'are'} not in the file and ${missing.length === 1 ? 'was' : 'were'} kept: ${missing
          .slice(0, 20)
          .map((s) => s.id)
          .join(
            ', ',
          )}${missing.length > 20 ? ', …' : ''}. Delete ${missing.length === 1 ? 'it' : 'them'} in the plan if ${missing.length === 1 ? 'it is' : 'they are'} gone.`,
      );
  } else {
    notes.push(`Imported ${pending.length} subnet${pending.length === 1 ? '' : 's'} into ${vpcOf.size} VPC${vpcOf.size === 1 ? '' : 's'}.`);
  }
  if (changedVpcs.length > 0)
    notes.push(`Updated ${changedVpcs.length} VPC${changedVpcs.length === 1 ? '' : 's'} of the base plan from the file: ${changedVpcs.join('; ')}.`);
  if (createdFromColumns.length > 0)
    notes.push(
      `Created ${createdFromColumns.length} VPC${createdFromColumns.length === 1 ? '' : 's'} not in the plan, with the blocks the file gives: ${createdFromColumns.join('; ')}.`,
    );
  if (created.length > 0)
    notes.push(
      `Created ${created.length} VPC${created.length === 1 ? '' : 's'} not in the plan, each with the smallest block enclosing its subnets: ${created.join('; ')}. Widen the blocks if the VPCs are meant to be larger.`,
    );
  if (missingTier > 0) notes.push(`${missingTier} row${missingTier === 1 ? '' : 's'} gave no tier: imported as private.`);
  if (missingZone > 0) notes.push(`${missingZone} row${missingZone === 1 ? '' : 's'} gave no availability zone: set one on each subnet.`);
  return assemble(base, { vpcs, subnets }, notes, basePlan !== undefined);
}

function allIds(plan: Plan): string[] {
  const lists = [
    plan.vpcs,
    plan.subnets,
    plan.internetGateways,
    plan.egressOnlyGateways,
    plan.vpnGateways,
    plan.natGateways,
    plan.routeTables,
    plan.peerings,
    plan.serviceNetworks,
    plan.externalNetworks,
  ];
  return [
    ...lists.flatMap((l) => l.map((x) => x.id)),
    ...plan.transitGateways.flatMap((t) => [t.id, ...t.routeTables.map((r) => r.id), ...t.attachments.map((a) => a.id)]),
  ];
}

/** The base plan with the additions; new top-level nodes get positions below what is already laid out. */
function assemble(base: Plan, changes: Partial<Plan>, notes: string[], keepLayout: boolean): ImportResult {
  const result = finish({ ...base, ...changes } as PlanInput, notes);
  if (!result.ok || !keepLayout) return result;
  const layout = layOutPlan({ ...result.plan, layout: base.layout });
  return { ok: true, plan: { ...result.plan, layout }, notes: result.notes };
}
