/**
 * The review report an architect hands round: a title page (plan, date, summary, findings
 * count), the diagram, accounts, VPCs and subnets, IPv6 allocations, free space, route tables,
 * transit gateway route tables, peerings, service networks, VPN and external networks, NAT
 * capacity, VPC-to-VPC reachability and every finding with its fix, as Markdown and as
 * self-contained HTML (inline CSS, nothing fetched) that the app and the CLI print to PDF.
 *
 * Printed, the diagram is tiled over landscape pages at a scale where its smallest text is
 * at least 7 pt (diagramTiles): each tile is the same SVG through a different viewBox. The
 * sections flow one after another (no forced page breaks), every table repeats its header on
 * each page, and a table too wide for the page (the reachability matrix) is split into column
 * groups that repeat the first column. Every plan string is escaped; the diagram is inline SVG
 * (shapes and text, each page's SVG holding the elements that show through its window), and the page's Content-Security-Policy runs no script whatever it holds.
 * The Markdown links the diagram as a file (diagram.svg beside report.md), because git hosts
 * do not show a data: image.
 */
import { NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION, RESERVED_ADDRESSES_PER_SUBNET } from '../aws-limits';
import { checkPlan, natCapacity, vpcFreeSpace, type Finding } from '../checks';
import { usableAddresses } from '../cidr';
import { indexPlan, subnetBlock, type PlanIndex } from '../plan/plan-index';
import type { Plan, Subnet } from '../plan/schema';
import { reachabilityClasses, type MatrixCell, type ReachabilityClasses } from '../routing/reach-matrix';
import { escapeMarkup } from './markup';
import { planToSvg } from './svg';

/** The file the Markdown report links the diagram as; `vpcplan export --format markdown -o DIR` writes it beside report.md. */
export const MARKDOWN_DIAGRAM_FILE = 'diagram.svg';

export interface ReviewReportOptions {
  /** The diagram as SVG, when the app made it (of the selection, say); without it the report draws the whole plan. */
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
  /** Wider than a page past this many columns: printed as column groups, each repeating the first column. */
  columnsPerPage?: number;
}

interface Section {
  title: string;
  intro?: string;
  tables: Array<{ caption?: string; table: Table }>;
  /** Present only in the diagram section. */
  diagram?: boolean;
}

function count(n: number | bigint): string {
  return typeof n === 'bigint' ? n.toLocaleString('en-US') : n.toLocaleString('en-US');
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : '';
}

