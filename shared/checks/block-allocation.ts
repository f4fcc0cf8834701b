/**
 * One free-space allocation for every block the findings of one check run propose, across
 * every rule that proposes one (subnet/overlap, subnet/outside-vpc, sizing/subnet-too-small,
 * the network overlaps): a block handed out counts as used for every later proposal, so two
 * suggestions made together never collide, and asking twice for one thing gives one answer.
 *
 * Blocks live in address spaces that cannot meet, so the allocation keeps one ledger per space:
 * - a VPC's subnets (per IP version): proposals lie inside that VPC's blocks and avoid its
 *   other subnets (docs/network-rules.md#aws-subnets: a subnet is inside its VPC's blocks and
 *   overlaps no other subnet of the VPC). Subnets of different VPCs may share addresses;
 * - the networks (IPv4): a new VPC block avoids every VPC block and on-premises or other-cloud
 *   range in the plan, and the Docker bridge range (docs/network-rules.md#aws-vpc-ipv4-blocks).
 * A network proposal overlaps no VPC block in use, and every subnet proposal lies inside one,
 * so the two never meet. A VPC's ledger reads only that VPC and its subnets, which keeps the
 * per-VPC findings (cached by the runner while the VPC and its subnets keep their identity)
 * the same whether the run checked one VPC or all of them.
 *
 * The network ledger is one free-space computation (shared/cidr FreeBlocks) over the plan's
 * blocks, made on first need and handed out from after that: a thousand VPCs sharing one
 * block get their suggestions (the network overlap rule's groups) for one pass over the
 * plan, not one pass per suggestion. It is the only allocator of new VPC blocks for findings.
 *
 * The allocation belongs to one PlanIndex, which the runner builds once per check run.
 */
import { cidr, formatCidr, FreeBlocks, nextFreeBlock, type Cidr, type IpVersion } from '../cidr';
import type { Subnet, Vpc } from '../plan/schema';
import { externalBlocks, subnetListBlocks, vpcBlocks } from '../plan/plan-index';
import type { PlanIndex } from './types';

/** The first free block of `prefix` in any of `blocks`, given the used blocks. */
export function firstFreeBlock(blocks: readonly Cidr[], used: readonly Cidr[], prefix: number): Cidr | undefined {
  for (const block of blocks) {
    if (prefix < block.prefix) continue;
    const free = nextFreeBlock(block, used as Cidr[], prefix);
    if (free) return free;
  }
  return undefined;
}

/** The proposals for one VPC's subnets of one IP version. */
export class SubnetSpace {
  private readonly given = new Map<Subnet, Map<number, Cidr | undefined>>();
  private readonly taken: Cidr[] = [];
  private readonly blocks: readonly Cidr[];
  private readonly subnets: readonly Subnet[];
  private readonly used: ReadonlyArray<Cidr | undefined>;

  constructor(index: PlanIndex, vpc: Vpc, subnets: readonly Subnet[], version: IpVersion) {
    this.blocks = vpcBlocks(index, vpc, version);
    this.subnets = subnets;
    const listed = subnetListBlocks(index, subnets);
    this.used = version === 4 ? listed.v4 : listed.v6;
  }

  /**
   * A free block of `prefix` in the VPC for `subnet`, which gives up its own block: every
   * other subnet's block and every block handed out before stay used. Undefined when none is free.
   */
  blockFor(subnet: Subnet, prefix: number): Cidr | undefined {
    let bySize = this.given.get(subnet);
    if (bySize?.has(prefix)) return bySize.get(prefix);
    const others: Cidr[] = [];
    // By identity, not text: two subnets with the same text share one parsed block.
    for (let k = 0; k < this.subnets.length; k++) {
      const block = this.used[k];
      if (block && this.subnets[k] !== subnet) others.push(block);
    }
    for (const t of this.taken) others.push(t);
    const free = firstFreeBlock(this.blocks, others, prefix);
    if (!bySize) {
      bySize = new Map();
      this.given.set(subnet, bySize);
    }
    bySize.set(prefix, free);
    if (free) this.taken.push(free);
    return free;
  }
}

