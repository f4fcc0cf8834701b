/**
 * The lookups routing needs, built once per plan (memoized by the PlanIndex / Plan
 * object): gateways by VPC, peerings by VPC, transit gateway attachments by VPC, and the
 * caches for resolved route tables, so that ten thousand subnets sharing a few thousand
 * route tables cost a few thousand table resolutions, not ten thousand.
 *
 * The lookups over sections other than subnets are shared by the models of successive
 * plans while those sections keep their identity (a subnet edit rebuilds none of them);
 * the caches are per model, and each remembers the subnet reads it was computed from, so
 * that the rules' per-part memo (./memo) knows what a part depends on.
 */
import type { Cidr, CidrOf, IpVersion } from '../cidr';
import { externalBlocks, planIndexOf, subnetBlock as indexedSubnetBlock, vpcBlocks, type PlanIndex } from '../plan/plan-index';
import type {
  EgressOnlyGateway,
  ExternalNetwork,
  InternetGateway,
  NatGateway,
  PeeringConnection,
  Plan,
  RouteTable,
  RouteTarget,
  Subnet,
  TgwAttachment,
  TransitGateway,
  Vpc,
  VpnGateway,
} from '../plan/schema';

export interface VpcAttachmentRef {
  tgw: TransitGateway;
  attachment: TgwAttachment;
}

export interface RoutingModel {
  index: PlanIndex;
  plan: Plan;
  routeTableById: TrackedMap<RouteTable>;
  mainTableByVpc: TrackedMap<RouteTable>;
  internetGatewayById: TrackedMap<InternetGateway>;
  internetGatewaysByVpc: TrackedMap<InternetGateway[]>;
  natGatewayById: TrackedMap<NatGateway>;
  natGatewaysByVpc: TrackedMap<NatGateway[]>;
  egressOnlyById: TrackedMap<EgressOnlyGateway>;
  egressOnlyByVpc: TrackedMap<EgressOnlyGateway[]>;
  vpnGatewayById: TrackedMap<VpnGateway>;
  vpnGatewaysByVpc: TrackedMap<VpnGateway[]>;
  peeringById: TrackedMap<PeeringConnection>;
  peeringsByVpc: TrackedMap<PeeringConnection[]>;
  transitGatewayById: TrackedMap<TransitGateway>;
  /** VPC attachments by the VPC they attach (one per transit gateway, by AWS quota). */
  vpcAttachmentsByVpc: TrackedMap<VpcAttachmentRef[]>;
  externalNetworkById: TrackedMap<ExternalNetwork>;
  /** Scratch space for the other routing modules (TGW tables, NAT egress, derived tables...). */
  cache: Map<string, unknown>;
  /** Hot caches, keyed by object rather than by a built string: they are hit once per subnet. */
  objectCache: Map<object, unknown>;
  tableOfSubnet: Map<Subnet, unknown>;
  /**
   * While a rule computes the findings of one part of the plan (see ./memo), the subnet
   * reads it makes, so that the part is re-checked when one of those subnets changes.
   */
  reads: SubnetReads | undefined;
}

/**
 * Subnet reads: the VPCs whose subnet lists were read (a list also stands for each of its
 * subnets: the index replaces the list when one of them changes), and the ids of subnets
 * looked up but not in the plan.
 */
export interface SubnetReads {
  /**
   * The first VPC read, and the others only once there is a second: most computations read
   * one VPC, and a Set for each of the thousands of them on every full check costs more
   * than the check.
   */
  vpc: string | undefined;
  more: Set<string> | undefined;
  missing: Set<string> | undefined;
  /**
   * VPCs whose names went into the result (messages name VPCs). Their blocks are read too,
   * but those are covered as a whole (see vpcShape): a rename then re-checks only the parts
   * that print the renamed VPC's name.
   */
  names: Set<string> | undefined;
  /**
   * Lookups by id read (a route table, a gateway, a peering, the peerings of a VPC...), as
   * [lookup, key, value] triples: a part stays valid while each lookup still gives the same
   * value (./memo), so adding a peering re-checks only the parts that read that VPC's peerings.
   */
  lookups: unknown[] | undefined;
  /** VPCs whose blocks went into the result (local routes, propagated routes, a peer's blocks). */
  blocks: Set<string> | undefined;
  /** Every VPC's blocks were read (which VPC owns a block): any change to any block matters. */
  allBlocks: boolean;
}

