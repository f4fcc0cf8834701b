/**
 * The plan, indexed: lookups by id and by VPC, and every CIDR field of the plan read once.
 * The checks, routing, sizing and the exports read blocks from here instead of parsing text.
 *
 * A field is read the first time something asks for it and kept. Plan objects are never
 * modified (the editor replaces an object to change it), so what was read from one stays
 * true: the index of the next version of the plan takes over what was read, and after one
 * edit only the replaced objects are read again.
 */
import { isCidrError, readCidrField, type CidrError, type CidrOf, type IpVersion, type Ipv4Cidr, type Ipv6Cidr } from '../cidr';
import type { ExternalNetwork, Plan, RouteTable, Subnet, TgwRouteTable, Vpc } from './schema';

/** Lookups shared by the checks, the routing engine and the exports; built by `indexPlan`. */
export interface PlanIndex {
  readonly plan: Plan;
  readonly vpcById: ReadonlyMap<string, Vpc>;
  readonly subnetById: ReadonlyMap<string, Subnet>;
  readonly subnetsByVpc: ReadonlyMap<string, readonly Subnet[]>;
  /** The CIDR fields as read so far; read them through the functions below. */
  readonly cidrs: ReadFields;
}

/** A valid block of a list field, with its place in the list and its text (for a finding's `field` and wording). */
export interface ListedBlock<C> {
  block: C;
  index: number;
  text: string;
}

/** A list field that is not a valid block: its place in the list, and why. */
export interface FieldError {
  index: number;
  error: CidrError;
}

/** The valid blocks of a VPC's subnet list, position by position. */
export interface SubnetListBlocks {
  /** v4[k] is subnets[k]'s valid IPv4 block, if any; v6 likewise. */
  v4: ReadonlyArray<Ipv4Cidr | undefined>;
  v6: ReadonlyArray<Ipv6Cidr | undefined>;
}

/** What one list field holds once read (nearly always a block, and nothing more is kept). */
interface ReadList<C> {
  /** read[i] is what the list's i-th text holds: its block, or why it is not one. */
  read: Array<C | CidrError>;
  listed: ListedBlock<C>[];
  blocks: C[];
  errors: readonly FieldError[];
}

/** A VPC's two block lists, read: ipv4Cidrs as IPv4 (an IPv6 block there is a 'version-mismatch'), ipv6Cidrs as IPv6. */
interface VpcFields {
  v4: ReadList<Ipv4Cidr>;
  v6: ReadList<Ipv6Cidr>;
}

/** A route table's destinations (VPC or transit gateway table), read: blocks[i] is routes[i]'s, if valid. */
interface TableFields {
  read: Array<Ipv4Cidr | Ipv6Cidr | CidrError>;
  blocks: Array<Ipv4Cidr | Ipv6Cidr | undefined>;
  errors: readonly FieldError[];
}

const NO_ERRORS: readonly FieldError[] = Object.freeze([]);
const EMPTY_LIST: ReadList<never> = { read: [], listed: [], blocks: [], errors: NO_ERRORS };

/** Distinct route destination texts kept for a line of indexes (a plan of 5,000 VPCs has a few thousand). */
const DESTINATION_TEXTS_KEPT = 50_000;
/** Distinct subnet CIDR texts kept (of one version): far above any plan's subnets. */
const SUBNET_TEXTS_KEPT = 500_000;
/** Distinct one-block VPC lists kept (of one version). */
const VPC_TEXTS_KEPT = 100_000;

/**
 * The fields read so far, shared by every index of one line of plan versions (an index
 * built from a previous one takes them over). A field is kept as its block or its error,
 * nothing around them: a plan just opened keeps tens of thousands.
 */