/** RFC 1918 private space, ascending: where new VPC blocks are looked for (docs/network-rules.md#aws-vpc-ipv4-blocks). */
export const PRIVATE_POOLS: readonly Cidr[] = [cidr('10.0.0.0/8'), cidr('172.16.0.0/12'), cidr('192.168.0.0/16')];
/** Allowed in a VPC but advised against (docs/network-rules.md#aws-vpc-ipv4-blocks): never proposed. */
const DOCKER_BRIDGE = cidr('172.17.0.0/16');
/** How many refused candidates a proposal skips per private range before trying the next (a VPC's own rules refusing a range). */
const MAX_CANDIDATES = 64;

/** How a VPC block is asked for. */
export interface NetworkRequest {
  /** May refuse a candidate (e.g. a range the VPC's other blocks rule out); the next free one is tried. */
  accept?: (candidate: Cidr) => boolean;
  /**
   * Look in the private range the block is in first, then in the others (one VPC moved by a
   * fix keeps to its range); otherwise the ranges are taken in order, 10/8 first (a group's
   * suggestions, which may need more blocks than one range holds).
   */
  homeFirst?: boolean;
  /**
   * What the answer is remembered for: asked again in the same scope (a finding's words and
   * its fix), the same block; another scope (another finding) gets a block of its own.
   */
  scope?: object;
}

/** The proposals for VPC IPv4 blocks: free across the plan, from one free-space computation. */
export class NetworkSpace {
  private readonly given = new WeakMap<object, Map<string, Cidr | undefined>>();
  private readonly free: FreeBlocks;

  constructor(index: PlanIndex) {
    const used: Cidr[] = [DOCKER_BRIDGE];
    for (const vpc of index.plan.vpcs) for (const block of vpcBlocks(index, vpc, 4)) used.push(block);
    for (const network of index.plan.externalNetworks) {
      for (const { block } of externalBlocks(index, network)) if (block.version === 4) used.push(block);
    }
    this.free = new FreeBlocks(PRIVATE_POOLS, used);
  }

  /**
   * A block the size of `block` for VPC `vpcId` to use instead, in the private ranges,
   * overlapping nothing in the plan nor anything handed out before (see NetworkRequest).
   */
  blockFor(vpcId: string, block: Cidr, request: NetworkRequest = {}): Cidr | undefined {
    const scope = request.scope ?? this;
    let given = this.given.get(scope);
    if (!given) {
      given = new Map();
      this.given.set(scope, given);
    }
    const key = `${vpcId}|${formatCidr(block)}`;
    if (given.has(key)) return given.get(key);
    let free: Cidr | undefined;
    if (block.version === 4 && block.prefix >= 8) {
      const home = request.homeFirst ? this.free.poolHolding(block) : undefined;
      const order = home === undefined ? undefined : [home, ...PRIVATE_POOLS.map((_, p) => p).filter((p) => p !== home)];
      free = request.accept || order ? this.free.takeWhere(block.prefix, request.accept ?? (() => true), MAX_CANDIDATES, order) : this.free.take(block.prefix);
    }
    given.set(key, free);
    return free;
  }

  /** How many more blocks of `/prefix` could be handed out. */
  count(prefix: number): number {
    return this.free.count(prefix);
  }
}

/** The ledgers of one check run. */
export class BlockAllocation {
  private readonly subnetSpaces = new Map<string, SubnetSpace>();
  private networkSpace: NetworkSpace | undefined;

  constructor(private readonly index: PlanIndex) {}

  /** The ledger of `vpc`'s subnets of one version. */
  subnets(vpc: Vpc, version: IpVersion): SubnetSpace {
    const key = `${version}|${vpc.id}`;
    let space = this.subnetSpaces.get(key);
    if (!space) {
      space = new SubnetSpace(this.index, vpc, this.index.subnetsByVpc.get(vpc.id) ?? [], version);
      this.subnetSpaces.set(key, space);
    }
    return space;
  }

  /** The ledger of VPC blocks. */
  networks(): NetworkSpace {
    this.networkSpace ??= new NetworkSpace(this.index);
    return this.networkSpace;
  }
}

const allocations = new WeakMap<PlanIndex, BlockAllocation>();

/** The allocation of the check run `index` belongs to. */
export function blockAllocation(index: PlanIndex): BlockAllocation {
  let allocation = allocations.get(index);
  if (!allocation) {
    allocation = new BlockAllocation(index);
    allocations.set(index, allocation);
  }
  return allocation;
}
