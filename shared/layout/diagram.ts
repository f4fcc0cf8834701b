/**
 * The whole plan as boxes and connections: every VPC (with its subnet and NAT cells),
 * transit gateway, service network and external network at its place, and the edges
 * between them. The canvas draws this with React Flow, the SVG export as shapes and text;
 * both get every coordinate from here, so the two are the same picture.
 */
import { associationId } from '../plan/objects';
import { planIndexOf, type PlanIndex } from '../plan/plan-index';
import { emptyPlan, type InternetGateway, type NatGateway, type Plan, type Subnet, type Vpc } from '../plan/schema';
import { hubSize, vpcGeometry, type Box, type NodeKind, type Point, type Size, type VpcGeometry } from './geometry';
import {
  externalNetworkText,
  hubLines,
  natGauge,
  natLines,
  natText,
  serviceNetworkText,
  subnetLines,
  subnetText,
  subnetUsable,
  transitGatewayText,
  vpcHeader,
  vpcHeaderLines,
  vpcUsage,
  type NatGauge,
  type VpcUsage,
} from './labels';
import { positionUnplaced } from './unplaced';

export interface DiagramNode extends Box {
  id: string;
  kind: NodeKind;
  /** A VPC's inside: its grid and cells. */
  vpc?: VpcGeometry;
}

export type EdgeKind = 'peering' | 'attachment' | 'vpn' | 'tgw-peering' | 'association' | 'vpn-gateway';

export interface DiagramEdge {
  /** Unique among the edges; the editor selects an edge by it. */
  id: string;
  /** The plan object the edge stands for (a VPN gateway has one edge per network it reaches). */
  objectId: string;
  kind: EdgeKind;
  source: string;
  target: string;
  label: string;
}

/** The engine's numbers a box shows; the canvas passes its cached ones, exports compute them. */
export interface DiagramFigures {
  usable(subnet: Subnet): string | undefined;
  vpcUsage(vpc: Vpc, subnets: readonly Subnet[]): VpcUsage | undefined;
  natGauge(nat: NatGateway): NatGauge | undefined;
}

/** The engine's figures for the boxes of `plan`, its blocks read from the plan's index (built on first use). */
export function engineFigures(plan: Plan): DiagramFigures {
  let index: PlanIndex | undefined;
  return { usable: subnetUsable, vpcUsage: (vpc, subnets) => vpcUsage((index ??= planIndexOf(plan)), vpc, subnets), natGauge };
}

/** The engine's figures for one VPC on its own (a VPC not yet in a plan, such as the sizing assistant's proposal). */
function vpcFigures(vpc: Vpc, subnets: readonly Subnet[]): DiagramFigures {
  return engineFigures({ ...emptyPlan(), vpcs: [vpc], subnets: [...subnets] });
}

/** Every connection the diagram draws, in a fixed order. */
export function diagramEdges(plan: Plan): DiagramEdge[] {
  const out: DiagramEdge[] = [];
  for (const peering of plan.peerings) {
    out.push({
      id: peering.id,
      objectId: peering.id,
      kind: 'peering',
      source: peering.requesterVpcId,
      target: peering.accepterVpcId,
      label: peering.status === 'pending' ? 'peering (pending)' : 'peering',
    });
  }
  for (const tgw of plan.transitGateways) {
    for (const attachment of tgw.attachments) {
      const base = { id: attachment.id, objectId: attachment.id };
      if (attachment.type === 'vpc' && attachment.vpcId)
        out.push({ ...base, kind: 'attachment', source: attachment.vpcId, target: tgw.id, label: 'attachment' });
      else if ((attachment.type === 'vpn' || attachment.type === 'direct-connect') && attachment.externalNetworkId) {
        out.push({
          ...base,
          kind: 'vpn',
          source: attachment.externalNetworkId,
          target: tgw.id,
          label: attachment.type === 'vpn' ? 'site-to-site VPN' : 'Direct Connect',
        });
      } else if (attachment.type === 'peering' && attachment.peerTransitGatewayId) {
        out.push({ ...base, kind: 'tgw-peering', source: tgw.id, target: attachment.peerTransitGatewayId, label: 'TGW peering' });
      }
    }
  }
  for (const network of plan.serviceNetworks) {
    for (const vpcId of network.vpcIds) {
      const id = associationId(network.id, vpcId);
      out.push({ id, objectId: id, kind: 'association', source: vpcId, target: network.id, label: 'association' });
    }
  }
  for (const gateway of plan.vpnGateways) {
    for (const externalId of gateway.externalNetworkIds) {
      out.push({
        id: `${gateway.id}>${externalId}`,
        objectId: gateway.id,
        kind: 'vpn-gateway',
        source: gateway.vpcId,
        target: externalId,
        label: 'VPN (virtual private gateway)',
      });
    }
  }
  return out;
}

