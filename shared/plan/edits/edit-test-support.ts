/**
 * For the edit tests (not used by the app): a full list of the plan's references that point
 * nowhere, a seeded random source, and deep freezing. The random sequences of the editor's
 * edits, which include the sizing assistant's, are in shared/edit-mix (above shared/sizing).
 */
import type { Plan, RouteTarget } from '../schema';
import { allIds, type RandomSource } from '.';

// ---------------------------------------------------------------- references

/** Every reference in the plan that points at nothing (or at an object of the wrong kind), as "where -> id". */
export function referenceProblems(plan: Plan): string[] {
  const problems: string[] = [];
  const idsOf = (list: ReadonlyArray<{ id: string }>) => new Set(list.map((o) => o.id));
  const vpcs = idsOf(plan.vpcs);
  const subnets = idsOf(plan.subnets);
  const externals = idsOf(plan.externalNetworks);
  const tgws = idsOf(plan.transitGateways);
  const targets: Record<Exclude<RouteTarget, 'local'>, Set<string>> = {
    'internet-gateway': idsOf(plan.internetGateways),
    'nat-gateway': idsOf(plan.natGateways),
    'egress-only-gateway': idsOf(plan.egressOnlyGateways),
    peering: idsOf(plan.peerings),
    'transit-gateway': tgws,
    'vpn-gateway': idsOf(plan.vpnGateways),
  };
  const need = (where: string, id: string | undefined, set: ReadonlySet<string>) => {
    if (id !== undefined && !set.has(id)) problems.push(`${where} -> ${id}`);
  };
  for (const s of plan.subnets) {
    need(`subnet ${s.id}.vpcId`, s.vpcId, vpcs);
    // A subnet can use only a route table of its own VPC.
    need(`subnet ${s.id}.routeTableId`, s.routeTableId, new Set(plan.routeTables.filter((t) => t.vpcId === s.vpcId).map((t) => t.id)));
  }
  for (const list of ['internetGateways', 'egressOnlyGateways', 'vpnGateways', 'routeTables'] as const) {
    for (const o of plan[list]) need(`${list} ${o.id}.vpcId`, o.vpcId, vpcs);
  }
  for (const g of plan.vpnGateways) for (const e of g.externalNetworkIds) need(`vpnGateway ${g.id}.externalNetworkIds`, e, externals);
  for (const n of plan.natGateways) need(`natGateway ${n.id}.subnetId`, n.subnetId, subnets);
  for (const t of plan.routeTables) {
    for (const r of t.routes) {
      if (r.target === 'local') continue;
      if (r.targetId === undefined) problems.push(`routeTable ${t.id} route ${r.destination} has no target`);
      else need(`routeTable ${t.id} route ${r.destination}`, r.targetId, targets[r.target]);
    }
  }
  for (const p of plan.peerings) {
    need(`peering ${p.id}.requesterVpcId`, p.requesterVpcId, vpcs);
    need(`peering ${p.id}.accepterVpcId`, p.accepterVpcId, vpcs);
  }
  for (const tgw of plan.transitGateways) {
    const tables = idsOf(tgw.routeTables);
    const attachments = idsOf(tgw.attachments);
    for (const a of tgw.attachments) {
      const where = `attachment ${a.id}`;
      need(`${where}.vpcId`, a.vpcId, vpcs);
      // Attachment subnets are the attached VPC's.
      for (const s of a.subnetIds) need(`${where}.subnetIds`, s, new Set(plan.subnets.filter((x) => x.vpcId === a.vpcId).map((x) => x.id)));
      need(`${where}.externalNetworkId`, a.externalNetworkId, externals);
      need(`${where}.peerTransitGatewayId`, a.peerTransitGatewayId, tgws);
      need(`${where}.associatedRouteTableId`, a.associatedRouteTableId, tables);
      for (const r of a.propagatedRouteTableIds) need(`${where}.propagatedRouteTableIds`, r, tables);
    }
    for (const table of tgw.routeTables) for (const r of table.routes) need(`tgw table ${table.id} route ${r.destination}`, r.attachmentId, attachments);
  }
  for (const n of plan.serviceNetworks) {
    for (const v of n.vpcIds) need(`serviceNetwork ${n.id}.vpcIds`, v, vpcs);
    for (const s of n.services) need(`service ${s.id}.vpcId`, s.vpcId, vpcs);
  }
  const everything = allIds(plan);
  for (const id of Object.keys(plan.layout.nodes)) need('layout.nodes', id, everything);
  return problems;
}

// ---------------------------------------------------------------- random edits

/** A seeded source of ids, so a failing sequence replays with the same ids (mulberry32). */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** Freeze the plan and everything in it: an edit that changes its input then throws (ES modules are strict). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
