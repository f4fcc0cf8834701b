/**
 * The plan as an SVG diagram: the one picture both the app (File > Export > SVG or PNG) and
 * `vpcplan export --format svg|png` make. Shapes and text only (no foreignObject, no
 * images, nothing fetched), so Inkscape, draw.io and every browser show it. Every box is
 * where shared/layout puts it on the canvas, at the canvas's size, with the canvas's words,
 * so the picture is the canvas as drawn; a title block (plan name and date) is above it and
 * a legend of what it shows below. Every element of a plan object carries its id as
 * `data-id`. Every text is escaped, so the result is valid XML whatever the plan says.
 */
import {
  diagramScope,
  edgeCurve,
  engineFigures,
  externalNetworkText,
  natText,
  planDiagram,
  serviceNetworkText,
  subnetText,
  TIERS,
  textWidth,
  transitGatewayText,
  TYPE,
  USAGE_BAR,
  vpcHeader,
  vpcMembers,
  type Box,
  type Diagram,
  type DiagramEdge,
  type DiagramNode,
  type EdgeKind,
  type DiagramFigures,
  type HubText,
  type NodeKind,
  type TextStyle,
} from '../layout';
import type { NatGateway, Plan, Subnet, SubnetTier, Vpc } from '../plan/schema';
import { escapeMarkup } from './markup';

export interface DiagramSvgOptions {
  /** Draw only these objects and the connections between them (the editor's selection); the whole plan when absent. */
  selection?: readonly string[];
  /** Draw the legend (default yes). */
  legend?: boolean;
  /** The date in the title block, e.g. "2026-03-14"; no date when absent, so the output is reproducible. */
  date?: string;
  /**
   * Each VPC as its box and name only (no subnets, NAT gateways or other header lines) and the
   * connections without their labels: the boxes where the full diagram has them, in a small
   * fraction of its text. The review report prints this for a plan too large to print whole.
   */
  overview?: boolean;
  /** The engine's numbers the boxes show, when the caller has them worked out already; computed from the plan when absent. */
  figures?: DiagramFigures;
  /**
   * The plan's boxes and connections (planDiagram of these figures), when the caller has them
   * already: laying out 10,000 VPCs takes seconds, and the review report reads it to count what
   * a selection draws before drawing it.
   */
  geometry?: Diagram;
}

/** The day a picture is drawn, as its title block gives it (UTC, so the app and the CLI agree). */
export function diagramDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Around the picture. */
const MARGIN = 32;
/** The plan's name and the date, above the diagram. */
const TITLE_BLOCK = 64;
const LEGEND_ROW = 24;
const LEGEND_GAP = 20;
const LEGEND_TITLE = 28;
/** The widest the legend's rows run: narrower than a printed diagram page's frame (report.ts), about 1,100 units. */
const LEGEND_WIDTH = 960;

// The app's light theme (renderer/app.css), for a picture that prints.
const COLOURS = {
  background: '#ffffff',
  text: '#17202c',
  muted: '#556274',
  line: '#d5dbe4',
  vpcFill: '#f1f6ff',
  vpcBorder: '#5b7fc7',
  subnetFill: '#ffffff',
  subnetBorder: '#b9c4d6',
  nat: '#0f766e',
  tgw: '#c2410c',
  lattice: '#a21caf',
  external: '#4b5563',
  externalFill: '#f0f2f6',
  ok: '#1f8a4c',
  warning: '#a15c00',
  error: '#c62828',
} as const;
const TIER_COLOURS: Record<SubnetTier, string> = { public: '#1f8a4c', private: '#2d6cc0', isolated: '#6f5bb5' };
const TIER_WORDS: Record<SubnetTier, string> = { public: 'Public', private: 'Private', isolated: 'Isolated' };