const NO_READS: SubnetReads = {
  vpc: undefined,
  more: undefined,
  missing: undefined,
  names: undefined,
  lookups: undefined,
  blocks: undefined,
  allBlocks: false,
};

/** The reads of the innermost computation under way (withReads), for the lookups, which models share. */
let tracking: SubnetReads | undefined;

/** The lookups whose reads are recorded, by name (the names of the model's fields). */
export type LookupName =
  | 'routeTableById'
  | 'mainTableByVpc'
  | 'internetGatewayById'
  | 'internetGatewaysByVpc'
  | 'natGatewayById'
  | 'natGatewaysByVpc'
  | 'egressOnlyById'
  | 'egressOnlyByVpc'
  | 'vpnGatewayById'
  | 'vpnGatewaysByVpc'
  | 'peeringById'
  | 'peeringsByVpc'
  | 'transitGatewayById'
  | 'vpcAttachmentsByVpc'
  | 'externalNetworkById';

/** A Map whose `get`, during a computation, is recorded (see SubnetReads.lookups). */
export class TrackedMap<V> extends Map<string, V> {
  constructor(readonly lookup: LookupName) {
    super();
  }

  override get(key: string): V | undefined {
    const value = super.get(key);
    const reads = tracking;
    if (reads) {
      const list = (reads.lookups ??= []);
      // The same lookup twice in a row (ten subnets of one table) is recorded once.
      if (list[list.length - 3] !== this.lookup || list[list.length - 2] !== key) list.push(this.lookup, key, value);
    }
    return value;
  }

  /** get, unrecorded: what ./memo compares with. */
  peek(key: string): V | undefined {
    return super.get(key);
  }
}

/** Whether a lookup still gives what it gave: the same object, or a list of the same objects. */
export function sameLookupValue(before: unknown, now: unknown): boolean {
  if (before === now) return true;
  if (!Array.isArray(before) || !Array.isArray(now) || before.length !== now.length) return false;
  for (let i = 0; i < before.length; i++) if (before[i] !== now[i]) return false;
  return true;
}

/** Records that the computation in progress read the subnets of `vpcId`. */
export function addVpcRead(reads: SubnetReads, vpcId: string): void {
  if (reads.vpc === undefined) reads.vpc = vpcId;
  else if (reads.vpc !== vpcId) (reads.more ??= new Set()).add(vpcId);
}

/** The VPCs whose subnets were read, each once, the first read first. */
export function vpcReadIds(reads: SubnetReads): string[] {
  if (reads.vpc === undefined) return [];
  if (!reads.more) return [reads.vpc];
  const ids = [reads.vpc];
  for (const id of reads.more) if (id !== reads.vpc) ids.push(id);
  return ids;
}

/** A subnet by id, recording the read. */
export function subnetOf(model: RoutingModel, subnetId: string): Subnet | undefined {
  const subnet = model.index.subnetById.get(subnetId);
  const reads = model.reads;
  if (reads) {
    if (subnet) addVpcRead(reads, subnet.vpcId);
    else (reads.missing ??= new Set()).add(subnetId);
  }
  return subnet;
}

const NO_SUBNETS: readonly Subnet[] = [];

/** A VPC's subnets, recording the read. */
export function subnetsOf(model: RoutingModel, vpcId: string): readonly Subnet[] {
  if (model.reads) addVpcRead(model.reads, vpcId);
  return model.index.subnetsByVpc.get(vpcId) ?? NO_SUBNETS;
}

/** Runs `build`, collecting the subnet reads it makes (and adding them to the reads of the computation around it). */
export function withReads<T>(model: RoutingModel, build: () => T): { value: T; reads: SubnetReads } {
  const outer = model.reads;
  const outerTracking = tracking;
  const reads: SubnetReads = { vpc: undefined, more: undefined, missing: undefined, names: undefined, lookups: undefined, blocks: undefined, allBlocks: false };
  model.reads = reads;
  tracking = reads;
  let value: T;
  try {
    value = build();
  } finally {
    model.reads = outer;
    tracking = outerTracking;
  }
  if (outer) replayInto(outer, reads);
  return { value, reads: reads.vpc === undefined && !reads.missing && !reads.names && !reads.lookups && !reads.blocks && !reads.allBlocks ? NO_READS : reads };
}

