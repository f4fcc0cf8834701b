/**
 * The review report an architect hands round: diagram, VPCs and subnets, IPv6 allocations,
 * free space, NAT capacity, VPC-to-VPC reachability and every finding, as Markdown and as
 * self-contained HTML (inline CSS, nothing fetched, A4 page breaks between sections) that
 * the app prints to PDF. Every plan string is escaped. The diagram is embedded as a data:
 * image, so even an SVG with a script in it cannot run.
 */
import { checkPlan, natCapacity, vpcFreeSpace, type Finding } from '../checks';
import { parseCidr, usableAddresses } from '../cidr';
import type { Plan, Subnet } from '../plan/schema';
import { reachabilityClasses, type MatrixCell, type ReachabilityClasses } from '../routing/reach-matrix';
import { escapeMarkup } from './markup';
import { planToSvg } from './svg';

export interface ReviewReportOptions {
  /** The canvas as SVG, from the app; without it the report draws its own diagram. */
  diagramSvg?: string;
  /** When the report was made (ISO 8601); left out when not given, so the output is reproducible. */
  generatedAt?: string;
}

interface Table {
  headers: string[];
  rows: string[][];
  /** Columns aligned right (numbers); they never wrap. */
  numeric?: number[];
  /** Columns of short tokens that must not break (codes, CIDRs, zones, severities). */
  nowrap?: number[];
  /** Columns of running text, which may break a long token anywhere so the table fits the page. */
  prose?: number[];
}

interface Section {
  title: string;
  intro?: string;
  tables: Array<{ caption?: string; table: Table }>;
  /** Present only in the diagram section. */
  imageUri?: string;
  /** Printed on a landscape page (the diagram is wider than tall). */
  wide?: boolean;
}

function count(n: number | bigint): string {
  return typeof n === 'bigint' ? n.toLocaleString('en-US') : n.toLocaleString('en-US');
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : '';
}

function subnetUsable(subnet: Subnet): bigint | undefined {
  if (!subnet.ipv4Cidr) return undefined;
  const parsed = parseCidr(subnet.ipv4Cidr, { version: 4 });
  return parsed.ok ? usableAddresses(parsed.cidr, 'aws', { byoip: subnet.byoip === true }) : undefined;
}

const CELL_WORDS: Record<MatrixCell, string> = { self: '—', reachable: 'yes', partial: 'partly', none: 'no' };

/** Up to this many VPCs the report shows the matrix VPC by VPC; above, by groups of VPCs built alike. */
export const FULL_MATRIX_LIMIT = 30;
/** Up to this many groups they are a matrix too; above, each group's row is written as the groups it reaches. */
const GROUP_MATRIX_LIMIT = 30;

/**
 * VPC to VPC reachability: the full matrix for a small plan. For a large one, the VPCs in
 * classes that behave alike (shared/routing/reach-matrix), each listed with its members, and
 * the cells between classes: ten thousand VPCs are a few dozen classes, not 10^8 cells.
 */
