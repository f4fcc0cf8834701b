/**
 * Lookups the rules share. Built once per check; the parse cache lives across checks so
 * that re-checking after one edit does not re-parse ten thousand unchanged CIDRs.
 */
import { parseCidr, type Cidr, type CidrResult, type IpVersion } from '../cidr';
import type { Plan, Subnet, Vpc } from '../plan/schema';
import type { PlanIndex } from './types';

export function indexPlan(plan: Plan): PlanIndex {
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) vpcById.set(vpc.id, vpc);
  const subnetById = new Map<string, Subnet>();
  const subnetsByVpc = new Map<string, Subnet[]>();
  for (const subnet of plan.subnets) {
    subnetById.set(subnet.id, subnet);
    const list = subnetsByVpc.get(subnet.vpcId);
    if (list) list.push(subnet);
    else subnetsByVpc.set(subnet.vpcId, [subnet]);
  }
  return { plan, vpcById, subnetById, subnetsByVpc };
}

const PARSE_CACHE_LIMIT = 200_000;
const parseCache = new Map<string, CidrResult>();

/** parseCidr, remembered: CIDR text in a plan is re-checked on every edit. */
export function parseCidrCached(text: string): CidrResult {
  let result = parseCache.get(text);
  if (result === undefined) {
    result = parseCidr(text);
    if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.clear();
    parseCache.set(text, result);
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

/** A VPC's valid blocks of one version, in association order. */
export function vpcBlocks(vpc: Vpc, version: IpVersion): Cidr[] {
  const texts = version === 4 ? vpc.ipv4Cidrs : vpc.ipv6Cidrs;
  const blocks: Cidr[] = [];
  for (const text of texts) {
    const block = validCidr(text, version);
    if (block) blocks.push(block);
  }
  return blocks;
}