const EDGE_STYLES: Record<EdgeKind, { stroke: string; width: number; dash?: string; legend: string }> = {
  peering: { stroke: COLOURS.vpcBorder, width: 2.5, legend: 'VPC peering' },
  attachment: { stroke: COLOURS.tgw, width: 2, legend: 'Transit gateway attachment' },
  'tgw-peering': { stroke: COLOURS.tgw, width: 2, dash: '8 4', legend: 'Transit gateway peering' },
  vpn: { stroke: COLOURS.external, width: 2, dash: '6 4', legend: 'VPN / Direct Connect attachment' },
  'vpn-gateway': { stroke: COLOURS.external, width: 2, dash: '6 4', legend: 'VPN gateway connection' },
  association: { stroke: COLOURS.lattice, width: 2.5, dash: '2 4', legend: 'Lattice association' },
};

const HUB_STYLES = {
  tgw: { className: 'tgw', stroke: COLOURS.tgw, fill: COLOURS.background, dash: '', left: 22, legend: 'Transit gateway' },
  serviceNetwork: { className: 'service-network', stroke: COLOURS.lattice, fill: COLOURS.background, dash: '', left: 14, legend: 'Lattice service network' },
  external: { className: 'external', stroke: COLOURS.external, fill: COLOURS.externalFill, dash: '6 3', left: 14, legend: 'On-premises / other cloud' },
} as const;

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";
const MONO = "ui-monospace, 'SF Mono', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/** One decimal: positions from a drag are fractional, and the file stays readable. */
function r(n: number): number {
  return Math.round(n * 10) / 10;
}

function text(x: number, y: number, content: string, style: TextStyle, attrs: Record<string, string | number> = {}): string {
  // Kept as written: two spaces separate the blocks of a list, and SVG would collapse them.
  const parts = [`x="${r(x)}"`, `y="${r(y)}"`, `font-size="${style.size}"`, 'xml:space="preserve"'];
  if (style.bold) parts.push('font-weight="bold"');
  if (style.mono) parts.push(`font-family="${MONO}"`);
  for (const [key, value] of Object.entries(attrs)) parts.push(`${key}="${typeof value === 'string' ? escapeMarkup(value) : value}"`);
  return `<text ${parts.join(' ')}>${escapeMarkup(content)}</text>`;
}

function rect(box: Box, attrs: Record<string, string | number>): string {
  const extra = Object.entries(attrs)
    .map(([key, value]) => `${key}="${typeof value === 'string' ? escapeMarkup(value) : value}"`)
    .join(' ');
  return `<rect x="${r(box.x)}" y="${r(box.y)}" width="${r(box.width)}" height="${r(box.height)}" ${extra}/>`;
}

function shift(box: Box, dx: number, dy: number): Box {
  return { x: box.x + dx, y: box.y + dy, width: box.width, height: box.height };
}

/** A bar (VPC usage, NAT port use): a track and a fill of `fraction`. */
function bar(x: number, y: number, width: number, height: number, fraction: number, colour: string): string[] {
  const filled = Math.max(0, Math.min(1, fraction)) * width;
  return [
    rect({ x, y, width, height }, { rx: height / 2, fill: colour, 'fill-opacity': '0.2' }),
    filled > 0 ? rect({ x, y, width: filled, height }, { rx: height / 2, fill: colour }) : '',
  ].filter(Boolean);
}

interface VpcParts {
  vpc: Vpc;
  subnets: readonly Subnet[];
  nats: readonly NatGateway[];
  hasIgw: boolean;
  figures: DiagramFigures;
  /** The box and name only (DiagramSvgOptions.overview). */
  overview: boolean;
}

