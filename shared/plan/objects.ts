/**
 * The objects of a plan as the editor sees them: what kind a selected id is, what it is
 * called, and every id an object can be selected by (including a Lattice association,
 * which has no id of its own in the plan).
 */
import {
  VpcSchema,
  type ExternalNetwork,
  type NatGateway,
  type PeeringConnection,
  type Plan,
  type ServiceNetwork,
  type Subnet,
  type TgwAttachment,
  type TransitGateway,
  type Vpc,
} from './schema';

export type ObjectKind =
  | 'vpc'
  | 'subnet'
  | 'internetGateway'
  | 'egressOnlyGateway'
  | 'vpnGateway'
  | 'natGateway'
  | 'routeTable'
  | 'peering'
  | 'transitGateway'
  | 'tgwAttachment'
  | 'serviceNetwork'
  | 'association'
  | 'externalNetwork';

/** The top-level lists that hold objects by id. */
export const LISTS = {
  vpc: 'vpcs',
  subnet: 'subnets',
  internetGateway: 'internetGateways',
  egressOnlyGateway: 'egressOnlyGateways',
  vpnGateway: 'vpnGateways',
  natGateway: 'natGateways',
  routeTable: 'routeTables',
  peering: 'peerings',
  transitGateway: 'transitGateways',
  serviceNetwork: 'serviceNetworks',
  externalNetwork: 'externalNetworks',
} as const;
export type ListKind = keyof typeof LISTS;

export type FoundObject =
  | { kind: 'vpc'; object: Vpc }
  | { kind: 'subnet'; object: Subnet }
  | { kind: 'natGateway'; object: NatGateway }
  | { kind: 'peering'; object: PeeringConnection }
  | { kind: 'transitGateway'; object: TransitGateway }
  | { kind: 'tgwAttachment'; object: TgwAttachment; transitGateway: TransitGateway }
  | { kind: 'serviceNetwork'; object: ServiceNetwork }
  | { kind: 'association'; object: { id: string; serviceNetworkId: string; vpcId: string } }
  | { kind: 'externalNetwork'; object: ExternalNetwork }
  | { kind: 'internetGateway' | 'egressOnlyGateway' | 'vpnGateway' | 'routeTable'; object: { id: string; name: string; vpcId: string } };

export function findObject(plan: Plan, id: string): FoundObject | undefined {
  for (const kind of Object.keys(LISTS) as ListKind[]) {
    const list = plan[LISTS[kind]] as ReadonlyArray<{ id: string }>;
    const object = list.find((item) => item.id === id);
    if (object) return { kind, object } as FoundObject;
  }
  for (const transitGateway of plan.transitGateways) {
    const attachment = transitGateway.attachments.find((a) => a.id === id);
    if (attachment) return { kind: 'tgwAttachment', object: attachment, transitGateway };
  }
  const association = parseAssociationId(id);
  if (association && plan.serviceNetworks.some((n) => n.id === association.serviceNetworkId && n.vpcIds.includes(association.vpcId))) {
    return { kind: 'association', object: { id, ...association } };
  }
  return undefined;
}

/** Every id in the plan: objects, TGW attachments and TGW route tables, and associations. */
export function allIds(plan: Plan): Set<string> {
  const ids = new Set<string>();
  for (const list of [
    plan.vpcs,
    plan.subnets,
    plan.internetGateways,
    plan.egressOnlyGateways,
    plan.vpnGateways,
    plan.natGateways,
    plan.routeTables,
    plan.peerings,
    plan.serviceNetworks,
    plan.externalNetworks,
  ]) {
    for (const item of list) ids.add(item.id);
  }
  for (const tgw of plan.transitGateways) {
    ids.add(tgw.id);
    for (const attachment of tgw.attachments) ids.add(attachment.id);
    for (const table of tgw.routeTables) ids.add(table.id);
  }
  for (const network of plan.serviceNetworks) for (const vpcId of network.vpcIds) ids.add(associationId(network.id, vpcId));
  return ids;
}

/** A Lattice association has no id of its own in the plan; the canvas edge is named by both ends. */
export function associationId(serviceNetworkId: string, vpcId: string): string {
  return `assoc:${serviceNetworkId}:${vpcId}`;
}

export function parseAssociationId(id: string): { serviceNetworkId: string; vpcId: string } | undefined {
  if (!id.startsWith('assoc:')) return undefined;
  const rest = id.slice('assoc:'.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return undefined;
  return { serviceNetworkId: rest.slice(0, colon), vpcId: rest.slice(colon + 1) };
}

export function describeKind(kind: ObjectKind): string {
  const words: Record<ObjectKind, string> = {
    vpc: 'VPC',
    subnet: 'subnet',
    internetGateway: 'internet gateway',
    egressOnlyGateway: 'egress-only internet gateway',
    vpnGateway: 'virtual private gateway',
    natGateway: 'NAT gateway',
    routeTable: 'route table',
    peering: 'peering connection',
    transitGateway: 'transit gateway',
    tgwAttachment: 'transit gateway attachment',
    serviceNetwork: 'service network',
    association: 'service network association',
    externalNetwork: 'external network',
  };
  return words[kind];
}

/** What the user calls the object: its name, else its id. */
export function nameOf(found: FoundObject): string {
  return 'name' in found.object && found.object.name ? found.object.name : found.object.id;
}

/** The plan format's limit on a name (schema.ts); every name is the same string type. */
const NAME_LIMIT = VpcSchema.shape.name.maxLength ?? 200;

/**
 * A name made from other names ("a ↔ b", "a copy") cut to the format's limit, so an edit
 * never makes a plan that would not load again.
 */
export function fitName(text: string): string {
  if (text.length <= NAME_LIMIT) return text;
  let kept = text.slice(0, NAME_LIMIT - 1);
  // Never leave half of a surrogate pair (an emoji) at the cut.
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
}
