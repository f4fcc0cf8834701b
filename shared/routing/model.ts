/**
 * The lookups routing needs, built once per plan (memoized by the PlanIndex / Plan
 * object): gateways by VPC, peerings by VPC, transit gateway attachments by VPC, and the
 * caches for resolved route tables, so that ten thousand subnets sharing a few thousand
 * route tables cost a few thousand table resolutions, not ten thousand.
 */
import type { Cidr, IpVersion } from '../cidr';
import { indexPlan, validCidr, vpcBlocks } from '../checks/plan-index';
import type { PlanIndex } from '../checks/types';
import type {
  EgressOnlyGateway, ExternalNetwork, InternetGateway, NatGateway, PeeringConnection, Plan, RouteTable, RouteTarget,
  Subnet, TgwAttachment, TransitGateway, Vpc, VpnGateway,
} from '../plan/schema';

export interface VpcAttachmentRef {
  tgw: TransitGateway;
  attachment: TgwAttachment;
}

export interface RoutingModel {
  index: PlanIndex;
  plan: Plan;
  routeTableById: Map<string, RouteTable>;
  mainTableByVpc: Map<string, RouteTable>;
  internetGatewayById: Map<string, InternetGateway>;
  internetGatewaysByVpc: Map<string, InternetGateway[]>;
  natGatewayById: Map<string, NatGateway>;
  natGatewaysByVpc: Map<string, NatGateway[]>;
  egressOnlyById: Map<string, EgressOnlyGateway>;
  egressOnlyByVpc: Map<string, EgressOnlyGateway[]>;
  vpnGatewayById: Map<string, VpnGateway>;
  vpnGatewaysByVpc: Map<string, VpnGateway[]>;
  peeringById: Map<string, PeeringConnection>;
  peeringsByVpc: Map<string, PeeringConnection[]>;
  transitGatewayById: Map<string, TransitGateway>;
  /** VPC attachments by the VPC they attach (one per transit gateway, by AWS quota). */
  vpcAttachmentsByVpc: Map<string, VpcAttachmentRef[]>;
  externalNetworkById: Map<string, ExternalNetwork>;
  /** Scratch space for the other routing modules (TGW tables, NAT egress, derived tables...). */
  cache: Map<string, unknown>;
  /** Hot caches, keyed by object rather than by a built string: they are hit once per subnet. */
  objectCache: Map<object, unknown>;
  tableOfSubnet: Map<Subnet, unknown>;
}

const models = new WeakMap<object, RoutingModel>();
const indexes = new WeakMap<Plan, PlanIndex>();