function reachabilitySection(plan: Plan, names: ReadonlyMap<string, string>): Section {
  const title = 'Reachability between VPCs';
  let grouped: ReachabilityClasses;
  try {
    grouped = reachabilityClasses(plan);
  } catch (error) {
    return { title, intro: `The reachability matrix could not be computed: ${error instanceof Error ? error.message : String(error)}.`, tables: [] };
  }
  const name = (id: string) => names.get(id) ?? id;
  if (plan.vpcs.length <= FULL_MATRIX_LIMIT) {
    const ids = plan.vpcs.map((v) => v.id);
    const classOf = ids.map((id) => grouped.classOf.get(id)!);
    return {
      title,
      intro: 'Can subnets of the row VPC reach subnets of the column VPC, with replies (yes, partly: some subnets only, no).',
      tables: [{ table: { headers: ['From \\ to', ...ids.map(name)], rows: ids.map((id, i) => [name(id), ...ids.map((_, j) => CELL_WORDS[i === j ? 'self' : grouped.between(classOf[i]!, classOf[j]!)!])]) } }],
    };
  }
  const { classes } = grouped;
  const label = (c: number) => `G${c + 1}`;
  const word = (from: number, to: number) => {
    const cell = grouped.between(from, to);
    return cell === undefined ? CELL_WORDS.self : CELL_WORDS[cell];
  };
  const groups: Table = {
    headers: ['Group', 'VPCs', 'Members'],
    rows: classes.map((c, k) => [label(k), count(c.vpcIds.length), c.vpcIds.map(name).join(', ')]),
    numeric: [1],
    prose: [2],
  };
  const intro = `The ${count(plan.vpcs.length)} VPCs fall into ${count(classes.length)} group${classes.length === 1 ? '' : 's'} of VPCs built alike: the same kind of route tables, attachments and routes, so the same answers. `
    + 'A cell says whether subnets of every VPC in the row group reach subnets of every other VPC in the column group, with replies (yes, partly: some subnets only, no; — for a group of one towards itself).';
  let between: Table;
  if (classes.length <= GROUP_MATRIX_LIMIT) {
    between = { headers: ['From \\ to', ...classes.map((_, k) => label(k))], rows: classes.map((_, i) => [label(i), ...classes.map((__, j) => word(i, j))]) };
  } else {
    // Too wide to read as a matrix: each row as the groups it reaches (the rest: no).
    const reached = (from: number, cell: MatrixCell) => classes.flatMap((_, to) => (grouped.between(from, to) === cell ? [label(to)] : [])).join(', ');
    between = {
      headers: ['From', 'Reaches (yes)', 'Reaches partly', 'Every other group'],
      rows: classes.map((_, i) => [label(i), reached(i, 'reachable') || 'none', reached(i, 'partial') || 'none', 'no']),
      prose: [1, 2],
    };
  }
  return { title, intro, tables: [{ caption: 'Groups of VPCs built alike', table: groups }, { caption: 'Between groups', table: between }] };
}

