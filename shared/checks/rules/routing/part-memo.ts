/**
 * Findings of one part of the plan (a route table, a VPC's subnets, a transit gateway
 * attachment), kept across checks while what they were computed from keeps its identity:
 * the rule's plan sections other than subnets (any change there drops every part), the
 * part's own object, and the subnets the computation read (recorded by ./model's
 * `subnetOf`/`subnetsOf`, by VPC: the plan index replaces a VPC's subnet list when one of
 * its subnets changes, and every list when a subnet is added, removed or moved).
 *
 * The routing rules stay plan rules (they re-run on every subnet edit), but each run
 * re-computes only the parts an edit touched: one subnet edit costs one VPC, not the plan.
 * The same goes for the other sections read through the model's lookups (gateways, route
 * tables, peerings, transit gateways, external networks): a part records the lookups it
 * read and is reused while they give the same objects. The VPCs are compared by ids and
 * blocks (vpcShape), their names part by part.
 */
import type { Finding } from '../../types';
import type { Plan } from '../../../plan/schema';
import {
  LOOKUP_SECTIONS,
  SECTION_OF_LOOKUP,
  sameLookupValue,
  vpcReadIds,
  vpcShape,
  withReads,
  type LookupName,
  type RoutingModel,
  type TrackedMap,
} from '../../../routing/model';

/** One bit per section, and one for the NAT map. */
const NAT_MAP_BIT = 1 << LOOKUP_SECTIONS.length;
const LOOKUP_BIT = Object.fromEntries(
  Object.entries(SECTION_OF_LOOKUP).map(([lookup, section]) => [lookup, section === undefined ? NAT_MAP_BIT : 1 << LOOKUP_SECTIONS.indexOf(section)]),
) as Record<LookupName, number>;

/** The sections (bits) a part's lookups come from. */
function lookupBits(lookups: readonly unknown[] | undefined): number {
  let bits = 0;
  if (lookups) for (let i = 0; i < lookups.length; i += 3) bits |= LOOKUP_BIT[lookups[i] as LookupName];
  return bits;
}

/** Off while a one-shot check runs (see withoutKeeping). */
let keeping = true;

/**
 * Runs a check that nothing will follow (checkPlan): the memos keep no part and record no read,
 * and the incremental checker's parts are left as they were. A part's reads, kept for
 * thousands of parts, are most of what a large plan's check allocates.
 */
export function withoutKeeping<T>(run: () => T): T {
  const was = keeping;
  keeping = false;
  try {
    return run();
  } finally {
    keeping = was;
  }
}

/** Whether the memos keep parts (false during a one-shot check). */
export function keepingParts(): boolean {
  return keeping;
}

interface Part<V> {
  /** The subnet lists read, with what they were, and the subnets found missing. */
  vpcIds: string[];
  lists: unknown[];
  missing: string[] | undefined;
  /** The VPCs whose names the findings print, with the names they had. */
  names: Array<[string, string | undefined]> | undefined;
  /** Lookups read: [lookup, key, value] triples (see SubnetReads.lookups), and the sections they come from (LOOKUP_BIT). */
  lookups: unknown[] | undefined;
  lookupBits: number;
  /** VPCs whose blocks were read, with their block lists then; and, when every VPC's were, their shape then. */
  blocks: Array<[string, unknown, unknown]> | undefined;
  shape: object | undefined;
  value: V;
  /** The check that last used the part (stale parts are dropped now and then). */
  used: number;
}

/**
 * Values computed per part (`V`), kept while the part's reads hold. PartMemo keeps findings;
 * a rule can keep something else per part (what it reads of a VPC's routing, say) with this.
 */
export class ValueMemo<K extends object, V> {
  private sections: unknown[] = [];
  private lookupSections: unknown[] = [];
  /** The sections (LOOKUP_BIT) that changed since the previous check. */
  private changedBits = -1;
  /** The plan's VPCs and subnets are the same arrays as at the previous check: no name, block or subnet list changed. */
  private vpcsSame = false;
  private subnetsSame = false;
  private lastVpcs: unknown;
  private lastSubnets: unknown;
  private natMap: unknown;
  private natMapSeenAt = -1;
  private parts = new Map<K, Part<V>>();
  private checks = 0;
  private usedLastCheck = 0;
  private usedThisCheck = 0;

  /** @param reads the plan sections the parts depend on, besides subnets and the part's own object. */
  constructor(private readonly reads: ReadonlyArray<keyof Plan>) {}

