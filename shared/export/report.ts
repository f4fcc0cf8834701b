/**
 * The review report an architect hands round: a title page (plan, date, summary, findings
 * count), the diagram, accounts, VPCs and subnets, IPv6 allocations, free space, route tables,
 * transit gateway route tables, peerings, service networks, VPN and external networks, NAT
 * capacity, VPC-to-VPC reachability and every finding with its fix, as Markdown and as
 * self-contained HTML (inline CSS, nothing fetched) that the app and the CLI print to PDF.
 *
 * Printed, the diagram goes on landscape pages at a scale where its smallest text is at least
 * 7 pt: whole on one page when it fits, else a page per group of neighbouring boxes
 * (diagramTiles), each page the same SVG through a different viewBox, placed so that every box
 * that fits a page and every label is whole on at least one page, and captioned with the boxes
 * it shows. The sections flow one after another (no forced page breaks), every table repeats
 * its header on each page, and a table too wide for the page (the reachability matrix) is split
 * into column groups that repeat the first column. Every plan string is escaped; the diagram is
 * inline SVG (shapes and text, each page's SVG holding only the elements, and the pieces of
 * dashed lines, that show through its frame), and the page's Content-Security-Policy runs no
 * script whatever it holds.
 * The report draws the diagram itself, of the whole plan or of the app's selection, with or without
 * its legend (ReportDiagramOptions). One too large to page (past DIAGRAM_FULL_VPC_LIMIT VPCs, or
 * DIAGRAM_MAX_PAGES pages) prints an overview instead, each VPC a box without its subnets, on one
 * page, its caption saying what it leaves out; every VPC, subnet and finding is still in the tables.
 * The Markdown links the diagram as a file (diagram.svg beside report.md), because git hosts
 * do not show a data: image.
 */
import { NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION, RESERVED_ADDRESSES_PER_SUBNET } from '../aws-limits';
import { checkPlan, natCapacity, vpcFreeSpace, type Finding, type VpcFreeSpace } from '../checks';
import { usableAddresses } from '../cidr';
import { diagramScope, engineFigures, formatCount, planDiagram, textWidth, usageOfSpace, type Diagram, type DiagramFigures, type TextStyle } from '../layout';
import { planIndexOf, subnetBlock, type PlanIndex } from '../plan/plan-index';
import type { Plan, Subnet, Vpc } from '../plan/schema';
import { reachabilityClasses, type MatrixCell, type ReachabilityClasses } from '../routing/reach-matrix';
import { escapeMarkup } from './markup';
import { planToSvg, type DiagramSvgOptions } from './svg';

/** The file the Markdown report links the diagram as; `vpcplan export --format markdown -o DIR` writes it beside report.md. */
export const MARKDOWN_DIAGRAM_FILE = 'diagram.svg';

/** What the report's diagram shows: the choices of the app's Export dialog. */
export interface ReportDiagramOptions {
  /** Only these objects and the connections between them (the editor's selection, as planToSvg takes it); the whole plan when absent. */
  selection?: readonly string[];
  /** Draw the legend (default yes). */
  legend?: boolean;
}

export interface ReviewReportOptions {
  /**
   * What the diagram shows; the whole plan with its legend when absent. The report draws it
   * itself (not a picture handed in) so that one too large to page prints as its overview.
   */
  diagram?: ReportDiagramOptions;
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
  /** Wider than a page: printed as groups of this many columns each (after the first), each group repeating the first column. */
  groupSizes?: number[];
}

interface Section {
  title: string;
  intro?: string;
  tables: Array<{ caption?: string; table: Table }>;
  /** Present only in the diagram section. */
  diagram?: boolean;
}

/** A count with its digits grouped (65,536), as the diagram writes it. */
function count(n: number | bigint): string {
  return formatCount(n);
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : '';
}

function subnetUsable(index: PlanIndex, subnet: Subnet): bigint | undefined {
  const block = subnetBlock(index, subnet, 4);
  return block ? usableAddresses(block, 'aws', { byoip: subnet.byoip === true }) : undefined;
}

