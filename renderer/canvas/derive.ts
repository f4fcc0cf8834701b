/**
 * The canvas, derived from the plan: React Flow nodes and edges are computed from the plan
 * document, its layout and the engine's findings, never stored. Each node object is cached
 * against the plan objects it shows, so after an edit only the nodes whose objects changed
 * are new objects, and React Flow re-renders only those.
 *
 * Every size and position comes from shared/layout (the same geometry the exported
 * pictures use); this file only turns it into React Flow nodes, edges and handles.
 */
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { Finding, Severity } from '../../shared/checks/types';
import {
  diagramEdges,
  externalNetworkText,
  facingSides,
  hubLines,
  hubSize,
  layOutVpc,
  positionUnplaced,
  serviceNetworkText,
  transitGatewayText,
  vpcMembers,
  type Box,
  type DiagramFigures,
  type EdgeKind,
  type NatGauge,
  type NodeKind,
  type Size,
  type VpcGeometry,
  type VpcGrid,
  type VpcUsage,
} from '../../shared/layout';
import type { ExternalNetwork, NatGateway, Plan, ServiceNetwork, Subnet, TransitGateway, Vpc } from '../../shared/plan/schema';

export type { EdgeKind, NatGauge, VpcGrid, VpcUsage };
import { currentRoute, type EdgeRoutes, type Point } from './edge-routes';

const HANDLE = 10;

export interface Badge {
  severity: Severity;
  count: number;
  messages: string[];
}

export interface VpcNodeData extends Record<string, unknown> {
  vpc: Vpc;
  usage?: VpcUsage;
  badge?: Badge;
  grid: VpcGrid;
  subnetCount: number;
  igwNames: string[];
}
export interface SubnetNodeData extends Record<string, unknown> {
  subnet: Subnet;
  usable?: string;
  badge?: Badge;
}
export interface NatNodeData extends Record<string, unknown> {
  nat: NatGateway;
  capacity?: NatGauge;
  badge?: Badge;
}
export interface TgwNodeData extends Record<string, unknown> {
  tgw: TransitGateway;
  badge?: Badge;
}
export interface ServiceNetworkNodeData extends Record<string, unknown> {
  network: ServiceNetwork;
  badge?: Badge;
}
export interface ExternalNodeData extends Record<string, unknown> {
  network: ExternalNetwork;
  badge?: Badge;
}

export interface PlanEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  objectId: string;
  badge?: Badge;
  label: string;
  /** The orthogonal route of the last automatic layout, while it still fits (edge-routes.ts). */
  route?: { points: Point[]; label?: Point };
}

export interface EngineViews {
  findings: readonly Finding[];
  usableAddresses(subnet: Subnet): string | undefined;
  vpcUsage(vpc: Vpc, subnets: readonly Subnet[]): VpcUsage | undefined;
  natGauge(nat: NatGateway): NatGauge | undefined;
}

export interface Highlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** Extra CSS classes per node id, from a view over the canvas (the differences of Compare with…). */
export type NodeMarks = ReadonlyMap<string, string>;

export interface DerivedCanvas {
  nodes: Node[];
  edges: Edge[];
  sizes: Map<string, { width: number; height: number }>;
}

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