function replayInto(into: SubnetReads, reads: SubnetReads): void {
  if (reads.vpc !== undefined) addVpcRead(into, reads.vpc);
  if (reads.more) for (const id of reads.more) addVpcRead(into, id);
  if (reads.missing) for (const id of reads.missing) (into.missing ??= new Set()).add(id);
  if (reads.names) for (const id of reads.names) (into.names ??= new Set()).add(id);
  if (reads.lookups) (into.lookups ??= []).push(...reads.lookups);
  if (reads.blocks) for (const id of reads.blocks) (into.blocks ??= new Set()).add(id);
  if (reads.allBlocks) into.allBlocks = true;
}

/** A VPC's valid blocks, IPv4 then IPv6, recording the read. */
export function vpcBlocksOf(model: RoutingModel, vpcId: string | undefined): Cidr[] {
  if (vpcId === undefined) return [];
  if (model.reads) (model.reads.blocks ??= new Set()).add(vpcId);
  return allVpcBlocks(model, model.index.vpcById.get(vpcId));
}

/** Records that the computation in progress depends on a VPC's blocks (read earlier, e.g. into a table's local routes). */
export function noteVpcBlocksRead(model: RoutingModel, vpcId: string): void {
  if (model.reads) (model.reads.blocks ??= new Set()).add(vpcId);
}

/** Records that the computation in progress read every VPC's blocks. */
export function readAllVpcBlocks(model: RoutingModel): void {
  if (model.reads) model.reads.allBlocks = true;
}

/** A VPC's name for messages (its id when it has none), recording the read. */
export function vpcName(model: RoutingModel, vpcId: string): string {
  if (model.reads) (model.reads.names ??= new Set()).add(vpcId);
  return labelOf(model.index.vpcById.get(vpcId), vpcId);
}

let lastShape: { vpcs: readonly Vpc[]; ids: string[]; v4: unknown[]; v6: unknown[]; token: object } | undefined;

/**
 * An object that stays the same while the VPCs keep their ids, their order and their block
 * lists, for computations that read every VPC's blocks (readAllVpcBlocks).
 */
export function vpcShape(vpcs: readonly Vpc[]): object {
  if (lastShape && lastShape.vpcs === vpcs) return lastShape.token;
  const same =
    lastShape !== undefined &&
    lastShape.ids.length === vpcs.length &&
    vpcs.every((v, i) => v.id === lastShape!.ids[i] && v.ipv4Cidrs === lastShape!.v4[i] && v.ipv6Cidrs === lastShape!.v6[i]);
  lastShape = same
    ? { ...lastShape!, vpcs }
    : { vpcs, ids: vpcs.map((v) => v.id), v4: vpcs.map((v) => v.ipv4Cidrs), v6: vpcs.map((v) => v.ipv6Cidrs), token: {} };
  return lastShape.token;
}

/** Adds the reads a memoized value was computed from to the computation in progress. */
export function replayReads(model: RoutingModel, reads: SubnetReads): void {
  if (model.reads && reads !== NO_READS) replayInto(model.reads, reads);
}

const models = new WeakMap<object, RoutingModel>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The lookups built from plan sections other than subnets, shared by every model while those sections keep their identity. */
type SectionLookups = Omit<RoutingModel, 'index' | 'plan' | 'natGatewaysByVpc' | 'cache' | 'objectCache' | 'tableOfSubnet' | 'reads'>;

/**
 * The plan sections the lookups are built from: while none changes (and the NAT gateways by
 * VPC are the same map), no lookup gives anything new.
 */
export const LOOKUP_SECTIONS = [
  'routeTables',
  'internetGateways',
  'natGateways',
  'egressOnlyGateways',
  'vpnGateways',
  'peerings',
  'transitGateways',
  'externalNetworks',
] as const;

/** The section each lookup is built from (by SECTION_BUILDERS); natGatewaysByVpc also reads the subnets, see natGatewaysByVpcOf. */
export const SECTION_OF_LOOKUP: Record<LookupName, (typeof LOOKUP_SECTIONS)[number] | undefined> = {
  routeTableById: 'routeTables',
  mainTableByVpc: 'routeTables',
  internetGatewayById: 'internetGateways',
  internetGatewaysByVpc: 'internetGateways',
  natGatewayById: 'natGateways',
  natGatewaysByVpc: undefined,
  egressOnlyById: 'egressOnlyGateways',
  egressOnlyByVpc: 'egressOnlyGateways',
  vpnGatewayById: 'vpnGateways',
  vpnGatewaysByVpc: 'vpnGateways',
  peeringById: 'peerings',
  peeringsByVpc: 'peerings',
  transitGatewayById: 'transitGateways',
  vpcAttachmentsByVpc: 'transitGateways',
  externalNetworkById: 'externalNetworks',
};