/** "1 error, 82 warnings, 0 info": each severity's count, the noun in the singular for one. */
function severityCounts(findings: readonly Finding[]): string {
  return (['error', 'warning', 'info'] as const)
    .map((sev) => {
      const n = findings.filter((f) => f.severity === sev).length;
      return `${n} ${sev}${sev === 'info' || n === 1 ? '' : 's'}`;
    })
    .join(', ');
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
    const headers = ['From \\ to', ...ids.map(name)];
    return {
      title,
      intro: 'Can subnets of the row VPC reach subnets of the column VPC, with replies (yes, partly: some subnets only, no).',
      tables: [
        {
          table: {
            headers,
            rows: ids.map((id, i) => [name(id), ...ids.map((_, j) => CELL_WORDS[i === j ? 'self' : grouped.between(classOf[i]!, classOf[j]!)!])]),
            groupSizes: matrixGroups(headers),
          },
        },
      ],
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
  const intro =
    `The ${count(plan.vpcs.length)} VPCs fall into ${count(classes.length)} group${classes.length === 1 ? '' : 's'} of VPCs built alike: the same kind of route tables, attachments and routes, so the same answers. ` +
    'A cell says whether subnets of every VPC in the row group reach subnets of every other VPC in the column group, with replies (yes, partly: some subnets only, no; — for a group of one towards itself).';
  let between: Table;
  if (classes.length <= GROUP_MATRIX_LIMIT) {
    const headers = ['From \\ to', ...classes.map((_, k) => label(k))];
    between = { headers, rows: classes.map((_, i) => [label(i), ...classes.map((__, j) => word(i, j))]), groupSizes: matrixGroups(headers) };
  } else {
    // Too wide to read as a matrix: each row as the groups it reaches (the rest: no).
    const reached = (from: number, cell: MatrixCell) => classes.flatMap((_, to) => (grouped.between(from, to) === cell ? [label(to)] : [])).join(', ');
    between = {
      headers: ['From', 'Reaches (yes)', 'Reaches partly', 'Every other group'],
      rows: classes.map((_, i) => [label(i), reached(i, 'reachable') || 'none', reached(i, 'partial') || 'none', 'no']),
      prose: [1, 2],
    };
  }
  return {
    title,
    intro,
    tables: [
      { caption: 'Groups of VPCs built alike', table: groups },
      { caption: 'Between groups', table: between },
    ],
  };
}

/** Each VPC's free space, worked out once for the free-space table and the diagram's usage lines. */
function freeSpaces(plan: Plan): (vpc: Vpc) => VpcFreeSpace {
  // The plan's one index, which reachability and the diagram read too: each CIDR is read once for all three.
  const index = planIndexOf(plan);
  const memo = new Map<Vpc, VpcFreeSpace>();
  return (vpc) => {
    let space = memo.get(vpc);
    if (!space) {
      space = vpcFreeSpace(index, vpc, index.subnetsByVpc.get(vpc.id) ?? []);
      memo.set(vpc, space);
    }
    return space;
  };
}

/** The diagram's figures, its VPCs' usage read from the free space the report has worked out. */
function reportFigures(plan: Plan, freeSpaceOf: (vpc: Vpc) => VpcFreeSpace): DiagramFigures {
  return { ...engineFigures(plan), vpcUsage: (vpc) => usageOfSpace(freeSpaceOf(vpc).ipv4) };
}

/** What a diagram draws, for the overview's caption and for choosing whether to draw it in full. */
interface Drawn {
  /** Of the selection, not the whole plan. */
  selection: boolean;
  vpcs: number;
  subnets: number;
  nats: number;
}

/** The report's pictures of the plan (or of the selection), each drawn when first wanted, sharing one layout. */
interface ReportDrawing {
  /** The full diagram: the Markdown's diagram.svg, and the printed pages while they stay few. */
  full(): string;
  /** Each VPC as its box and name only: printed when the full diagram is too large to page. */
  overview(): string;
  drawn(): Drawn;
}

function reportDrawing(plan: Plan, options: ReviewReportOptions, freeSpaceOf: (vpc: Vpc) => VpcFreeSpace): ReportDrawing {
  const day = options.generatedAt?.slice(0, 10);
  const { selection, legend = true } = options.diagram ?? {};
  // Laid out once for the count, the full diagram and the overview: 10,000 VPCs take seconds.
  let figures: DiagramFigures | undefined;
  let geometry: Diagram | undefined;
  const drawing = (): DiagramSvgOptions & { geometry: Diagram } => {
    figures ??= reportFigures(plan, freeSpaceOf);
    geometry ??= planDiagram(plan, figures);
    return { ...(day ? { date: day } : {}), ...(selection ? { selection } : {}), legend, figures, geometry };
  };
  let full: string | undefined;
  return {
    full: () => (full ??= planToSvg(plan, drawing())),
    overview: () => planToSvg(plan, { ...drawing(), overview: true }),
    // The whole plan's counts need no layout, so a large plan's overview is the only one it lays out.
    drawn: () => (selection ? drawnOfSelection(plan, drawing().geometry, selection) : drawnOfPlan(plan)),
  };
}

function drawnOfPlan(plan: Plan): Drawn {
  return { selection: false, vpcs: plan.vpcs.length, subnets: plan.subnets.length, nats: plan.natGateways.length };
}

/** The VPCs a picture of the selection draws (planToSvg's scope: a VPC whole, the ends of a chosen connection), with their subnets and NAT gateways. */
function drawnOfSelection(plan: Plan, geometry: Diagram, selection: readonly string[]): Drawn {
  const vpcIds = new Set([...diagramScope(plan, geometry, selection).nodes].filter((id) => geometry.byId.get(id)?.kind === 'vpc'));
  const vpcOfSubnet = new Map(plan.subnets.map((s) => [s.id, s.vpcId]));
  return {
    selection: true,
    vpcs: vpcIds.size,
    subnets: plan.subnets.filter((s) => vpcIds.has(s.vpcId)).length,
    nats: plan.natGateways.filter((n) => vpcIds.has(vpcOfSubnet.get(n.subnetId) ?? '')).length,
  };
}

function sections(plan: Plan, findings: readonly Finding[], freeSpaceOf: (vpc: Vpc) => VpcFreeSpace): Section[] {
  const index = planIndexOf(plan);
  const names = new Map(plan.vpcs.map((v) => [v.id, v.name || v.id]));
  const out: Section[] = [];
  out.push({ title: 'Diagram', tables: [], diagram: true });
  out.push(accountsSection(plan));

  const subnetRows: string[][] = [];
  for (const vpc of plan.vpcs) {
    subnetRows.push([vpc.name || vpc.id, '(VPC)', vpc.ipv4Cidrs.join(', '), vpc.region, '', '', '', '']);
    for (const s of index.subnetsByVpc.get(vpc.id) ?? []) {
      const usable = subnetUsable(index, s);
      subnetRows.push([
        '',
        s.name || s.id,
        s.ipv4Cidr ?? '',
        s.availabilityZone,
        s.tier,
        usable !== undefined ? count(usable) : '',
        s.hostsNeeded !== undefined ? count(s.hostsNeeded) : '',
        usable !== undefined && s.hostsNeeded !== undefined ? percent(s.hostsNeeded, Number(usable)) : '',
      ]);
    }
  }
  const orphans = plan.subnets.filter((s) => !names.has(s.vpcId));
  for (const s of orphans) subnetRows.push([`${s.vpcId} (not in the plan)`, s.name || s.id, s.ipv4Cidr ?? '', s.availabilityZone, s.tier, '', '', '']);
  out.push({
    title: 'VPCs and subnets',
    intro: `Usable = addresses minus the ${RESERVED_ADDRESSES_PER_SUBNET} AWS reserves in each subnet (none for BYOIP). Utilisation = hosts needed / usable.`,
    tables: [
      {
        table: {
          headers: ['VPC', 'Subnet', 'IPv4 CIDR', 'AZ / region', 'Tier', 'Usable', 'Hosts needed', 'Utilisation'],
          rows: subnetRows,
          numeric: [5, 6, 7],
          nowrap: [2, 3, 4],
        },
      },
    ],
  });

  const v6Rows: string[][] = [];
  for (const vpc of plan.vpcs) {
    for (const block of vpc.ipv6Cidrs) v6Rows.push([vpc.name || vpc.id, '(VPC block)', block, vpc.ipv6Source]);
    for (const s of index.subnetsByVpc.get(vpc.id) ?? []) if (s.ipv6Cidr) v6Rows.push([vpc.name || vpc.id, s.name || s.id, s.ipv6Cidr, s.availabilityZone]);
  }
  out.push({
    title: 'IPv6 allocations',
    intro:
      v6Rows.length === 0
        ? 'The plan has no IPv6 blocks.'
        : "Amazon-provided blocks are assigned by AWS: the addresses shown are the plan's placeholders, their positions are what counts.",
    tables: v6Rows.length > 0 ? [{ table: { headers: ['VPC', 'Subnet', 'IPv6 CIDR', 'Source / AZ'], rows: v6Rows, nowrap: [2, 3] } }] : [],
  });

  const freeRows: string[][] = [];
  for (const vpc of plan.vpcs) {
    for (const block of freeSpaceOf(vpc).ipv4.blocks) {
      const shown = block.free.slice(0, 6).join(', ') + (block.free.length > 6 ? `, and ${block.free.length - 6} more` : '');
      freeRows.push([
        vpc.name || vpc.id,
        block.block,
        count(block.totalAddresses),
        count(block.freeAddresses),
        percent(Number(block.freeAddresses), Number(block.totalAddresses)),
        shown || 'none',
      ]);
    }
  }
  out.push({
    title: 'Free space per VPC',
    tables: [
      { table: { headers: ['VPC', 'Block', 'Addresses', 'Free', 'Free %', 'Free blocks'], rows: freeRows, numeric: [2, 3, 4], nowrap: [1], prose: [5] } },
    ],
  });

  out.push(...connectivitySections(plan, names, index));

  const natRows: string[][] = [];
  for (const nat of plan.natGateways) {
    const c = natCapacity(nat);
    natRows.push(
      c
        ? [
            nat.name || nat.id,
            String(nat.addresses),
            count(c.perDestination),
            count(c.busiestDemand),
            `${(c.utilisation * 100).toFixed(1)} %`,
            c.busiestDestination ?? (c.assumedWorstCase ? 'all to one (worst case)' : ''),
          ]
        : [nat.name || nat.id, String(nat.addresses), count(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION * nat.addresses), 'no demand in the plan', '', ''],
    );
  }
  out.push({
    title: 'NAT gateway capacity',
    intro: `A NAT address holds ${count(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION)} simultaneous connections to one destination (IP, port, protocol): capacity = ${count(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION)} x addresses, against the busiest destination's peak.`,
    tables:
      natRows.length > 0
        ? [
            {
              table: {
                headers: ['NAT gateway', 'Addresses', 'Capacity per destination', 'Peak to busiest', 'Utilisation', 'Busiest destination'],
                rows: natRows,
                numeric: [1, 2, 3, 4],
                prose: [5],
              },
            },
          ]
        : [],
  });

  out.push(reachabilitySection(plan, names));

  const counts = severityCounts(findings);
  out.push({
    title: 'Findings',
    intro: findings.length === 0 ? 'The checks found nothing.' : counts,
    tables:
      findings.length > 0
        ? [
            {
              table: {
                headers: ['Severity', 'Code', 'About', 'Message', 'Fix'],
                rows: findings.map((f) => [f.severity, f.code, f.subjects.join(', '), f.message, f.fix ?? '']),
                nowrap: [0, 1],
                prose: [3, 4],
              },
            },
          ]
        : [],
  });
  return out;
}

/** Reachability matrix columns per printed table at most (the first column, the row VPC, repeats in each). */
const MATRIX_COLUMNS_PER_PAGE = 12;
/** The width a text page prints on: A4 portrait less its 14 mm margins, in points. */
const TEXT_PAGE_WIDTH_PT = ((210 - 2 * 14) / 25.4) * 72;

/**
 * The report's Helvetica or Arial (Liberation Sans where neither is installed) against the
 * DejaVu Sans that textWidth estimates for: about a fifth narrower.
 */
const REPORT_FONT_WIDTH = 0.8;

/**
 * The reachability matrix's column groups: as many columns as fit the page with every VPC name
 * on one line (8.5 pt bold in the header, 4 pt padding a side), at most MATRIX_COLUMNS_PER_PAGE.
 * Twelve columns of names like "stage-14" broke each name at its hyphen in the header.
 */
function matrixGroups(headers: readonly string[]): number[] {
  const width = (text: string) => textWidth(text, { size: 8.5 / 0.75, bold: true }) * 0.75 * REPORT_FONT_WIDTH + 9;
  const first = Math.max(...headers.map(width));
  const sizes: number[] = [];
  let used = first;
  let count = 0;
  for (const header of headers.slice(1)) {
    const w = Math.max(width(header), width('partly'));
    if (count > 0 && (used + w > TEXT_PAGE_WIDTH_PT || count === MATRIX_COLUMNS_PER_PAGE)) {
      sizes.push(count);
      used = first;
      count = 0;
    }
    used += w;
    count++;
  }
  if (count > 0) sizes.push(count);
  return sizes;
}

function accountsSection(plan: Plan): Section {
  // Each VPC pushed onto its account's list and each subnet counted through its VPC's account, in
  // one pass each: copying the list per VPC and scanning every VPC per subnet took seconds at 10,000 VPCs.
  const byAccount = new Map<string, Array<Plan['vpcs'][number]>>();
  // (A VPC id that two accounts both use, in a plan not yet valid, counts its subnets in both.)
  const accountsOf = new Map<string, Set<string>>();
  for (const vpc of plan.vpcs) {
    const key = vpc.accountId ?? '';
    const list = byAccount.get(key);
    if (list) list.push(vpc);
    else byAccount.set(key, [vpc]);
    const accounts = accountsOf.get(vpc.id);
    if (accounts) accounts.add(key);
    else accountsOf.set(vpc.id, new Set([key]));
  }
  const subnetCounts = new Map<string, number>();
  for (const s of plan.subnets) for (const key of accountsOf.get(s.vpcId) ?? []) subnetCounts.set(key, (subnetCounts.get(key) ?? 0) + 1);
  const rows = [...byAccount]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([account, vpcs]) => [
      account || '(no account given)',
      [...new Set(vpcs.map((v) => v.region))].sort().join(', '),
      String(vpcs.length),
      String(subnetCounts.get(account) ?? 0),
      vpcs.map((v) => v.name || v.id).join(', '),
    ]);
  return {
    title: 'Accounts',
    intro: rows.length === 0 ? 'The plan has no VPCs.' : `${rows.length === 1 ? 'One account' : `${rows.length} accounts`} own the plan's VPCs.`,
    tables:
      rows.length > 0 ? [{ table: { headers: ['Account', 'Regions', 'VPCs', 'Subnets', 'VPC names'], rows, numeric: [2, 3], nowrap: [0], prose: [4] } }] : [],
  };
}