function subnetUsable(index: PlanIndex, subnet: Subnet): bigint | undefined {
  const block = subnetBlock(index, subnet, 4);
  return block ? usableAddresses(block, 'aws', { byoip: subnet.byoip === true }) : undefined;
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
      tables: [{ table: { headers: ['From \\ to', ...ids.map(name)], rows: ids.map((id, i) => [name(id), ...ids.map((_, j) => CELL_WORDS[i === j ? 'self' : grouped.between(classOf[i]!, classOf[j]!)!])]), columnsPerPage: MATRIX_COLUMNS_PER_PAGE } }],
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
    between = { headers: ['From \\ to', ...classes.map((_, k) => label(k))], rows: classes.map((_, i) => [label(i), ...classes.map((__, j) => word(i, j))]), columnsPerPage: MATRIX_COLUMNS_PER_PAGE };
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

function sections(plan: Plan, findings: readonly Finding[]): Section[] {
  const index = indexPlan(plan);
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
    intro: `Usable = addresses minus the ${RESERVED_ADDRESSES_PER_SUBNET} AWS reserves in each subnet (none for BYOIP). Utilisation = hosts needed / usable.`,
    tables: [{ table: { headers: ['VPC', 'Subnet', 'IPv4 CIDR', 'AZ / region', 'Tier', 'Usable', 'Hosts needed', 'Utilisation'], rows: subnetRows, numeric: [5, 6, 7], nowrap: [2, 3, 4] } }],
  });

  const v6Rows: string[][] = [];
  for (const vpc of plan.vpcs) {
    for (const block of vpc.ipv6Cidrs) v6Rows.push([vpc.name || vpc.id, '(VPC block)', block, vpc.ipv6Source]);
    for (const s of index.subnetsByVpc.get(vpc.id) ?? []) if (s.ipv6Cidr) v6Rows.push([vpc.name || vpc.id, s.name || s.id, s.ipv6Cidr, s.availabilityZone]);
  }
  out.push({
    title: 'IPv6 allocations',
    intro: v6Rows.length === 0 ? 'The plan has no IPv6 blocks.' : 'Amazon-provided blocks are assigned by AWS: the addresses shown are the plan\'s placeholders, their positions are what counts.',
    tables: v6Rows.length > 0 ? [{ table: { headers: ['VPC', 'Subnet', 'IPv6 CIDR', 'Source / AZ'], rows: v6Rows, nowrap: [2, 3] } }] : [],
  });

  const freeRows: string[][] = [];
  for (const vpc of plan.vpcs) {
    const space = vpcFreeSpace(index, vpc, index.subnetsByVpc.get(vpc.id) ?? []);
    for (const block of space.ipv4.blocks) {
      const shown = block.free.slice(0, 6).join(', ') + (block.free.length > 6 ? `, and ${block.free.length - 6} more` : '');
      freeRows.push([vpc.name || vpc.id, block.block, count(block.totalAddresses), count(block.freeAddresses), percent(Number(block.freeAddresses), Number(block.totalAddresses)), shown || 'none']);
    }
  }
  out.push({ title: 'Free space per VPC', tables: [{ table: { headers: ['VPC', 'Block', 'Addresses', 'Free', 'Free %', 'Free blocks'], rows: freeRows, numeric: [2, 3, 4], nowrap: [1], prose: [5] } }] });

  out.push(...connectivitySections(plan, names, index));

  const natRows: string[][] = [];
  for (const nat of plan.natGateways) {
    const c = natCapacity(nat);
    natRows.push(c
      ? [nat.name || nat.id, String(nat.addresses), count(c.perDestination), count(c.busiestDemand), `${(c.utilisation * 100).toFixed(1)} %`, c.busiestDestination ?? (c.assumedWorstCase ? 'all to one (worst case)' : '')]
      : [nat.name || nat.id, String(nat.addresses), count(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION * nat.addresses), 'no demand in the plan', '', '']);
  }
  out.push({
    title: 'NAT gateway capacity',
    intro: `A NAT address holds ${count(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION)} simultaneous connections to one destination (IP, port, protocol): capacity = ${count(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION)} x addresses, against the busiest destination's peak.`,
    tables: natRows.length > 0 ? [{ table: { headers: ['NAT gateway', 'Addresses', 'Capacity per destination', 'Peak to busiest', 'Utilisation', 'Busiest destination'], rows: natRows, numeric: [1, 2, 3, 4], prose: [5] } }] : [],
  });

  out.push(reachabilitySection(plan, names));

  const counts = (['error', 'warning', 'info'] as const).map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  out.push({
    title: 'Findings',
    intro: findings.length === 0 ? 'The checks found nothing.' : counts,
    tables: findings.length > 0 ? [{ table: { headers: ['Severity', 'Code', 'About', 'Message', 'Fix'], rows: findings.map((f) => [f.severity, f.code, f.subjects.join(', '), f.message, f.fix ?? '']), nowrap: [0, 1], prose: [3, 4] } }] : [],
  });
  return out;
}


/** Reachability matrix columns per printed table (the first column, the row VPC, repeats in each). */
const MATRIX_COLUMNS_PER_PAGE = 12;

function accountsSection(plan: Plan): Section {
  const byAccount = new Map<string, Array<Plan['vpcs'][number]>>();
  for (const vpc of plan.vpcs) {
    const key = vpc.accountId ?? '';
    byAccount.set(key, [...(byAccount.get(key) ?? []), vpc]);
  }
  const rows = [...byAccount].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b))).map(([account, vpcs]) => [
    account || '(no account given)',
    [...new Set(vpcs.map((v) => v.region))].sort().join(', '),
    String(vpcs.length),
    String(plan.subnets.filter((s) => vpcs.some((v) => v.id === s.vpcId)).length),
    vpcs.map((v) => v.name || v.id).join(', '),
  ]);
  return {
    title: 'Accounts',
    intro: rows.length === 0 ? 'The plan has no VPCs.' : `${rows.length === 1 ? 'One account' : `${rows.length} accounts`} own the plan's VPCs.`,
    tables: rows.length > 0 ? [{ table: { headers: ['Account', 'Regions', 'VPCs', 'Subnets', 'VPC names'], rows, numeric: [2, 3], nowrap: [0], prose: [4] } }] : [],
  };
}