export class ReadFields {
  readonly vpcs = new WeakMap<Vpc, VpcFields>();
  /**
   * A VPC's list of one block, by its text: what a list reads depends on its texts only, and
   * ten thousand VPCs on 172.31.0.0/16 then share one read list instead of making one each.
   */
  readonly vpcSingles: Record<IpVersion, Map<string, ReadList<Ipv4Cidr> | ReadList<Ipv6Cidr>>> = { 4: new Map(), 6: new Map() };
  /**
   * Subnet fields, by far the most numerous, by text and version: a text reads the same in
   * every subnet, so nothing per subnet is kept (no entry to go stale when a subnet is
   * replaced), and a plan of identical VPCs (100,000 subnets, ten texts) reads ten texts.
   */
  readonly subnetTexts: Record<IpVersion, Map<string, Ipv4Cidr | Ipv6Cidr | CidrError>> = { 4: new Map(), 6: new Map() };
  /** By subnet list: the index keeps a VPC's list while each of its subnets keeps its identity. */
  readonly subnetLists = new WeakMap<readonly Subnet[], SubnetListBlocks>();
  readonly tables = new WeakMap<RouteTable | TgwRouteTable, TableFields>();
  /**
   * Route destinations by text. Unlike the other fields, destinations repeat: every table
   * sends 0.0.0.0/0 somewhere and routes to the same peer blocks, so a plan of 3,000 tables
   * holds a few hundred distinct destinations. Each is read once, and the tables share it.
   */
  readonly destinations = new Map<string, Ipv4Cidr | Ipv6Cidr | CidrError>();
  readonly externals = new WeakMap<ExternalNetwork, ReadList<Ipv4Cidr | Ipv6Cidr>>();
}

/** Past this many edited subnets a rebuild is as cheap as a patch. */
const PATCH_LIMIT = 64;
/** Overrides an overlay may collect before the next index rebuilds the map. */
const OVERLAY_LIMIT = 512;

/**
 * A map read through a small set of overrides over a base that is shared with earlier
 * indexes (and never modified), so that replacing one subnet costs O(1), not a copy.
 */
class OverlayMap<V> implements ReadonlyMap<string, V> {
  constructor(
    readonly base: ReadonlyMap<string, V>,
    readonly overrides: ReadonlyMap<string, V>,
  ) {}
  get size(): number {
    return this.base.size;
  }
  get(key: string): V | undefined {
    const v = this.overrides.get(key);
    return v !== undefined ? v : this.base.get(key);
  }
  has(key: string): boolean {
    return this.base.has(key);
  }
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.entries()) callback(v, k, this);
  }
  *entries(): MapIterator<[string, V]> {
    for (const k of this.base.keys()) yield [k, this.get(k) as V];
  }
  keys(): MapIterator<string> {
    return this.base.keys();
  }
  *values(): MapIterator<V> {
    for (const k of this.base.keys()) yield this.get(k) as V;
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/**
 * Builds the index. Given the index of the previous version of the same plan, it reuses
 * what kept its identity (the editor replaces a section's array only when something in it
 * changed): an edit to one subnet patches the subnet lookups instead of rebuilding them,
 * every other VPC's subnet list keeps its identity (which the runner's caches rely on), and
 * no field of an object the two versions share is read again.
 */
export function indexPlan(plan: Plan, previous?: PlanIndex): PlanIndex {
  const cidrs = previous ? previous.cidrs : new ReadFields();
  let vpcById: ReadonlyMap<string, Vpc>;
  if (previous && previous.plan.vpcs === plan.vpcs) vpcById = previous.vpcById;
  else {
    const map = new Map<string, Vpc>();
    for (const vpc of plan.vpcs) map.set(vpc.id, vpc);
    vpcById = map;
  }
  if (previous && previous.plan.subnets === plan.subnets) {
    return { plan, vpcById, subnetById: previous.subnetById, subnetsByVpc: previous.subnetsByVpc, cidrs };
  }
  const patched = previous ? patchSubnets(previous, plan.subnets) : undefined;
  if (patched) return { plan, vpcById, ...patched, cidrs };
  const subnetById = new Map<string, Subnet>();
  const subnetsByVpc = new Map<string, Subnet[]>();
  for (const subnet of plan.subnets) {
    subnetById.set(subnet.id, subnet);
    const list = subnetsByVpc.get(subnet.vpcId);
    if (list) list.push(subnet);
    else subnetsByVpc.set(subnet.vpcId, [subnet]);
  }
  // A subnet added or deleted rebuilds the lookups, but every other VPC's list is what it
  // was: keep those list objects, so that what is remembered per list is re-checked only
  // for the VPC that changed.
  if (previous) {
    for (const [vpcId, list] of subnetsByVpc) {
      const before = previous.subnetsByVpc.get(vpcId);
      if (before && before.length === list.length && before.every((s, i) => s === list[i])) subnetsByVpc.set(vpcId, before as Subnet[]);
    }
  }
  return { plan, vpcById, subnetById, subnetsByVpc, cidrs };
}

/** The patched subnet lookups when only a few subnets were replaced in place (same ids and VPCs), else undefined. */
function patchSubnets(previous: PlanIndex, subnets: readonly Subnet[]): Pick<PlanIndex, 'subnetById' | 'subnetsByVpc'> | undefined {
  const before = previous.plan.subnets;
  if (before.length !== subnets.length) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < subnets.length; i++) {
    if (subnets[i] !== before[i]) {
      const now = subnets[i]!;
      const was = before[i]!;
      if (now.id !== was.id || now.vpcId !== was.vpcId || changed.length >= PATCH_LIMIT) return undefined;
      changed.push(i);
    }
  }
  const old = previous.subnetById;
  const base = old instanceof OverlayMap ? (old.base as ReadonlyMap<string, Subnet>) : old;
  const overrides = new Map<string, Subnet>(old instanceof OverlayMap ? (old.overrides as ReadonlyMap<string, Subnet>) : undefined);
  if (overrides.size + changed.length > OVERLAY_LIMIT) return undefined;
  const subnetsByVpc = new Map(previous.subnetsByVpc);
  for (const i of changed) {
    const now = subnets[i]!;
    const was = before[i]!;
    overrides.set(now.id, now);
    const list = subnetsByVpc.get(now.vpcId)!;
    const copy = list === previous.subnetsByVpc.get(now.vpcId) ? list.slice() : (list as Subnet[]);
    const at = copy.indexOf(was);
    if (at === -1) return undefined;
    copy[at] = now;
    subnetsByVpc.set(now.vpcId, copy);
  }
  return { subnetById: new OverlayMap(base, overrides), subnetsByVpc };
}