function connectivitySections(plan: Plan, vpcNames: ReadonlyMap<string, string>, index: PlanIndex): Section[] {
  const vpcName = (id: string | undefined) => (id === undefined ? '' : (vpcNames.get(id) ?? `${id} (not in the plan)`));
  const subnetNames = new Map(plan.subnets.map((s) => [s.id, s.name || s.id]));
  const gatewayNames = new Map<string, string>([
    ...plan.internetGateways.map((g): [string, string] => [g.id, g.name || g.id]),
    ...plan.natGateways.map((g): [string, string] => [g.id, g.name || g.id]),
    ...plan.egressOnlyGateways.map((g): [string, string] => [g.id, g.name || g.id]),
    ...plan.vpnGateways.map((g): [string, string] => [g.id, g.name || g.id]),
    ...plan.peerings.map((g): [string, string] => [g.id, g.name || g.id]),
    ...plan.transitGateways.map((g): [string, string] => [g.id, g.name || g.id]),
  ]);
  const out: Section[] = [];

  const routeRows: string[][] = [];
  for (const table of plan.routeTables) {
    // The table's VPC's subnets only (from the index): a filter over every subnet per table is 10^9 steps at 10,000 VPCs.
    const users = (index.subnetsByVpc.get(table.vpcId) ?? []).filter((s) => s.routeTableId === table.id || (s.routeTableId === undefined && table.main));
    const used = `${users.map((s) => subnetNames.get(s.id)!).join(', ') || 'no subnet'}${table.main ? ' (main table)' : ''}`;
    if (table.routes.length === 0) routeRows.push([vpcName(table.vpcId), table.name || table.id, used, '', 'no routes', '']);
    table.routes.forEach((route, i) => {
      routeRows.push([
        i === 0 ? vpcName(table.vpcId) : '',
        i === 0 ? table.name || table.id : '',
        i === 0 ? used : '',
        route.destination,
        route.target,
        route.targetId ? (gatewayNames.get(route.targetId) ?? route.targetId) : '',
      ]);
    });
  }
  out.push({
    title: 'Route tables',
    intro:
      plan.routeTables.length === 0
        ? `The plan has no route tables${plan.settings.deriveRoutes ? "; the obvious routes are derived for every subnet (the plan's setting)" : ''}.`
        : "A subnet with no route table of its own uses its VPC's main table.",
    tables:
      routeRows.length > 0
        ? [{ table: { headers: ['VPC', 'Route table', 'Used by', 'Destination', 'Target', 'Via'], rows: routeRows, nowrap: [3, 4], prose: [2] } }]
        : [],
  });

  const attachmentRows: string[][] = [];
  const tgwRouteRows: string[][] = [];
  for (const tgw of plan.transitGateways) {
    const attachmentNames = new Map(tgw.attachments.map((a) => [a.id, a.name || a.id]));
    const tableNames = new Map(tgw.routeTables.map((t) => [t.id, t.name || t.id]));
    for (const a of tgw.attachments) {
      const far =
        a.type === 'vpc'
          ? vpcName(a.vpcId)
          : a.type === 'peering'
            ? (plan.transitGateways.find((t) => t.id === a.peerTransitGatewayId)?.name ?? a.peerTransitGatewayId ?? '')
            : (plan.externalNetworks.find((n) => n.id === a.externalNetworkId)?.name ?? a.externalNetworkId ?? '');
      attachmentRows.push([
        tgw.name || tgw.id,
        a.name || a.id,
        a.type,
        far,
        a.associatedRouteTableId ? (tableNames.get(a.associatedRouteTableId) ?? a.associatedRouteTableId) : 'none',
        a.propagatedRouteTableIds.map((id) => tableNames.get(id) ?? id).join(', ') || 'none',
      ]);
    }
    for (const table of tgw.routeTables) {
      if (table.routes.length === 0) tgwRouteRows.push([tgw.name || tgw.id, table.name || table.id, '', 'no static routes', '']);
      table.routes.forEach((route, i) => {
        tgwRouteRows.push([
          i === 0 ? tgw.name || tgw.id : '',
          i === 0 ? table.name || table.id : '',
          route.destination,
          route.kind,
          route.attachmentId ? (attachmentNames.get(route.attachmentId) ?? route.attachmentId) : '',
        ]);
      });
    }
  }
  out.push({
    title: 'Transit gateway route tables',
    intro:
      plan.transitGateways.length === 0
        ? 'The plan has no transit gateways.'
        : 'Each attachment is associated with one route table, which decides where its traffic goes, and propagates its CIDRs into the tables listed. Static and blackhole routes follow.',
    tables:
      plan.transitGateways.length === 0
        ? []
        : [
            {
              caption: 'Attachments: associations and propagations',
              table: {
                headers: ['Transit gateway', 'Attachment', 'Type', 'Far side', 'Associated with', 'Propagates to'],
                rows: attachmentRows,
                nowrap: [2],
                prose: [5],
              },
            },
            {
              caption: 'Static routes',
              table: { headers: ['Transit gateway', 'Route table', 'Destination', 'Kind', 'Attachment'], rows: tgwRouteRows, nowrap: [2, 3] },
            },
          ],
  });

  out.push({
    title: 'Peerings',
    intro: plan.peerings.length === 0 ? 'The plan has no VPC peerings.' : undefined,
    tables:
      plan.peerings.length === 0
        ? []
        : [
            {
              table: {
                headers: ['Peering', 'Requester', 'Accepter', 'Status'],
                rows: plan.peerings.map((p) => [p.name || p.id, vpcName(p.requesterVpcId), vpcName(p.accepterVpcId), p.status]),
                nowrap: [3],
              },
            },
          ],
  });

  out.push({
    title: 'Service networks (VPC Lattice)',
    intro: plan.serviceNetworks.length === 0 ? 'The plan has no service networks.' : undefined,
    tables:
      plan.serviceNetworks.length === 0
        ? []
        : [
            {
              table: {
                headers: ['Service network', 'Associated VPCs', 'Services'],
                rows: plan.serviceNetworks.map((n) => [
                  n.name || n.id,
                  n.vpcIds.map(vpcName).join(', ') || 'none',
                  n.services.map((sv) => `${sv.name || sv.id}${sv.vpcId ? ` (in ${vpcName(sv.vpcId)})` : ''}`).join(', ') || 'none',
                ]),
                prose: [1, 2],
              },
            },
          ],
  });

  const externalRows = plan.externalNetworks.map((n) => {
    const links = [
      ...plan.vpnGateways.filter((g) => g.externalNetworkIds.includes(n.id)).map((g) => `VPN gateway ${g.name || g.id} in ${vpcName(g.vpcId)}`),
      ...plan.transitGateways.flatMap((t) =>
        t.attachments.filter((a) => a.externalNetworkId === n.id).map((a) => `${a.type === 'vpn' ? 'VPN' : 'Direct Connect'} to ${t.name || t.id}`),
      ),
    ];
    return [
      n.name || n.id,
      n.kind,
      n.cidrs.join(', ') || 'none',
      [n.customerGatewayIp, n.bgpAsn !== undefined ? `ASN ${n.bgpAsn}` : undefined].filter(Boolean).join(', '),
      links.join('; ') || 'not connected',
    ];
  });
  out.push({
    title: 'VPN and external networks',
    intro: externalRows.length === 0 ? 'The plan has no on-premises or other-cloud networks.' : undefined,
    tables:
      externalRows.length === 0
        ? []
        : [{ table: { headers: ['Network', 'Kind', 'CIDRs', 'Customer gateway', 'Connected by'], rows: externalRows, nowrap: [1], prose: [2, 4] } }],
  });
  return out;
}

