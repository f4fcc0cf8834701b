/**
 * Which VPCs own blocks that overlap a given block, answered without scanning every VPC:
 * blocks that contain it are found by probing each shorter prefix, blocks inside it by a
 * binary search over the blocks sorted by network address.
 */
import { formatCidr, lastAddress, type Cidr, type IpVersion } from '../cidr';
import { vpcBlocks } from '../plan/plan-index';
import { cached, readAllVpcBlocks, type RoutingModel } from './model';

interface Owned {
  block: Cidr;
  vpcId: string;
}

interface Locator {
  byKey: Map<string, Owned[]>;
  sorted: Record<IpVersion, Owned[]>;
}

function locator(model: RoutingModel): Locator {
  return cached(model, 'vpc-block-owners', () => {
    readAllVpcBlocks(model);
    const byKey = new Map<string, Owned[]>();
    const sorted: Record<IpVersion, Owned[]> = { 4: [], 6: [] };
    for (const vpc of model.plan.vpcs) {
      for (const version of [4, 6] as const) {
        for (const block of vpcBlocks(model.index, vpc, version)) {
          const owned = { block, vpcId: vpc.id };
          sorted[version].push(owned);
          const key = formatCidr(block);
          const list = byKey.get(key);
          if (list) list.push(owned);
          else byKey.set(key, [owned]);
        }
      }
    }
    for (const version of [4, 6] as const) sorted[version].sort((a, b) => (a.block.network < b.block.network ? -1 : a.block.network > b.block.network ? 1 : 0));
    return { byKey, sorted };
  });
}

const SIZE = (version: IpVersion, prefix: number): bigint => 1n << BigInt((version === 4 ? 32 : 128) - prefix);

/** Blocks of any VPC that overlap `block` (equal, containing it, or inside it). */
export function vpcBlocksOverlapping(model: RoutingModel, block: Cidr): Array<{ block: Cidr; vpcId: string }> {
  const { byKey, sorted } = locator(model);
  const found: Owned[] = [];
  for (let prefix = 0; prefix < block.prefix; prefix++) {
    const network = block.network - (block.network % SIZE(block.version, prefix));
    const owners = byKey.get(formatCidr({ version: block.version, network, prefix }));
    if (owners) found.push(...owners);
  }
  const list = sorted[block.version];
  const last = lastAddress(block);
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((list[mid] as Owned).block.network < block.network) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < list.length; i++) {
    const owned = list[i] as Owned;
    if (owned.block.network > last) break;
    if (owned.block.prefix >= block.prefix) found.push(owned);
  }
  return found;
}