const indexes = new WeakMap<Plan, PlanIndex>();
/**
 * The index built last: the next plan's index is built from it, so that the fields of
 * objects the two plans share are not read again (the editor asks for reachability and
 * sizing after every edit).
 */
let lastIndex: PlanIndex | undefined;

/**
 * The index of a plan object, built once per object (for callers that hold a plan, not an
 * index: reachability, sizing, the exports).
 */
export function planIndexOf(plan: Plan): PlanIndex {
  let index = indexes.get(plan);
  if (!index) {
    index = indexPlan(plan, lastIndex);
    indexes.set(plan, index);
    lastIndex = index;
  }
  return index;
}

function readList<V extends IpVersion>(texts: readonly string[], version: V | undefined): ReadList<CidrOf<V>> {
  const all = new Array<CidrOf<V> | CidrError>(texts.length);
  const listed: ListedBlock<CidrOf<V>>[] = [];
  const blocks: CidrOf<V>[] = [];
  let errors: FieldError[] | undefined;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const read = readCidrField(text, version) as CidrOf<V> | CidrError;
    all[i] = read;
    if (isCidrError(read)) (errors ??= []).push({ index: i, error: read });
    else {
      listed.push({ block: read, index: i, text });
      blocks.push(read);
    }
  }
  return { read: all, listed, blocks, errors: errors ?? NO_ERRORS };
}

function vpcFields(index: PlanIndex, vpc: Vpc): VpcFields {
  const vpcs = index.cidrs.vpcs;
  let fields = vpcs.get(vpc);
  if (!fields) {
    fields = { v4: vpcReadList(index, vpc.ipv4Cidrs, 4), v6: vpcReadList(index, vpc.ipv6Cidrs, 6) };
    vpcs.set(vpc, fields);
  }
  return fields;
}

/** A VPC's block list read: an empty one or one of a single text is shared by every VPC with the same (the result is never modified). */
function vpcReadList<V extends IpVersion>(index: PlanIndex, texts: readonly string[], version: V): ReadList<CidrOf<V>> {
  if (texts.length === 0) return EMPTY_LIST as ReadList<CidrOf<V>>;
  if (texts.length > 1) return readList(texts, version);
  const singles = index.cidrs.vpcSingles[version] as Map<string, ReadList<CidrOf<V>>>;
  const text = texts[0]!;
  let list = singles.get(text);
  if (!list) {
    if (singles.size > VPC_TEXTS_KEPT) singles.clear();
    list = readList(texts, version);
    singles.set(text, list);
  }
  return list;
}

function vpcList<V extends IpVersion>(index: PlanIndex, vpc: Vpc, version: V): ReadList<CidrOf<V>> {
  const fields = vpcFields(index, vpc);
  return (version === 4 ? fields.v4 : fields.v6) as unknown as ReadList<CidrOf<V>>;
}