/** Page furniture for the printed diagram, in millimetres (A4 landscape, 12 mm margins, room for a heading). */
const TILE_WIDTH_MM = 273;
const TILE_HEIGHT_MM = 160;
const PX_PER_MM = 96 / 25.4;
/**
 * The smallest text on a printed diagram page, in points; the issue's bar is 7, a little more
 * keeps rounding clear of it. (At 7.5 a VPC of three tiers and the title block above it no
 * longer shared a page: every diagram of such VPCs printed its title on a page of its own.)
 */
export const DIAGRAM_MIN_TEXT_PT = 7.2;
/**
 * Past this many pages (counted as the grid of pages the diagram spans at the readable scale) the
 * printed diagram is shown whole on one page instead: a plan of thousands of VPCs would take
 * thousands of pages (and placing them is work in the square of the boxes). The report's own
 * diagram is then the overview (VPC boxes without their subnets: reportDiagramHtml). The
 * exported SVG (diagram.svg) keeps it at full size.
 */
export const DIAGRAM_MAX_PAGES = 600;
export interface DiagramTile {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The boxes (VPCs, hubs) whole on this page, by name, for its caption. */
  names: string[];
}

/** An extent in SVG units. */
interface Extent {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A top-level element of the diagram (a line, or a group over several), each line with its extent, and theirs together. */
interface Chunk {
  text: string;
  lines: Array<{ line: string; extent?: Extent }>;
  box?: Extent;
}

/** Something the printed diagram shows whole on one page: a box with all it holds, an edge's label, a legend entry, a label. */
export interface DiagramPiece extends Extent {
  /** A box's name (its first text of class "name"), or "the legend": what a page's caption lists. */
  name?: string;
}

/** Room kept around a piece on its page, in SVG units. */
const PIECE_MARGIN = 8;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

const ATTRIBUTES = new Map<string, RegExp>();

function attribute(element: string, name: string): string | undefined {
  let pattern = ATTRIBUTES.get(name);
  if (!pattern) {
    pattern = new RegExp(`\\s${name}="([^"]*)"`);
    ATTRIBUTES.set(name, pattern);
  }
  return pattern.exec(element)?.[1];
}

/** A <text> line's extent, its width estimated no narrower than it prints (shared/layout textWidth). */
function textExtent(line: string, defaultFontPx: number): (Extent & { content: string }) | undefined {
  const m = /<text\b([^>]*)>([^<]*)<\/text>/.exec(line);
  if (!m) return undefined;
  const x = Number(attribute(m[1]!, 'x'));
  const y = Number(attribute(m[1]!, 'y'));
  if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
  const content = m[2]!.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]!);
  const size = Number(attribute(m[1]!, 'font-size') ?? defaultFontPx);
  const style: TextStyle = { size, bold: attribute(m[1]!, 'font-weight') === 'bold', mono: /mono|consolas|menlo/i.test(attribute(m[1]!, 'font-family') ?? '') };
  // A little over the estimate: letter spacing (in px) and a pixel either side.
  const width = textWidth(content, style) + [...content].length * Number(attribute(m[1]!, 'letter-spacing') ?? 0) + 4;
  const anchor = attribute(m[1]!, 'text-anchor');
  const x0 = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x - 2;
  return { x0, x1: x0 + width, y0: y - size * 1.05, y1: y + size * 0.3, content };
}

/** A shape line's extent (rect, line, path); undefined for one without coordinates (the background). */
function shapeExtent(line: string): Extent | undefined {
  const rect = /^\s*<rect\b[^>]*?\bx="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(line);
  if (rect) {
    const [x, y, w, h] = rect.slice(1).map(Number) as [number, number, number, number];
    return { x0: x, y0: y, x1: x + w, y1: y + h };
  }
  const segment = /^\s*<line\b[^>]*?\bx1="([-\d.]+)" y1="([-\d.]+)" x2="([-\d.]+)" y2="([-\d.]+)"/.exec(line);
  if (segment) {
    const [x1, y1, x2, y2] = segment.slice(1).map(Number) as [number, number, number, number];
    return { x0: Math.min(x1, x2), y0: Math.min(y1, y2), x1: Math.max(x1, x2), y1: Math.max(y1, y2) };
  }
  const d = /^\s*<path\b[^>]*?\bd="([^"]+)"/.exec(line)?.[1];
  const points = d ? pathPoints(d) : [];
  if (points.length === 0) return undefined;
  return {
    x0: Math.min(...points.map((p) => p.x)),
    y0: Math.min(...points.map((p) => p.y)),
    x1: Math.max(...points.map((p) => p.x)),
    y1: Math.max(...points.map((p) => p.y)),
  };
}

function union(a: Extent | undefined, b: Extent): Extent {
  return a ? { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) } : { ...b };
}

interface Group {
  id?: string;
  name?: string;
  caption?: string;
  extent?: Extent;
  items: Array<{ text?: Extent; shape?: Extent; group?: Group }>;
}

/**
 * The pieces of an SVG as svg.ts writes it (one element a line, groups over several): each
 * top-level group that fits on a page whole (a VPC with its subnets, a hub, an edge's label,
 * the title block, the legend); a group too big for a page in its parts (its groups, its
 * labels, a legend's mark with the label after it). Connections' lines are not pieces: they
 * cross pages.
 */
export function diagramPieces(svg: string, page: { width: number; height: number }, defaultFontPx = 12): DiagramPiece[] {
  const root: Group = { items: [] };
  const stack: Group[] = [root];
  for (const line of svg.split('\n')) {
    const top = stack.at(-1)!;
    if (/^\s*<g\b/.test(line)) {
      const group: Group = { items: [] };
      const id = attribute(line, 'data-id');
      if (id !== undefined) group.id = id;
      if (attribute(line, 'class') === 'legend') group.caption = 'the legend';
      top.items.push({ group });
      stack.push(group);
      continue;
    }
    if (/^\s*<\/g>/.test(line)) {
      const done = stack.pop()!;
      if (stack.length === 0) throw new Error('the diagram SVG closes a group it did not open');
      if (done.extent) stack.at(-1)!.extent = union(stack.at(-1)!.extent, done.extent);
      continue;
    }
    const text = textExtent(line, defaultFontPx);
    // The root's own shapes (connections, the background) are not counted into anything.
    const shape = text || stack.length === 1 ? undefined : shapeExtent(line);
    if (text) {
      top.items.push({ text });
      if (top.name === undefined && /\sclass="name"/.test(line)) top.name = text.content;
    } else if (shape) top.items.push({ shape });
    const extent = text ?? shape;
    if (extent && stack.length > 1) top.extent = union(top.extent, extent);
  }
  const fits = (e: Extent) => e.x1 - e.x0 <= page.width - 2 * PIECE_MARGIN && e.y1 - e.y0 <= page.height - 2 * PIECE_MARGIN;
  const out: DiagramPiece[] = [];
  const cover = (group: Group, whole: boolean) => {
    if (whole && group.extent && fits(group.extent)) {
      const name = group.caption ?? (group.id !== undefined ? group.name : undefined);
      out.push({ ...group.extent, ...(name !== undefined ? { name } : {}) });
      return;
    }
    let mark: Extent | undefined;
    for (const item of group.items) {
      if (item.group) cover(item.group, true);
      else if (item.text) out.push(mark ? union(mark, item.text) : item.text);
      // A legend's mark goes with the label drawn after it.
      mark = item.shape && item.shape.x1 - item.shape.x0 < 40 ? item.shape : undefined;
    }
  };
  cover(root, false);
  return out;
}