function connectivitySections(plan: Plan, vpcNames: ReadonlyMap<string, string>, index: PlanIndex): Section[] {
  const vpcName = (id: string | undefined) => (id === undefined ? '' : vpcNames.get(id) ?? `${id} (not in the plan)`);
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
    table.routes.forEach((route, i) => routeRows.push([
      i === 0 ? vpcName(table.vpcId) : '', i === 0 ? table.name || table.id : '', i === 0 ? used : '',
      route.destination, route.target, route.targetId ? gatewayNames.get(route.targetId) ?? route.targetId : '',
    ]));
  }
  out.push({
    title: 'Route tables',
    intro: plan.routeTables.length === 0
      ? `The plan has no route tables${plan.settings.deriveRoutes ? '; the obvious routes are derived for every subnet (the plan\'s setting)' : ''}.`
      : 'A subnet with no route table of its own uses its VPC\'s main table.',
    tables: routeRows.length > 0 ? [{ table: { headers: ['VPC', 'Route table', 'Used by', 'Destination', 'Target', 'Via'], rows: routeRows, nowrap: [3, 4], prose: [2] } }] : [],
  });

  const attachmentRows: string[][] = [];
  const tgwRouteRows: string[][] = [];
  for (const tgw of plan.transitGateways) {
    const attachmentNames = new Map(tgw.attachments.map((a) => [a.id, a.name || a.id]));
    const tableNames = new Map(tgw.routeTables.map((t) => [t.id, t.name || t.id]));
    for (const a of tgw.attachments) {
      const far = a.type === 'vpc' ? vpcName(a.vpcId)
        : a.type === 'peering' ? plan.transitGateways.find((t) => t.id === a.peerTransitGatewayId)?.name ?? a.peerTransitGatewayId ?? ''
          : plan.externalNetworks.find((n) => n.id === a.externalNetworkId)?.name ?? a.externalNetworkId ?? '';
      attachmentRows.push([
        tgw.name || tgw.id, a.name || a.id, a.type, far,
        a.associatedRouteTableId ? tableNames.get(a.associatedRouteTableId) ?? a.associatedRouteTableId : 'none',
        a.propagatedRouteTableIds.map((id) => tableNames.get(id) ?? id).join(', ') || 'none',
      ]);
    }
    for (const table of tgw.routeTables) {
      if (table.routes.length === 0) tgwRouteRows.push([tgw.name || tgw.id, table.name || table.id, '', 'no static routes', '']);
      table.routes.forEach((route, i) => tgwRouteRows.push([
        i === 0 ? tgw.name || tgw.id : '', i === 0 ? table.name || table.id : '', route.destination, route.kind,
        route.attachmentId ? attachmentNames.get(route.attachmentId) ?? route.attachmentId : '',
      ]));
    }
  }
  out.push({
    title: 'Transit gateway route tables',
    intro: plan.transitGateways.length === 0 ? 'The plan has no transit gateways.' : 'Each attachment is associated with one route table, which decides where its traffic goes, and propagates its CIDRs into the tables listed. Static and blackhole routes follow.',
    tables: plan.transitGateways.length === 0 ? [] : [
      { caption: 'Attachments: associations and propagations', table: { headers: ['Transit gateway', 'Attachment', 'Type', 'Far side', 'Associated with', 'Propagates to'], rows: attachmentRows, nowrap: [2], prose: [5] } },
      { caption: 'Static routes', table: { headers: ['Transit gateway', 'Route table', 'Destination', 'Kind', 'Attachment'], rows: tgwRouteRows, nowrap: [2, 3] } },
    ],
  });

  out.push({
    title: 'Peerings',
    intro: plan.peerings.length === 0 ? 'The plan has no VPC peerings.' : undefined,
    tables: plan.peerings.length === 0 ? [] : [{ table: { headers: ['Peering', 'Requester', 'Accepter', 'Status'], rows: plan.peerings.map((p) => [p.name || p.id, vpcName(p.requesterVpcId), vpcName(p.accepterVpcId), p.status]), nowrap: [3] } }],
  });

  out.push({
    title: 'Service networks (VPC Lattice)',
    intro: plan.serviceNetworks.length === 0 ? 'The plan has no service networks.' : undefined,
    tables: plan.serviceNetworks.length === 0 ? [] : [{ table: {
      headers: ['Service network', 'Associated VPCs', 'Services'],
      rows: plan.serviceNetworks.map((n) => [n.name || n.id, n.vpcIds.map(vpcName).join(', ') || 'none', n.services.map((sv) => `${sv.name || sv.id}${sv.vpcId ? ` (in ${vpcName(sv.vpcId)})` : ''}`).join(', ') || 'none']),
      prose: [1, 2],
    } }],
  });

  const externalRows = plan.externalNetworks.map((n) => {
    const links = [
      ...plan.vpnGateways.filter((g) => g.externalNetworkIds.includes(n.id)).map((g) => `VPN gateway ${g.name || g.id} in ${vpcName(g.vpcId)}`),
      ...plan.transitGateways.flatMap((t) => t.attachments.filter((a) => a.externalNetworkId === n.id).map((a) => `${a.type === 'vpn' ? 'VPN' : 'Direct Connect'} to ${t.name || t.id}`)),
    ];
    return [n.name || n.id, n.kind, n.cidrs.join(', ') || 'none', [n.customerGatewayIp, n.bgpAsn !== undefined ? `ASN ${n.bgpAsn}` : undefined].filter(Boolean).join(', '), links.join('; ') || 'not connected'];
  });
  out.push({
    title: 'VPN and external networks',
    intro: externalRows.length === 0 ? 'The plan has no on-premises or other-cloud networks.' : undefined,
    tables: externalRows.length === 0 ? [] : [{ table: { headers: ['Network', 'Kind', 'CIDRs', 'Customer gateway', 'Connected by'], rows: externalRows, nowrap: [1], prose: [2, 4] } }],
  });
  return out;
}

