/**
 * Changing objects already in the plan: a patch of fields, a transit gateway through a
 * function, route tables and their routes. Each replaces only the objects it changes and the
 * arrays on their path; an edit that changes nothing returns the very same plan.
 */
import type { Plan, Route, RouteTable, TgwAttachment, TgwRoute, TransitGateway } from '../schema';
import { LISTS, type ListKind } from '../objects';

/** Replace one object (by id) in a top-level list with `patch` merged in; keys set to undefined are removed. */
export function updateObject<K extends ListKind>(plan: Plan, kind: K, id: string, patch: Partial<Plan[(typeof LISTS)[K]][number]>): Plan {
  const key = LISTS[kind];
  const list = plan[key] as ReadonlyArray<{ id: string }>;
  const index = list.findIndex((item) => item.id === id);
  if (index < 0) return plan;
  const after = patched(list[index] as object, patch);
  if (!after) return plan;
  const nextList = [...list];
  nextList[index] = after as { id: string };
  return { ...plan, [key]: nextList };
}

/** Patch one TGW attachment; keys set to undefined are removed. */
export function updateAttachment(plan: Plan, id: string, patch: Partial<TgwAttachment>): Plan {
  const owner = plan.transitGateways.find((t) => t.attachments.some((a) => a.id === id));
  if (!owner) return plan;
  return updateTransitGateway(plan, owner.id, (tgw) => {
    let changed = false;
    const attachments = tgw.attachments.map((a) => {
      if (a.id !== id) return a;
      const after = patched(a, patch);
      if (!after) return a;
      changed = true;
      return after;
    });
    return changed ? { ...tgw, attachments } : tgw;
  });
}

/** Replace one transit gateway through `change`; the same plan when nothing changed. */
export function updateTransitGateway(plan: Plan, tgwId: string, change: (tgw: TransitGateway) => TransitGateway): Plan {
  const index = plan.transitGateways.findIndex((t) => t.id === tgwId);
  const before = plan.transitGateways[index];
  if (!before) return plan;
  const after = change(before);
  if (after === before || sameValue(after, before)) return plan;
  const transitGateways = [...plan.transitGateways];
  transitGateways[index] = after;
  return { ...plan, transitGateways };
}

// ---------------------------------------------------------------- VPC route tables

/** A new route table of the subnet's VPC, with the subnet associated to it: one edit. */
export function addRouteTableFor(plan: Plan, subnetId: string, table: RouteTable): Plan {
  const subnet = plan.subnets.find((s) => s.id === subnetId);
  // A subnet can only use a route table of its own VPC.
  if (!subnet || subnet.vpcId !== table.vpcId) return plan;
  const withTable = { ...plan, routeTables: [...plan.routeTables, table] };
  return updateObject(withTable, 'subnet', subnetId, { routeTableId: table.id });
}

export function setRoutes(plan: Plan, tableId: string, routes: Route[]): Plan {
  return updateObject(plan, 'routeTable', tableId, { routes });
}

// ---------------------------------------------------------------- transit gateway route tables

/** Another route table for the transit gateway, named table-N. */
export function addTgwRouteTable(plan: Plan, tgwId: string, tableId: string): Plan {
  return updateTransitGateway(plan, tgwId, (tgw) => ({
    ...tgw,
    routeTables: [...tgw.routeTables, { id: tableId, name: `table-${tgw.routeTables.length + 1}`, routes: [] }],
  }));
}

export function setTgwRoutes(plan: Plan, tgwId: string, tableId: string, routes: TgwRoute[]): Plan {
  return updateTransitGateway(plan, tgwId, (tgw) => ({ ...tgw, routeTables: tgw.routeTables.map((t) => (t.id === tableId ? { ...t, routes } : t)) }));
}

/** Remove a TGW route table; attachments associated with it lose their association, and it leaves their propagations. */
export function removeTgwRouteTable(plan: Plan, tgwId: string, tableId: string): Plan {
  return updateTransitGateway(plan, tgwId, (tgw) => ({
    ...tgw,
    routeTables: tgw.routeTables.filter((t) => t.id !== tableId),
    attachments: tgw.attachments.map((a) => {
      if (a.associatedRouteTableId !== tableId && !a.propagatedRouteTableIds.includes(tableId)) return a;
      const next: TgwAttachment = { ...a, propagatedRouteTableIds: a.propagatedRouteTableIds.filter((id) => id !== tableId) };
      if (next.associatedRouteTableId === tableId) delete next.associatedRouteTableId;
      return next;
    }),
  }));
}

// ---------------------------------------------------------------- helpers

/** `before` with `patch` merged in (undefined removes a key), or undefined when that changes nothing. */
function patched<T extends object>(before: T, patch: object): T | undefined {
  const after = { ...before } as Record<string, unknown>;
  let changed = false;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) {
      if (field in after) {
        delete after[field];
        changed = true;
      }
    } else if (!sameValue(after[field], value)) {
      after[field] = value;
      changed = true;
    }
  }
  return changed ? (after as T) : undefined;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}