/**
 * Past this many pieces the pages are a plain grid over the diagram (leaving out pages with no
 * piece on them) instead of being placed piece by piece, which weighs every place against every
 * piece near it: a diagram that dense is far past legible paging anyway.
 */
const PLACED_PIECES_LIMIT = 20_000;
/** The places along one axis weighed for a page (beyond the two ends, edges of neighbouring pieces). */
const PLACES_PER_AXIS = 24;

/** Pages in rows over the whole diagram, each kept only when some piece's middle is on it. */
function gridTiles(pieces: readonly DiagramPiece[], svgWidth: number, svgHeight: number, tileW: number, tileH: number): DiagramTile[] {
  const columns = Math.ceil(svgWidth / tileW);
  const rows = Math.ceil(svgHeight / tileH);
  const names = new Map<number, string[]>();
  for (const p of pieces) {
    const column = Math.min(columns - 1, Math.max(0, Math.floor((p.x0 + p.x1) / 2 / tileW)));
    const row = Math.min(rows - 1, Math.max(0, Math.floor((p.y0 + p.y1) / 2 / tileH)));
    const key = row * columns + column;
    const list = names.get(key) ?? [];
    if (p.name !== undefined) list.push(p.name);
    names.set(key, list);
  }
  return [...names.keys()]
    .sort((a, b) => a - b)
    .map((key) => ({
      x: Math.min((key % columns) * tileW, Math.max(0, svgWidth - tileW)),
      y: Math.min(Math.floor(key / columns) * tileH, Math.max(0, svgHeight - tileH)),
      width: tileW,
      height: tileH,
      names: names.get(key)!,
    }));
}

/**
 * The windows (in SVG units) the printed diagram is cut into, and the scale they print at:
 * as large as fits one page, but never smaller than puts the SVG's smallest font at
 * DIAGRAM_MIN_TEXT_PT (1 CSS px = 0.75 pt). A diagram too big for one page at that scale is
 * printed a page per group of neighbouring pieces (diagramPieces): each page is placed on the
 * biggest piece not yet shown (a VPC, say), where it shows the most of the others whole too,
 * until every piece is whole on some page; the pages then go in reading order. So every box
 * that fits a page and every label is whole on at least one page, and the empty stretches of
 * the diagram are not printed.
 */
export function diagramTiles(
  svgWidth: number,
  svgHeight: number,
  smallestFontPx: number,
  pieces: readonly DiagramPiece[] = [],
): { scale: number; tiles: DiagramTile[] } {
  const pageW = TILE_WIDTH_MM * PX_PER_MM;
  const pageH = TILE_HEIGHT_MM * PX_PER_MM;
  const minScale = DIAGRAM_MIN_TEXT_PT / (0.75 * smallestFontPx);
  const fit = Math.min(pageW / svgWidth, pageH / svgHeight, 1.25);
  const scale = Math.max(fit, minScale);
  const tileW = Math.min(pageW / scale, svgWidth);
  const tileH = Math.min(pageH / scale, svgHeight);
  const inside = (p: Extent, t: { x: number; y: number }) => p.x0 >= t.x - 0.5 && p.x1 <= t.x + tileW + 0.5 && p.y0 >= t.y - 0.5 && p.y1 <= t.y + tileH + 0.5;
  const clamp = (n: number, low: number, high: number) => Math.max(low, Math.min(n, high));
  // Within the picture: a label's estimate may run past its edge.
  const all = pieces.map((p) => ({
    ...p,
    x0: clamp(p.x0, 0, svgWidth),
    x1: clamp(p.x1, 0, svgWidth),
    y0: clamp(p.y0, 0, svgHeight),
    y1: clamp(p.y1, 0, svgHeight),
  }));
  const named = (t: { x: number; y: number }) => all.filter((p) => p.name !== undefined && inside(p, t)).map((p) => p.name!);
  if (fit >= minScale || all.length === 0) return { scale, tiles: [{ x: 0, y: 0, width: tileW, height: tileH, names: named({ x: 0, y: 0 }) }] };
  if (all.length > PLACED_PIECES_LIMIT) return { scale, tiles: gridTiles(all, svgWidth, svgHeight, tileW, tileH) };
  const area = (p: Extent) => Math.max(1, (p.x1 - p.x0) * (p.y1 - p.y0));
  // Biggest first; among equals, the one nearest the top left.
  let left = all.slice().sort((a, b) => area(b) - area(a) || a.y0 - b.y0 || a.x0 - b.x0);
  const placed: Array<{ x: number; y: number }> = [];
  while (left.length > 0) {
    const anchor = left[0]!;
    // Only pieces within a page of the anchor can share its page.
    const near = left.filter((p) => p.x1 > anchor.x0 - tileW && p.x0 < anchor.x1 + tileW && p.y1 > anchor.y0 - tileH && p.y0 < anchor.y1 + tileH);
    // Where the page may go along one axis and still hold the anchor whole (with a margin); one place when it cannot.
    const positions = (a0: number, a1: number, size: number, total: number, starts: (p: Extent) => [number, number]) => {
      const low = clamp(a1 + PIECE_MARGIN - size, 0, total - size);
      const high = clamp(a0 - PIECE_MARGIN, 0, total - size);
      if (high <= low) return [high];
      const out = new Set([low, high]);
      // Edges that line up with another piece's start or end, so it comes whole onto the page too.
      for (const p of near) {
        const [b0, b1] = starts(p);
        for (const n of [b0 - PIECE_MARGIN, b1 + PIECE_MARGIN - size]) if (n > low && n < high) out.add(n);
      }
      // In a crowded stretch, an even sample of them: every place is weighed against every near piece.
      const all = [...out].sort((a, b) => a - b);
      return all.length <= PLACES_PER_AXIS
        ? all
        : Array.from({ length: PLACES_PER_AXIS }, (_, k) => all[Math.round((k * (all.length - 1)) / (PLACES_PER_AXIS - 1))]!);
    };
    const xs = positions(anchor.x0, anchor.x1, tileW, svgWidth, (p) => [p.x0, p.x1]);
    const ys = positions(anchor.y0, anchor.y1, tileH, svgHeight, (p) => [p.y0, p.y1]);
    // Among places that show as much, the one that centres the anchor on its page.
    const offCentre = (x: number, y: number) => Math.abs(x + tileW / 2 - (anchor.x0 + anchor.x1) / 2) + Math.abs(y + tileH / 2 - (anchor.y0 + anchor.y1) / 2);
    let best = { x: xs[0]!, y: ys[0]!, shown: -1, off: Infinity };
    for (const y of ys) {
      for (const x of xs) {
        const shown = near.reduce((sum, p) => sum + (inside(p, { x, y }) ? area(p) : 0), 0);
        const off = offCentre(x, y);
        if (shown > best.shown || (shown === best.shown && off < best.off)) best = { x, y, shown, off };
      }
    }
    const tile = { x: best.x, y: best.y };
    placed.push(tile);
    // The anchor counts as shown even when too big for a page: it is as whole there as a page can make it.
    left = left.filter((p) => p !== anchor && !inside(p, tile));
  }
  // Reading order: rows of pages (tops within a third of a page of the row's first), each left to right.
  placed.sort((a, b) => a.y - b.y);
  const rows: Array<Array<{ x: number; y: number }>> = [];
  for (const tile of placed) {
    const row = rows.at(-1);
    if (row && tile.y - row[0]!.y < tileH / 3) row.push(tile);
    else rows.push([tile]);
  }
  const tiles = rows.flatMap((row) => row.sort((a, b) => a.x - b.x)).map((t) => ({ ...t, width: tileW, height: tileH, names: named(t) }));
  return { scale, tiles };
}

/**
 * The smallest of many numbers, in a loop: Math.min(...list) passes every item as
 * an argument, which overflows the stack for the text sizes of a 10,000-VPC diagram.
 */
function least(values: readonly number[]): number {
  let out = Infinity;
  for (const v of values) if (v < out) out = v;
  return out;
}

/** A diagram SVG's root tag and size, and the grid of pages it spans at the readable scale. */
interface DiagramMeasure {
  open: string;
  width: number;
  height: number;
  /** The SVG's smallest font size, in px. */
  smallest: number;
  /** The root's font size, which every text without its own inherits. */
  rootFont: number;
  /** A page's frame in SVG units, at the readable scale. */
  page: { width: number; height: number };
  /** Pages across times pages down. */
  grid: number;
}