/** A VPC's valid blocks of one version, in association order. Do not modify the result. */
export function vpcBlocks<V extends IpVersion>(index: PlanIndex, vpc: Vpc, version: V): readonly CidrOf<V>[] {
  return vpcList(index, vpc, version).blocks;
}

/** A VPC's valid blocks of one version with the place of each in its list (for `field`). Do not modify the result. */
export function vpcBlocksWithField<V extends IpVersion>(index: PlanIndex, vpc: Vpc, version: V): readonly ListedBlock<CidrOf<V>>[] {
  return vpcList(index, vpc, version).listed;
}

/** What each text of a VPC's ipv{version}Cidrs holds, place by place: its block, or why it is not one (an empty text is an 'empty' error). */
export function vpcCidrFields<V extends IpVersion>(index: PlanIndex, vpc: Vpc, version: V): ReadonlyArray<CidrOf<V> | CidrError> {
  return vpcList(index, vpc, version).read;
}

/** The fields of a VPC's ipv{version}Cidrs that are not valid blocks of that version, and why. */
export function vpcFieldErrors(index: PlanIndex, vpc: Vpc, version: IpVersion): readonly FieldError[] {
  return vpcList(index, vpc, version).errors;
}

/** What a subnet field's text holds, read once per text and version; undefined for an empty field (it means "none"). */
function readSubnetText<V extends IpVersion>(index: PlanIndex, text: string | undefined, version: V): CidrOf<V> | CidrError | undefined {
  if (text === undefined || text === '') return undefined;
  const texts = index.cidrs.subnetTexts[version];
  let read = texts.get(text);
  if (read === undefined) {
    // Texts the plan no longer uses pile up over a long editing session: start again past a bound far above any plan's.
    if (texts.size > SUBNET_TEXTS_KEPT) texts.clear();
    read = readCidrField(text, version);
    texts.set(text, read);
  }
  return read as CidrOf<V> | CidrError;
}

function subnetSlot<V extends IpVersion>(index: PlanIndex, subnet: Subnet, version: V): CidrOf<V> | CidrError | undefined {
  return readSubnetText(index, version === 4 ? subnet.ipv4Cidr : subnet.ipv6Cidr, version);
}

/** What a subnet's IPv4 or IPv6 field holds: its block, or why it is not one; undefined when the field is empty. */
export function subnetCidrField<V extends IpVersion>(index: PlanIndex, subnet: Subnet, version: V): CidrOf<V> | CidrError | undefined {
  return subnetSlot(index, subnet, version);
}

/** A subnet's valid IPv4 or IPv6 block, if it has one (syntax is another rule's finding). */
export function subnetBlock<V extends IpVersion>(index: PlanIndex, subnet: Subnet, version: V): CidrOf<V> | undefined {
  const read = subnetSlot(index, subnet, version);
  return read === undefined || isCidrError(read) ? undefined : read;
}

/** Why a subnet's IPv4 or IPv6 field is not a valid block of that version; undefined when it is one, or is empty. */
export function subnetFieldError(index: PlanIndex, subnet: Subnet, version: IpVersion): CidrError | undefined {
  const read = subnetSlot(index, subnet, version);
  return read !== undefined && isCidrError(read) ? read : undefined;
}

/**
 * The blocks of a VPC's subnet list, position by position, kept per list (the index keeps
 * a list while its subnets keep their identity): the per-VPC rules read them this way.
 */
export function subnetListBlocks(index: PlanIndex, subnets: readonly Subnet[]): SubnetListBlocks {
  const lists = index.cidrs.subnetLists;
  let blocks = lists.get(subnets);
  if (!blocks) {
    const v4 = new Array<Ipv4Cidr | undefined>(subnets.length);
    const v6 = new Array<Ipv6Cidr | undefined>(subnets.length);
    for (let k = 0; k < subnets.length; k++) {
      const subnet = subnets[k]!;
      const read4 = readSubnetText(index, subnet.ipv4Cidr, 4);
      const read6 = readSubnetText(index, subnet.ipv6Cidr, 6);
      v4[k] = read4 === undefined || isCidrError(read4) ? undefined : read4;
      v6[k] = read6 === undefined || isCidrError(read6) ? undefined : read6;
    }
    blocks = { v4, v6 };
    lists.set(subnets, blocks);
  }
  return blocks;
}

