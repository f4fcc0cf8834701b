/**
 * Lookups the rules share. Built once per check; the parse cache lives across checks so
 * that re-checking after one edit does not re-parse ten thousand unchanged CIDRs.
 */
import { parseCidr, type Cidr, type CidrResult, type IpVersion } from '../cidr';
import type { Plan, Subnet, Vpc } from '../plan/schema';
import type { PlanIndex } from './types';

/**
 * Builds the index. Given the index of the previous version of the same plan, it reuses
 * what kept its identity (the editor replaces a section's array only when something in it
 * changed): an edit to one subnet patches the subnet lookups instead of rebuilding them,
 * and every other VPC's subnet list keeps its identity, which the runner's caches rely on.
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
    return { plan, vpcById, subnetById: previous.subnetById, subnetsByVpc: previous.subnetsByVpc };
  }
  const patched = previous ? patchSubnets(previous, plan.subnets) : undefined;
  if (patched) return { plan, vpcById, ...patched };
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
  return { plan, vpcById, subnetById, subnetsByVpc };
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

const PARSE_CACHE_LIMIT = 200_000;
const parseCache = new Map<string, CidrResult>();
const parseCacheV4 = new Map<string, CidrResult>();
const parseCacheV6 = new Map<string, CidrResult>();

/**
 * parseCidr, remembered: CIDR text in a plan is re-checked on every edit. With a version,
 * the text is parsed as a field of that version (an IPv4 block in an IPv6 field is a
 * 'version-mismatch' error rather than a valid block).
 */
export function parseCidrCached(text: string, version?: IpVersion): CidrResult {
  const cache = version === undefined ? parseCache : version === 4 ? parseCacheV4 : parseCacheV6;
  let result = cache.get(text);
  if (result === undefined) {
    result = version === undefined ? parseCidr(text) : parseCidr(text, { version });
    if (cache.size >= PARSE_CACHE_LIMIT) cache.clear();
    cache.set(text, result);
  }
  return result;
}

/** The block if the text is a valid CIDR of the wanted version, else undefined (syntax is another rule's finding). */
export function validCidr(text: string | undefined, version?: IpVersion): Cidr | undefined {
  if (text === undefined || text === '') return undefined;
  const result = parseCidrCached(text);
  if (!result.ok) return undefined;
  return version === undefined || result.cidr.version === version ? result.cidr : undefined;
}

interface VpcParsed {
  v4: Array<{ block: Cidr; index: number; text: string }>;
  v6: Array<{ block: Cidr; index: number; text: string }>;
}

/**
 * Parsed blocks by object identity: a plan object is never mutated (the editor replaces
 * it), so its blocks are read once, however many rules and checks ask.
 */
const vpcParsed = new WeakMap<Vpc, VpcParsed>();

function parsedVpc(vpc: Vpc): VpcParsed {
  let parsed = vpcParsed.get(vpc);
  if (!parsed) {
    const read = (texts: readonly string[], version: IpVersion) => {
      const out: Array<{ block: Cidr; index: number; text: string }> = [];
      texts.forEach((text, index) => {
        const block = validCidr(text, version);
        if (block) out.push({ block, index, text });
      });
      return out;
    };
    parsed = { v4: read(vpc.ipv4Cidrs, 4), v6: read(vpc.ipv6Cidrs, 6) };
    vpcParsed.set(vpc, parsed);
  }
  return parsed;
}

/** A VPC's valid blocks of one version, in association order. */
export function vpcBlocks(vpc: Vpc, version: IpVersion): Cidr[] {
  const entries = version === 4 ? parsedVpc(vpc).v4 : parsedVpc(vpc).v6;
  const blocks: Cidr[] = new Array<Cidr>(entries.length);
  for (let i = 0; i < entries.length; i++) blocks[i] = entries[i]!.block;
  return blocks;
}

/** A VPC's valid blocks of one version with the index of the field each came from (for `field`). Do not modify the result. */
export function vpcBlocksWithField(vpc: Vpc, version: IpVersion): ReadonlyArray<{ block: Cidr; index: number; text: string }> {
  return version === 4 ? parsedVpc(vpc).v4 : parsedVpc(vpc).v6;
}

/**
 * A subnet's valid IPv4 or IPv6 block, if it has one. Straight from the parse cache, not
 * memoized per subnet: on a plan just opened, a WeakMap entry per subnet costs more than
 * the cache lookups it saves. (The block is the parse cache's object for the text either way.)
 */
export function subnetBlock(subnet: Subnet, version: IpVersion): Cidr | undefined {
  return validCidr(version === 4 ? subnet.ipv4Cidr : subnet.ipv6Cidr, version);
}

export interface SubnetListBlocks {
  /** v4[k] is subnets[k]'s valid IPv4 block, if any; v6 likewise. */
  v4: ReadonlyArray<Cidr | undefined>;
  v6: ReadonlyArray<Cidr | undefined>;
}

/**
 * The blocks of a VPC's subnet list, read once per list (the index keeps a list while its
 * subnets keep their identity): the per-VPC rules and the syntax check share one parse
 * lookup per field instead of each making their own.
 */
const listBlocks = new WeakMap<readonly Subnet[], SubnetListBlocks>();

export function subnetListBlocks(subnets: readonly Subnet[]): SubnetListBlocks {
  let blocks = listBlocks.get(subnets);
  if (!blocks) {
    const v4 = new Array<Cidr | undefined>(subnets.length);
    const v6 = new Array<Cidr | undefined>(subnets.length);
    for (let k = 0; k < subnets.length; k++) {
      const subnet = subnets[k]!;
      v4[k] = validCidr(subnet.ipv4Cidr, 4);
      v6[k] = validCidr(subnet.ipv6Cidr, 6);
    }
    blocks = { v4, v6 };
    listBlocks.set(subnets, blocks);
  }
  return blocks;
}

/** How an object is called in messages: its name, or its id when it has none. */
export function nameOf(object: { id: string; name: string } | undefined, fallbackId?: string): string {
  if (!object) return fallbackId ?? '(unknown)';
  return object.name.trim() === '' ? object.id : object.name;
}

/** A count as a person writes it: 65,536. (toLocaleString is correct too, but costs a microsecond a call.) */
export function formatCount(n: number | bigint): string {
  const text = String(n);
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  if (digits.length <= 3 || digits.includes('.') || digits.includes('e')) return typeof n === 'number' && digits.includes('.') ? n.toLocaleString('en-US') : text;
  let out = '';
  const head = digits.length % 3;
  if (head > 0) out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += (out === '' ? '' : ',') + digits.slice(i, i + 3);
  return negative ? `-${out}` : out;
}