function measureDiagram(svg: string): DiagramMeasure {
  const open = /^\s*<svg\b[^>]*>/.exec(svg)?.[0];
  const width = Number(/\bwidth="([\d.]+)"/.exec(open ?? '')?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(open ?? '')?.[1]);
  if (!open || !(width > 0) || !(height > 0) || !/<\/svg>\s*$/.test(svg)) throw new Error('the diagram is not an SVG with a width and height');
  const fonts = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])).filter((n) => n > 0);
  const smallest = fonts.length > 0 ? least(fonts) : 12;
  const { scale: trial } = diagramTiles(width, height, smallest);
  const page = { width: (TILE_WIDTH_MM * PX_PER_MM) / trial, height: (TILE_HEIGHT_MM * PX_PER_MM) / trial };
  const grid = Math.ceil(width / page.width) * Math.ceil(height / page.height);
  const rootFont = Number(/\bfont-size="([\d.]+)"/.exec(open)?.[1] ?? 12);
  return { open, width, height, smallest, rootFont, page, grid };
}

/**
 * Past this many VPCs (of the plan, or drawn for the selection) the report's diagram is the
 * overview (planToSvg's overview: VPC boxes without their subnets), and the full diagram is not
 * drawn for it at all: a VPC of ten subnets takes a printed page of its own, so paging them would
 * pass DIAGRAM_MAX_PAGES, and drawing and cutting up the full diagram of 10,000 VPCs alone took
 * seconds and a 100 MB page nobody could open.
 */
export const DIAGRAM_FULL_VPC_LIMIT = DIAGRAM_MAX_PAGES;

/**
 * The HTML's diagram, of the whole plan or the selection: its full diagram, a page per group of
 * boxes, while that takes at most DIAGRAM_MAX_PAGES pages and draws at most
 * DIAGRAM_FULL_VPC_LIMIT VPCs; past either, its overview whole on one page, the caption saying
 * what it leaves out and where the full diagram is.
 */
function reportDiagramHtml(plan: Plan, drawing: ReportDrawing): string {
  const alt = `Diagram of ${plan.name}`;
  const drawn = drawing.drawn();
  let pages: number | undefined;
  if (drawn.vpcs <= DIAGRAM_FULL_VPC_LIMIT) {
    const svg = drawing.full();
    const measured = measureDiagram(svg);
    if (measured.grid <= DIAGRAM_MAX_PAGES) return diagramHtml(svg, alt, measured);
    pages = measured.grid;
  }
  const overview = drawing.overview();
  return diagramHtml(overview, alt, measureDiagram(overview), overviewCaption(drawn, pages));
}

/**
 * The printed pages of any diagram SVG (shapes and text as svg.ts writes them): a page per group
 * of boxes, or past DIAGRAM_MAX_PAGES the whole of it on one page. The report prints its own
 * diagram through reportDiagramHtml; this is the paging alone.
 */
export function diagramPagesHtml(svg: string, alt: string): string {
  return diagramHtml(svg, alt, measureDiagram(svg));
}

/** What the overview leaves out, why, and where the rest is. */
function overviewCaption(drawn: Drawn, pages: number | undefined): string {
  const why =
    pages === undefined
      ? `its ${count(drawn.vpcs)} VPCs are more than ${count(DIAGRAM_FULL_VPC_LIMIT)} printed pages could show legibly`
      : `the full diagram would take ${count(pages)} pages at ${DIAGRAM_MIN_TEXT_PT} pt text`;
  const nats = drawn.nats > 0 ? ` and ${count(drawn.nats)} NAT gateway${drawn.nats === 1 ? '' : 's'}` : '';
  return (
    `An overview of ${drawn.selection ? 'the selection' : 'the whole plan'}, because ${why}: each VPC is its box and name, without its subnets (${count(drawn.subnets)} in all)${nats}, and the connections are drawn without their labels. ` +
    'Every VPC and subnet is listed in the tables below; the full diagram is the separately exported SVG (File > Export > SVG, or vpcplan export --format svg).'
  );
}

/**
 * The inline SVG pages of the diagram: one viewBox frame of it per page, each holding only what
 * shows through its frame. Given `whole` (a caption), or when paging would pass
 * DIAGRAM_MAX_PAGES, the whole diagram on one page instead, as large as fits.
 */
function diagramHtml(svg: string, alt: string, measured: DiagramMeasure, whole?: string): string {
  const { open, width, height, smallest, rootFont, page, grid } = measured;
  const tooBig = whole !== undefined || grid > DIAGRAM_MAX_PAGES;
  // Too many pages: the whole diagram on one page, as large as fits (its text unreadably small; the exported SVG has it at full size).
  const { scale, tiles } = tooBig ? diagramTiles(width, height, Infinity) : diagramTiles(width, height, smallest, diagramPieces(svg, page, rootFont));
  const inner = svg
    .slice(open.length)
    .replace(/<\/svg>\s*$/, '')
    .replace(/^\s*<title>[^<]*<\/title>/, '');
  // The outer <svg>'s own attributes (fonts) carried onto each page's SVG, so the text looks the same.
  const inherited = [...open.matchAll(/\b(font-family|font-size)="([^"]*)"/g)].map((m) => `${m[1]}="${m[2]}"`).join(' ');
  // The overview is all on its one page: none of its lines is measured against a frame.
  const chunks = whole === undefined ? topLevelChunks(inner, rootFont) : [];
  // A dashed line is cut to each page's frame (pathInFrame); cut into pieces once. One page shows it all: nothing to cut.
  const dashed = new Map(
    chunks.flatMap((c): Array<[Chunk, PathPieces]> => {
      const pieces = !tooBig && /^<path\b[^>]*\bstroke-dasharray=/.test(c.text) ? pathPieces(c.text) : undefined;
      return pieces ? [[c, pieces]] : [];
    }),
  );
  const out: string[] = [];
  tiles.forEach((tile, i) => {
    const where = tooBig
      ? (whole ??
        `The whole diagram, too large to print legibly here (${count(grid)} pages at ${DIAGRAM_MIN_TEXT_PT} pt text); the exported SVG has it at full size.`)
      : tiles.length > 1
        ? `Part ${i + 1} of ${tiles.length}${tile.names.length > 0 ? `: ${tile.names.join(', ')}` : ''}.`
        : '';
    // Each page holds only what shows through its frame, so a big plan's pages stay quick to print.
    const shown =
      whole !== undefined
        ? inner.split('\n').filter((line) => line.trim() !== '')
        : chunks
            .filter((c) => c.box === undefined || meets(c.box, tile))
            .map((c) => (dashed.has(c) ? pathInFrame(dashed.get(c)!, tile) : linesInFrame(c, tile)))
            .filter((text) => text !== '');
    out.push(
      [
        '<figure class="diagram-page">',
        `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeMarkup(alt)}" viewBox="${r1(tile.x)} ${r1(tile.y)} ${r1(tile.width)} ${r1(tile.height)}" width="${r1(tile.width * scale)}" height="${r1(tile.height * scale)}" ${inherited}>`,
        ...shown,
        '</svg>',
        where ? `<figcaption>${escapeMarkup(where)}</figcaption>` : '',
        '</figure>',
      ]
        .filter((l) => l !== '')
        .join('\n'),
    );
  });
  return out.join('\n');
}

/**
 * The SVG's top-level elements (one a line, or a <g> group over several, as svg.ts writes them)
 * with the box their coordinates span; an element with no coordinates has none and shows on every page.
 */
function topLevelChunks(inner: string, defaultFontPx: number): Chunk[] {
  const out: Chunk[] = [];
  let depth = 0;
  let lines: Chunk['lines'] = [];
  let box: Extent | undefined;
  for (const line of inner.split('\n')) {
    if (line.trim() === '') continue;
    const extent = textExtent(line, defaultFontPx) ?? shapeExtent(line);
    lines.push(extent ? { line, extent } : { line });
    if (extent) box = union(box, extent);
    depth += (line.match(/<g\b/g)?.length ?? 0) - (line.match(/<\/g>/g)?.length ?? 0);
    if (depth > 0) continue;
    const text = lines.map((l) => l.line).join('\n');
    // A little beyond what the coordinates span: strokes and round ends.
    out.push(box ? { text, lines, box: grow(box, 6) } : { text, lines });
    lines = [];
    box = undefined;
  }
  if (lines.length > 0) out.push({ text: lines.map((l) => l.line).join('\n'), lines });
  return out;
}

