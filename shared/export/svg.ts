/**
 * The plan as an SVG diagram, drawn without a browser: VPC containers with their subnets
 * (a column per availability zone, a row per tier), transit gateways, Lattice service
 * networks and external networks, with peering, attachment and association edges and a
 * legend. Positions come from the plan's layout where it has them (the canvas's top-left
 * corners); the rest go in a grid below. Every text is escaped, so the result is valid XML.
 */
import type { Plan, Subnet, SubnetTier, Vpc } from '../plan/schema';
import { escapeMarkup, truncate } from './markup';

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const TIERS: readonly SubnetTier[] = ['public', 'private', 'isolated'];
const TIER_COLOURS: Record<SubnetTier, { fill: string; stroke: string }> = {
  public: { fill: '#dcfce7', stroke: '#16a34a' },
  private: { fill: '#dbeafe', stroke: '#2563eb' },
  isolated: { fill: '#f1f5f9', stroke: '#64748b' },
};
const EDGE_STYLES = {
  peering: { stroke: '#0891b2', dash: '', label: 'VPC peering' },
  attachment: { stroke: '#ea580c', dash: '', label: 'Transit gateway attachment' },
  'vpn-attachment': { stroke: '#ea580c', dash: '8 4', label: 'VPN / Direct Connect / TGW peering attachment' },
  lattice: { stroke: '#7c3aed', dash: '2 4', label: 'Service network association' },
  vpn: { stroke: '#475569', dash: '8 4', label: 'VPN gateway connection' },
} as const;
type EdgeKind = keyof typeof EDGE_STYLES;

