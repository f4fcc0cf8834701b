/**
 * What an edit removed, in words: "2 VPCs, 11 subnets and a service network". A delete that
 * takes more than the one thing the user pointed at says so (and offers Undo), since the
 * objects that lived in or hung on a deleted VPC go with it.
 */
import type { Plan } from '../schema';
import { allIds, describeKind, findObject, type ObjectKind } from '../objects';

export interface Removal {
  /** How many objects are gone (connections and route tables included). */
  count: number;
  /** The objects by kind, biggest first: "2 VPCs, 11 subnets and a service network"; '' when nothing went. */
  text: string;
}

type RemovedKind = ObjectKind | 'tgwRouteTable';

/** The order the kinds are listed in: the containers first, then what lived in them, then connections. */
const ORDER: readonly RemovedKind[] = [
  'vpc',
  'transitGateway',
  'serviceNetwork',
  'externalNetwork',
  'subnet',
  'natGateway',
  'internetGateway',
  'egressOnlyGateway',
  'vpnGateway',
  'routeTable',
  'tgwRouteTable',
  'peering',
  'tgwAttachment',
  'association',
];

function words(kind: RemovedKind): string {
  return kind === 'tgwRouteTable' ? 'transit gateway route table' : describeKind(kind);
}

function counted(kind: RemovedKind, n: number): string {
  const noun = words(kind);
  if (n > 1) return `${n} ${noun}s`;
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

export function describeRemoval(before: Plan, after: Plan): Removal {
  const kept = allIds(after);
  const tgwTables = new Set(before.transitGateways.flatMap((t) => t.routeTables.map((r) => r.id)));
  const byKind = new Map<RemovedKind, number>();
  for (const id of allIds(before)) {
    if (kept.has(id)) continue;
    const kind: RemovedKind | undefined = tgwTables.has(id) ? 'tgwRouteTable' : findObject(before, id)?.kind;
    if (kind) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const parts = ORDER.filter((k) => byKind.has(k)).map((k) => counted(k, byKind.get(k)!));
  const text = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return { count: [...byKind.values()].reduce((a, b) => a + b, 0), text };
}