  /**
   * Drops every part when one of the sections changed, and the parts no longer in the plan
   * now and then; call once per check. The VPCs count as changed only when their ids or
   * blocks do (vpcShape): a rename is caught part by part, by the names each part printed.
   */
  begin(plan: Plan): void {
    if (!keeping) return;
    let same = this.sections.length === this.reads.length;
    for (let i = 0; same && i < this.reads.length; i++) same = this.sections[i] === sectionOf(plan, this.reads[i]!);
    const lookupSections = LOOKUP_SECTIONS.map((name) => plan[name]);
    this.changedBits = 0;
    lookupSections.forEach((section, i) => {
      if (section !== this.lookupSections[i]) this.changedBits |= 1 << i;
    });
    this.lookupSections = lookupSections;
    this.vpcsSame = plan.vpcs === this.lastVpcs;
    this.subnetsSame = plan.subnets === this.lastSubnets;
    this.lastVpcs = plan.vpcs;
    this.lastSubnets = plan.subnets;
    this.checks++;
    this.usedLastCheck = this.usedThisCheck;
    this.usedThisCheck = 0;
    if (!same) {
      this.sections = this.reads.map((name) => sectionOf(plan, name));
      this.parts = new Map();
    } else if (this.parts.size > 2 * this.usedLastCheck + 64) {
      for (const [key, part] of this.parts) if (part.used < this.checks - 1) this.parts.delete(key);
    }
  }

  /** The part's value: remembered while its reads are unchanged, else computed by `compute(model, key)`. */
  get(model: RoutingModel, key: K, compute: (model: RoutingModel, key: K) => V): V {
    if (!keeping) return compute(model, key);
    const { subnetsByVpc, subnetById } = model.index;
    this.usedThisCheck++;
    if (this.natMapSeenAt !== this.checks) {
      this.natMapSeenAt = this.checks;
      if (model.natGatewaysByVpc !== this.natMap) {
        this.changedBits |= NAT_MAP_BIT;
      }
      this.natMap = model.natGatewaysByVpc;
    }
    const part = this.parts.get(key);
    if (part && this.holds(model, part)) {
      part.used = this.checks;
      return part.value;
    }
    const { value, reads } = withReads(model, () => compute(model, key));
    const vpcIds = vpcReadIds(reads);
    const names = reads.names && [...reads.names].map((id): [string, string | undefined] => [id, model.index.vpcById.get(id)?.name]);
    const blocks =
      reads.blocks &&
      [...reads.blocks].map((id): [string, unknown, unknown] => {
        const vpc = model.index.vpcById.get(id);
        return [id, vpc?.ipv4Cidrs, vpc?.ipv6Cidrs];
      });
    this.parts.set(key, {
      vpcIds,
      lists: vpcIds.map((id) => subnetsByVpc.get(id)),
      missing: reads.missing && [...reads.missing],
      names,
      lookups: reads.lookups,
      lookupBits: lookupBits(reads.lookups),
      blocks,
      shape: reads.allBlocks ? vpcShape(model.plan.vpcs) : undefined,
      value,
      used: this.checks,
    });
    return value;
  }

  /**
   * Whether what the part read still holds. A part that held at the previous check needs
   * only the reads of what changed since: the subnet lists when the subnets did, names and
   * blocks when the VPCs did, lookups when their sections did.
   */
  private holds(model: RoutingModel, part: Part<V>): boolean {
    const recent = part.used === this.checks - 1;
    const { subnetsByVpc, subnetById, vpcById } = model.index;
    if (!(recent && this.subnetsSame)) {
      for (let i = 0; i < part.vpcIds.length; i++) if (subnetsByVpc.get(part.vpcIds[i]!) !== part.lists[i]) return false;
      if (part.missing && !part.missing.every((id) => subnetById.get(id) === undefined)) return false;
    }
    if (!(recent && this.vpcsSame)) {
      if (part.names && !part.names.every(([id, name]) => vpcById.get(id)?.name === name)) return false;
      if (part.blocks && !part.blocks.every(([id, v4, v6]) => vpcById.get(id)?.ipv4Cidrs === v4 && vpcById.get(id)?.ipv6Cidrs === v6)) return false;
      if (part.shape && part.shape !== vpcShape(model.plan.vpcs)) return false;
    }
    // A part that held last time holds while none of the sections its lookups come from changed.
    return !part.lookups || (recent && (part.lookupBits & this.changedBits) === 0) || lookupsHold(model, part.lookups);
  }
}

/** `F`: the findings of the rule that keeps the memo. */
export class PartMemo<K extends object, F extends Finding = Finding> extends ValueMemo<K, F[]> {
  /** The part's findings: remembered while its reads are unchanged, else computed by `check(model, key)`. */
  findings(model: RoutingModel, key: K, check: (model: RoutingModel, key: K) => F[]): F[] {
    return this.get(model, key, check);
  }
}

/** A section as the memo compares it: the VPCs by their shape (ids and blocks), the rest by identity. */
function sectionOf(plan: Plan, name: keyof Plan): unknown {
  return name === 'vpcs' ? vpcShape(plan.vpcs) : plan[name];
}

/** Whether every lookup a part read still gives what it gave. */
function lookupsHold(model: RoutingModel, lookups: readonly unknown[]): boolean {
  for (let i = 0; i < lookups.length; i += 3) {
    const map = model[lookups[i] as LookupName] as TrackedMap<unknown>;
    if (!sameLookupValue(lookups[i + 2], map.peek(lookups[i + 1] as string))) return false;
  }
  return true;
}