const CELL_WIDTH = 176;
const SUBNET_HEIGHT = 42;
const SUBNET_GAP = 8;
const PAD = 14;
const VPC_HEADER = 52;
const AZ_HEADER = 18;
const MARGIN = 30;

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escapeMarkup(content)}</text>`;
}

interface VpcLayout {
  zones: string[];
  tiers: SubnetTier[];
  rowHeights: number[];
  cells: Map<string, Subnet[]>;
  width: number;
  height: number;
}

function layoutVpc(subnets: readonly Subnet[]): VpcLayout {
  const zones = [...new Set(subnets.map((s) => s.availabilityZone))].sort();
  const tiers = TIERS.filter((t) => subnets.some((s) => s.tier === t));
  const cells = new Map<string, Subnet[]>();
  for (const s of subnets) {
    const key = `${s.tier}|${s.availabilityZone}`;
    const list = cells.get(key);
    if (list) list.push(s);
    else cells.set(key, [s]);
  }
  const rowHeights = tiers.map((t) => Math.max(...zones.map((z) => cells.get(`${t}|${z}`)?.length ?? 0)) * (SUBNET_HEIGHT + SUBNET_GAP));
  const width = Math.max(280, PAD * 2 + zones.length * CELL_WIDTH);
  const height = VPC_HEADER + (zones.length > 0 ? AZ_HEADER : 0) + rowHeights.reduce((a, b) => a + b, 0) + PAD;
  return { zones, tiers, rowHeights, cells, width, height };
}

/** Where the segment from a's centre towards b's centre leaves box a. */
function borderPoint(a: Box, b: Box): [number, number] {
  const cx = a.x + a.width / 2;
  const cy = a.y + a.height / 2;
  const dx = b.x + b.width / 2 - cx;
  const dy = b.y + b.height / 2 - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const t = Math.min(dx === 0 ? Infinity : a.width / 2 / Math.abs(dx), dy === 0 ? Infinity : a.height / 2 / Math.abs(dy));
  return [cx + dx * t, cy + dy * t];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export function planToSvg(plan: Plan): string {
  const subnetsByVpc = new Map<string, Subnet[]>();
  for (const s of plan.subnets) {
    const list = subnetsByVpc.get(s.vpcId);
    if (list) list.push(s);
    else subnetsByVpc.set(s.vpcId, [s]);
  }
  const vpcLayouts = new Map<string, VpcLayout>();
  const nodes: Array<Box & { kind: 'vpc' | 'tgw' | 'service-network' | 'external'; name: string; detail: string }> = [];
  const addNode = (kind: (typeof nodes)[number]['kind'], id: string, name: string, detail: string, width: number, height: number) => {
    const placed = plan.layout.nodes[id];
    nodes.push({ kind, id, name, detail, width: Math.max(width, placed?.width ?? 0), height: Math.max(height, placed?.height ?? 0), x: placed?.x ?? NaN, y: placed?.y ?? NaN });
  };
  for (const vpc of plan.vpcs) {
    const layout = layoutVpc(subnetsByVpc.get(vpc.id) ?? []);
    vpcLayouts.set(vpc.id, layout);
    addNode('vpc', vpc.id, vpc.name || vpc.id, vpcDetail(vpc), layout.width, layout.height);
  }
  for (const tgw of plan.transitGateways) addNode('tgw', tgw.id, tgw.name || tgw.id, `transit gateway, ${tgw.region}${tgw.asn !== undefined ? `, ASN ${tgw.asn}` : ''}`, 200, 60);
  for (const sn of plan.serviceNetworks) addNode('service-network', sn.id, sn.name || sn.id, `service network, ${sn.services.length} service${sn.services.length === 1 ? '' : 's'}`, 220, 60);
  for (const ext of plan.externalNetworks) addNode('external', ext.id, ext.name || ext.id, `${ext.kind}: ${ext.cidrs.join(', ')}`, 240, 60);

  // Unplaced nodes: a grid below the placed ones.
  const placed = nodes.filter((n) => Number.isFinite(n.x) && Number.isFinite(n.y));
  let gridY = placed.length > 0 ? Math.max(...placed.map((n) => n.y + n.height)) + 80 : 0;
  let gridX = placed.length > 0 ? Math.min(...placed.map((n) => n.x)) : 0;
  const gridStart = gridX;
  let rowHeight = 0;
  let inRow = 0;
  for (const n of nodes) {
    if (Number.isFinite(n.x) && Number.isFinite(n.y)) continue;
    if (inRow === 4) {
      gridY += rowHeight + 60;
      gridX = gridStart;
      rowHeight = 0;
      inRow = 0;
    }
    n.x = gridX;
    n.y = gridY;
    gridX += n.width + 60;
    rowHeight = Math.max(rowHeight, n.height);
    inRow++;
  }
  const minX = nodes.length > 0 ? Math.min(...nodes.map((n) => n.x)) : 0;
  const minY = nodes.length > 0 ? Math.min(...nodes.map((n) => n.y)) : 0;
  for (const n of nodes) {
    n.x = round(n.x - minX + MARGIN);
    n.y = round(n.y - minY + MARGIN + 30);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const edges: Array<{ kind: EdgeKind; from: string; to: string; label?: string }> = [];
  for (const p of plan.peerings) edges.push({ kind: 'peering', from: p.requesterVpcId, to: p.accepterVpcId, label: p.name || p.id });
  for (const tgw of plan.transitGateways) {
    for (const att of tgw.attachments) {
      if (att.type === 'vpc' && att.vpcId) edges.push({ kind: 'attachment', from: att.vpcId, to: tgw.id });
      else if (att.externalNetworkId) edges.push({ kind: 'vpn-attachment', from: att.externalNetworkId, to: tgw.id, label: att.type });
      else if (att.peerTransitGatewayId) edges.push({ kind: 'vpn-attachment', from: att.peerTransitGatewayId, to: tgw.id, label: att.type });
    }
  }
  for (const sn of plan.serviceNetworks) for (const vpcId of sn.vpcIds) edges.push({ kind: 'lattice', from: sn.id, to: vpcId });
  for (const vgw of plan.vpnGateways) for (const ext of vgw.externalNetworkIds) edges.push({ kind: 'vpn', from: vgw.vpcId, to: ext, label: vgw.name || vgw.id });

  const body: string[] = [];
  for (const n of nodes) {
    if (n.kind === 'vpc') body.push(drawVpc(n, plan.vpcs.find((v) => v.id === n.id)!, vpcLayouts.get(n.id)!));
    else body.push(drawPlainNode(n));
  }
  const drawnEdges: string[] = [];
  for (const e of edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) continue;
    const [x1, y1] = borderPoint(a, b);
    const [x2, y2] = borderPoint(b, a);
    const style = EDGE_STYLES[e.kind];
    drawnEdges.push(`<line class="edge edge-${e.kind}" x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" stroke="${style.stroke}" stroke-width="2.5"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    if (e.label) drawnEdges.push(text(round((x1 + x2) / 2), round((y1 + y2) / 2 - 6), truncate(e.label, 40), 'class="edge-label" text-anchor="middle"'));
  }

  const contentWidth = nodes.length > 0 ? Math.max(...nodes.map((n) => n.x + n.width)) + MARGIN : 400;
  const contentHeight = nodes.length > 0 ? Math.max(...nodes.map((n) => n.y + n.height)) + MARGIN : 100;
  const legend = drawLegend(MARGIN, contentHeight + 10);
  const width = Math.ceil(Math.max(contentWidth, 760));
  const height = Math.ceil(contentHeight + 10 + legend.height + MARGIN);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeMarkup(plan.name)}</title>`,
    '<style>.name{font-weight:bold;font-size:14px}.detail{fill:#475569;font-size:11px}.edge-label{fill:#334155;font-size:11px}.subnet-name{font-weight:bold;font-size:11px}.subnet-cidr{font-size:10px;fill:#334155}</style>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(MARGIN, 28, truncate(plan.name, 120), 'class="name" font-size="18"'),
    ...body,
    ...drawnEdges,
    legend.svg,
    '</svg>',
    '',
  ].join('\n');
}

function vpcDetail(vpc: Vpc): string {
  const blocks = [...vpc.ipv4Cidrs, ...vpc.ipv6Cidrs].join(', ') || 'no CIDR blocks';
  return `${blocks} · ${vpc.region}${vpc.accountId ? ` · ${vpc.accountId}` : ''}`;
}

function drawVpc(box: Box & { name: string; detail: string }, vpc: Vpc, layout: VpcLayout): string {
  const out = [`<g class="vpc" data-id="${escapeMarkup(vpc.id)}">`];
  out.push(`<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="8" fill="#f8fafc" stroke="#0f172a" stroke-width="1.5"/>`);
  out.push(text(box.x + PAD, box.y + 20, truncate(`VPC ${box.name}`, Math.floor(box.width / 8)), 'class="name"'));
  out.push(text(box.x + PAD, box.y + 38, truncate(box.detail, Math.floor(box.width / 6)), 'class="detail"'));
  let y = box.y + VPC_HEADER;
  if (layout.zones.length > 0) {
    layout.zones.forEach((zone, i) => out.push(text(box.x + PAD + i * CELL_WIDTH, y + 10, truncate(zone, 26), 'class="detail"')));
    y += AZ_HEADER;
  }
  layout.tiers.forEach((tier, row) => {
    layout.zones.forEach((zone, col) => {
      const cell = layout.cells.get(`${tier}|${zone}`) ?? [];
      cell.forEach((subnet, k) => {
        const sx = box.x + PAD + col * CELL_WIDTH;
        const sy = y + k * (SUBNET_HEIGHT + SUBNET_GAP);
        const colours = TIER_COLOURS[tier];
        out.push(`<g class="subnet subnet-${tier}" data-id="${escapeMarkup(subnet.id)}">`);
        out.push(`<rect x="${sx}" y="${sy}" width="${CELL_WIDTH - 10}" height="${SUBNET_HEIGHT}" rx="4" fill="${colours.fill}" stroke="${colours.stroke}"/>`);
        out.push(text(sx + 6, sy + 15, truncate(subnet.name || subnet.id, 24), 'class="subnet-name"'));
        const cidrs = [subnet.ipv4Cidr, subnet.ipv6Cidr].filter((c): c is string => c !== undefined && c !== '');
        out.push(text(sx + 6, sy + 31, truncate(cidrs.join(' ') || 'no CIDR', 30), 'class="subnet-cidr"'));
        out.push('</g>');
      });
    });
    y += layout.rowHeights[row]!;
  });
  out.push('</g>');
  return out.join('\n');
}

const NODE_STYLES = {
  tgw: { fill: '#ffedd5', stroke: '#ea580c', rx: 28, dash: '' },
  'service-network': { fill: '#ede9fe', stroke: '#7c3aed', rx: 12, dash: '' },
  external: { fill: '#f5f5f4', stroke: '#57534e', rx: 4, dash: '6 3' },
} as const;

function drawPlainNode(n: Box & { kind: 'tgw' | 'service-network' | 'external' | 'vpc'; name: string; detail: string }): string {
  const style = NODE_STYLES[n.kind === 'vpc' ? 'external' : n.kind];
  return [
    `<g class="${n.kind}" data-id="${escapeMarkup(n.id)}">`,
    `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="${style.rx}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
    text(n.x + n.width / 2, n.y + 24, truncate(n.name, Math.floor(n.width / 8)), 'class="name" text-anchor="middle"'),
    text(n.x + n.width / 2, n.y + 42, truncate(n.detail, Math.floor(n.width / 6)), 'class="detail" text-anchor="middle"'),
    '</g>',
  ].join('\n');
}