/** A plan's subnets, NAT gateways and internet gateways, grouped by VPC. */
export interface VpcMembers {
  subnets: Map<string, Subnet[]>;
  nats: Map<string, NatGateway[]>;
  igws: Map<string, InternetGateway[]>;
}

export function vpcMembers(plan: Plan): VpcMembers {
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const subnets = new Map<string, Subnet[]>();
  for (const subnet of plan.subnets) push(subnets, subnet.vpcId, subnet);
  const subnetVpc = new Map(plan.subnets.map((s) => [s.id, s.vpcId]));
  const nats = new Map<string, NatGateway[]>();
  for (const nat of plan.natGateways) {
    const vpcId = subnetVpc.get(nat.subnetId);
    if (vpcId !== undefined) push(nats, vpcId, nat);
  }
  const igws = new Map<string, InternetGateway[]>();
  for (const igw of plan.internetGateways) push(igws, igw.vpcId, igw);
  return { subnets, nats, igws };
}

/** A VPC's box and grid, sized to its words. */
export function layOutVpc(
  vpc: Vpc,
  subnets: readonly Subnet[],
  nats: readonly NatGateway[],
  hasIgw: boolean,
  figures: DiagramFigures = vpcFigures(vpc, subnets),
): VpcGeometry {
  const lines = new Map<string, ReturnType<typeof subnetLines>>();
  for (const subnet of subnets) lines.set(subnet.id, subnetLines(subnetText(subnet, figures.usable(subnet))));
  for (const nat of nats) lines.set(nat.id, natLines(natText(nat, figures.natGauge(nat))));
  return vpcGeometry({
    subnets,
    nats,
    header: vpcHeaderLines(vpcHeader(vpc, subnets.length, figures.vpcUsage(vpc, subnets)), hasIgw),
    cellLines: (id) => lines.get(id) ?? [],
  });
}

/** The size of each top-level box, in plan order (VPCs, transit gateways, service networks, external networks). */
export function topLevelSizes(
  plan: Plan,
  figures: DiagramFigures = engineFigures(plan),
  members = vpcMembers(plan),
): Array<{ id: string; kind: NodeKind; size: Size; vpc?: VpcGeometry }> {
  const out: Array<{ id: string; kind: NodeKind; size: Size; vpc?: VpcGeometry }> = [];
  for (const vpc of plan.vpcs) {
    const geometry = layOutVpc(vpc, members.subnets.get(vpc.id) ?? [], members.nats.get(vpc.id) ?? [], (members.igws.get(vpc.id)?.length ?? 0) > 0, figures);
    out.push({ id: vpc.id, kind: 'vpc', size: { width: geometry.width, height: geometry.height }, vpc: geometry });
  }
  for (const tgw of plan.transitGateways) out.push({ id: tgw.id, kind: 'tgw', size: hubSize('tgw', hubLines(transitGatewayText(tgw))) });
  for (const network of plan.serviceNetworks)
    out.push({ id: network.id, kind: 'serviceNetwork', size: hubSize('serviceNetwork', hubLines(serviceNetworkText(network))) });
  for (const network of plan.externalNetworks)
    out.push({ id: network.id, kind: 'external', size: hubSize('external', hubLines(externalNetworkText(network))) });
  return out;
}

export interface Diagram {
  /** Top-level boxes, in plan order, at their canvas positions. */
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  byId: Map<string, DiagramNode>;
}