/** Page furniture for the printed diagram, in millimetres (A4 landscape, 12 mm margins, room for a heading). */
const TILE_WIDTH_MM = 273;
const TILE_HEIGHT_MM = 160;
const PX_PER_MM = 96 / 25.4;
/** The smallest text on a printed diagram page, in points; the issue's bar is 7, a little more keeps rounding clear of it. */
export const DIAGRAM_MIN_TEXT_PT = 7.5;
/**
 * Past this many pages the printed diagram is shown whole on one page instead: a plan of
 * thousands of VPCs would take thousands of pages at a readable scale (and every page would
 * carry the edges that cross it). The exported SVG (diagram.svg) keeps it at full size.
 */
export const DIAGRAM_MAX_PAGES = 60;
/** Neighbouring tiles overlap by this share, so a box cut at one tile's edge is whole on the next. */
const TILE_OVERLAP = 0.04;

export interface DiagramTile { x: number; y: number; width: number; height: number; row: number; column: number }

/**
 * The windows (in SVG units) the printed diagram is cut into, and the scale they print at:
 * as large as fits one page, but never smaller than puts the SVG's smallest font at
 * DIAGRAM_MIN_TEXT_PT (1 CSS px = 0.75 pt); a diagram too big for that is tiled, row by row.
 */
export function diagramTiles(svgWidth: number, svgHeight: number, smallestFontPx: number): { scale: number; tiles: DiagramTile[] } {
  const pageW = TILE_WIDTH_MM * PX_PER_MM;
  const pageH = TILE_HEIGHT_MM * PX_PER_MM;
  const minScale = DIAGRAM_MIN_TEXT_PT / (0.75 * smallestFontPx);
  const fit = Math.min(pageW / svgWidth, pageH / svgHeight, 1.25);
  const scale = Math.max(fit, minScale);
  const tileW = pageW / scale;
  const tileH = pageH / scale;
  const starts = (total: number, size: number) => {
    if (total <= size + 0.5) return [0];
    const step = size * (1 - TILE_OVERLAP);
    const count = Math.ceil((total - size) / step) + 1;
    return Array.from({ length: count }, (_, i) => Math.min(i * step, total - size));
  };
  const tiles: DiagramTile[] = [];
  starts(svgHeight, tileH).forEach((y, row) => starts(svgWidth, tileW).forEach((x, column) => {
    tiles.push({ x, y, width: Math.min(tileW, svgWidth), height: Math.min(tileH, svgHeight), row, column });
  }));
  return { scale, tiles };
}

/**
 * The smallest and largest of many numbers, in a loop: Math.min(...list) passes every item as
 * an argument, which overflows the stack for the text sizes of a 10,000-VPC diagram.
 */
function least(values: readonly number[]): number {
  let out = Infinity;
  for (const v of values) if (v < out) out = v;
  return out;
}

function most(values: readonly number[]): number {
  let out = -Infinity;
  for (const v of values) if (v > out) out = v;
  return out;
}