/**
 * The lookups by the section each is built from, each section's rebuilt only when that section
 * changed: adding a peering rebuilds the peering lookups, not the route tables' (thousands).
 */
const SECTION_BUILDERS = {
  routeTables: buildRouteTableLookups,
  internetGateways: buildInternetGatewayLookups,
  natGateways: buildNatGatewayLookups,
  egressOnlyGateways: buildEgressOnlyLookups,
  vpnGateways: buildVpnGatewayLookups,
  peerings: buildPeeringLookups,
  transitGateways: buildTransitGatewayLookups,
  externalNetworks: buildExternalNetworkLookups,
} satisfies Record<(typeof LOOKUP_SECTIONS)[number], (plan: Plan) => Partial<SectionLookups>>;

const lastBySection = new Map<string, { section: unknown; lookups: Partial<SectionLookups> }>();
let lastLookups: { sections: unknown[]; lookups: SectionLookups } | undefined;

function sectionLookups(plan: Plan): SectionLookups {
  const sections = LOOKUP_SECTIONS.map((name) => plan[name]);
  if (lastLookups && lastLookups.sections.every((section, i) => section === sections[i])) return lastLookups.lookups;
  const lookups = {} as SectionLookups;
  LOOKUP_SECTIONS.forEach((name, i) => {
    let kept = lastBySection.get(name);
    if (!kept || kept.section !== sections[i]) {
      kept = { section: sections[i], lookups: untracked(() => SECTION_BUILDERS[name](plan)) };
      lastBySection.set(name, kept);
    }
    Object.assign(lookups, kept.lookups);
  });
  lastLookups = { sections, lookups };
  return lookups;
}

/** Building lookups reads them; that is no part's read. */
function untracked<T>(build: () => T): T {
  const saved = tracking;
  tracking = undefined;
  try {
    return build();
  } finally {
    tracking = saved;
  }
}

let lastNats: { natGateways: readonly NatGateway[]; vpcOfNat: Array<string | undefined>; byVpc: TrackedMap<NatGateway[]> } | undefined;

/**
 * NAT gateways by the VPC of their subnet. The same map object as for the previous plan
 * while the NAT gateways and the VPC of each one's subnet are the same (a subnet edit keeps
 * them): ./memo takes an unchanged map to mean no part's NAT lookups changed.
 */
function natGatewaysByVpcOf(index: PlanIndex): TrackedMap<NatGateway[]> {
  const { natGateways } = index.plan;
  const vpcOfNat = natGateways.map((nat) => index.subnetById.get(nat.subnetId)?.vpcId);
  if (lastNats && lastNats.natGateways === natGateways && vpcOfNat.every((v, i) => v === lastNats!.vpcOfNat[i])) return lastNats.byVpc;
  const byVpc = untracked(() => {
    const map = new TrackedMap<NatGateway[]>('natGatewaysByVpc');
    natGateways.forEach((nat, i) => {
      const vpcId = vpcOfNat[i];
      if (vpcId !== undefined) push(map, vpcId, nat);
    });
    return map;
  });
  lastNats = { natGateways, vpcOfNat, byVpc };
  return byVpc;
}

/** One reference object per (gateway, attachment), kept across rebuilds, so that a VPC's list compares equal while neither changed. */
const attachmentRefs = new WeakMap<TgwAttachment, VpcAttachmentRef>();

export function routingModel(index: PlanIndex): RoutingModel {
  const existing = models.get(index);
  if (existing) return existing;
  const { plan } = index;
  const natGatewaysByVpc = natGatewaysByVpcOf(index);
  const model: RoutingModel = {
    ...sectionLookups(plan),
    index,
    plan,
    natGatewaysByVpc,
    cache: new Map(),
    objectCache: new Map(),
    tableOfSubnet: new Map(),
    reads: undefined,
  };
  models.set(index, model);
  return model;
}

function buildRouteTableLookups(plan: Plan): Pick<SectionLookups, 'routeTableById' | 'mainTableByVpc'> {
  const lookups = { routeTableById: new TrackedMap<RouteTable>('routeTableById'), mainTableByVpc: new TrackedMap<RouteTable>('mainTableByVpc') };
  for (const table of plan.routeTables) {
    lookups.routeTableById.set(table.id, table);
    if (table.main && !lookups.mainTableByVpc.has(table.vpcId)) lookups.mainTableByVpc.set(table.vpcId, table);
  }
  return lookups;
}