function tableFields(index: PlanIndex, table: RouteTable | TgwRouteTable): TableFields {
  const tables = index.cidrs.tables;
  let fields = tables.get(table);
  if (!fields) {
    const routes = table.routes;
    const all = new Array<Ipv4Cidr | Ipv6Cidr | CidrError>(routes.length);
    let errors: FieldError[] | undefined;
    const destinations = index.cidrs.destinations;
    // Texts the plan no longer uses pile up over a long editing session: start again past a bound far above any plan's.
    if (destinations.size > DESTINATION_TEXTS_KEPT) destinations.clear();
    for (let i = 0; i < routes.length; i++) {
      const text = routes[i]!.destination;
      let read = destinations.get(text);
      if (read === undefined) {
        read = readCidrField(text);
        destinations.set(text, read);
      }
      all[i] = read;
      if (isCidrError(read)) (errors ??= []).push({ index: i, error: read });
    }
    // Nearly every table reads clean: then its blocks are what it read, one array for both.
    fields = { read: all, blocks: errors ? blocksOf(all) : (all as Array<Ipv4Cidr | Ipv6Cidr>), errors: errors ?? NO_ERRORS };
    tables.set(table, fields);
  }
  return fields;
}

/** What a list read holds, place by place, with undefined where a text is not a valid block. */
function blocksOf(read: ReadonlyArray<Ipv4Cidr | Ipv6Cidr | CidrError>): Array<Ipv4Cidr | Ipv6Cidr | undefined> {
  const blocks = new Array<Ipv4Cidr | Ipv6Cidr | undefined>(read.length);
  for (let i = 0; i < read.length; i++) {
    const one = read[i]!;
    blocks[i] = isCidrError(one) ? undefined : one;
  }
  return blocks;
}

/** The valid destination blocks of a route table's routes (VPC or transit gateway table, either version): blocks[i] is routes[i]'s, undefined where it is not valid. */
export function routeDestinations(index: PlanIndex, table: RouteTable | TgwRouteTable): ReadonlyArray<Ipv4Cidr | Ipv6Cidr | undefined> {
  return tableFields(index, table).blocks;
}

/** What each route's destination holds, place by place: its block, or why it is not one. */
export function routeDestinationFields(index: PlanIndex, table: RouteTable | TgwRouteTable): ReadonlyArray<Ipv4Cidr | Ipv6Cidr | CidrError> {
  return tableFields(index, table).read;
}

/**
 * A route destination read from its text (a route of a derived or resolved table, which
 * has no plan field of its own): read once per text, shared with the tables' destinations.
 * Undefined when the text is not a valid block.
 */
export function routeDestinationBlock(index: PlanIndex, text: string): Ipv4Cidr | Ipv6Cidr | undefined {
  const read = routeDestinationRead(index, text);
  return isCidrError(read) ? undefined : read;
}

/** What a route destination's text holds: its block, or why it is not one (read once per text, as routeDestinationBlock). */
export function routeDestinationRead(index: PlanIndex, text: string): Ipv4Cidr | Ipv6Cidr | CidrError {
  const destinations = index.cidrs.destinations;
  let read = destinations.get(text);
  if (read === undefined) {
    if (destinations.size > DESTINATION_TEXTS_KEPT) destinations.clear();
    read = readCidrField(text);
    destinations.set(text, read);
  }
  return read;
}

/** The routes of a table whose destination is not a valid block, and why. */
export function routeDestinationErrors(index: PlanIndex, table: RouteTable | TgwRouteTable): readonly FieldError[] {
  return tableFields(index, table).errors;
}

function externalFields(index: PlanIndex, network: ExternalNetwork): ReadList<Ipv4Cidr | Ipv6Cidr> {
  const externals = index.cidrs.externals;
  let fields = externals.get(network);
  if (!fields) {
    fields = readList(network.cidrs, undefined) as ReadList<Ipv4Cidr | Ipv6Cidr>;
    externals.set(network, fields);
  }
  return fields;
}

/** An external network's valid blocks (either version), with the place of each in its list. Do not modify the result. */
export function externalBlocks(index: PlanIndex, network: ExternalNetwork): readonly ListedBlock<Ipv4Cidr | Ipv6Cidr>[] {
  return externalFields(index, network).listed;
}

/** The blocks of an external network that are not valid, and why. */
export function externalFieldErrors(index: PlanIndex, network: ExternalNetwork): readonly FieldError[] {
  return externalFields(index, network).errors;
}
