/**
 * Edits of the plan document, as pure functions Plan -> Plan. Each replaces only the objects
 * it changes and the arrays on their path; everything else keeps its identity, which the
 * incremental checker and the memoized canvas rely on. An edit that changes nothing returns
 * the very same plan, so the store records no undo step for it.
 */
import type {
  ExternalNetwork, NatGateway, PeeringConnection, Plan, Route, RouteTable, ServiceNetwork, Subnet, SubnetTier, TgwAttachment, TgwRoute,
  TransitGateway, Vpc,
} from '../../shared/plan/schema';
import { associationId, parseAssociationId } from './editor-store';

export type ObjectKind =
  | 'vpc' | 'subnet' | 'internetGateway' | 'egressOnlyGateway' | 'vpnGateway' | 'natGateway' | 'routeTable'
  | 'peering' | 'transitGateway' | 'tgwAttachment' | 'serviceNetwork' | 'association' | 'externalNetwork';

/** The top-level lists that hold objects by id. */
const LISTS = {
  vpc: 'vpcs', subnet: 'subnets', internetGateway: 'internetGateways', egressOnlyGateway: 'egressOnlyGateways',
  vpnGateway: 'vpnGateways', natGateway: 'natGateways', routeTable: 'routeTables', peering: 'peerings',
  transitGateway: 'transitGateways', serviceNetwork: 'serviceNetworks', externalNetwork: 'externalNetworks',
} as const;
type ListKind = keyof typeof LISTS;

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

/** Replace one object (by id) in a top-level list with `patch` merged in; keys set to undefined are removed. */
export function updateObject<K extends ListKind>(plan: Plan, kind: K, id: string, patch: Partial<Plan[(typeof LISTS)[K]][number]>): Plan {
  const key = LISTS[kind];
  const list = plan[key] as ReadonlyArray<{ id: string }>;
  const index = list.findIndex((item) => item.id === id);
  if (index < 0) return plan;
  const before = list[index] as Record<string, unknown>;
  const after: Record<string, unknown> = { ...before };
  let changed = false;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) {
      if (field in after) { delete after[field]; changed = true; }
    } else if (!sameValue(after[field], value)) {
      after[field] = value;
      changed = true;
    }
  }
  if (!changed) return plan;
  const nextList = [...list];
  nextList[index] = after as { id: string };
  return { ...plan, [key]: nextList };
}

/** Patch one TGW attachment; keys set to undefined are removed. */
export function updateAttachment(plan: Plan, id: string, patch: Partial<TgwAttachment>): Plan {
  const tgwIndex = plan.transitGateways.findIndex((t) => t.attachments.some((a) => a.id === id));
  const tgw = plan.transitGateways[tgwIndex];
  if (!tgw) return plan;
  let changed = false;
  const attachments = tgw.attachments.map((a) => {
    if (a.id !== id) return a;
    const after: Record<string, unknown> = { ...a };
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) { if (field in after) { delete after[field]; changed = true; } }
      else if (!sameValue(after[field], value)) { after[field] = value; changed = true; }
    }
    return after as unknown as TgwAttachment;
  });
  if (!changed) return plan;
  const transitGateways = [...plan.transitGateways];
  transitGateways[tgwIndex] = { ...tgw, attachments };
  return { ...plan, transitGateways };
}

// ---------------------------------------------------------------- route tables

/** A new route table of the subnet's VPC, with the subnet associated to it: one edit. */
export function addRouteTableFor(plan: Plan, subnetId: string, table: RouteTable): Plan {
  const withTable = { ...plan, routeTables: [...plan.routeTables, table] };
  return updateObject(withTable, 'subnet', subnetId, { routeTableId: table.id });
}