/** The inline SVG pages of the diagram: its content once (as a symbol), then one viewBox window per page. */
function diagramHtml(svg: string, alt: string): string {
  const open = /^\s*<svg\b[^>]*>/.exec(svg);
  const width = Number(/\bwidth="([\d.]+)"/.exec(open?.[0] ?? '')?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(open?.[0] ?? '')?.[1]);
  if (!open || !(width > 0) || !(height > 0) || !/<\/svg>\s*$/.test(svg)) throw new Error('the diagram is not an SVG with a width and height; export it again from the canvas');
  const fonts = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])).filter((n) => n > 0);
  const readable = diagramTiles(width, height, fonts.length > 0 ? least(fonts) : 12);
  const tooBig = readable.tiles.length > DIAGRAM_MAX_PAGES;
  // Too many pages: the whole diagram on one page, as large as fits (no text is smaller than in the SVG's own smallest font at that scale, just unreadably small).
  const { scale, tiles: all } = tooBig ? diagramTiles(width, height, Infinity) : readable;
  // A page with nothing written on it (the empty space between far-apart boxes) is left out.
  const anchors = tooBig ? [] : [...svg.matchAll(/<text x="([-\d.]+)" y="([-\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  const tiles = all.filter((t) => anchors.some((a) => a.x >= t.x && a.x < t.x + t.width && a.y >= t.y && a.y < t.y + t.height));
  if (tiles.length === 0) tiles.push(all[0]!);
  const inner = svg.slice(open[0].length).replace(/<\/svg>\s*$/, '').replace(/^\s*<title>[^<]*<\/title>/, '');
  // The outer <svg>'s own attributes (fonts) carried onto each page's SVG, so the text looks the same.
  const inherited = [...open[0].matchAll(/\b(font-family|font-size)="([^"]*)"/g)].map((m) => `${m[1]}="${m[2]}"`).join(' ');
  const chunks = topLevelChunks(inner);
  const columns = most(tiles.map((t) => t.column)) + 1;
  const rows = most(tiles.map((t) => t.row)) + 1;
  const out: string[] = [];
  tiles.forEach((tile, i) => {
    const where = tooBig
      ? `The whole diagram, too large to print legibly here (${count(readable.tiles.length)} pages at ${DIAGRAM_MIN_TEXT_PT} pt text); the exported SVG has it at full size.`
      : tiles.length > 1 ? `Part ${i + 1} of ${tiles.length}: row ${tile.row + 1} of ${rows}, column ${tile.column + 1} of ${columns}.` : '';
    // Each page holds only what shows through its window, so a big plan's pages stay quick to print.
    const shown = chunks.filter((c) => c.box === undefined || (c.box.x0 <= tile.x + tile.width && c.box.x1 >= tile.x && c.box.y0 <= tile.y + tile.height && c.box.y1 >= tile.y));
    out.push([
      '<figure class="diagram-page">',
      `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeMarkup(alt)}" viewBox="${r1(tile.x)} ${r1(tile.y)} ${r1(tile.width)} ${r1(tile.height)}" width="${r1(tile.width * scale)}" height="${r1(tile.height * scale)}" ${inherited}>`,
      ...shown.map((c) => c.text),
      '</svg>',
      where ? `<figcaption>${escapeMarkup(where)}</figcaption>` : '',
      '</figure>',
    ].filter((l) => l !== '').join('\n'));
  });
  return out.join('\n');
}

/**
 * The SVG's top-level elements (one a line, or a <g> group over several, as svg.ts writes them)
 * with the box their coordinates span; an element with no coordinates has none and shows on every page.
 */
function topLevelChunks(inner: string): Array<{ text: string; box?: { x0: number; y0: number; x1: number; y1: number } }> {
  const out: Array<{ text: string; box?: { x0: number; y0: number; x1: number; y1: number } }> = [];
  let depth = 0;
  let current: string[] = [];
  for (const line of inner.split('\n')) {
    if (line.trim() === '') continue;
    current.push(line);
    depth += (line.match(/<g\b/g)?.length ?? 0) - (line.match(/<\/g>/g)?.length ?? 0);
    if (depth > 0) continue;
    const text = current.join('\n');
    current = [];
    const xs: number[] = [];
    const ys: number[] = [];
    for (const m of text.matchAll(/\bx="([-\d.]+)" y="([-\d.]+)"(?: width="([\d.]+)" height="([\d.]+)")?/g)) {
      xs.push(Number(m[1]), Number(m[1]) + Number(m[3] ?? 0));
      ys.push(Number(m[2]), Number(m[2]) + Number(m[4] ?? 0));
    }
    for (const d of text.matchAll(/\bd="([^"]+)"/g)) {
      for (const p of d[1]!.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)) { xs.push(Number(p[1])); ys.push(Number(p[2])); }
    }
    // Text runs right of its anchor: widen by a generous line so a label starting left of a page still shows on it.
    out.push(xs.length > 0 ? { text, box: { x0: least(xs) - 400, y0: least(ys) - 20, x1: most(xs) + 400, y1: most(ys) + 20 } } : { text });
  }
  if (current.length > 0) out.push({ text: current.join('\n') });
  return out;
}