function grow(e: Extent, by: number): Extent {
  return { x0: e.x0 - by, y0: e.y0 - by, x1: e.x1 + by, y1: e.y1 + by };
}

function meets(e: Extent, frame: { x: number; y: number; width: number; height: number }): boolean {
  return e.x0 <= frame.x + frame.width && e.x1 >= frame.x && e.y0 <= frame.y + frame.height && e.y1 >= frame.y;
}

/**
 * A group's lines less the elements that lie wholly outside the frame: a VPC half on a page
 * carries only its half into the page's SVG. Group tags and elements without coordinates are kept.
 */
function linesInFrame(chunk: Chunk, frame: { x: number; y: number; width: number; height: number }): string {
  if (chunk.lines.length === 1) return chunk.text;
  return chunk.lines
    .filter((l) => !l.extent || meets(grow(l.extent, 6), frame))
    .map((l) => l.line)
    .join('\n');
}

type Point = { x: number; y: number };

/** Cubic Bezier [p0, c1, c2, p1] between parameters t0 and t1 (de Casteljau). */
function cubicPart(c: readonly Point[], t0: number, t1: number): Point[] {
  const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
  const split = (q: readonly Point[], t: number): [Point[], Point[]] => {
    const ab = lerp(q[0]!, q[1]!, t),
      bc = lerp(q[1]!, q[2]!, t),
      cd = lerp(q[2]!, q[3]!, t);
    const abc = lerp(ab, bc, t),
      bcd = lerp(bc, cd, t),
      m = lerp(abc, bcd, t);
    return [
      [q[0]!, ab, abc, m],
      [m, bcd, cd, q[3]!],
    ];
  };
  const tail = t0 > 0 ? split(c, t0)[1] : c.slice();
  return t1 < 1 ? split(tail, (t1 - t0) / (1 - t0))[0] : tail;
}

/** Length of path a page's frame is cut into, in SVG units. */
const EDGE_PIECE = 150;

/** A path cut into short cubic pieces, each with the box its control points span. */
export interface PathPieces {
  element: string;
  pieces: Array<{ curve: Point[]; box: Extent; joined: boolean }>;
}

/** The path of an element cut into pieces of about EDGE_PIECE; undefined for a path with commands other than M, L and C (as svg.ts writes them). */
export function pathPieces(element: string): PathPieces | undefined {
  const d = /\bd="([^"]+)"/.exec(element)?.[1];
  if (d === undefined || /[^MLC\d\s.,eE+-]/.test(d)) return undefined;
  const out: PathPieces = { element, pieces: [] };
  let at: Point | undefined;
  for (const [, command, args] of d.matchAll(/([MLC])([^MLC]*)/g)) {
    const n = [...args!.matchAll(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi)].map((m) => Number(m[0]));
    const points = Array.from({ length: Math.floor(n.length / 2) }, (_, i) => ({ x: n[2 * i]!, y: n[2 * i + 1]! }));
    if (command === 'M') {
      at = points.at(-1);
      continue;
    }
    for (let i = 0; at && i < points.length; i += command === 'C' ? 3 : 1) {
      const end = command === 'C' ? points[i + 2] : points[i];
      if (!end) break;
      // A line as a cubic with its controls on it, so both split the same way.
      const segment = command === 'C' ? [at, points[i]!, points[i + 1]!, end] : [at, at, end, end];
      const hull = segment.slice(1).reduce((sum, p, k) => sum + Math.hypot(p.x - segment[k]!.x, p.y - segment[k]!.y), 0);
      const count = Math.max(1, Math.ceil(hull / EDGE_PIECE));
      for (let k = 0; k < count; k++) {
        const curve = cubicPart(segment, k / count, (k + 1) / count);
        const xs = curve.map((p) => p.x);
        const ys = curve.map((p) => p.y);
        out.pieces.push({
          curve,
          box: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) },
          joined: out.pieces.length > 0 && (k > 0 || i > 0),
        });
      }
      at = end;
    }
  }
  return out;
}

/**
 * A dashed connection as one page shows it: only the pieces of its path that pass through the
 * tile's frame. Chromium's PDF printer writes every dash of a path, clipped or not, so each page
 * of a 100-VPC diagram carried every long dashed Lattice association and TGW peering whole
 * (thousands of dashes): over a minute to print and 100 MB of PDF. Returns '' when no piece shows.
 */
export function pathInFrame(path: PathPieces, frame: { x: number; y: number; width: number; height: number }): string {
  // Wide enough for the stroke and its round ends.
  const area = { x: frame.x - 8, y: frame.y - 8, width: frame.width + 16, height: frame.height + 16 };
  const runs: Point[][][] = [];
  let previous = false;
  for (const { curve, box, joined } of path.pieces) {
    if (!meets(box, area)) {
      previous = false;
      continue;
    }
    if (previous && joined) runs.at(-1)!.push(curve);
    else runs.push([curve]);
    previous = true;
  }
  if (runs.length === 0) return '';
  const xy = (p: Point) => `${r1(p.x)},${r1(p.y)}`;
  const kept = runs.map((run) => `M${xy(run[0]![0]!)} ${run.map((c) => `C${xy(c[1]!)} ${xy(c[2]!)} ${xy(c[3]!)}`).join(' ')}`).join(' ');
  return path.element.replace(/\bd="[^"]+"/, `d="${kept}"`);
}

/**
 * The points an SVG path passes through (absolute commands, as svg.ts writes them). An arc's
 * radii and flags are not points: read as one, a subnet's rounded tier strip ("A8,8 ...") put
 * every VPC's box at the diagram's corner, so the first page of a 100-VPC diagram held all of them.
 */
export function pathPoints(d: string): Point[] {
  const out: Point[] = [];
  let current = { x: 0, y: 0 };
  for (const [, command, args] of d.matchAll(/([MLCSQTHVAZ])([^MLCSQTHVAZ]*)/gi)) {
    const n = [...args!.matchAll(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi)].map((m) => Number(m[0]));
    const upper = command!.toUpperCase();
    if (command !== upper && upper !== 'Z') throw new Error(`pathPoints reads absolute paths only, not "${command}" in "${d}"`);
    const step = { M: 2, L: 2, T: 2, C: 6, S: 4, Q: 4, A: 7, H: 1, V: 1, Z: 0 }[upper]!;
    for (let i = 0; step > 0 && i + step <= n.length; i += step) {
      if (upper === 'H') current = { x: n[i]!, y: current.y };
      else if (upper === 'V') current = { x: current.x, y: n[i]! };
      else if (upper === 'A') current = { x: n[i + 5]!, y: n[i + 6]! };
      else {
        // Control points too: the curve stays inside their hull.
        for (let k = 0; k < step - 2; k += 2) out.push({ x: n[i + k]!, y: n[i + k + 1]! });
        current = { x: n[i + step - 2]!, y: n[i + step - 1]! };
      }
      out.push(current);
    }
  }
  return out;
}

function r1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A table as printed: whole, or (given groupSizes) as column groups that each repeat the first column. */
function columnGroups(t: Table): Table[] {
  if (t.groupSizes === undefined || t.groupSizes.length <= 1) return [t];
  const out: Table[] = [];
  let from = 1;
  for (const size of t.groupSizes) {
    const keep = [0, ...Array.from({ length: Math.min(size, t.headers.length - from) }, (_, i) => from + i)];
    from += size;
    const remap = (list?: number[]) => list?.flatMap((c) => (keep.includes(c) ? [keep.indexOf(c)] : []));
    out.push({
      headers: keep.map((c) => t.headers[c]!),
      rows: t.rows.map((row) => keep.map((c) => row[c] ?? '')),
      ...(t.numeric ? { numeric: remap(t.numeric)! } : {}),
      ...(t.nowrap ? { nowrap: remap(t.nowrap)! } : {}),
      ...(t.prose ? { prose: remap(t.prose)! } : {}),
    });
  }
  return out;
}

function htmlTable(t: Table, caption?: string): string {
  const groups = columnGroups(t);
  return groups
    .map((g, i) => {
      const start = groups.slice(0, i).reduce((sum, before) => sum + before.headers.length - 1, 1);
      const label = [caption, groups.length > 1 ? `columns ${start} to ${start + g.headers.length - 2} of ${t.headers.length - 1}` : '']
        .filter(Boolean)
        .join(', ');
      return htmlTableGroup(g, label);
    })
    .join('\n');
}