function drawVpc(node: DiagramNode, box: Box, parts: VpcParts): string[] {
  const { vpc, subnets, nats, figures } = parts;
  const geometry = node.vpc!;
  const usage = parts.overview ? undefined : figures.vpcUsage(vpc, subnets);
  const header = vpcHeader(vpc, subnets.length, usage);
  const out = [`<g class="vpc" data-id="${escapeMarkup(vpc.id)}">`];
  out.push(rect(box, { rx: 12, fill: COLOURS.vpcFill, stroke: COLOURS.vpcBorder, 'stroke-width': 2 }));
  const left = box.x + 16;
  out.push(text(left, box.y + 26, header.name, TYPE.vpcName, { fill: COLOURS.text, class: 'name' }));
  if (parts.overview) {
    out.push('</g>');
    return out;
  }
  if (parts.hasIgw) {
    const chip = { x: box.x + box.width - 14 - 44, y: box.y + 12, width: 44, height: 18 };
    out.push(rect(chip, { rx: 9, fill: 'none', stroke: TIER_COLOURS.public }));
    out.push(text(chip.x + 22, chip.y + 13, 'IGW', { size: 11, bold: true }, { fill: TIER_COLOURS.public, 'text-anchor': 'middle' }));
  }
  out.push(text(left, box.y + 45, header.meta, TYPE.vpcMeta, { fill: COLOURS.muted }));
  out.push(text(left, box.y + 64, header.blocks, TYPE.vpcBlocks, { fill: COLOURS.text, class: 'cidr' }));
  if (usage && header.usage) {
    out.push(...bar(left, box.y + 74, USAGE_BAR, 7, usage.usedFraction, COLOURS.vpcBorder));
    out.push(text(left + USAGE_BAR + 8, box.y + 81, header.usage, TYPE.vpcUsage, { fill: COLOURS.muted }));
  }
  for (const column of geometry.grid.columns) {
    out.push(text(box.x + column.x, box.y + geometry.grid.azLabelY + 12, column.az || 'no AZ', TYPE.axisLabel, { fill: COLOURS.muted }));
  }
  for (const row of geometry.grid.rows) {
    out.push(
      text(box.x + 12, box.y + row.y + row.height / 2 + 4, TIER_WORDS[row.tier].toUpperCase(), TYPE.axisLabel, {
        fill: TIER_COLOURS[row.tier],
        'letter-spacing': '0.5',
      }),
    );
  }
  if (subnets.length === 0) out.push(text(left, box.y + geometry.grid.azLabelY + 40, 'No subnets yet.', { size: 12 }, { fill: COLOURS.muted }));
  for (const subnet of subnets) out.push(...drawSubnet(subnet, shift(geometry.cells.get(subnet.id)!, box.x, box.y), figures));
  for (const nat of nats) out.push(...drawNat(nat, shift(geometry.cells.get(nat.id)!, box.x, box.y), figures));
  out.push('</g>');
  return out;
}

function drawSubnet(subnet: Subnet, box: Box, figures: DiagramFigures): string[] {
  const words = subnetText(subnet, figures.usable(subnet));
  const colour = TIER_COLOURS[subnet.tier];
  const left = box.x + 14;
  const out = [`<g class="subnet subnet-${subnet.tier}" data-id="${escapeMarkup(subnet.id)}">`];
  out.push(rect(box, { rx: 8, fill: COLOURS.subnetFill, stroke: COLOURS.subnetBorder }));
  // The tier's colour down the left edge, following the rounded corners (the canvas's 4 px border-left).
  const { x, y, height } = box;
  out.push(
    `<path d="M${r(x + 8)},${r(y)} A8,8 0 0 0 ${r(x)},${r(y + 8)} V${r(y + height - 8)} A8,8 0 0 0 ${r(x + 8)},${r(y + height)} A4,8 0 0 1 ${r(x + 4)},${r(y + height - 8)} V${r(y + 8)} A4,8 0 0 1 ${r(x + 8)},${r(y)} Z" fill="${colour}"/>`,
  );
  // Dual-stack subnets show both blocks, in slightly tighter lines.
  const lines = words.cidrs.length > 1 ? [20, 37, 53, 69] : [21, 39, 57];
  out.push(text(left, box.y + lines[0]!, words.name, TYPE.cellName, { fill: COLOURS.text, class: 'name' }));
  words.cidrs.forEach((cidr, i) => {
    out.push(text(left, box.y + lines[1 + i]!, cidr, i === 0 ? TYPE.cellCidr : TYPE.cellSecondCidr, { fill: COLOURS.text, class: 'cidr' }));
  });
  out.push(text(left, box.y + lines[lines.length - 1]!, words.meta, TYPE.cellMeta, { fill: COLOURS.muted }));
  out.push('</g>');
  return out;
}