function r1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A table as printed: whole, or (wider than columnsPerPage) as column groups that each repeat the first column. */
function columnGroups(t: Table): Table[] {
  const per = t.columnsPerPage;
  if (per === undefined || t.headers.length - 1 <= per) return [t];
  const out: Table[] = [];
  for (let from = 1; from < t.headers.length; from += per) {
    const keep = [0, ...Array.from({ length: Math.min(per, t.headers.length - from) }, (_, i) => from + i)];
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
  return groups.map((g, i) => {
    const label = [caption, groups.length > 1 ? `columns ${i * t.columnsPerPage! + 1} to ${i * t.columnsPerPage! + g.headers.length - 1} of ${t.headers.length - 1}` : ''].filter(Boolean).join(', ');
    return htmlTableGroup(g, label);
  }).join('\n');
}

function htmlTableGroup(t: Table, caption: string): string {
  const cls = (i: number) => {
    const names = [t.numeric?.includes(i) ? 'num' : '', t.numeric?.includes(i) || t.nowrap?.includes(i) ? 'nowrap' : '', t.prose?.includes(i) ? 'prose' : ''].filter((n) => n !== '');
    return names.length > 0 ? ` class="${names.join(' ')}"` : '';
  };
  const head = `<thead><tr>${t.headers.map((h, i) => `<th${cls(i)}>${escapeMarkup(h)}</th>`).join('')}</tr></thead>`;
  const body = `<tbody>${t.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeMarkup(c)}</td>`).join('')}</tr>`).join('\n')}</tbody>`;
  return `<table>${caption ? `<caption>${escapeMarkup(caption)}</caption>` : ''}${head}\n${body}</table>`;
}

// Print layout, checked by printing the examples and a 100-VPC plan with headless Chromium
// (cli/export-binary.test.ts reads every text's size back from the PDF) and looking at the pages:
// - a title page of its own; then the diagram on landscape pages (named page "wide"), one tile a page;
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

/** Markdown's special characters escaped, so a name cannot open a link, close a table cell or start HTML. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#&~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function markdownTable(t: Table): string {
  const align = t.headers.map((_, i) => (t.numeric?.includes(i) ? '---:' : '---'));
  return [t.headers.map(md).join(' | '), align.join(' | '), ...t.rows.map((r) => r.map(md).join(' | '))].map((l) => `| ${l} |`).join('\n');
}

export interface ReviewReport {
  markdown: string;
  html: string;
  /** The diagram the Markdown links as MARKDOWN_DIAGRAM_FILE; write it beside the Markdown. */
  diagramSvg: string;
}

export function buildReviewReport(plan: Plan, options: ReviewReportOptions = {}): ReviewReport {
  // The diagram too is drawn when first needed (the HTML and diagram.svg want it; the Markdown only links it).
  let diagram: string | undefined = options.diagramSvg;
  const diagramSvg = (): string => (diagram ??= planToSvg(plan, options.generatedAt ? { date: options.generatedAt.slice(0, 10) } : {}));
  // One check for the findings section and the title page's count.
  const findings = checkPlan(plan);
  const all = sections(plan, findings);
  const findingCounts = (['error', 'warning', 'info'] as const).map((sev) => `${findings.filter((f) => f.severity === sev).length} ${sev}${sev === 'info' ? '' : 's'}`).join(', ');
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
      return (html ??= htmlReport(plan, all, meta, summary, diagramSvg()));
    },
    get diagramSvg() {
      return diagramSvg();
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

function htmlReport(plan: Plan, all: readonly Section[], meta: string, summary: ReadonlyArray<[string, string]>, diagram: string): string {
  const htmlSections = all.map((s) => [
    `<section${s.diagram ? ' class="diagram"' : ''}>`,
    `<h2>${escapeMarkup(s.title)}</h2>`,
    s.intro ? `<p>${escapeMarkup(s.intro)}</p>` : '',
    s.diagram ? diagramHtml(diagram, `Diagram of ${plan.name}`) : '',
    ...s.tables.map((t) => htmlTable(t.table, t.caption)),
    '</section>',
  ].filter((l) => l !== '').join('\n'));
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
  ].filter((l) => l !== '').join('\n');
  return `${html}\n`;
}