export function setRoutes(plan: Plan, tableId: string, routes: Route[]): Plan {
  return updateObject(plan, 'routeTable', tableId, { routes });
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

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

export function newId(prefix: string, plan?: Plan): string {
  for (;;) {
    const id = `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
    if (!plan || !findObject(plan, id)) return id;
  }
}

// ---------------------------------------------------------------- adding

export function addVpc(plan: Plan, vpc: Vpc, position: { x: number; y: number }): Plan {
  return { ...plan, vpcs: [...plan.vpcs, vpc], layout: withPositions(plan.layout, { [vpc.id]: position }) };
}

export function addSubnet(plan: Plan, subnet: Subnet): Plan {
  return { ...plan, subnets: [...plan.subnets, subnet] };
}

export function addNatGateway(plan: Plan, nat: NatGateway): Plan {
  return { ...plan, natGateways: [...plan.natGateways, nat] };
}

export function addInternetGateway(plan: Plan, vpcId: string, name: string): Plan {
  return { ...plan, internetGateways: [...plan.internetGateways, { id: newId('igw', plan), name, vpcId }] };
}

export function addTransitGateway(plan: Plan, tgw: TransitGateway, position: { x: number; y: number }): Plan {
  return { ...plan, transitGateways: [...plan.transitGateways, tgw], layout: withPositions(plan.layout, { [tgw.id]: position }) };
}

export function addServiceNetwork(plan: Plan, network: ServiceNetwork, position: { x: number; y: number }): Plan {
  return { ...plan, serviceNetworks: [...plan.serviceNetworks, network], layout: withPositions(plan.layout, { [network.id]: position }) };
}

export function addExternalNetwork(plan: Plan, network: ExternalNetwork, position: { x: number; y: number }): Plan {
  return { ...plan, externalNetworks: [...plan.externalNetworks, network], layout: withPositions(plan.layout, { [network.id]: position }) };
}

// ---------------------------------------------------------------- layout

export function withPositions(layout: Plan['layout'], positions: Record<string, { x: number; y: number }>): Plan['layout'] {
  const nodes = { ...layout.nodes };
  let changed = false;
  for (const [id, { x, y }] of Object.entries(positions)) {
    const before = nodes[id];
    const rx = Math.round(x);
    const ry = Math.round(y);
    if (before && before.x === rx && before.y === ry) continue;
    nodes[id] = { ...before, x: rx, y: ry };
    changed = true;
  }
  return changed ? { ...layout, nodes } : layout;
}

export function moveNodes(plan: Plan, positions: Record<string, { x: number; y: number }>): Plan {
  const layout = withPositions(plan.layout, positions);
  return layout === plan.layout ? plan : { ...plan, layout };
}

// ---------------------------------------------------------------- connecting

export type ConnectResult = { ok: true; plan: Plan; created: string } | { ok: false; reason: string };

/**
 * What a drag from one node to another means: VPC-VPC is a peering, VPC-TGW an attachment,
 * VPC-service network an association, external network-TGW a VPN attachment, TGW-TGW a
 * TGW peering attachment, VPC-external network a virtual private gateway.
 */
export function connect(plan: Plan, sourceId: string, targetId: string): ConnectResult {
  if (sourceId === targetId) return { ok: false, reason: 'A connection needs two different objects.' };
  const source = findObject(plan, sourceId);
  const target = findObject(plan, targetId);
  if (!source || !target) return { ok: false, reason: 'One end of the connection is no longer in the plan.' };
  const pair = `${source.kind}>${target.kind}`;
  const flip = () => connect(plan, targetId, sourceId);
  switch (pair) {
    case 'vpc>vpc': {
      const exists = plan.peerings.some((p) => (p.requesterVpcId === sourceId && p.accepterVpcId === targetId) || (p.requesterVpcId === targetId && p.accepterVpcId === sourceId));
      if (exists) return { ok: false, reason: `${name(source)} and ${name(target)} are already peered.` };
      const peering: PeeringConnection = { id: newId('pcx', plan), name: `${name(source)} ↔ ${name(target)}`, requesterVpcId: sourceId, accepterVpcId: targetId, status: 'active' };
      return { ok: true, plan: { ...plan, peerings: [...plan.peerings, peering] }, created: peering.id };
    }
    case 'vpc>transitGateway': {
      const tgw = target.object as TransitGateway;
      if (tgw.attachments.some((a) => a.type === 'vpc' && a.vpcId === sourceId)) return { ok: false, reason: `${name(source)} is already attached to ${tgw.name}.` };
      const attachment: TgwAttachment = {
        id: newId('tgw-attach', plan), name: name(source), type: 'vpc', vpcId: sourceId,
        subnetIds: attachmentSubnets(plan, sourceId), propagatedRouteTableIds: [],
      };
      const firstTable = tgw.routeTables[0];
      if (firstTable) {
        attachment.associatedRouteTableId = firstTable.id;
        attachment.propagatedRouteTableIds = [firstTable.id];
      }
      return { ok: true, plan: replaceTgw(plan, { ...tgw, attachments: [...tgw.attachments, attachment] }), created: attachment.id };
    }
    case 'externalNetwork>transitGateway': {
      const tgw = target.object as TransitGateway;
      if (tgw.attachments.some((a) => a.externalNetworkId === sourceId)) return { ok: false, reason: `${name(source)} is already attached to ${tgw.name}.` };
      const attachment: TgwAttachment = { id: newId('tgw-attach', plan), name: `${name(source)} VPN`, type: 'vpn', externalNetworkId: sourceId, subnetIds: [], propagatedRouteTableIds: [] };
      const firstTable = tgw.routeTables[0];
      if (firstTable) {
        attachment.associatedRouteTableId = firstTable.id;
        attachment.propagatedRouteTableIds = [firstTable.id];
      }
      return { ok: true, plan: replaceTgw(plan, { ...tgw, attachments: [...tgw.attachments, attachment] }), created: attachment.id };
    }
    case 'transitGateway>transitGateway': {
      const tgw = source.object as TransitGateway;
      if (tgw.attachments.some((a) => a.peerTransitGatewayId === targetId)) return { ok: false, reason: `${name(source)} is already peered with ${name(target)}.` };
      const attachment: TgwAttachment = { id: newId('tgw-attach', plan), name: `peering to ${name(target)}`, type: 'peering', peerTransitGatewayId: targetId, subnetIds: [], propagatedRouteTableIds: [] };
      return { ok: true, plan: replaceTgw(plan, { ...tgw, attachments: [...tgw.attachments, attachment] }), created: attachment.id };
    }
    case 'vpc>serviceNetwork': {
      const network = target.object as ServiceNetwork;
      if (network.vpcIds.includes(sourceId)) return { ok: false, reason: `${name(source)} is already associated with ${network.name}.` };
      return { ok: true, plan: updateObject(plan, 'serviceNetwork', network.id, { vpcIds: [...network.vpcIds, sourceId] }), created: associationId(network.id, sourceId) };
    }
    case 'vpc>externalNetwork': {
      const existing = plan.vpnGateways.find((g) => g.vpcId === sourceId);
      if (existing?.externalNetworkIds.includes(targetId)) return { ok: false, reason: `${name(source)} already has a VPN to ${name(target)}.` };
      if (existing) return { ok: true, plan: updateObject(plan, 'vpnGateway', existing.id, { externalNetworkIds: [...existing.externalNetworkIds, targetId] }), created: existing.id };
      const gateway = { id: newId('vgw', plan), name: `${name(source)} VPN gateway`, vpcId: sourceId, externalNetworkIds: [targetId] };
      return { ok: true, plan: { ...plan, vpnGateways: [...plan.vpnGateways, gateway] }, created: gateway.id };
    }
    case 'transitGateway>vpc':
    case 'transitGateway>externalNetwork':
    case 'serviceNetwork>vpc':
    case 'externalNetwork>vpc':
      return flip();
    default:
      return { ok: false, reason: `A ${describeKind(source.kind)} cannot be connected to a ${describeKind(target.kind)}. Connect VPCs to VPCs (peering), transit gateways, service networks or external networks.` };
  }
}

/** One subnet per AZ for a new TGW attachment, preferring isolated then private subnets (AWS best practice: small dedicated subnets). */
function attachmentSubnets(plan: Plan, vpcId: string): string[] {
  const rank: Record<SubnetTier, number> = { isolated: 0, private: 1, public: 2 };
  const byAz = new Map<string, Subnet>();
  for (const subnet of plan.subnets) {
    if (subnet.vpcId !== vpcId) continue;
    const best = byAz.get(subnet.availabilityZone);
    if (!best || rank[subnet.tier] < rank[best.tier]) byAz.set(subnet.availabilityZone, subnet);
  }
  return [...byAz.values()].map((s) => s.id);
}

function replaceTgw(plan: Plan, tgw: TransitGateway): Plan {
  return { ...plan, transitGateways: plan.transitGateways.map((t) => (t.id === tgw.id ? tgw : t)) };
}

function name(found: FoundObject): string {
  return 'name' in found.object && found.object.name ? found.object.name : found.object.id;
}

export function describeKind(kind: ObjectKind): string {
  const words: Record<ObjectKind, string> = {
    vpc: 'VPC', subnet: 'subnet', internetGateway: 'internet gateway', egressOnlyGateway: 'egress-only internet gateway',
    vpnGateway: 'virtual private gateway', natGateway: 'NAT gateway', routeTable: 'route table', peering: 'peering connection',
    transitGateway: 'transit gateway', tgwAttachment: 'transit gateway attachment', serviceNetwork: 'service network',
    association: 'service network association', externalNetwork: 'external network',
  };
  return words[kind];
}

// ---------------------------------------------------------------- deleting

/**
 * Delete objects and everything that refers to them, as one edit: a VPC takes its subnets,
 * gateways, route tables, peerings, attachments, associations and layout entries with it; a
 * subnet its NAT gateways and its place in attachments; routes to a deleted target go too.
 */
export function deleteObjects(plan: Plan, ids: readonly string[]): Plan {
  const gone = new Set<string>();
  const associationsGone: Array<{ serviceNetworkId: string; vpcId: string }> = [];
  for (const id of ids) {
    const found = findObject(plan, id);
    if (!found) continue;
    if (found.kind === 'association') associationsGone.push(found.object);
    else gone.add(id);
  }
  if (gone.size === 0 && associationsGone.length === 0) return plan;

  // Cascade: VPC -> its subnets and gateways; subnet -> its NAT gateways; TGW -> its attachments and tables.
  for (const vpc of plan.vpcs) if (gone.has(vpc.id)) {
    for (const list of [plan.subnets, plan.internetGateways, plan.egressOnlyGateways, plan.vpnGateways, plan.routeTables]) {
      for (const item of list) if (item.vpcId === vpc.id) gone.add(item.id);
    }
    for (const peering of plan.peerings) if (peering.requesterVpcId === vpc.id || peering.accepterVpcId === vpc.id) gone.add(peering.id);
  }
  for (const nat of plan.natGateways) if (gone.has(nat.subnetId)) gone.add(nat.id);
  for (const tgw of plan.transitGateways) {
    for (const attachment of tgw.attachments) {
      if (gone.has(tgw.id)
        || (attachment.vpcId !== undefined && gone.has(attachment.vpcId))
        || (attachment.externalNetworkId !== undefined && gone.has(attachment.externalNetworkId))
        || (attachment.peerTransitGatewayId !== undefined && gone.has(attachment.peerTransitGatewayId))) gone.add(attachment.id);
    }
    if (gone.has(tgw.id)) for (const table of tgw.routeTables) gone.add(table.id);
  }

  const keep = <T extends { id: string }>(list: T[]): T[] => {
    const kept = list.filter((item) => !gone.has(item.id));
    return kept.length === list.length ? list : kept;
  };
  const routeTables = keep(plan.routeTables).map((table) => {
    const routes = table.routes.filter((route) => route.targetId === undefined || !gone.has(route.targetId));
    return routes.length === table.routes.length ? table : { ...table, routes };
  });
  const subnets = keep(plan.subnets).map((subnet) =>
    subnet.routeTableId !== undefined && gone.has(subnet.routeTableId) ? withoutKey(subnet, 'routeTableId') : subnet);
  const vpnGateways = keep(plan.vpnGateways).map((gateway) => {
    const externalNetworkIds = gateway.externalNetworkIds.filter((id) => !gone.has(id));
    return externalNetworkIds.length === gateway.externalNetworkIds.length ? gateway : { ...gateway, externalNetworkIds };
  });
  const transitGateways = keep(plan.transitGateways).map((tgw) => {
    const attachments = keep(tgw.attachments).map((attachment) => {
      const subnetIds = attachment.subnetIds.filter((id) => !gone.has(id));
      return subnetIds.length === attachment.subnetIds.length ? attachment : { ...attachment, subnetIds };
    });
    const routeTables = tgw.routeTables.map((table) => {
      const routes = table.routes.filter((route) => route.attachmentId === undefined || !gone.has(route.attachmentId));
      return routes.length === table.routes.length ? table : { ...table, routes };
    });
    const changedTables = routeTables.some((table, i) => table !== tgw.routeTables[i]);
    // The same gateway object when nothing in it changed (map() always makes a new list): the checks key on it.
    return sameItems(attachments, tgw.attachments) && !changedTables
      ? tgw
      : { ...tgw, attachments, routeTables };
  });
  const serviceNetworks = keep(plan.serviceNetworks).map((network) => {
    const vpcIds = network.vpcIds.filter((vpcId) => !gone.has(vpcId)
      && !associationsGone.some((a) => a.serviceNetworkId === network.id && a.vpcId === vpcId));
    const services = network.services.map((service) => (service.vpcId !== undefined && gone.has(service.vpcId) ? withoutKey(service, 'vpcId') : service));
    const servicesChanged = services.some((s, i) => s !== network.services[i]);
    return vpcIds.length === network.vpcIds.length && !servicesChanged ? network : { ...network, vpcIds, services };
  });
  const layoutNodes = Object.fromEntries(Object.entries(plan.layout.nodes).filter(([id]) => !gone.has(id)));
  const layoutChanged = Object.keys(layoutNodes).length !== Object.keys(plan.layout.nodes).length;

  return {
    ...plan,
    vpcs: keep(plan.vpcs),
    subnets: sameItems(subnets, plan.subnets) ? plan.subnets : subnets,
    internetGateways: keep(plan.internetGateways),
    egressOnlyGateways: keep(plan.egressOnlyGateways),
    vpnGateways: sameItems(vpnGateways, plan.vpnGateways) ? plan.vpnGateways : vpnGateways,
    natGateways: keep(plan.natGateways),
    routeTables: sameItems(routeTables, plan.routeTables) ? plan.routeTables : routeTables,
    peerings: keep(plan.peerings),
    transitGateways: sameItems(transitGateways, plan.transitGateways) ? plan.transitGateways : transitGateways,
    serviceNetworks: sameItems(serviceNetworks, plan.serviceNetworks) ? plan.serviceNetworks : serviceNetworks,
    externalNetworks: keep(plan.externalNetworks),
    layout: layoutChanged ? { ...plan.layout, nodes: layoutNodes } : plan.layout,
  };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function withoutKey<T extends object, K extends keyof T>(object: T, key: K): T {
  const copy = { ...object };
  delete copy[key];
  return copy;
}