function drawNat(nat: NatGateway, box: Box, figures: DiagramFigures): string[] {
  const gauge = figures.natGauge(nat);
  const words = natText(nat, gauge);
  const left = box.x + 12;
  const out = [`<g class="nat" data-id="${escapeMarkup(nat.id)}">`];
  out.push(rect(box, { rx: 8, fill: COLOURS.subnetFill, stroke: COLOURS.nat, 'stroke-dasharray': '4 3' }));
  out.push(text(left, box.y + 21, 'NAT', { size: 11, bold: true }, { fill: COLOURS.nat }));
  out.push(text(left + 32, box.y + 21, words.name, TYPE.cellName, { fill: COLOURS.text, class: 'name' }));
  if (gauge) {
    const level = gauge.utilisation >= 1 ? COLOURS.error : gauge.utilisation >= 0.8 ? COLOURS.warning : COLOURS.ok;
    out.push(...bar(left, box.y + 33, box.width - 24, 8, gauge.utilisation, level));
    out.push(text(left, box.y + 58, words.meta, TYPE.cellMeta, { fill: COLOURS.muted }));
  } else {
    out.push(text(left, box.y + 44, words.meta, TYPE.cellMeta, { fill: COLOURS.muted }));
  }
  out.push('</g>');
  return out;
}

function drawHub(node: DiagramNode, box: Box, words: HubText): string[] {
  const style = HUB_STYLES[node.kind as keyof typeof HUB_STYLES];
  const left = box.x + style.left;
  const middle = box.y + box.height / 2;
  return [
    `<g class="${style.className}" data-id="${escapeMarkup(node.id)}">`,
    rect(box, {
      rx: node.kind === 'tgw' ? box.height / 2 : node.kind === 'serviceNetwork' ? 14 : 4,
      fill: style.fill,
      stroke: style.stroke,
      'stroke-width': 2,
      ...(style.dash ? { 'stroke-dasharray': style.dash } : {}),
    }),
    text(left, middle - 9, words.name, TYPE.hubName, { fill: COLOURS.text, class: 'name' }),
    text(left, middle + 9, words.lines[0], TYPE.hubMeta, { fill: COLOURS.muted }),
    text(left, middle + 26, words.lines[1], words.mono ? TYPE.hubCidrs : TYPE.hubMeta, {
      fill: words.mono ? COLOURS.text : COLOURS.muted,
      ...(words.mono ? { class: 'cidr' } : {}),
    }),
    '</g>',
  ];
}

function drawEdge(edge: DiagramEdge, a: Box, b: Box): { line: string; label: string } {
  const style = EDGE_STYLES[edge.kind];
  const curve = edgeCurve(a, b);
  const d = `M${r(curve.from.x)},${r(curve.from.y)} C${r(curve.control1.x)},${r(curve.control1.y)} ${r(curve.control2.x)},${r(curve.control2.y)} ${r(curve.to.x)},${r(curve.to.y)}`;
  const line = `<path class="edge edge-${edge.kind}" data-id="${escapeMarkup(edge.id)}" d="${d}" fill="none" stroke="${style.stroke}" stroke-width="${style.width}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`;
  const labelStyle: TextStyle = { size: 11, bold: true };
  const width = textWidth(edge.label, labelStyle) + 14;
  const label = [
    `<g class="edge-label" data-id="${escapeMarkup(edge.id)}">`,
    rect({ x: curve.middle.x - width / 2, y: curve.middle.y - 9, width, height: 18 }, { rx: 9, fill: COLOURS.background, stroke: COLOURS.line }),
    text(curve.middle.x, curve.middle.y + 4, edge.label, labelStyle, { fill: style.stroke, 'text-anchor': 'middle' }),
    '</g>',
  ].join('\n');
  return { line, label };
}

interface LegendEntry {
  label: string;
  mark: string;
}

