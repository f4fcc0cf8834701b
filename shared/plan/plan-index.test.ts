import { describe, expect, it } from 'vitest';
import { cidr, formatCidr, isCidrError } from '../cidr';
import {
  externalBlocks,
  externalFieldErrors,
  indexPlan,
  routeDestinationErrors,
  routeDestinationFields,
  routeDestinations,
  subnetBlock,
  subnetCidrField,
  subnetFieldError,
  subnetListBlocks,
  vpcBlocks,
  vpcBlocksWithField,
  vpcCidrFields,
  vpcFieldErrors,
} from './plan-index';
import type { Plan, Subnet } from './schema';
import { buildPlan } from './test-fixtures';

function samplePlan(): Plan {
  return buildPlan({
    vpcs: [
      { id: 'vpc-a', name: 'a', ipv4Cidrs: ['10.0.0.0/16', '10.1.0.1/16', ''], ipv6Cidrs: ['2001:db8::/56', '10.9.0.0/16'] },
      { id: 'vpc-b', name: 'b', ipv4Cidrs: ['10.2.0.0/16'] },
    ],
    subnets: [
      { id: 'sn-1', name: 'one', vpcId: 'vpc-a', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.1.0/24', ipv6Cidr: '2001:db8:0:1::/64' },
      { id: 'sn-2', name: 'two', vpcId: 'vpc-a', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.2.0/33' },
      { id: 'sn-3', name: 'three', vpcId: 'vpc-b', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '', ipv6Cidr: '2001:db8:1::/64' },
    ],
    routeTables: [
      {
        id: 'rt-a',
        name: 'rt',
        vpcId: 'vpc-a',
        routes: [
          { destination: '0.0.0.0/0', target: 'internet-gateway', targetId: 'igw' },
          { destination: '10.2.0.0/16x', target: 'peering', targetId: 'pcx' },
          { destination: '::/0', target: 'egress-only-gateway', targetId: 'eigw' },
        ],
      },
    ],
    externalNetworks: [{ id: 'dc', name: 'dc', kind: 'on-premises', cidrs: ['192.168.0.0/16', 'fd00::/8', 'nope'] }],
  });
}

const texts = (blocks: ReadonlyArray<{ version: 4 | 6; network: bigint; prefix: number } | undefined>) => blocks.map((b) => (b ? formatCidr(b) : undefined));

describe('the plan index reads every CIDR field once', () => {
  it("reads a VPC's block lists by version, place by place, with the errors apart", () => {
    const plan = samplePlan();
    const index = indexPlan(plan);
    const vpc = plan.vpcs[0]!;
    expect(texts(vpcBlocks(index, vpc, 4))).toEqual(['10.0.0.0/16']);
    expect(vpcBlocksWithField(index, vpc, 6).map((b) => [b.index, b.text])).toEqual([[0, '2001:db8::/56']]);
    expect(vpcFieldErrors(index, vpc, 4).map((e) => [e.index, e.error.code])).toEqual([
      [1, 'host-bits-set'],
      [2, 'empty'],
    ]);
    // An IPv4 block in the IPv6 list is the field's error, not a block of the other version.
    expect(vpcFieldErrors(index, vpc, 6).map((e) => [e.index, e.error.code])).toEqual([[1, 'version-mismatch']]);
    expect(vpcCidrFields(index, vpc, 4).map((read) => (isCidrError(read) ? read.code : formatCidr(read)))).toEqual(['10.0.0.0/16', 'host-bits-set', 'empty']);
  });

  it("reads a subnet's fields, an empty one as none", () => {
    const plan = samplePlan();
    const index = indexPlan(plan);
    const [one, two, three] = plan.subnets as [Subnet, Subnet, Subnet];
    expect(formatCidr(subnetBlock(index, one, 6)!)).toBe('2001:db8:0:1::/64');
    expect(subnetBlock(index, two, 4)).toBeUndefined();
    expect(subnetFieldError(index, two, 4)?.code).toBe('prefix-out-of-range');
    expect(subnetCidrField(index, three, 4)).toBeUndefined();
    expect(subnetFieldError(index, three, 4)).toBeUndefined();
    expect(texts(subnetListBlocks(index, index.subnetsByVpc.get('vpc-a')!).v4)).toEqual(['10.0.1.0/24', undefined]);
  });

  it('reads route destinations and external blocks of either version', () => {
    const plan = samplePlan();
    const index = indexPlan(plan);
    const table = plan.routeTables[0]!;
    expect(texts(routeDestinations(index, table))).toEqual(['0.0.0.0/0', undefined, '::/0']);
    expect(routeDestinationErrors(index, table).map((e) => [e.index, e.error.code])).toEqual([[1, 'trailing-junk']]);
    expect(routeDestinationFields(index, table)).toHaveLength(3);
    const dc = plan.externalNetworks[0]!;
    expect(externalBlocks(index, dc).map((b) => b.text)).toEqual(['192.168.0.0/16', 'fd00::/8']);
    expect(externalFieldErrors(index, dc).map((e) => e.index)).toEqual([2]);
  });

  it('gives the same block every time it is asked: read once, not parsed again', () => {
    const plan = samplePlan();
    const index = indexPlan(plan);
    const subnet = plan.subnets[0]!;
    expect(subnetBlock(index, subnet, 4)).toBe(subnetBlock(index, subnet, 4));
    expect(vpcBlocks(index, plan.vpcs[0]!, 4)).toBe(vpcBlocks(index, plan.vpcs[0]!, 4));
    expect(routeDestinations(index, plan.routeTables[0]!)).toBe(routeDestinations(index, plan.routeTables[0]!));
  });

  it('hands what was read to the index of the next version: only the replaced subnet is read again', () => {
    const plan = samplePlan();
    const before = indexPlan(plan);
    const [one, two] = plan.subnets as [Subnet, Subnet];
    const firstRead = subnetBlock(before, one, 4);
    const listB = before.subnetsByVpc.get('vpc-b');
    const edited: Plan = { ...plan, subnets: plan.subnets.map((s) => (s === two ? { ...s, ipv4Cidr: '10.0.2.0/24' } : s)) };
    const after = indexPlan(edited, before);
    expect(subnetBlock(after, one, 4)).toBe(firstRead);
    expect(formatCidr(subnetBlock(after, edited.subnets[1]!, 4)!)).toBe('10.0.2.0/24');
    // The untouched VPC keeps its list, and the index answers for the new subnet object.
    expect(after.subnetsByVpc.get('vpc-b')).toBe(listB);
    expect(after.subnetById.get('sn-2')).toBe(edited.subnets[1]);
    expect([...after.subnetById.keys()]).toEqual(['sn-1', 'sn-2', 'sn-3']);
    // The previous index still answers for its own plan.
    expect(subnetBlock(before, two, 4)).toBeUndefined();
  });

  it('rebuilds when subnets are added, keeping what was read from the ones kept', () => {
    const plan = samplePlan();
    const before = indexPlan(plan);
    const one = plan.subnets[0]!;
    const firstRead = subnetBlock(before, one, 6);
    const added = { ...one, id: 'sn-4', ipv4Cidr: '10.0.4.0/24' };
    const grown: Plan = { ...plan, subnets: [added, ...plan.subnets] };
    const after = indexPlan(grown, before);
    expect(subnetBlock(after, one, 6)).toBe(firstRead);
    expect(formatCidr(subnetBlock(after, added, 4)!)).toBe('10.0.4.0/24');
    expect(after.subnetById.get('sn-4')).toBe(added);
  });

  it('reads a subnet the plan does not hold at its id (a duplicate id) without mixing it up', () => {
    const plan = samplePlan();
    const twin = { ...plan.subnets[0]!, ipv4Cidr: '10.0.9.0/24' };
    const doubled: Plan = { ...plan, subnets: [twin, ...plan.subnets] };
    const index = indexPlan(doubled);
    expect(formatCidr(subnetBlock(index, twin, 4)!)).toBe('10.0.9.0/24');
    expect(formatCidr(subnetBlock(index, plan.subnets[0]!, 4)!)).toBe('10.0.1.0/24');
    expect(cidr('10.0.1.0/24')).toEqual(subnetBlock(index, plan.subnets[0]!, 4));
  });
});