export function createCanvasDeriver() {
  const vpcLayouts = new NodeCache<VpcGeometry>();
  const nodes = new NodeCache<Node>();
  const edges = new NodeCache<Edge>();

  return function derive(
    plan: Plan,
    engine: EngineViews,
    selection: ReadonlySet<string>,
    highlight: Highlight | undefined,
    marks?: NodeMarks,
    routes?: EdgeRoutes,
  ): DerivedCanvas {
    const badges = badgesFrom(engine.findings);
    const members = vpcMembers(plan);
    const figures: DiagramFigures = { usable: engine.usableAddresses, vpcUsage: engine.vpcUsage, natGauge: engine.natGauge };

    // Every size first (shared/layout), so boxes without a saved position can be put below the rest.
    const vpcGeometry = new Map<string, VpcGeometry>();
    const sized: Array<{ id: string; kind: NodeKind; width: number; height: number }> = [];
    for (const vpc of plan.vpcs) {
      const subnets = members.subnets.get(vpc.id) ?? [];
      const nats = members.nats.get(vpc.id) ?? [];
      const hasIgw = (members.igws.get(vpc.id)?.length ?? 0) > 0;
      const geometry = vpcLayouts.get(vpc.id, [vpc, subnets, nats, hasIgw], () => layOutVpc(vpc, subnets, nats, hasIgw, figures), looseEqual);
      vpcGeometry.set(vpc.id, geometry);
      sized.push({ id: vpc.id, kind: 'vpc', width: geometry.width, height: geometry.height });
    }
    const hubSizes = new Map<string, Size>();
    for (const tgw of plan.transitGateways) hubSizes.set(tgw.id, hubSize('tgw', hubLines(transitGatewayText(tgw))));
    for (const network of plan.serviceNetworks) hubSizes.set(network.id, hubSize('serviceNetwork', hubLines(serviceNetworkText(network))));
    for (const network of plan.externalNetworks) hubSizes.set(network.id, hubSize('external', hubLines(externalNetworkText(network))));
    for (const tgw of plan.transitGateways) sized.push({ id: tgw.id, kind: 'tgw', ...hubSizes.get(tgw.id)! });
    for (const network of plan.serviceNetworks) sized.push({ id: network.id, kind: 'serviceNetwork', ...hubSizes.get(network.id)! });
    for (const network of plan.externalNetworks) sized.push({ id: network.id, kind: 'external', ...hubSizes.get(network.id)! });
    const fallback = positionUnplaced(plan.layout.nodes, sized);
    const positionOf = (id: string) => {
      const at = plan.layout.nodes[id];
      return at ? { x: at.x, y: at.y } : (fallback.get(id) ?? { x: 0, y: 0 });
    };

    const boxes = new Map<string, Box>();
    const sizes = new Map<string, { width: number; height: number }>();
    const out: Node[] = [];
    const cls = (id: string, base: string) => {
      const on = highlight?.nodes.has(id);
      const dim = highlight && !on;
      const mark = marks?.get(id);
      return `${base}${on ? ' on-path' : ''}${dim ? ' off-path' : ''}${mark ? ` ${mark}` : ''}`;
    };

    for (const vpc of plan.vpcs) {
      const subnets = members.subnets.get(vpc.id) ?? [];
      const nats = members.nats.get(vpc.id) ?? [];
      const igws = members.igws.get(vpc.id) ?? [];
      const geometry = vpcGeometry.get(vpc.id)!;
      const position = positionOf(vpc.id);
      boxes.set(vpc.id, { ...position, width: geometry.width, height: geometry.height });
      sizes.set(vpc.id, { width: geometry.width, height: geometry.height });
      const usage = engine.vpcUsage(vpc, subnets);
      const badge = badges.get(vpc.id);
      const selected = selection.has(vpc.id);
      const className = cls(vpc.id, 'node-vpc');
      out.push(
        nodes.get(
          vpc.id,
          [vpc, geometry, usage, badge, selected, position.x, position.y, className, igws],
          () => ({
            id: vpc.id,
            type: 'vpc',
            position,
            selected,
            className,
            width: geometry.width,
            height: geometry.height,
            measured: { width: geometry.width, height: geometry.height },
            handles: handlesFor(geometry.width, geometry.height),
            data: { vpc, usage, badge, grid: geometry.grid, subnetCount: subnets.length, igwNames: igws.map((g) => g.name || g.id) } satisfies VpcNodeData,
            ariaLabel: `VPC ${vpc.name}`,
          }),
          looseEqual,
        ),
      );
      for (const subnet of subnets) {
        const cell = geometry.cells.get(subnet.id)!;
        const at = { x: cell.x, y: cell.y };
        const usable = engine.usableAddresses(subnet);
        const subnetBadge = badges.get(subnet.id);
        const subnetSelected = selection.has(subnet.id);
        const subnetClass = cls(subnet.id, `node-subnet tier-${subnet.tier}`);
        out.push(
          nodes.get(
            subnet.id,
            [subnet, at.x, at.y, cell.width, usable, subnetBadge, subnetSelected, subnetClass],
            () => ({
              id: subnet.id,
              type: 'subnet',
              parentId: vpc.id,
              extent: 'parent',
              draggable: false,
              position: at,
              selected: subnetSelected,
              className: subnetClass,
              width: cell.width,
              height: cell.height,
              measured: { width: cell.width, height: cell.height },
              handles: [],
              data: { subnet, usable, badge: subnetBadge } satisfies SubnetNodeData,
              ariaLabel: `Subnet ${subnet.name}`,
            }),
            looseEqual,
          ),
        );
      }
      for (const nat of nats) {
        const cell = geometry.cells.get(nat.id)!;
        const at = { x: cell.x, y: cell.y };
        const capacity = engine.natGauge(nat);
        const natBadge = badges.get(nat.id);
        const natSelected = selection.has(nat.id);
        const natClass = cls(nat.id, 'node-nat');
        out.push(
          nodes.get(
            nat.id,
            [nat, at.x, at.y, cell.width, capacity, natBadge, natSelected, natClass],
            () => ({
              id: nat.id,
              type: 'nat',
              parentId: vpc.id,
              extent: 'parent',
              draggable: false,
              position: at,
              selected: natSelected,
              className: natClass,
              width: cell.width,
              height: cell.height,
              measured: { width: cell.width, height: cell.height },
              handles: [],
              data: { nat, capacity, badge: natBadge } satisfies NatNodeData,
              ariaLabel: `NAT gateway ${nat.name}`,
            }),
            looseEqual,
          ),
        );
      }
    }

    const simple = <D extends Record<string, unknown>>(id: string, type: string, data: D, inputs: unknown[], label: string) => {
      const size = hubSizes.get(id)!;
      const position = positionOf(id);
      boxes.set(id, { ...position, ...size });
      sizes.set(id, size);
      const selected = selection.has(id);
      const className = cls(id, `node-${type}`);
      out.push(
        nodes.get(
          id,
          [...inputs, selected, position.x, position.y, size.width, className],
          () => ({
            id,
            type,
            position,
            selected,
            className,
            width: size.width,
            height: size.height,
            measured: { ...size },
            handles: handlesFor(size.width, size.height),
            data,
            ariaLabel: label,
          }),
          looseEqual,
        ),
      );
    };
    for (const tgw of plan.transitGateways) {
      const badge = badges.get(tgw.id);
      simple(tgw.id, 'tgw', { tgw, badge } satisfies TgwNodeData, [tgw, badge], `Transit gateway ${tgw.name}`);
    }
    for (const network of plan.serviceNetworks) {
      const badge = badges.get(network.id);
      simple(network.id, 'serviceNetwork', { network, badge } satisfies ServiceNetworkNodeData, [network, badge], `Service network ${network.name}`);
    }
    for (const network of plan.externalNetworks) {
      const badge = badges.get(network.id);
      simple(network.id, 'external', { network, badge } satisfies ExternalNodeData, [network, badge], `External network ${network.name}`);
    }

    const edgeList: Edge[] = [];
    /** Every top-level box but an edge's two ends: what its route must stay out of. */
    const otherBoxes = function* (source: string, target: string) {
      for (const [id, box] of boxes) if (id !== source && id !== target) yield box;
    };
    for (const { id, objectId, kind, source, target, label } of diagramEdges(plan)) {
      const a = boxes.get(source);
      const b = boxes.get(target);
      if (!a || !b) continue;
      const [sourceHandle, targetHandle] = facingSides(a, b);
      const badge = badges.get(objectId);
      const selected = selection.has(objectId);
      const on = highlight?.edges.has(objectId) || (highlight?.nodes.has(source) && highlight.nodes.has(target) && highlight.edges.size === 0);
      const className = `edge-${kind}${on ? ' on-path' : ''}${highlight && !on ? ' off-path' : ''}${badge ? ` has-${badge.severity}` : ''}`;
      const route = routes?.size ? currentRoute(routes.get(id), a, b, otherBoxes(source, target)) : undefined;
      edgeList.push(
        edges.get(
          id,
          [source, target, sourceHandle, targetHandle, badge, selected, className, label, route],
          () => ({
            id,
            source,
            target,
            sourceHandle,
            targetHandle,
            type: 'plan',
            selected,
            className,
            data: {
              kind,
              objectId,
              badge,
              label,
              ...(route ? { route: { points: route.points, ...(route.label ? { label: route.label } : {}) } } : {}),
            } satisfies PlanEdgeData,
            ariaLabel: label,
          }),
          looseEqual,
        ),
      );
    }
    nodes.sweep();
    edges.sweep();
    vpcLayouts.sweep();
    return { nodes: out, edges: edgeList, sizes };
  };
}