/** The plan's diagram: boxes where the layout puts them, and the unplaced ones below (unplaced.ts). */
export function planDiagram(plan: Plan, figures: DiagramFigures = engineFigures(plan)): Diagram {
  const sized = topLevelSizes(plan, figures);
  const fallback = positionUnplaced(
    plan.layout.nodes,
    sized.map((s) => ({ id: s.id, kind: s.kind, ...s.size })),
  );
  const nodes: DiagramNode[] = sized.map((s) => {
    const at: Point = plan.layout.nodes[s.id] ?? fallback.get(s.id) ?? { x: 0, y: 0 };
    return { id: s.id, kind: s.kind, x: at.x, y: at.y, ...s.size, ...(s.vpc ? { vpc: s.vpc } : {}) };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = diagramEdges(plan).filter((e) => byId.has(e.source) && byId.has(e.target));
  return { nodes, edges, byId };
}

/** Which boxes and connections a picture of part of the plan holds. */
export interface DiagramScope {
  nodes: Set<string>;
  edges: Set<string>;
}

/**
 * The part of the diagram a selection stands for: each selected box; the VPC of a selected
 * subnet, NAT gateway, internet gateway or route table (a VPC is drawn whole); both ends of a
 * selected connection; and every connection between what is kept. No selection: everything.
 */
export function diagramScope(plan: Plan, diagram: Diagram, selection?: readonly string[]): DiagramScope {
  if (!selection) return { nodes: new Set(diagram.nodes.map((n) => n.id)), edges: new Set(diagram.edges.map((e) => e.id)) };
  const chosen = new Set(selection);
  const vpcOf = new Map<string, string>();
  for (const subnet of plan.subnets) vpcOf.set(subnet.id, subnet.vpcId);
  for (const nat of plan.natGateways) {
    const vpcId = vpcOf.get(nat.subnetId);
    if (vpcId !== undefined) vpcOf.set(nat.id, vpcId);
  }
  for (const item of [...plan.internetGateways, ...plan.egressOnlyGateways, ...plan.routeTables]) vpcOf.set(item.id, item.vpcId);
  const nodes = new Set<string>();
  for (const id of chosen) {
    const owner = diagram.byId.has(id) ? id : vpcOf.get(id);
    if (owner !== undefined && diagram.byId.has(owner)) nodes.add(owner);
  }
  const edges = new Set<string>();
  for (const edge of diagram.edges) {
    if (!chosen.has(edge.id) && !chosen.has(edge.objectId)) continue;
    edges.add(edge.id);
    nodes.add(edge.source);
    nodes.add(edge.target);
  }
  for (const edge of diagram.edges) if (nodes.has(edge.source) && nodes.has(edge.target)) edges.add(edge.id);
  return { nodes, edges };
}

export type Side = 't' | 'r' | 'b' | 'l';

/** Which side of `a` faces `b`, and of `b` faces `a`: an edge leaves and enters its nodes on their facing sides. */
export function facingSides(a: Box, b: Box): [Side, Side] {
  const dx = b.x + b.width / 2 - (a.x + a.width / 2);
  const dy = b.y + b.height / 2 - (a.y + a.height / 2);
  // Compare against the boxes' shapes so wide VPCs prefer top/bottom when stacked.
  const horizontalGap = Math.abs(dx) - (a.width + b.width) / 2;
  const verticalGap = Math.abs(dy) - (a.height + b.height) / 2;
  if (horizontalGap > verticalGap) return dx > 0 ? ['r', 'l'] : ['l', 'r'];
  return dy > 0 ? ['b', 't'] : ['t', 'b'];
}

export function sideMiddle(box: Box, side: Side): Point {
  switch (side) {
    case 't':
      return { x: box.x + box.width / 2, y: box.y };
    case 'r':
      return { x: box.x + box.width, y: box.y + box.height / 2 };
    case 'b':
      return { x: box.x + box.width / 2, y: box.y + box.height };
    case 'l':
      return { x: box.x, y: box.y + box.height / 2 };
  }
}

export interface EdgeCurve {
  from: Point;
  to: Point;
  control1: Point;
  control2: Point;
  middle: Point;
}

/**
 * The curve an edge is drawn as: from the middle of one box's facing side to the other's,
 * a cubic Bézier whose handles leave each side at right angles (React Flow's getBezierPath,
 * curvature 0.25, so the export looks like the canvas).
 */
export function edgeCurve(a: Box, b: Box): EdgeCurve {
  const [sideA, sideB] = facingSides(a, b);
  return curveBetween(sideMiddle(a, sideA), sideA, sideMiddle(b, sideB), sideB);
}

/** The same curve between two points leaving the given sides (as the canvas has them: its handles' positions). */
export function curveBetween(from: Point, sideA: Side, to: Point, sideB: Side): EdgeCurve {
  const offset = (distance: number) => (distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance));
  const control = (side: Side, p: Point, q: Point): Point => {
    switch (side) {
      case 'l':
        return { x: p.x - offset(p.x - q.x), y: p.y };
      case 'r':
        return { x: p.x + offset(q.x - p.x), y: p.y };
      case 't':
        return { x: p.x, y: p.y - offset(p.y - q.y) };
      case 'b':
        return { x: p.x, y: p.y + offset(q.y - p.y) };
    }
  };
  const control1 = control(sideA, from, to);
  const control2 = control(sideB, to, from);
  const middle = {
    x: from.x * 0.125 + control1.x * 0.375 + control2.x * 0.375 + to.x * 0.125,
    y: from.y * 0.125 + control1.y * 0.375 + control2.y * 0.375 + to.y * 0.125,
  };
  return { from, to, control1, control2, middle };
}

/** The point at `t` (0 at the start, 1 at the end) along a curve. */
export function pointOnCurve(curve: EdgeCurve, t: number): Point {
  const { from, control1: c1, control2: c2, to } = curve;
  const u = 1 - t;
  return {
    x: u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
    y: u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y,
  };
}

/** The drawn curve of an edge as a polyline of `samples` segments, for geometry tests against it (placement, crossings). */
export function edgePolyline(a: Box, b: Box, samples = 24): Point[] {
  const curve = edgeCurve(a, b);
  const points: Point[] = [];
  for (let i = 0; i <= samples; i++) points.push(pointOnCurve(curve, i / samples));
  return points;
}
