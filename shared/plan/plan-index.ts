/**
 * The plan, indexed: lookups by id and by VPC, and every CIDR field of the plan read once.
 * The checks, routing, sizing and the exports read blocks from here instead of parsing text.
 *
 * A field is read the first time something asks for it and kept in the index. Plan objects
 * are never modified (the editor replaces an object to change it), so what was read from
 * one stays true: the index of the next version of the plan takes over what was read from
 * the objects the two versions share, and after one edit only the replaced objects are read
 * again.
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

/**
 * A subnet field: its block, or why it is not one; undefined when the field is empty (an
 * empty field means "none": the editor clears a field that way); NOT_READ until asked.
 */
const NOT_READ = 0;
type SubnetSlot<C extends Ipv4Cidr | Ipv6Cidr> = C | CidrError | undefined | typeof NOT_READ;

/** What every index of one line of plan versions shares: read fields by the identity of the object that holds them. */
interface SharedFields {
  readonly vpcs: WeakMap<Vpc, VpcFields>;
  /** By subnet list: the index keeps a VPC's list while each of its subnets keeps its identity. */
  readonly subnetLists: WeakMap<readonly Subnet[], SubnetListBlocks>;
  readonly tables: WeakMap<RouteTable | TgwRouteTable, TableFields>;
  readonly externals: WeakMap<ExternalNetwork, ReadList<Ipv4Cidr | Ipv6Cidr>>;
}

/**
 * The read fields of one index. Subnets, by far the most numerous, are kept by position in
 * plan.subnets (a weak-map entry for each of ten thousand subnets costs more than reading
 * them); the rest by object in maps shared with the indexes built from this one. A field is
 * kept as its block or its error, nothing around them: a plan just opened keeps tens of
 * thousands.
 */
export class ReadFields {
  constructor(
    /** Where each subnet id sits in `subnets` (the last place, for an id used twice). */
    readonly subnetAt: ReadonlyMap<string, number>,
    readonly subnets: readonly Subnet[],
    readonly subnetV4: Array<SubnetSlot<Ipv4Cidr>>,
    readonly subnetV6: Array<SubnetSlot<Ipv6Cidr>>,
    readonly shared: SharedFields,
  ) {}
}

/**
 * plan.subnets by id, read through the positions of an earlier index: after subnets were
 * replaced in place the positions stand, and nothing of the size of the plan is copied.
 */