function buildInternetGatewayLookups(plan: Plan): Pick<SectionLookups, 'internetGatewayById' | 'internetGatewaysByVpc'> {
  const lookups = {
    internetGatewayById: new TrackedMap<InternetGateway>('internetGatewayById'),
    internetGatewaysByVpc: new TrackedMap<InternetGateway[]>('internetGatewaysByVpc'),
  };
  for (const igw of plan.internetGateways) {
    lookups.internetGatewayById.set(igw.id, igw);
    push(lookups.internetGatewaysByVpc, igw.vpcId, igw);
  }
  return lookups;
}

function buildNatGatewayLookups(plan: Plan): Pick<SectionLookups, 'natGatewayById'> {
  const natGatewayById = new TrackedMap<NatGateway>('natGatewayById');
  for (const nat of plan.natGateways) natGatewayById.set(nat.id, nat);
  return { natGatewayById };
}

function buildEgressOnlyLookups(plan: Plan): Pick<SectionLookups, 'egressOnlyById' | 'egressOnlyByVpc'> {
  const lookups = {
    egressOnlyById: new TrackedMap<EgressOnlyGateway>('egressOnlyById'),
    egressOnlyByVpc: new TrackedMap<EgressOnlyGateway[]>('egressOnlyByVpc'),
  };
  for (const gateway of plan.egressOnlyGateways) {
    lookups.egressOnlyById.set(gateway.id, gateway);
    push(lookups.egressOnlyByVpc, gateway.vpcId, gateway);
  }
  return lookups;
}

function buildVpnGatewayLookups(plan: Plan): Pick<SectionLookups, 'vpnGatewayById' | 'vpnGatewaysByVpc'> {
  const lookups = { vpnGatewayById: new TrackedMap<VpnGateway>('vpnGatewayById'), vpnGatewaysByVpc: new TrackedMap<VpnGateway[]>('vpnGatewaysByVpc') };
  for (const gateway of plan.vpnGateways) {
    lookups.vpnGatewayById.set(gateway.id, gateway);
    push(lookups.vpnGatewaysByVpc, gateway.vpcId, gateway);
  }
  return lookups;
}

function buildPeeringLookups(plan: Plan): Pick<SectionLookups, 'peeringById' | 'peeringsByVpc'> {
  const lookups = { peeringById: new TrackedMap<PeeringConnection>('peeringById'), peeringsByVpc: new TrackedMap<PeeringConnection[]>('peeringsByVpc') };
  for (const peering of plan.peerings) {
    lookups.peeringById.set(peering.id, peering);
    push(lookups.peeringsByVpc, peering.requesterVpcId, peering);
    if (peering.accepterVpcId !== peering.requesterVpcId) push(lookups.peeringsByVpc, peering.accepterVpcId, peering);
  }
  return lookups;
}

function buildTransitGatewayLookups(plan: Plan): Pick<SectionLookups, 'transitGatewayById' | 'vpcAttachmentsByVpc'> {
  const lookups = {
    transitGatewayById: new TrackedMap<TransitGateway>('transitGatewayById'),
    vpcAttachmentsByVpc: new TrackedMap<VpcAttachmentRef[]>('vpcAttachmentsByVpc'),
  };
  for (const tgw of plan.transitGateways) {
    lookups.transitGatewayById.set(tgw.id, tgw);
    for (const attachment of tgw.attachments) {
      if (attachment.type !== 'vpc' || attachment.vpcId === undefined) continue;
      let ref = attachmentRefs.get(attachment);
      if (!ref || ref.tgw !== tgw) {
        ref = { tgw, attachment };
        attachmentRefs.set(attachment, ref);
      }
      push(lookups.vpcAttachmentsByVpc, attachment.vpcId, ref);
    }
  }
  return lookups;
}

function buildExternalNetworkLookups(plan: Plan): Pick<SectionLookups, 'externalNetworkById'> {
  const externalNetworkById = new TrackedMap<ExternalNetwork>('externalNetworkById');
  for (const network of plan.externalNetworks) externalNetworkById.set(network.id, network);
  return { externalNetworkById };
}