/** The index for a plan, built once per plan object. */
export function planIndexOf(plan: Plan): PlanIndex {
  let index = indexes.get(plan);
  if (!index) {
    index = indexPlan(plan);
    indexes.set(plan, index);
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function routingModel(index: PlanIndex): RoutingModel {
  const existing = models.get(index);
  if (existing) return existing;
  const { plan } = index;
  const model: RoutingModel = {
    index,
    plan,
    routeTableById: new Map(),
    mainTableByVpc: new Map(),
    internetGatewayById: new Map(),
    internetGatewaysByVpc: new Map(),
    natGatewayById: new Map(),
    natGatewaysByVpc: new Map(),
    egressOnlyById: new Map(),
    egressOnlyByVpc: new Map(),
    vpnGatewayById: new Map(),
    vpnGatewaysByVpc: new Map(),
    peeringById: new Map(),
    peeringsByVpc: new Map(),
    transitGatewayById: new Map(),
    vpcAttachmentsByVpc: new Map(),
    externalNetworkById: new Map(),
    cache: new Map(),
    objectCache: new Map(),
    tableOfSubnet: new Map(),
  };
  for (const table of plan.routeTables) {
    model.routeTableById.set(table.id, table);
    if (table.main && !model.mainTableByVpc.has(table.vpcId)) model.mainTableByVpc.set(table.vpcId, table);
  }
  for (const igw of plan.internetGateways) {
    model.internetGatewayById.set(igw.id, igw);
    push(model.internetGatewaysByVpc, igw.vpcId, igw);
  }
  for (const nat of plan.natGateways) {
    model.natGatewayById.set(nat.id, nat);
    const vpcId = index.subnetById.get(nat.subnetId)?.vpcId;
    if (vpcId !== undefined) push(model.natGatewaysByVpc, vpcId, nat);
  }
  for (const gateway of plan.egressOnlyGateways) {
    model.egressOnlyById.set(gateway.id, gateway);
    push(model.egressOnlyByVpc, gateway.vpcId, gateway);
  }
  for (const gateway of plan.vpnGateways) {
    model.vpnGatewayById.set(gateway.id, gateway);
    push(model.vpnGatewaysByVpc, gateway.vpcId, gateway);
  }
  for (const peering of plan.peerings) {
    model.peeringById.set(peering.id, peering);
    push(model.peeringsByVpc, peering.requesterVpcId, peering);
    if (peering.accepterVpcId !== peering.requesterVpcId) push(model.peeringsByVpc, peering.accepterVpcId, peering);
  }
  for (const tgw of plan.transitGateways) {
    model.transitGatewayById.set(tgw.id, tgw);
    for (const attachment of tgw.attachments) {
      if (attachment.type === 'vpc' && attachment.vpcId !== undefined) push(model.vpcAttachmentsByVpc, attachment.vpcId, { tgw, attachment });
    }
  }
  for (const network of plan.externalNetworks) model.externalNetworkById.set(network.id, network);
  models.set(index, model);
  return model;
}

/** The routing model for a bare plan (reach, the matrix): one index and one model per plan object. */
export function routingModelOf(plan: Plan): RoutingModel {
  return routingModel(planIndexOf(plan));
}

export function cached<T>(model: RoutingModel, key: string, build: () => T): T {
  if (model.cache.has(key)) return model.cache.get(key) as T;
  const value = build();
  model.cache.set(key, value);
  return value;
}

/** A plan object's name for messages: its name, else its id. */
export function labelOf(thing: { id: string; name?: string } | undefined, fallbackId = '?'): string {
  if (!thing) return fallbackId;
  return thing.name && thing.name.trim() !== '' ? thing.name : thing.id;
}

export function vpcLabel(model: RoutingModel, vpcId: string): string {
  return `VPC ${labelOf(model.index.vpcById.get(vpcId), vpcId)}`;
}

export function subnetLabel(model: RoutingModel, subnetId: string): string {
  return `subnet ${labelOf(model.index.subnetById.get(subnetId), subnetId)}`;
}

/** Every valid block of a VPC, IPv4 then IPv6. */
export function allVpcBlocks(vpc: Vpc | undefined): Cidr[] {
  if (!vpc) return [];
  return [...vpcBlocks(vpc, 4), ...vpcBlocks(vpc, 6)];
}

export function subnetBlock(subnet: Subnet, version: IpVersion): Cidr | undefined {
  return validCidr(version === 4 ? subnet.ipv4Cidr : subnet.ipv6Cidr, version);
}

/** The VPC a NAT gateway sits in (through its subnet). */
export function natVpcId(model: RoutingModel, nat: NatGateway): string | undefined {
  return model.index.subnetById.get(nat.subnetId)?.vpcId;
}

/** The other side of a peering, seen from `vpcId`; undefined if the VPC is not part of it. */
export function peerOf(peering: PeeringConnection, vpcId: string): string | undefined {
  if (peering.requesterVpcId === vpcId) return peering.accepterVpcId;
  if (peering.accepterVpcId === vpcId) return peering.requesterVpcId;
  return undefined;
}

/** The availability zones an attachment serves: those of its subnets (NETWORK-RULES "AWS transit gateway"). */
export function attachmentZones(model: RoutingModel, attachment: TgwAttachment): Set<string> {
  return cached(model, `zones:${attachment.id}:${attachment.vpcId ?? ''}`, () => {
    const zones = new Set<string>();
    for (const subnetId of attachment.subnetIds) {
      const subnet = model.index.subnetById.get(subnetId);
      if (subnet && subnet.vpcId === attachment.vpcId) zones.add(subnet.availabilityZone);
    }
    return zones;
  });
}

/** The blocks an attachment propagates: the VPC's blocks, or the external network's CIDRs. */
export function attachmentBlocks(model: RoutingModel, attachment: TgwAttachment): Cidr[] {
  if (attachment.type === 'vpc') return attachment.vpcId === undefined ? [] : allVpcBlocks(model.index.vpcById.get(attachment.vpcId));
  if (attachment.type === 'vpn' || attachment.type === 'direct-connect') {
    const network = attachment.externalNetworkId === undefined ? undefined : model.externalNetworkById.get(attachment.externalNetworkId);
    const blocks: Cidr[] = [];
    for (const text of network?.cidrs ?? []) {
      const block = validCidr(text);
      if (block) blocks.push(block);
    }
    return blocks;
  }
  // Transit gateway peering attachments carry static routes only (NETWORK-RULES "AWS transit gateway").
  return [];
}

export function attachmentLabel(model: RoutingModel, attachment: TgwAttachment): string {
  const name = labelOf(attachment);
  if (attachment.type === 'vpc' && attachment.vpcId !== undefined) return `attachment ${name} (${vpcLabel(model, attachment.vpcId)})`;
  if (attachment.externalNetworkId !== undefined) {
    return `attachment ${name} (${attachment.type} to ${labelOf(model.externalNetworkById.get(attachment.externalNetworkId), attachment.externalNetworkId)})`;
  }
  return `attachment ${name}`;
}

/** Messages start sentences with object labels ("route table app-rt ..."). */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "internet gateway edge-igw", "NAT gateway nat-a", "peering alpha-bravo": a route's target in words, by name. */
export function routeTargetLabel(model: RoutingModel, target: RouteTarget, targetId: string | undefined): string {
  const kind = target === 'nat-gateway' ? 'NAT gateway' : target === 'vpn-gateway' ? 'VPN gateway' : target.replace(/-/g, ' ');
  if (target === 'local' || targetId === undefined) return kind;
  const thing = target === 'internet-gateway' ? model.internetGatewayById.get(targetId)
    : target === 'nat-gateway' ? model.natGatewayById.get(targetId)
    : target === 'egress-only-gateway' ? model.egressOnlyById.get(targetId)
    : target === 'vpn-gateway' ? model.vpnGatewayById.get(targetId)
    : target === 'peering' ? model.peeringById.get(targetId)
    : model.transitGatewayById.get(targetId);
  return `${kind} ${labelOf(thing, targetId)}`;
}