class SubnetsById implements ReadonlyMap<string, Subnet> {
  constructor(
    private readonly at: ReadonlyMap<string, number>,
    private readonly subnets: readonly Subnet[],
  ) {}
  get size(): number {
    return this.at.size;
  }
  get(id: string): Subnet | undefined {
    const k = this.at.get(id);
    return k === undefined ? undefined : this.subnets[k];
  }
  has(id: string): boolean {
    return this.at.has(id);
  }
  forEach(callback: (value: Subnet, key: string, map: ReadonlyMap<string, Subnet>) => void): void {
    for (const [id, k] of this.at) callback(this.subnets[k]!, id, this);
  }
  *entries(): MapIterator<[string, Subnet]> {
    for (const [id, k] of this.at) yield [id, this.subnets[k]!];
  }
  keys(): MapIterator<string> {
    return this.at.keys();
  }
  *values(): MapIterator<Subnet> {
    for (const k of this.at.values()) yield this.subnets[k]!;
  }
  [Symbol.iterator](): MapIterator<[string, Subnet]> {
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
  let vpcById: ReadonlyMap<string, Vpc>;
  if (previous && previous.plan.vpcs === plan.vpcs) vpcById = previous.vpcById;
  else {
    const map = new Map<string, Vpc>();
    for (const vpc of plan.vpcs) map.set(vpc.id, vpc);
    vpcById = map;
  }
  if (previous && previous.plan.subnets === plan.subnets) {
    return { plan, vpcById, subnetById: previous.subnetById, subnetsByVpc: previous.subnetsByVpc, cidrs: previous.cidrs };
  }
  const patched = previous ? patchSubnets(previous, plan.subnets) : undefined;
  if (patched) return { plan, vpcById, ...patched };

  const subnets = plan.subnets;
  // A real map for the lookups (the rules and routing ask it hundreds of thousands of times), and the positions for the read fields.
  const subnetById = new Map<string, Subnet>();
  const subnetAt = new Map<string, number>();
  const subnetsByVpc = new Map<string, Subnet[]>();
  const v4 = new Array<SubnetSlot<Ipv4Cidr>>(subnets.length);
  const v6 = new Array<SubnetSlot<Ipv6Cidr>>(subnets.length);
  const before = previous?.cidrs;
  for (let k = 0; k < subnets.length; k++) {
    const subnet = subnets[k]!;
    subnetById.set(subnet.id, subnet);
    subnetAt.set(subnet.id, k);
    const list = subnetsByVpc.get(subnet.vpcId);
    if (list) list.push(subnet);
    else subnetsByVpc.set(subnet.vpcId, [subnet]);
    // A subnet the previous version held (same object) keeps what was read from it.
    const was = before?.subnetAt.get(subnet.id);
    if (was !== undefined && before!.subnets[was] === subnet) {
      v4[k] = before!.subnetV4[was];
      v6[k] = before!.subnetV6[was];
    } else {
      v4[k] = NOT_READ;
      v6[k] = NOT_READ;
    }
  }
  const shared: SharedFields = before?.shared ?? { vpcs: new WeakMap(), subnetLists: new WeakMap(), tables: new WeakMap(), externals: new WeakMap() };
  return {
    plan, vpcById, subnetById, subnetsByVpc,
    cidrs: new ReadFields(subnetAt, subnets, v4, v6, shared),
  };
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

/**
 * The subnet lookups when subnets were only replaced in place (same ids, same VPCs, same
 * order): the positions stand, the replaced subnets' fields are read again, and only the
 * lists of their VPCs are copied. Undefined when subnets were added, removed or moved.
 */
function patchSubnets(previous: PlanIndex, subnets: readonly Subnet[]): Pick<PlanIndex, 'subnetById' | 'subnetsByVpc' | 'cidrs'> | undefined {
  const before = previous.plan.subnets;
  if (before.length !== subnets.length) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < subnets.length; i++) {
    if (subnets[i] !== before[i]) {
      const now = subnets[i]!;
      const was = before[i]!;
      if (now.id !== was.id || now.vpcId !== was.vpcId) return undefined;
      changed.push(i);
    }
  }
  const old = previous.cidrs;
  const v4 = old.subnetV4.slice();
  const v6 = old.subnetV6.slice();
  const subnetsByVpc = new Map(previous.subnetsByVpc);
  for (const i of changed) {
    const now = subnets[i]!;
    const was = before[i]!;
    v4[i] = NOT_READ;
    v6[i] = NOT_READ;
    const list = subnetsByVpc.get(now.vpcId)!;
    const copy = list === previous.subnetsByVpc.get(now.vpcId) ? list.slice() : (list as Subnet[]);
    const at = copy.indexOf(was);
    if (at === -1) return undefined;
    copy[at] = now;
    subnetsByVpc.set(now.vpcId, copy);
  }
  return {
    subnetById: new SubnetsById(old.subnetAt, subnets),
    subnetsByVpc,
    cidrs: new ReadFields(old.subnetAt, subnets, v4, v6, old.shared),
  };
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
  const vpcs = index.cidrs.shared.vpcs;
  let fields = vpcs.get(vpc);
  if (!fields) {
    fields = { v4: readList(vpc.ipv4Cidrs, 4), v6: readList(vpc.ipv6Cidrs, 6) };
    vpcs.set(vpc, fields);
  }
  return fields;
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

function subnetSlot<V extends IpVersion>(index: PlanIndex, subnet: Subnet, version: V): CidrOf<V> | CidrError | undefined {
  const fields = index.cidrs;
  const text = version === 4 ? subnet.ipv4Cidr : subnet.ipv6Cidr;
  const k = fields.subnetAt.get(subnet.id);
  // A subnet this plan does not hold at that id (a duplicate id, or a stray object) is read but not kept.
  if (k === undefined || fields.subnets[k] !== subnet) return text === undefined || text === '' ? undefined : readCidrField(text, version) as CidrOf<V> | CidrError;
  const slots = (version === 4 ? fields.subnetV4 : fields.subnetV6) as Array<SubnetSlot<CidrOf<V>>>;
  let slot = slots[k] as SubnetSlot<CidrOf<V>>;
  if (slot === NOT_READ) {
    slot = text === undefined || text === '' ? undefined : readCidrField(text, version) as CidrOf<V> | CidrError;
    slots[k] = slot;
  }
  return slot;
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
  const lists = index.cidrs.shared.subnetLists;
  let blocks = lists.get(subnets);
  if (!blocks) {
    const v4 = new Array<Ipv4Cidr | undefined>(subnets.length);
    const v6 = new Array<Ipv6Cidr | undefined>(subnets.length);
    for (let k = 0; k < subnets.length; k++) {
      v4[k] = subnetBlock(index, subnets[k]!, 4);
      v6[k] = subnetBlock(index, subnets[k]!, 6);
    }
    blocks = { v4, v6 };
    lists.set(subnets, blocks);
  }
  return blocks;
}

function tableFields(index: PlanIndex, table: RouteTable | TgwRouteTable): TableFields {
  const tables = index.cidrs.shared.tables;
  let fields = tables.get(table);
  if (!fields) {
    const routes = table.routes;
    const all = new Array<Ipv4Cidr | Ipv6Cidr | CidrError>(routes.length);
    const blocks = new Array<Ipv4Cidr | Ipv6Cidr | undefined>(routes.length);
    let errors: FieldError[] | undefined;
    for (let i = 0; i < routes.length; i++) {
      const read = readCidrField(routes[i]!.destination);
      all[i] = read;
      if (isCidrError(read)) {
        blocks[i] = undefined;
        (errors ??= []).push({ index: i, error: read });
      } else {
        blocks[i] = read;
      }
    }
    fields = { read: all, blocks, errors: errors ?? NO_ERRORS };
    tables.set(table, fields);
  }
  return fields;
}

/** The valid destination blocks of a route table's routes (VPC or transit gateway table, either version): blocks[i] is routes[i]'s, undefined where it is not valid. */
export function routeDestinations(index: PlanIndex, table: RouteTable | TgwRouteTable): ReadonlyArray<Ipv4Cidr | Ipv6Cidr | undefined> {
  return tableFields(index, table).blocks;
}

/** What each route's destination holds, place by place: its block, or why it is not one. */
export function routeDestinationFields(index: PlanIndex, table: RouteTable | TgwRouteTable): ReadonlyArray<Ipv4Cidr | Ipv6Cidr | CidrError> {
  return tableFields(index, table).read;
}

/** The routes of a table whose destination is not a valid block, and why. */
export function routeDestinationErrors(index: PlanIndex, table: RouteTable | TgwRouteTable): readonly FieldError[] {
  return tableFields(index, table).errors;
}

function externalFields(index: PlanIndex, network: ExternalNetwork): ReadList<Ipv4Cidr | Ipv6Cidr> {
  const externals = index.cidrs.shared.externals;
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