/** The routing model for a bare plan (reach, the matrix): one index and one model per plan object. */
export function routingModelOf(plan: Plan): RoutingModel {
  return routingModel(planIndexOf(plan));
}

/** A value memoized in the model, with the subnet reads it was computed from (replayed on every hit). */
export function cached<T>(model: RoutingModel, key: string, build: () => T): T {
  const hit = model.cache.get(key) as { value: T; reads: SubnetReads } | undefined;
  if (hit) {
    replayReads(model, hit.reads);
    return hit.value;
  }
  const entry = withReads(model, build);
  model.cache.set(key, entry);
  return entry.value;
}

/** A plan object's name for messages: its name, else its id. */
export function labelOf(thing: { id: string; name?: string } | undefined, fallbackId = '?'): string {
  if (!thing) return fallbackId;
  return thing.name && thing.name.trim() !== '' ? thing.name : thing.id;
}

export function vpcLabel(model: RoutingModel, vpcId: string): string {
  return `VPC ${vpcName(model, vpcId)}`;
}

export function subnetLabel(model: RoutingModel, subnetId: string): string {
  return `subnet ${labelOf(subnetOf(model, subnetId), subnetId)}`;
}

/** Every valid block of a VPC, IPv4 then IPv6. */
export function allVpcBlocks(model: RoutingModel, vpc: Vpc | undefined): Cidr[] {
  if (!vpc) return [];
  return [...vpcBlocks(model.index, vpc, 4), ...vpcBlocks(model.index, vpc, 6)];
}

/** A subnet's valid block of one version, as the plan index read it. */
export function subnetBlock<V extends IpVersion>(model: RoutingModel, subnet: Subnet, version: V): CidrOf<V> | undefined {
  return indexedSubnetBlock(model.index, subnet, version);
}

/** The VPC a NAT gateway sits in (through its subnet). */
export function natVpcId(model: RoutingModel, nat: NatGateway): string | undefined {
  return subnetOf(model, nat.subnetId)?.vpcId;
}

/** The other side of a peering, seen from `vpcId`; undefined if the VPC is not part of it. */
export function peerOf(peering: PeeringConnection, vpcId: string): string | undefined {
  if (peering.requesterVpcId === vpcId) return peering.accepterVpcId;
  if (peering.accepterVpcId === vpcId) return peering.requesterVpcId;
  return undefined;
}

/** The availability zones an attachment serves: those of its subnets (docs/network-rules.md#aws-transit-gateway). */
export function attachmentZones(model: RoutingModel, attachment: TgwAttachment): Set<string> {
  // By object, not by a built key: the reachability matrix asks this for every pair of subnets.
  const hit = model.objectCache.get(attachment) as { value: Set<string>; reads: SubnetReads } | undefined;
  if (hit) {
    replayReads(model, hit.reads);
    return hit.value;
  }
  const entry = withReads(model, () => {
    const zones = new Set<string>();
    for (const subnetId of attachment.subnetIds) {
      const subnet = subnetOf(model, subnetId);
      if (subnet && subnet.vpcId === attachment.vpcId) zones.add(subnet.availabilityZone);
    }
    return zones;
  });
  model.objectCache.set(attachment, entry);
  return entry.value;
}

/** The blocks an attachment propagates: the VPC's blocks, or the external network's CIDRs. */
export function attachmentBlocks(model: RoutingModel, attachment: TgwAttachment): Cidr[] {
  if (attachment.type === 'vpc') return vpcBlocksOf(model, attachment.vpcId);
  if (attachment.type === 'vpn' || attachment.type === 'direct-connect') {
    const network = attachment.externalNetworkId === undefined ? undefined : model.externalNetworkById.get(attachment.externalNetworkId);
    return network ? externalBlocks(model.index, network).map((listed) => listed.block) : [];
  }
  // Transit gateway peering attachments carry static routes only (docs/network-rules.md#aws-transit-gateway).
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
  const thing =
    target === 'internet-gateway'
      ? model.internetGatewayById.get(targetId)
      : target === 'nat-gateway'
        ? model.natGatewayById.get(targetId)
        : target === 'egress-only-gateway'
          ? model.egressOnlyById.get(targetId)
          : target === 'vpn-gateway'
            ? model.vpnGatewayById.get(targetId)
            : target === 'peering'
              ? model.peeringById.get(targetId)
              : model.transitGatewayById.get(targetId);
  return `${kind} ${labelOf(thing, targetId)}`;
}
