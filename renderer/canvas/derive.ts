/**
 * The canvas, derived from the plan: React Flow nodes and edges are computed from the plan
 * document, its layout and the engine's findings, never stored. Each node object is cached
 * against the plan objects it shows, so after an edit only the nodes whose objects changed
 * are new objects, and React Flow re-renders only those.
 *
 * Subnets are not positioned by hand: they sit in their VPC in a grid of availability zones
 * (columns) by tier (rows: public, private, isolated), which is how engineers draw a VPC.
 */
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { Finding, Severity } from '../../shared/checks/types';
import type {
  ExternalNetwork, InternetGateway, NatGateway, Plan, ServiceNetwork, Subnet, SubnetTier, TransitGateway, Vpc,
} from '../../shared/plan/schema';
import { associationId } from '../../shared/plan/edits';
import { currentRoute, type EdgeRoutes, type Point } from './edge-routes';

export const SUBNET_WIDTH = 212;
export const SUBNET_HEIGHT = 78;
export const NAT_HEIGHT = 70;
const GAP = 12;
const PAD = 16;
const HEADER = 96;
const AZ_LABEL = 22;
const TIER_LABEL = 74;
const EMPTY_HEIGHT = 64;
const HANDLE = 10;
export const TIERS: readonly SubnetTier[] = ['public', 'private', 'isolated'];

export interface Badge { severity: Severity; count: number; messages: string[] }

export interface VpcUsage {
  /** 0..1 of the VPC's IPv4 addresses that subnets take. */
  usedFraction: number;
  label: string;
}

export interface VpcGrid { columns: Array<{ az: string; x: number }>; rows: Array<{ tier: SubnetTier; y: number; height: number }> }

export interface VpcNodeData extends Record<string, unknown> { vpc: Vpc; usage?: VpcUsage; badge?: Badge; grid: VpcGrid; subnetCount: number; igwNames: string[] }
export interface SubnetNodeData extends Record<string, unknown> { subnet: Subnet; usable?: string; badge?: Badge }
export interface NatNodeData extends Record<string, unknown> { nat: NatGateway; capacity?: NatGauge; badge?: Badge }
export interface NatGauge { utilisation: number; label: string; detail: string }
export interface TgwNodeData extends Record<string, unknown> { tgw: TransitGateway; badge?: Badge }
export interface ServiceNetworkNodeData extends Record<string, unknown> { network: ServiceNetwork; badge?: Badge }
export interface ExternalNodeData extends Record<string, unknown> { network: ExternalNetwork; badge?: Badge }

export type EdgeKind = 'peering' | 'attachment' | 'vpn' | 'tgw-peering' | 'association' | 'vpn-gateway';
export interface PlanEdgeData extends Record<string, unknown> {
  kind: EdgeKind; objectId: string; badge?: Badge; label: string;
  /** The orthogonal route of the last automatic layout, while it still fits (edge-routes.ts). */
  route?: { points: Point[]; label?: Point };
}

export interface EngineViews {
  findings: readonly Finding[];
  usableAddresses(subnet: Subnet): string | undefined;
  vpcUsage(vpc: Vpc, subnets: readonly Subnet[]): VpcUsage | undefined;
  natGauge(nat: NatGateway): NatGauge | undefined;
}

export interface Highlight { nodes: ReadonlySet<string>; edges: ReadonlySet<string> }

export interface DerivedCanvas { nodes: Node[]; edges: Edge[]; sizes: Map<string, { width: number; height: number }> }

const SIZES = {
  tgw: { width: 210, height: 86 },
  serviceNetwork: { width: 240, height: 86 },
  external: { width: 240, height: 90 },
};