function htmlTableGroup(t: Table, caption: string): string {
  const cls = (i: number) => {
    const names = [
      t.numeric?.includes(i) ? 'num' : '',
      t.numeric?.includes(i) || t.nowrap?.includes(i) ? 'nowrap' : '',
      t.prose?.includes(i) ? 'prose' : '',
    ].filter((n) => n !== '');
    return names.length > 0 ? ` class="${names.join(' ')}"` : '';
  };
  // Each column's opening tags worked out once, not per cell: a table of 100,000 subnets has 800,000 cells.
  const th = t.headers.map((_, i) => `<th${cls(i)}>`);
  const td = t.headers.map((_, i) => `<td${cls(i)}>`);
  const head = `<thead><tr>${t.headers.map((h, i) => `${th[i]}${escapeMarkup(h)}</th>`).join('')}</tr></thead>`;
  const rows = t.rows.map((r) => {
    let row = '<tr>';
    for (let i = 0; i < r.length; i++) row += `${td[i] ?? `<td${cls(i)}>`}${escapeMarkup(r[i]!)}</td>`;
    return `${row}</tr>`;
  });
  const body = `<tbody>${rows.join('\n')}</tbody>`;
  return `<table>${caption ? `<caption>${escapeMarkup(caption)}</caption>` : ''}${head}\n${body}</table>`;
}

// Print layout, checked by printing the examples and 30- and 100-VPC plans with headless Chromium
// and drawing every page with PDF.js (e2e/web/review-pdf.spec.ts: text sizes, whole labels, ink):
// - a title page of its own; then the diagram on landscape pages (named page "wide"), one frame a page;
// - the sections flow on portrait pages with no forced breaks: a heading keeps to what follows it;
// - every table repeats its header row on each page (thead as a header group) and never splits a row;
// - a cell never breaks inside a code, CIDR, zone or number (nowrap); only running text may break a
//   long token anywhere (prose); names break at their hyphens.
const CSS = `
@page { size: A4 portrait; margin: 14mm; }
@page wide { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #0f172a; margin: 0 auto; }
@media screen { body { max-width: 277mm; padding: 0 8mm; } }
h1 { font-size: 22pt; margin: 40mm 0 6pt; }
h2 { font-size: 13pt; border-bottom: 1px solid #cbd5e1; padding-bottom: 2pt; margin: 14pt 0 4pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 8pt 0 2pt; break-after: avoid; page-break-after: avoid; }
p { margin: 4pt 0 6pt; }
header.title-page { break-after: page; page-break-after: always; }
header.title-page dl { display: grid; grid-template-columns: max-content auto; gap: 3pt 12pt; margin: 18pt 0; font-size: 11pt; }
header.title-page dt { color: #475569; }
header.title-page dd { margin: 0; }
section.diagram { page: wide; }
section.diagram h2 { margin-top: 0; }
figure.diagram-page { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figure.diagram-page + figure.diagram-page { break-before: page; page-break-before: always; }
figure.diagram-page svg { display: block; margin: 0 auto; border: 1px solid #e2e8f0; }
figcaption { font-size: 8pt; color: #475569; margin-top: 2pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; font-size: 9pt; padding: 2pt 0; caption-side: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #cbd5e1; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
th { background: #f1f5f9; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
.prose { overflow-wrap: anywhere; }
th.prose { overflow-wrap: break-word; }
.meta { color: #475569; }
`;

/** A character md() escapes, or a line break it joins. */
const MD_SPECIAL = /[\\`*_[\]<>|#&~\n]/;

/** Markdown's special characters escaped, so a name cannot open a link, close a table cell or start HTML. */
function md(text: string): string {
  // Most cells (names, CIDRs, counts) hold none of these: returned as they are, without two passes each.
  if (!MD_SPECIAL.test(text)) return text;
  return text.replace(/[\\`*_[\]<>|#&~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function markdownTable(t: Table): string {
  const align = t.headers.map((_, i) => (t.numeric?.includes(i) ? '---:' : '---'));
  return [t.headers.map(md).join(' | '), align.join(' | '), ...t.rows.map((r) => r.map(md).join(' | '))].map((l) => `| ${l} |`).join('\n');
}

export interface ReviewReport {
  markdown: string;
  html: string;
  /** The full diagram (of the selection, when one was chosen) the Markdown links as MARKDOWN_DIAGRAM_FILE; write it beside the Markdown. */
  diagramSvg: string;
}

export function buildReviewReport(plan: Plan, options: ReviewReportOptions = {}): ReviewReport {
  const freeSpaceOf = freeSpaces(plan);
  // The diagram too is drawn when first needed (the HTML and diagram.svg want it; the Markdown only links it).
  const drawing = reportDrawing(plan, options, freeSpaceOf);
  // One check for the findings section and the title page's count.
  const findings = checkPlan(plan);
  const all = sections(plan, findings, freeSpaceOf);
  const findingCounts = severityCounts(findings);
  const accounts = new Set(plan.vpcs.map((v) => v.accountId ?? ''));
  const summary: Array<[string, string]> = [
    ...(options.generatedAt ? [['Date', options.generatedAt] as [string, string]] : []),
    ['Accounts', String(accounts.size)],
    ['VPCs', String(plan.vpcs.length)],
    ['Subnets', String(plan.subnets.length)],
    ['Transit gateways', String(plan.transitGateways.length)],
    ['Peerings', String(plan.peerings.length)],
    ['Service networks', String(plan.serviceNetworks.length)],
    ['External networks', String(plan.externalNetworks.length)],
    ['Findings', `${findings.length} (${findingCounts})`],
  ];
  const meta = [`${plan.vpcs.length} VPCs, ${plan.subnets.length} subnets`, ...(options.generatedAt ? [`generated ${options.generatedAt}`] : [])].join(' · ');

  // Each form is written when first read: a caller wants one, and at 10,000 VPCs each is tens of megabytes.
  let markdown: string | undefined;
  let html: string | undefined;
  return {
    get markdown() {
      return (markdown ??= markdownReport(plan, all, meta, summary));
    },
    get html() {
      return (html ??= htmlReport(plan, all, meta, summary, () => reportDiagramHtml(plan, drawing)));
    },
    get diagramSvg() {
      return drawing.full();
    },
  };
}

function markdownReport(plan: Plan, all: readonly Section[], meta: string, summary: ReadonlyArray<[string, string]>): string {
  const mdParts = [`# Network review: ${md(plan.name)}`, '', md(meta)];
  if (plan.description) mdParts.push('', md(plan.description));
  mdParts.push('', markdownTable({ headers: ['', ''], rows: summary.map((row) => [...row]) }));
  for (const s of all) {
    mdParts.push('', `## ${md(s.title)}`, '');
    // A relative link to a file (not a data: URI, which git hosts do not show); the name is fixed, so no plan text can break it.
    if (s.diagram) mdParts.push(`![Diagram of ${md(plan.name)}](${MARKDOWN_DIAGRAM_FILE})`, '');
    if (s.intro) mdParts.push(md(s.intro), '');
    for (const t of s.tables) {
      if (t.caption) mdParts.push(`### ${md(t.caption)}`, '');
      mdParts.push(markdownTable(t.table), '');
    }
  }
  return `${mdParts.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function htmlReport(plan: Plan, all: readonly Section[], meta: string, summary: ReadonlyArray<[string, string]>, diagram: () => string): string {
  const htmlSections = all.map((s) =>
    [
      `<section${s.diagram ? ' class="diagram"' : ''}>`,
      `<h2>${escapeMarkup(s.title)}</h2>`,
      s.intro ? `<p>${escapeMarkup(s.intro)}</p>` : '',
      s.diagram ? diagram() : '',
      ...s.tables.map((t) => htmlTable(t.table, t.caption)),
      '</section>',
    ]
      .filter((l) => l !== '')
      .join('\n'),
  );
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may load and nothing may run: no scripts (the inline diagram's included), no fonts, no remote images.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeMarkup(`Network review: ${plan.name}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="title-page">',
    `<h1>${escapeMarkup(`Network review: ${plan.name}`)}</h1>`,
    `<p class="meta">${escapeMarkup(meta)}</p>`,
    plan.description ? `<p>${escapeMarkup(plan.description)}</p>` : '',
    `<dl>${summary.map(([k, v]) => `<dt>${escapeMarkup(k)}</dt><dd>${escapeMarkup(v)}</dd>`).join('')}</dl>`,
    '</header>',
    ...htmlSections,
    '</body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
  return `${html}\n`;
}
