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
  const subnet = plan.subnets.find((s) => s.id === subnetId);
  if (!subnet) return undefined;
  const bare = { ...subnet };
  delete bare.routeTableId;
  const what: Plan = {
    ...plan,
    settings: { ...plan.settings, deriveRoutes: true },
    subnets: plan.subnets.map((s) => (s === subnet ? bare : s)),
    routeTables: plan.routeTables.filter((t) => !(t.vpcId === subnet.vpcId && t.main)),
  };
  const table = effectiveRouteTable(planIndexOf(what), subnetId);
  if (!table) return undefined;
  return table.routes.filter((r) => !r.implicit).map((r) => {
    const route: SuggestedRoute = { destination: r.destination, target: r.target };
    if (r.targetId !== undefined) route.targetId = r.targetId;
    if (r.note !== undefined) route.note = r.note;
    return route;
  });
}

/**
 * The table with the derived routes of the subnets that follow it merged in: a destination
 * the table already names keeps its route (the user's choice wins). Returns the same table
 * when nothing is added.
 */
export function withDerivedRoutes(plan: Plan, table: RouteTable, subnetIds: readonly string[]): RouteTable {
  const named = new Set(table.routes.map((r) => r.destination));
  const added: Route[] = [];
  for (const subnetId of subnetIds) {
    for (const suggestion of derivedRoutesForSubnet(plan, subnetId) ?? []) {
      if (named.has(suggestion.destination)) continue;
      named.add(suggestion.destination);
      const route: Route = { destination: suggestion.destination, target: suggestion.target };
      if (suggestion.targetId !== undefined) route.targetId = suggestion.targetId;
      added.push(route);
    }
  }
  return added.length === 0 ? table : { ...table, routes: [...table.routes, ...added] };
}