function sections(plan: Plan, diagramSvg: string): Section[] {
  const names = new Map(plan.vpcs.map((v) => [v.id, v.name || v.id]));
  // Subnets by VPC, once: a filter per VPC is 10^9 steps at 10,000 VPCs.
  const subnetsOf = new Map<string, Subnet[]>();
  for (const s of plan.subnets) {
    const list = subnetsOf.get(s.vpcId);
    if (list) list.push(s);
    else subnetsOf.set(s.vpcId, [s]);
  }
  const out: Section[] = [];
  out.push({ title: 'Diagram', wide: true, tables: [], imageUri: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(diagramSvg)}` });

  const subnetRows: string[][] = [];
  for (const vpc of plan.vpcs) {
    subnetRows.push([vpc.name || vpc.id, '(VPC)', vpc.ipv4Cidrs.join(', '), vpc.region, '', '', '', '']);
    for (const s of subnetsOf.get(vpc.id) ?? []) {
      const usable = subnetUsable(s);
      subnetRows.push([
        '', s.name || s.id, s.ipv4Cidr ?? '', s.availabilityZone, s.tier,
        usable !== undefined ? count(usable) : '', s.hostsNeeded !== undefined ? count(s.hostsNeeded) : '',
        usable !== undefined && s.hostsNeeded !== undefined ? percent(s.hostsNeeded, Number(usable)) : '',
      ]);
    }
  }
  const orphans = plan.subnets.filter((s) => !names.has(s.vpcId));
  for (const s of orphans) subnetRows.push([`${s.vpcId} (not in the plan)`, s.name || s.id, s.ipv4Cidr ?? '', s.availabilityZone, s.tier, '', '', '']);
  out.push({
    title: 'VPCs and subnets',
    intro: 'Usable = addresses minus the 5 AWS reserves in each subnet (none for BYOIP). Utilisation = hosts needed / usable.',
    tables: [{ table: { headers: ['VPC', 'Subnet', 'IPv4 CIDR', 'AZ / region', 'Tier', 'Usable', 'Hosts needed', 'Utilisation'], rows: subnetRows, numeric: [5, 6, 7], nowrap: [2, 3, 4] } }],
  });

  const v6Rows: string[][] = [];
  for (const vpc of plan.vpcs) {
    for (const block of vpc.ipv6Cidrs) v6Rows.push([vpc.name || vpc.id, '(VPC block)', block, vpc.ipv6Source]);
    for (const s of subnetsOf.get(vpc.id) ?? []) if (s.ipv6Cidr) v6Rows.push([vpc.name || vpc.id, s.name || s.id, s.ipv6Cidr, s.availabilityZone]);
  }
  out.push({
    title: 'IPv6 allocations',
    intro: v6Rows.length === 0 ? 'The plan has no IPv6 blocks.' : 'Amazon-provided blocks are assigned by AWS: the addresses shown are the plan\'s placeholders, their positions are what counts.',
    tables: v6Rows.length > 0 ? [{ table: { headers: ['VPC', 'Subnet', 'IPv6 CIDR', 'Source / AZ'], rows: v6Rows, nowrap: [2, 3] } }] : [],
  });

  const freeRows: string[][] = [];
  for (const vpc of plan.vpcs) {
    const space = vpcFreeSpace(vpc, subnetsOf.get(vpc.id) ?? []);
    for (const block of space.ipv4.blocks) {
      const shown = block.free.slice(0, 6).join(', ') + (block.free.length > 6 ? `, and ${block.free.length - 6} more` : '');
      freeRows.push([vpc.name || vpc.id, block.block, count(block.totalAddresses), count(block.freeAddresses), percent(Number(block.freeAddresses), Number(block.totalAddresses)), shown || 'none']);
    }
  }
  out.push({ title: 'Free space per VPC', tables: [{ table: { headers: ['VPC', 'Block', 'Addresses', 'Free', 'Free %', 'Free blocks'], rows: freeRows, numeric: [2, 3, 4], nowrap: [1], prose: [5] } }] });

  const natRows: string[][] = [];
  for (const nat of plan.natGateways) {
    const c = natCapacity(nat);
    natRows.push(c
      ? [nat.name || nat.id, String(nat.addresses), count(c.perDestination), count(c.busiestDemand), `${(c.utilisation * 100).toFixed(1)} %`, c.busiestDestination ?? (c.assumedWorstCase ? 'all to one (worst case)' : '')]
      : [nat.name || nat.id, String(nat.addresses), count(55_000 * nat.addresses), 'no demand in the plan', '', '']);
  }
  out.push({
    title: 'NAT gateway capacity',
    intro: 'A NAT address holds 55,000 simultaneous connections to one destination (IP, port, protocol): capacity = 55,000 x addresses, against the busiest destination\'s peak.',
    tables: natRows.length > 0 ? [{ table: { headers: ['NAT gateway', 'Addresses', 'Capacity per destination', 'Peak to busiest', 'Utilisation', 'Busiest destination'], rows: natRows, numeric: [1, 2, 3, 4], prose: [5] } }] : [],
  });

  out.push(reachabilitySection(plan, names));

  const findings: Finding[] = checkPlan(plan);
  const counts = (['error', 'warning', 'info'] as const).map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  out.push({
    title: 'Findings',
    intro: findings.length === 0 ? 'The checks found nothing.' : counts,
    tables: findings.length > 0 ? [{ table: { headers: ['Severity', 'Code', 'About', 'Message', 'Fix'], rows: findings.map((f) => [f.severity, f.code, f.subjects.join(', '), f.message, f.fix ?? '']), nowrap: [0, 1], prose: [3, 4] } }] : [],
  });
  return out;
}

function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function markdownTable(t: Table): string {
  const align = t.headers.map((_, i) => (t.numeric?.includes(i) ? '---:' : '---'));
  return [t.headers.map(md).join(' | '), align.join(' | '), ...t.rows.map((r) => r.map(md).join(' | '))].map((l) => `| ${l} |`).join('\n');
}

function htmlTable(t: Table): string {
  const cls = (i: number) => {
    const names = [t.numeric?.includes(i) ? 'num' : '', t.numeric?.includes(i) || t.nowrap?.includes(i) ? 'nowrap' : '', t.prose?.includes(i) ? 'prose' : ''].filter((n) => n !== '');
    return names.length > 0 ? ` class="${names.join(' ')}"` : '';
  };
  const head = `<thead><tr>${t.headers.map((h, i) => `<th${cls(i)}>${escapeMarkup(h)}</th>`).join('')}</tr></thead>`;
  const body = `<tbody>${t.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeMarkup(c)}</td>`).join('')}</tr>`).join('\n')}</tbody>`;
  return `<table>${head}\n${body}</table>`;
}

// Print layout, checked by printing the examples with headless Chromium (cli/export-binary.test.ts)
// and looking at the pages: a cell never breaks inside a code, CIDR, zone or number (nowrap);
// only running text may break a long token anywhere (prose); names break at their hyphens.
// The title page with the diagram is landscape (the diagram is wider than tall), the tables portrait.
const CSS = `
@page { size: A4 portrait; margin: 14mm; }
@page wide { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #0f172a; margin: 0 auto; }
@media screen { body { max-width: 277mm; padding: 0 8mm; } }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h3 { font-size: 10.5pt; margin: 8pt 0 2pt; break-after: avoid; page-break-after: avoid; }
h2 { font-size: 13pt; border-bottom: 1px solid #cbd5e1; padding-bottom: 2pt; break-after: avoid; page-break-after: avoid; }
p { margin: 4pt 0 6pt; }
header.wide, section.wide { page: wide; }
section { break-before: page; page-break-before: always; }
section.first { break-before: auto; page-break-before: auto; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #cbd5e1; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
th { background: #f1f5f9; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
.prose { overflow-wrap: anywhere; }
th.prose { overflow-wrap: break-word; }
.meta { color: #475569; }
img.diagram { display: block; max-width: 100%; max-height: 130mm; width: auto; height: auto; margin: 0 auto; border: 1px solid #e2e8f0; }
@media screen { img.diagram { max-height: none; } }
`;

export function buildReviewReport(plan: Plan, options: ReviewReportOptions = {}): { markdown: string; html: string } {
  const diagram = options.diagramSvg ?? planToSvg(plan);
  const all = sections(plan, diagram);
  const meta = [`${plan.vpcs.length} VPCs, ${plan.subnets.length} subnets`, ...(options.generatedAt ? [`generated ${options.generatedAt}`] : [])].join(' · ');

  // Each form is written when first read: a caller wants one, and at 10,000 VPCs each is tens of megabytes.
  let markdown: string | undefined;
  let html: string | undefined;
  return {
    get markdown() {
      return (markdown ??= markdownReport(plan, all, meta));
    },
    get html() {
      return (html ??= htmlReport(plan, all, meta));
    },
  };
}

function markdownReport(plan: Plan, all: readonly Section[], meta: string): string {
  const mdParts = [`# Network review: ${md(plan.name)}`, '', md(meta)];
  if (plan.description) mdParts.push('', md(plan.description));
  for (const s of all) {
    mdParts.push('', `## ${md(s.title)}`, '');
    if (s.imageUri) mdParts.push(`![Diagram of ${md(plan.name)}](${s.imageUri})`);
    if (s.intro) mdParts.push(md(s.intro), '');
    for (const t of s.tables) {
      if (t.caption) mdParts.push(`### ${md(t.caption)}`, '');
      mdParts.push(markdownTable(t.table), '');
    }
  }
  return `${mdParts.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function htmlReport(plan: Plan, all: readonly Section[], meta: string): string {
  const htmlSections = all.map((s, i) => {
    const classes = [...(i === 0 ? ['first'] : []), ...(s.wide ? ['wide'] : [])];
    return [
      `<section${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>`,
      `<h2>${escapeMarkup(s.title)}</h2>`,
      s.imageUri ? `<img class="diagram" alt="${escapeMarkup(`Diagram of ${plan.name}`)}" src="${escapeMarkup(s.imageUri)}">` : '',
      s.intro ? `<p>${escapeMarkup(s.intro)}</p>` : '',
      ...s.tables.map((t) => `${t.caption ? `<h3>${escapeMarkup(t.caption)}</h3>\n` : ''}${htmlTable(t.table)}`),
      '</section>',
    ].filter((l) => l !== '').join('\n');
  });
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may load: no scripts, no fonts, no remote images (the diagram is a data: URI).
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeMarkup(`Network review: ${plan.name}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    // The title goes on the diagram's landscape page when the diagram comes first.
    `<header${all[0]?.wide ? ' class="wide"' : ''}>`,
    `<h1>${escapeMarkup(`Network review: ${plan.name}`)}</h1>`,
    `<p class="meta">${escapeMarkup(meta)}</p>`,
    plan.description ? `<p>${escapeMarkup(plan.description)}</p>` : '',
    '</header>',
    ...htmlSections,
    '</body>',
    '</html>',
    '',
  ].filter((l) => l !== '').join('\n');
  return `${html}\n`;
}