function legendEntries(
  nodes: readonly DiagramNode[],
  subnetTiers: ReadonlySet<SubnetTier>,
  hasNat: boolean,
  edgeKinds: ReadonlySet<EdgeKind>,
): Array<{ label: string; draw(x: number, y: number): string }> {
  const out: Array<{ label: string; draw(x: number, y: number): string }> = [];
  const box =
    (fill: string, stroke: string, dash = '') =>
    (x: number, y: number) =>
      rect({ x, y: y - 8, width: 24, height: 16 }, { rx: 3, fill, stroke, 'stroke-width': 2, ...(dash ? { 'stroke-dasharray': dash } : {}) });
  const kinds = new Set<NodeKind>(nodes.map((n) => n.kind));
  if (kinds.has('vpc')) out.push({ label: 'VPC', draw: box(COLOURS.vpcFill, COLOURS.vpcBorder) });
  for (const tier of TIERS) if (subnetTiers.has(tier)) out.push({ label: `${TIER_WORDS[tier]} subnet`, draw: box(COLOURS.subnetFill, TIER_COLOURS[tier]) });
  if (hasNat) out.push({ label: 'NAT gateway', draw: box(COLOURS.subnetFill, COLOURS.nat, '4 3') });
  for (const kind of ['tgw', 'serviceNetwork', 'external'] as const) {
    if (kinds.has(kind)) out.push({ label: HUB_STYLES[kind].legend, draw: box(HUB_STYLES[kind].fill, HUB_STYLES[kind].stroke, HUB_STYLES[kind].dash) });
  }
  for (const [kind, style] of Object.entries(EDGE_STYLES) as Array<[EdgeKind, (typeof EDGE_STYLES)[EdgeKind]]>) {
    if (!edgeKinds.has(kind)) continue;
    out.push({
      label: style.legend,
      draw: (x, y) =>
        `<line x1="${x}" y1="${y}" x2="${x + 24}" y2="${y}" stroke="${style.stroke}" stroke-width="${style.width}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
    });
  }
  return out;
}

const LEGEND_TEXT: TextStyle = { size: 12 };

/** Legend entries in rows no wider than `width`; returns the drawn rows' height. */
function drawLegend(entries: ReturnType<typeof legendEntries>, left: number, top: number, width: number): { svg: string[]; height: number; widest: number } {
  if (entries.length === 0) return { svg: [], height: 0, widest: 0 };
  const out = ['<g class="legend">', text(left, top + 14, 'Legend', { size: 13, bold: true }, { fill: COLOURS.text })];
  let x = left;
  let y = top + LEGEND_TITLE + 8;
  let widest = 0;
  for (const entry of entries) {
    const w = 32 + textWidth(entry.label, LEGEND_TEXT);
    if (x + w > left + width && x > left) {
      x = left;
      y += LEGEND_ROW;
    }
    out.push(entry.draw(x, y), text(x + 32, y + 4, entry.label, LEGEND_TEXT, { fill: COLOURS.text }));
    x += w + LEGEND_GAP;
    widest = Math.max(widest, w);
  }
  out.push('</g>');
  return { svg: out, height: y - top + LEGEND_ROW / 2, widest };
}

/** The diagram of the plan, or of the selected objects, as SVG text. */
export function planToSvg(plan: Plan, options: DiagramSvgOptions = {}): string {
  const figures = options.figures ?? engineFigures(plan);
  const diagram = options.geometry ?? planDiagram(plan, figures);
  const scope = diagramScope(plan, diagram, options.selection);
  if (options.selection && scope.nodes.size === 0)
    throw new Error('nothing selected is on the diagram: select a VPC, a gateway, a network or a connection first');
  const nodes = diagram.nodes.filter((n) => scope.nodes.has(n.id));
  const edges = diagram.edges.filter((e) => scope.edges.has(e.id));

  // Loops, not Math.min(...list): a spread of every node overflows the stack on a very large plan.
  let minX = nodes.length ? Infinity : 0;
  let minY = nodes.length ? Infinity : 0;
  let maxRight = -Infinity;
  let maxBottom = -Infinity;
  for (const n of nodes) {
    if (n.x < minX) minX = n.x;
    if (n.y < minY) minY = n.y;
    if (n.x + n.width > maxRight) maxRight = n.x + n.width;
    if (n.y + n.height > maxBottom) maxBottom = n.y + n.height;
  }
  const dx = MARGIN - minX;
  const dy = MARGIN + TITLE_BLOCK - minY;
  const contentRight = nodes.length ? maxRight + dx : MARGIN;
  const contentBottom = nodes.length ? maxBottom + dy : MARGIN + TITLE_BLOCK;

  const titleStyle: TextStyle = { size: 20, bold: true };
  const overview = options.overview === true;
  const subtitle = [
    options.date,
    options.selection ? `${nodes.length} of ${diagram.nodes.length} boxes (the selection)` : '',
    overview ? 'overview: VPCs without their subnets' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const titleWidth = Math.max(textWidth(plan.name, titleStyle), subtitle ? textWidth(subtitle, { size: 12 }) : 0);
  const members = vpcMembers(plan);
  const tiers = new Set<SubnetTier>();
  let hasNat = false;
  for (const node of overview ? [] : nodes) {
    if (node.kind !== 'vpc') continue;
    for (const subnet of members.subnets.get(node.id) ?? []) tiers.add(subnet.tier);
    if ((members.nats.get(node.id)?.length ?? 0) > 0) hasNat = true;
  }
  const entries = options.legend === false ? [] : legendEntries(nodes, tiers, hasNat, new Set(edges.map((e) => e.kind)));
  // The legend wraps to the diagram's width, up to LEGEND_WIDTH (a block at the lower left that a
  // printed page shows whole, not one row across a wide diagram); a very narrow diagram widens to its widest entry.
  const innerWidth = Math.max(contentRight - MARGIN, titleWidth, 400);
  const legend = drawLegend(entries, MARGIN, contentBottom + 24, Math.min(innerWidth, LEGEND_WIDTH));
  const width = Math.ceil(Math.max(innerWidth, legend.widest) + 2 * MARGIN);
  const height = Math.ceil((legend.height > 0 ? contentBottom + 24 + legend.height : contentBottom) + MARGIN);

  const body: string[] = [];
  const labels: string[] = [];
  for (const edge of edges) {
    const a = diagram.byId.get(edge.source)!;
    const b = diagram.byId.get(edge.target)!;
    const drawn = drawEdge(edge, shift(a, dx, dy), shift(b, dx, dy));
    body.push(drawn.line);
    if (!overview) labels.push(drawn.label);
  }
  const byId = {
    vpc: new Map(plan.vpcs.map((v) => [v.id, v])),
    tgw: new Map(plan.transitGateways.map((t) => [t.id, t])),
    serviceNetwork: new Map(plan.serviceNetworks.map((n) => [n.id, n])),
    external: new Map(plan.externalNetworks.map((n) => [n.id, n])),
  };
  for (const node of nodes) {
    const box = shift(node, dx, dy);
    if (node.kind === 'vpc') {
      body.push(
        ...drawVpc(node, box, {
          vpc: byId.vpc.get(node.id)!,
          subnets: members.subnets.get(node.id) ?? [],
          nats: members.nats.get(node.id) ?? [],
          hasIgw: (members.igws.get(node.id)?.length ?? 0) > 0,
          figures,
          overview,
        }),
      );
    } else if (node.kind === 'tgw') body.push(...drawHub(node, box, transitGatewayText(byId.tgw.get(node.id)!)));
    else if (node.kind === 'serviceNetwork') body.push(...drawHub(node, box, serviceNetworkText(byId.serviceNetwork.get(node.id)!)));
    else body.push(...drawHub(node, box, externalNetworkText(byId.external.get(node.id)!)));
  }

  return (
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12">`,
      `<title>${escapeMarkup(plan.name)}</title>`,
      `<rect width="${width}" height="${height}" fill="${COLOURS.background}"/>`,
      '<g class="title-block">',
      text(MARGIN, MARGIN + 20, plan.name, titleStyle, { fill: COLOURS.text }),
      subtitle ? text(MARGIN, MARGIN + 40, subtitle, { size: 12 }, { fill: COLOURS.muted }) : '',
      '</g>',
      ...body,
      ...labels,
      ...legend.svg,
      '</svg>',
    ]
      .filter((line) => line !== '')
      .join('\n') + '\n'
  );
}
