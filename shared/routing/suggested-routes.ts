/**
 * "Derive the obvious routes" for a route table: the routes the routing engine derives
 * (settings.deriveRoutes) for a subnet that follows the table, written out so the user can
 * keep them in the table. Local, internet gateway for a public tier, NAT gateway (same AZ
 * first) for a private tier, peering, transit gateway and VPN routes of the VPC.
 */
import type { Plan, Route, RouteTable } from '../plan/schema';
import { effectiveRouteTable } from './route-table';
import { planIndexOf } from '../plan/plan-index';

export interface SuggestedRoute extends Route {
  /** Why it is suggested, e.g. "public tier: internet gateway". */
  note?: string;
}

/**
 * The derived routes for `subnetId` as if it had no route table of its own and its VPC no
 * main table. Undefined for an unknown subnet.
 */
export function derivedRoutesForSubnet(plan: Plan, subnetId: string): SuggestedRoute[] | undefined {
  return derivedRoutesForSubnets(plan, [subnetId]).get(subnetId);
}

/**
 * derivedRoutesForSubnet for several subnets, from one what-if plan and one index: the
 * inspector asks this for every subnet that follows a table, on every edit, and an index of
 * thousands of subnets per subnet asked was the editor's slowest step. Derived routes depend
 * on the VPC (gateways, peerings, attachments), the tier and the AZ, never on another
 * subnet's table, so baring them all at once changes no answer.
 */
function derivedRoutesForSubnets(plan: Plan, subnetIds: readonly string[]): Map<string, SuggestedRoute[]> {
  const asked = new Set(subnetIds);
  const vpcIds = new Set<string>();
  for (const subnet of plan.subnets) if (asked.has(subnet.id)) vpcIds.add(subnet.vpcId);
  const out = new Map<string, SuggestedRoute[]>();
  if (vpcIds.size === 0) return out;
  const what: Plan = {
    ...plan,
    settings: { ...plan.settings, deriveRoutes: true },
    subnets: plan.subnets.map((s) => {
      if (!asked.has(s.id)) return s;
      const bare = { ...s };
      delete bare.routeTableId;
      return bare;
    }),
    routeTables: plan.routeTables.filter((t) => !(vpcIds.has(t.vpcId) && t.main)),
  };
  const index = planIndexOf(what);
  for (const subnetId of asked) {
    const table = effectiveRouteTable(index, subnetId);
    if (!table) continue;
    out.set(
      subnetId,
      table.routes
        .filter((r) => !r.implicit)
        .map((r) => {
          const route: SuggestedRoute = { destination: r.destination, target: r.target };
          if (r.targetId !== undefined) route.targetId = r.targetId;
          if (r.note !== undefined) route.note = r.note;
          return route;
        }),
    );
  }
  return out;
}

/**
 * The table with the derived routes of the subnets that follow it merged in: a destination
 * the table already names keeps its route (the user's choice wins). Returns the same table
 * when nothing is added.
 */
export function withDerivedRoutes(plan: Plan, table: RouteTable, subnetIds: readonly string[]): RouteTable {
  const named = new Set(table.routes.map((r) => r.destination));
  const added: Route[] = [];
  const derived = derivedRoutesForSubnets(plan, subnetIds);
  for (const subnetId of subnetIds) {
    for (const suggestion of derived.get(subnetId) ?? []) {
      if (named.has(suggestion.destination)) continue;
      named.add(suggestion.destination);
      const route: Route = { destination: suggestion.destination, target: suggestion.target };
      if (suggestion.targetId !== undefined) route.targetId = suggestion.targetId;
      added.push(route);
    }
  }
  return added.length === 0 ? table : { ...table, routes: [...table.routes, ...added] };
}