/** Handles on all four sides; with ConnectionMode.Loose any handle connects to any. */
function handlesFor(width: number, height: number): NodeHandle[] {
  return [
    { id: 't', type: 'source', position: Position.Top, x: width / 2 - HANDLE / 2, y: -HANDLE / 2, width: HANDLE, height: HANDLE },
    { id: 'r', type: 'source', position: Position.Right, x: width - HANDLE / 2, y: height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
    { id: 'b', type: 'source', position: Position.Bottom, x: width / 2 - HANDLE / 2, y: height - HANDLE / 2, width: HANDLE, height: HANDLE },
    { id: 'l', type: 'source', position: Position.Left, x: -HANDLE / 2, y: height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
  ];
}

/** Badges by object id: the worst severity and every message. */
export function badgesFrom(findings: readonly Finding[]): Map<string, Badge> {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const badges = new Map<string, Badge>();
  for (const finding of findings) {
    for (const id of finding.subjects) {
      const badge = badges.get(id);
      if (!badge) badges.set(id, { severity: finding.severity, count: 1, messages: [finding.message] });
      else {
        badge.count++;
        if (badge.messages.length < 5) badge.messages.push(finding.message);
        if (rank[finding.severity] < rank[badge.severity]) badge.severity = finding.severity;
      }
    }
  }
  return badges;
}

function sameBadge(a: Badge | undefined, b: Badge | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.severity === b.severity && a.count === b.count && a.messages.join('\n') === b.messages.join('\n');
}

/** Per-VPC layout: columns by AZ, rows by tier, NAT gateways in a row at the bottom. */
export function layOutVpc(subnets: readonly Subnet[], nats: readonly NatGateway[]) {
  const azs = [...new Set(subnets.map((s) => s.availabilityZone))].sort();
  if (azs.length === 0) azs.push('');
  const tiers = TIERS.filter((tier) => subnets.some((s) => s.tier === tier));
  const cells = new Map<string, Subnet[]>();
  for (const subnet of subnets) {
    const key = `${subnet.tier}|${subnet.availabilityZone}`;
    const cell = cells.get(key);
    if (cell) cell.push(subnet);
    else cells.set(key, [subnet]);
  }
  const columns = azs.map((az, i) => ({ az, x: PAD + TIER_LABEL + i * (SUBNET_WIDTH + GAP) }));
  const positions = new Map<string, { x: number; y: number }>();
  const rows: VpcGrid['rows'] = [];
  let y = HEADER + AZ_LABEL;
  for (const tier of tiers) {
    let deepest = 1;
    for (const column of columns) {
      const cell = cells.get(`${tier}|${column.az}`) ?? [];
      cell.forEach((subnet, i) => positions.set(subnet.id, { x: column.x, y: y + i * (SUBNET_HEIGHT + GAP) }));
      deepest = Math.max(deepest, cell.length);
    }
    const height = deepest * (SUBNET_HEIGHT + GAP) - GAP;
    rows.push({ tier, y, height });
    y += height + GAP * 2;
  }
  if (tiers.length === 0) y += EMPTY_HEIGHT;
  const subnetAz = new Map(subnets.map((s) => [s.id, s.availabilityZone]));
  const natRowY = y;
  let natDepth = 0;
  const natsPerColumn = new Map<string, number>();
  for (const nat of nats) {
    const az = subnetAz.get(nat.subnetId) ?? '';
    const column = columns.find((c) => c.az === az) ?? columns[0];
    if (!column) continue;
    const index = natsPerColumn.get(column.az) ?? 0;
    natsPerColumn.set(column.az, index + 1);
    positions.set(nat.id, { x: column.x, y: natRowY + index * (NAT_HEIGHT + GAP) });
    natDepth = Math.max(natDepth, index + 1);
  }
  if (natDepth > 0) y += natDepth * (NAT_HEIGHT + GAP);
  const width = PAD + TIER_LABEL + columns.length * (SUBNET_WIDTH + GAP) - GAP + PAD;
  return { width: Math.max(width, 360), height: y + PAD - GAP, positions, grid: { columns, rows } };
}

type Cached<T> = { inputs: unknown[]; value: T };

/**
 * A memo keyed by id: returns the previous node while every input is identical, so node
 * objects keep their identity across edits that do not touch them.
 */
class NodeCache<T> {
  private entries = new Map<string, Cached<T>>();
  private seen = new Set<string>();
  get(id: string, inputs: unknown[], make: () => T, equal: (a: unknown, b: unknown) => boolean = Object.is): T {
    this.seen.add(id);
    const entry = this.entries.get(id);
    if (entry && entry.inputs.length === inputs.length && entry.inputs.every((v, i) => equal(v, inputs[i]))) return entry.value;
    const value = make();
    this.entries.set(id, { inputs, value });
    return value;
  }
  sweep() {
    for (const id of this.entries.keys()) if (!this.seen.has(id)) this.entries.delete(id);
    this.seen.clear();
  }
}

function looseEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  if (isBadge(a) || isBadge(b)) return sameBadge(a as Badge | undefined, b as Badge | undefined);
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function isBadge(value: unknown): value is Badge {
  return typeof value === 'object' && value !== null && 'severity' in value && 'messages' in value;
}

/** Where a top-level node goes when the plan has no layout entry for it: a row under the rest. */
function fallbackPositions(plan: Plan, ids: string[]): Map<string, { x: number; y: number }> {
  let maxY = 0;
  for (const id of ids) {
    const at = plan.layout.nodes[id];
    if (at) maxY = Math.max(maxY, at.y + (at.height ?? 400));
  }
  const out = new Map<string, { x: number; y: number }>();
  let x = 0;
  for (const id of ids) {
    if (plan.layout.nodes[id]) continue;
    out.set(id, { x, y: maxY + 120 });
    x += 760;
  }
  return out;
}

/** Which side of `a` faces `b`, for an edge that leaves and enters nodes on their facing sides. */
function facing(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): ['t' | 'r' | 'b' | 'l', 't' | 'r' | 'b' | 'l'] {
  const dx = b.x + b.width / 2 - (a.x + a.width / 2);
  const dy = b.y + b.height / 2 - (a.y + a.height / 2);
  // Compare against the boxes' shapes so wide VPCs prefer top/bottom when stacked.
  const horizontalGap = Math.abs(dx) - (a.width + b.width) / 2;
  const verticalGap = Math.abs(dy) - (a.height + b.height) / 2;
  if (horizontalGap > verticalGap) return dx > 0 ? ['r', 'l'] : ['l', 'r'];
  return dy > 0 ? ['b', 't'] : ['t', 'b'];
}

export function createCanvasDeriver() {
  const vpcLayouts = new NodeCache<ReturnType<typeof layOutVpc>>();
  const nodes = new NodeCache<Node>();
  const edges = new NodeCache<Edge>();

  return function derive(plan: Plan, engine: EngineViews, selection: ReadonlySet<string>, highlight: Highlight | undefined, routes?: EdgeRoutes): DerivedCanvas {
    const badges = badgesFrom(engine.findings);
    const subnetsByVpc = new Map<string, Subnet[]>();
    for (const subnet of plan.subnets) {
      const list = subnetsByVpc.get(subnet.vpcId);
      if (list) list.push(subnet);
      else subnetsByVpc.set(subnet.vpcId, [subnet]);
    }
    const subnetVpc = new Map(plan.subnets.map((s) => [s.id, s.vpcId]));
    const natsByVpc = new Map<string, NatGateway[]>();
    for (const nat of plan.natGateways) {
      const vpcId = subnetVpc.get(nat.subnetId);
      if (vpcId === undefined) continue;
      const list = natsByVpc.get(vpcId);
      if (list) list.push(nat);
      else natsByVpc.set(vpcId, [nat]);
    }
    const igwsByVpc = new Map<string, InternetGateway[]>();
    for (const igw of plan.internetGateways) {
      const list = igwsByVpc.get(igw.vpcId);
      if (list) list.push(igw);
      else igwsByVpc.set(igw.vpcId, [igw]);
    }
    const topIds = [...plan.vpcs.map((v) => v.id), ...plan.transitGateways.map((t) => t.id), ...plan.serviceNetworks.map((n) => n.id), ...plan.externalNetworks.map((n) => n.id)];
    const fallback = fallbackPositions(plan, topIds);
    const positionOf = (id: string) => {
      const at = plan.layout.nodes[id];
      return at ? { x: at.x, y: at.y } : (fallback.get(id) ?? { x: 0, y: 0 });
    };
    const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
    const sizes = new Map<string, { width: number; height: number }>();
    const out: Node[] = [];
    const cls = (id: string, base: string) => {
      const on = highlight?.nodes.has(id);
      const dim = highlight && !on;
      return `${base}${on ? ' on-path' : ''}${dim ? ' off-path' : ''}`;
    };

    for (const vpc of plan.vpcs) {
      const subnets = subnetsByVpc.get(vpc.id) ?? [];
      const nats = natsByVpc.get(vpc.id) ?? [];
      const igws = igwsByVpc.get(vpc.id) ?? [];
      const geometry = vpcLayouts.get(vpc.id, [subnets, nats], () => layOutVpc(subnets, nats), looseEqual);
      const position = positionOf(vpc.id);
      boxes.set(vpc.id, { ...position, width: geometry.width, height: geometry.height });
      sizes.set(vpc.id, { width: geometry.width, height: geometry.height });
      const usage = engine.vpcUsage(vpc, subnets);
      const badge = badges.get(vpc.id);
      const selected = selection.has(vpc.id);
      const className = cls(vpc.id, 'node-vpc');
      out.push(nodes.get(vpc.id, [vpc, geometry, usage, badge, selected, position.x, position.y, className, igws], () => ({
        id: vpc.id, type: 'vpc', position, selected, className,
        width: geometry.width, height: geometry.height,
        measured: { width: geometry.width, height: geometry.height },
        handles: handlesFor(geometry.width, geometry.height),
        data: { vpc, usage, badge, grid: geometry.grid, subnetCount: subnets.length, igwNames: igws.map((g) => g.name || g.id) } satisfies VpcNodeData,
        ariaLabel: `VPC ${vpc.name}`,
      }), looseEqual));
      for (const subnet of subnets) {
        const at = geometry.positions.get(subnet.id) ?? { x: PAD, y: HEADER };
        const usable = engine.usableAddresses(subnet);
        const subnetBadge = badges.get(subnet.id);
        const subnetSelected = selection.has(subnet.id);
        const subnetClass = cls(subnet.id, `node-subnet tier-${subnet.tier}`);
        out.push(nodes.get(subnet.id, [subnet, at.x, at.y, usable, subnetBadge, subnetSelected, subnetClass], () => ({
          id: subnet.id, type: 'subnet', parentId: vpc.id, extent: 'parent', draggable: false, position: at, selected: subnetSelected,
          className: subnetClass, width: SUBNET_WIDTH, height: SUBNET_HEIGHT, measured: { width: SUBNET_WIDTH, height: SUBNET_HEIGHT },
          handles: [],
          data: { subnet, usable, badge: subnetBadge } satisfies SubnetNodeData,
          ariaLabel: `Subnet ${subnet.name}`,
        }), looseEqual));
      }
      for (const nat of nats) {
        const at = geometry.positions.get(nat.id) ?? { x: PAD, y: HEADER };
        const capacity = engine.natGauge(nat);
        const natBadge = badges.get(nat.id);
        const natSelected = selection.has(nat.id);
        const natClass = cls(nat.id, 'node-nat');
        out.push(nodes.get(nat.id, [nat, at.x, at.y, capacity, natBadge, natSelected, natClass], () => ({
          id: nat.id, type: 'nat', parentId: vpc.id, extent: 'parent', draggable: false, position: at, selected: natSelected,
          className: natClass, width: SUBNET_WIDTH, height: NAT_HEIGHT, measured: { width: SUBNET_WIDTH, height: NAT_HEIGHT }, handles: [],
          data: { nat, capacity, badge: natBadge } satisfies NatNodeData,
          ariaLabel: `NAT gateway ${nat.name}`,
        }), looseEqual));
      }
    }

    const simple = <D extends Record<string, unknown>>(id: string, type: string, size: { width: number; height: number }, data: D, inputs: unknown[], label: string) => {
      const position = positionOf(id);
      boxes.set(id, { ...position, ...size });
      sizes.set(id, size);
      const selected = selection.has(id);
      const className = cls(id, `node-${type}`);
      out.push(nodes.get(id, [...inputs, selected, position.x, position.y, className], () => ({
        id, type, position, selected, className, width: size.width, height: size.height, measured: { ...size },
        handles: handlesFor(size.width, size.height), data, ariaLabel: label,
      }), looseEqual));
    };
    for (const tgw of plan.transitGateways) {
      const badge = badges.get(tgw.id);
      simple(tgw.id, 'tgw', SIZES.tgw, { tgw, badge } satisfies TgwNodeData, [tgw, badge], `Transit gateway ${tgw.name}`);
    }
    for (const network of plan.serviceNetworks) {
      const badge = badges.get(network.id);
      simple(network.id, 'serviceNetwork', SIZES.serviceNetwork, { network, badge } satisfies ServiceNetworkNodeData, [network, badge], `Service network ${network.name}`);
    }
    for (const network of plan.externalNetworks) {
      const badge = badges.get(network.id);
      simple(network.id, 'external', SIZES.external, { network, badge } satisfies ExternalNodeData, [network, badge], `External network ${network.name}`);
    }

    const edgeList: Edge[] = [];
    /** Every top-level box but an edge's two ends: what its route must stay out of. */
    const otherBoxes = function* (source: string, target: string) {
      for (const [id, box] of boxes) if (id !== source && id !== target) yield box;
    };
    const addEdge = (id: string, objectId: string, kind: EdgeKind, source: string, target: string, label: string) => {
      const a = boxes.get(source);
      const b = boxes.get(target);
      if (!a || !b) return;
      const [sourceHandle, targetHandle] = facing(a, b);
      const badge = badges.get(objectId);
      const selected = selection.has(objectId);
      const on = highlight?.edges.has(objectId) || (highlight?.nodes.has(source) && highlight.nodes.has(target) && highlight.edges.size === 0);
      const className = `edge-${kind}${on ? ' on-path' : ''}${highlight && !on ? ' off-path' : ''}${badge ? ` has-${badge.severity}` : ''}`;
      const route = routes?.size ? currentRoute(routes.get(id), a, b, otherBoxes(source, target)) : undefined;
      edgeList.push(edges.get(id, [source, target, sourceHandle, targetHandle, badge, selected, className, label, route], () => ({
        id, source, target, sourceHandle, targetHandle, type: 'plan', selected, className,
        data: { kind, objectId, badge, label, ...(route ? { route: { points: route.points, ...(route.label ? { label: route.label } : {}) } } : {}) } satisfies PlanEdgeData,
        ariaLabel: label,
      }), looseEqual));
    };
    for (const peering of plan.peerings) {
      addEdge(peering.id, peering.id, 'peering', peering.requesterVpcId, peering.accepterVpcId, peering.status === 'pending' ? 'peering (pending)' : 'peering');
    }
    for (const tgw of plan.transitGateways) {
      for (const attachment of tgw.attachments) {
        if (attachment.type === 'vpc' && attachment.vpcId) addEdge(attachment.id, attachment.id, 'attachment', attachment.vpcId, tgw.id, 'attachment');
        else if ((attachment.type === 'vpn' || attachment.type === 'direct-connect') && attachment.externalNetworkId) {
          addEdge(attachment.id, attachment.id, 'vpn', attachment.externalNetworkId, tgw.id, attachment.type === 'vpn' ? 'site-to-site VPN' : 'Direct Connect');
        } else if (attachment.type === 'peering' && attachment.peerTransitGatewayId) {
          addEdge(attachment.id, attachment.id, 'tgw-peering', tgw.id, attachment.peerTransitGatewayId, 'TGW peering');
        }
      }
    }
    for (const network of plan.serviceNetworks) {
      for (const vpcId of network.vpcIds) {
        const id = associationId(network.id, vpcId);
        addEdge(id, id, 'association', vpcId, network.id, 'association');
      }
    }
    for (const gateway of plan.vpnGateways) {
      for (const externalId of gateway.externalNetworkIds) addEdge(`${gateway.id}>${externalId}`, gateway.id, 'vpn-gateway', gateway.vpcId, externalId, 'VPN (virtual private gateway)');
    }
    nodes.sweep();
    edges.sweep();
    vpcLayouts.sweep();
    return { nodes: out, edges: edgeList, sizes };
  };
}

export interface Box { x: number; y: number; width: number; height: number }

/**
 * The spot nearest `desired` (top-left) where a box of `size` overlaps none of the canvas's
 * top-level nodes, keeping a margin: new objects never land on top of old ones.
 */
export function freeSpot(nodes: readonly Node[], desired: { x: number; y: number }, size: { width: number; height: number }, margin = 40): { x: number; y: number } {
  const boxes: Box[] = [];
  for (const node of nodes) if (!node.parentId) boxes.push({ x: node.position.x, y: node.position.y, width: node.width ?? 0, height: node.height ?? 0 });
  const clear = (x: number, y: number) => boxes.every((b) => x + size.width + margin <= b.x || b.x + b.width + margin <= x || y + size.height + margin <= b.y || b.y + b.height + margin <= y);
  const step = 80;
  for (let ring = 0; ring < 60; ring++) {
    const candidates: Array<{ x: number; y: number }> = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: desired.x + i * step, y: desired.y - ring * step }, { x: desired.x + i * step, y: desired.y + ring * step });
      candidates.push({ x: desired.x - ring * step, y: desired.y + i * step }, { x: desired.x + ring * step, y: desired.y + i * step });
    }
    candidates.sort((a, b) => Math.hypot(a.x - desired.x, a.y - desired.y) - Math.hypot(b.x - desired.x, b.y - desired.y));
    for (const c of candidates) if (clear(c.x, c.y)) return c;
  }
  let right = desired.x;
  for (const b of boxes) right = Math.max(right, b.x + b.width + margin);
  return { x: right, y: desired.y };
}
