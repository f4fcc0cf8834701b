/**
 * Where a subnet's routes go, as lines the canvas can draw: for each target its routes use
 * (an internet gateway, a NAT gateway, a transit gateway, a peering, a virtual private
 * gateway), the destinations sent there and the objects on the diagram the line ends at.
 * The routes are the ones the subnet really follows (its own table, else the VPC's main
 * table, else the derived routes when the plan asks for them: route-table.ts), so the lines
 * show what the engine will check, not only what is written.
 *
 * Only the first hop: what a transit gateway does next is its own route table's business,
 * which the reachability panel follows.
 */
import type { Plan, RouteTarget } from '../plan/schema';
import { planIndexOf } from '../plan/plan-index';
import { effectiveRouteTable, type RouteTableSource } from './route-table';

/** What a line ends at on the diagram. An internet gateway is drawn on its VPC's border, so its end is the VPC. */
export type RouteLineEndKind = 'internet' | 'nat' | 'transit-gateway' | 'peer-vpc' | 'external';

export interface RouteLineEnd {
  /** The diagram object: the NAT gateway, transit gateway, peer VPC or external network; the subnet's VPC for an internet gateway. */
  id: string;
  kind: RouteLineEndKind;
}

export interface RouteLine {
  subnetId: string;
  target: Exclude<RouteTarget, 'local'>;
  /** The gateway, NAT gateway, peering or transit gateway the routes name. */
  targetId?: string;
  /** Every destination routed there, in table order. */
  destinations: string[];
  /** The ends; none when the target is not in the plan (the line is then drawn as broken). */
  ends: RouteLineEnd[];
  /** Where the routes come from: the subnet's table, the main table, or derived. */
  source: RouteTableSource;
  routeTableId?: string;
}

/**
 * The subnets a selection asks about: a selected subnet, and every subnet that follows a
 * selected route table (associated with it, or with none of its own when it is the main table).
 */
export function routeLineSubnets(plan: Plan, selection: readonly string[]): string[] {
  const chosen = new Set(selection);
  const out: string[] = [];
  const tables = plan.routeTables.filter((t) => chosen.has(t.id));
  for (const subnet of plan.subnets) {
    if (chosen.has(subnet.id)) {
      out.push(subnet.id);
      continue;
    }
    const follows = tables.some((t) => t.vpcId === subnet.vpcId && (subnet.routeTableId === t.id || (t.main && subnet.routeTableId === undefined)));
    if (follows) out.push(subnet.id);
  }
  return out;
}

/** The route lines of one subnet, a line per target, in the order the targets first appear. */
export function subnetRouteLines(plan: Plan, subnetId: string): RouteLine[] {
  const table = effectiveRouteTable(planIndexOf(plan), subnetId);
  if (!table) return [];
  const lines = new Map<string, RouteLine>();
  for (const route of table.routes) {
    if (route.target === 'local') continue;
    const key = `${route.target}|${route.targetId ?? ''}`;
    let line = lines.get(key);
    if (!line) {
      line = { subnetId, target: route.target, destinations: [], ends: endsOf(plan, table.vpcId, route.target, route.targetId), source: table.source };
      if (route.targetId !== undefined) line.targetId = route.targetId;
      if (table.routeTableId !== undefined) line.routeTableId = table.routeTableId;
      lines.set(key, line);
    }
    line.destinations.push(route.destination);
  }
  return [...lines.values()];
}

/** The route lines of every subnet the selection asks about. */
export function routeLines(plan: Plan, selection: readonly string[]): RouteLine[] {
  return routeLineSubnets(plan, selection).flatMap((id) => subnetRouteLines(plan, id));
}

function endsOf(plan: Plan, vpcId: string, target: Exclude<RouteTarget, 'local'>, targetId: string | undefined): RouteLineEnd[] {
  // A route table uses only its own VPC's gateways and peerings (AWS; routing/missing-target
  // reports the others): a target elsewhere, or gone, has no end to draw to.
  switch (target) {
    case 'internet-gateway':
      return plan.internetGateways.some((g) => g.id === targetId && g.vpcId === vpcId) ? [{ id: vpcId, kind: 'internet' }] : [];
    case 'egress-only-gateway':
      return plan.egressOnlyGateways.some((g) => g.id === targetId && g.vpcId === vpcId) ? [{ id: vpcId, kind: 'internet' }] : [];
    case 'nat-gateway': {
      const nat = plan.natGateways.find((n) => n.id === targetId);
      const natVpc = nat && plan.subnets.find((s) => s.id === nat.subnetId)?.vpcId;
      return nat && natVpc === vpcId ? [{ id: nat.id, kind: 'nat' }] : [];
    }
    case 'transit-gateway': {
      const tgw = plan.transitGateways.find((t) => t.id === targetId);
      return tgw ? [{ id: tgw.id, kind: 'transit-gateway' }] : [];
    }
    case 'peering': {
      const peering = plan.peerings.find((p) => p.id === targetId);
      const peer = peering?.requesterVpcId === vpcId ? peering.accepterVpcId : peering?.accepterVpcId === vpcId ? peering.requesterVpcId : undefined;
      return peer !== undefined && plan.vpcs.some((v) => v.id === peer) ? [{ id: peer, kind: 'peer-vpc' }] : [];
    }
    case 'vpn-gateway': {
      const gateway = plan.vpnGateways.find((g) => g.id === targetId && g.vpcId === vpcId);
      return (gateway?.externalNetworkIds ?? [])
        .filter((id) => plan.externalNetworks.some((n) => n.id === id))
        .map((id) => ({ id, kind: 'external' as const }));
    }
  }
}