function drawLegend(x: number, y: number): { svg: string; height: number } {
  const out = [`<g class="legend">`, text(x, y + 14, 'Legend', 'class="name"')];
  let row = y + 34;
  for (const tier of TIERS) {
    const c = TIER_COLOURS[tier];
    out.push(`<rect x="${x}" y="${row - 11}" width="28" height="14" rx="3" fill="${c.fill}" stroke="${c.stroke}"/>`, text(x + 36, row, `${tier} subnet`));
    row += 20;
  }
  for (const [kind, style] of Object.entries(NODE_STYLES)) {
    out.push(`<rect x="${x}" y="${row - 11}" width="28" height="14" rx="3" fill="${style.fill}" stroke="${style.stroke}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
      text(x + 36, row, kind === 'tgw' ? 'transit gateway' : kind === 'service-network' ? 'Lattice service network' : 'external network (on-premises, other cloud)'));
    row += 20;
  }
  for (const style of Object.values(EDGE_STYLES)) {
    out.push(`<line x1="${x}" y1="${row - 4}" x2="${x + 28}" y2="${row - 4}" stroke="${style.stroke}" stroke-width="2.5"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`, text(x + 36, row, style.label));
    row += 20;
  }
  out.push('</g>');
  return { svg: out.join('\n'), height: row - y };
}
