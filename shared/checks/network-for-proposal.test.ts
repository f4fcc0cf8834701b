import { describe, expect, it } from 'vitest';
import { checkPlan } from './index';
import { planWith } from './fixture';
import type { Plan } from '../plan/schema';
import { networkForProposal, proposeVpc, type SizingProposal, type SizingRequest, type TierRequest } from '../sizing';

const THREE_TIERS: TierRequest[] = [
  { name: 'public', tier: 'public', hostsPerSubnet: 50 },
  { name: 'app', tier: 'private', hostsPerSubnet: 500 },
  { name: 'data', tier: 'isolated', hostsPerSubnet: 100 },
];

function propose(tiers: TierRequest[], extra: Partial<SizingRequest> = {}): SizingProposal {
  const result = proposeVpc({ region: 'us-east-1', azs: 3, tiers, growthPercent: 50, ipv6: false, avoid: [], ...extra });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

function build(proposal: SizingProposal) {
  const counters = new Map<string, number>();
  const subnetIds = proposal.subnets.map((_, i) => `subnet-${i}`);
  const network = networkForProposal(proposal, {
    vpcId: 'vpc-1',
    vpcName: 'shop',
    subnetIds,
    newId: (kind) => {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      return `${kind}-${n}`;
    },
  });
  const plan: Plan = planWith({
    vpcs: [{ id: 'vpc-1', name: 'shop', region: 'us-east-1', ipv4Cidrs: [proposal.vpcCidr], ipv6Cidrs: proposal.vpcIpv6Cidr ? [proposal.vpcIpv6Cidr] : [] }],
    subnets: proposal.subnets.map((s, i) => ({
      id: subnetIds[i]!,
      name: `${s.tierName}-${s.az.slice(-1)}`,
      vpcId: 'vpc-1',
      availabilityZone: s.az,
      tier: s.tier,
      ipv4Cidr: s.cidr,
      ...(s.ipv6Cidr ? { ipv6Cidr: s.ipv6Cidr } : {}),
      routeTableId: network.subnetRouteTableIds[i]!,
    })),
    internetGateways: network.internetGateways,
    egressOnlyGateways: network.egressOnlyGateways,
    natGateways: network.natGateways,
    routeTables: network.routeTables,
  });
  return { network, plan, subnetIds };
}

const tableOf = (plan: Plan, subnetId: string) => {
  const id = plan.subnets.find((s) => s.id === subnetId)!.routeTableId;
  return plan.routeTables.find((t) => t.id === id)!;
};
const routes = (plan: Plan, subnetId: string) =>
  tableOf(plan, subnetId).routes.map((r) => `${r.destination} -> ${r.target}${r.targetId ? ` ${r.targetId}` : ''}`);
const serious = (plan: Plan) => checkPlan(plan).filter((f) => f.severity !== 'info');

describe('networkForProposal', () => {
  it('gives 3 AZ x 3 tiers an internet gateway, a NAT gateway per AZ and public, per-AZ private and isolated tables, and the checks find nothing wrong', () => {
    const proposal = propose(THREE_TIERS);
    const { network, plan } = build(proposal);
    expect(network.internetGateways).toEqual([{ id: 'igw-1', name: 'shop-igw', vpcId: 'vpc-1' }]);
    expect(network.egressOnlyGateways).toEqual([]);
    expect(network.natGateways).toHaveLength(3);
    for (const nat of network.natGateways) {
      const host = plan.subnets.find((s) => s.id === nat.subnetId)!;
      expect(host.tier).toBe('public');
      expect(nat).toMatchObject({ connectivity: 'public', addresses: 1, name: `shop-nat-${host.availabilityZone.slice(-1)}` });
    }
    expect(new Set(network.natGateways.map((n) => plan.subnets.find((s) => s.id === n.subnetId)!.availabilityZone)).size).toBe(3);
    expect(network.routeTables.map((t) => t.name)).toEqual(['shop-public', 'shop-private-a', 'shop-private-b', 'shop-private-c', 'shop-isolated']);

    for (const subnet of plan.subnets) {
      const r = routes(plan, subnet.id);
      if (subnet.tier === 'public') expect(r).toEqual([`${proposal.vpcCidr} -> local`, '0.0.0.0/0 -> internet-gateway igw-1']);
      if (subnet.tier === 'isolated') expect(r).toEqual([`${proposal.vpcCidr} -> local`]);
      if (subnet.tier === 'private') {
        const nat = network.natGateways.find((n) => plan.subnets.find((s) => s.id === n.subnetId)!.availabilityZone === subnet.availabilityZone)!;
        expect(r).toEqual([`${proposal.vpcCidr} -> local`, `0.0.0.0/0 -> nat-gateway ${nat.id}`]);
      }
    }
    expect(serious(plan)).toEqual([]);
    expect(network.explanations.join('\n')).toMatch(/Internet gateway shop-igw/);
    expect(network.explanations.join('\n')).toMatch(/3 NAT gateways/);
  });

  it('without gateways the same subnets warn that private subnets have no path to the internet (what the option fixes)', () => {
    const { plan } = build(propose(THREE_TIERS));
    const bare: Plan = { ...plan, internetGateways: [], natGateways: [], routeTables: [], subnets: plan.subnets.map(({ routeTableId: _, ...s }) => s) };
    expect(serious(bare).map((f) => f.code)).toContain('nat/private-subnet-no-egress');
  });

  it('with IPv6 adds ::/0 to the internet gateway for public and to an egress-only gateway for private subnets', () => {
    const proposal = propose(THREE_TIERS, { ipv6: true });
    const { network, plan } = build(proposal);
    expect(network.egressOnlyGateways).toEqual([{ id: 'eigw-1', name: 'shop-eigw', vpcId: 'vpc-1' }]);
    const local = [`${proposal.vpcCidr} -> local`, `${proposal.vpcIpv6Cidr} -> local`];
    for (const subnet of plan.subnets) {
      const r = routes(plan, subnet.id);
      if (subnet.tier === 'public') expect(r).toEqual([...local, '0.0.0.0/0 -> internet-gateway igw-1', '::/0 -> internet-gateway igw-1']);
      if (subnet.tier === 'private')
        expect(r.slice(2)).toEqual([expect.stringMatching(/^0\.0\.0\.0\/0 -> nat-gateway nat-\d$/), '::/0 -> egress-only-gateway eigw-1']);
      if (subnet.tier === 'isolated') expect(r).toEqual(local);
    }
    expect(serious(plan)).toEqual([]);
  });

  it('with no public tier adds no internet gateway or NAT gateway, and says the private subnets get no internet egress', () => {
    const { network, plan } = build(
      propose([
        { name: 'app', tier: 'private', hostsPerSubnet: 100 },
        { name: 'data', tier: 'isolated', hostsPerSubnet: 20 },
      ]),
    );
    expect(network.internetGateways).toEqual([]);
    expect(network.natGateways).toEqual([]);
    expect(network.egressOnlyGateways).toEqual([]);
    expect(network.explanations.join('\n')).toMatch(/No public tier.*no IPv4 internet egress/);
    for (const subnet of plan.subnets) expect(routes(plan, subnet.id)).toEqual([`${plan.vpcs[0]!.ipv4Cidrs[0]} -> local`]);
  });

  it('with only public tiers adds the internet gateway and one public table, and no NAT gateway', () => {
    const { network, plan } = build(propose([{ name: 'web', tier: 'public', hostsPerSubnet: 20 }], { azs: 2 }));
    expect(network.internetGateways).toHaveLength(1);
    expect(network.natGateways).toEqual([]);
    expect(network.routeTables.map((t) => t.name)).toEqual(['shop-public']);
    expect(serious(plan)).toEqual([]);
  });

  it('with only isolated tiers adds one local-only table and no gateway', () => {
    const { network } = build(propose([{ name: 'db', tier: 'isolated', hostsPerSubnet: 20 }]));
    expect(network.internetGateways.length + network.natGateways.length + network.egressOnlyGateways.length).toBe(0);
    expect(network.routeTables).toHaveLength(1);
    expect(network.subnetRouteTableIds.every((id) => id === network.routeTables[0]!.id)).toBe(true);
  });

  it("puts each NAT gateway in its AZ's largest public subnet when there are two public tiers", () => {
    const proposal = propose(
      [
        { name: 'lb', tier: 'public', hostsPerSubnet: 20 },
        { name: 'edge', tier: 'public', hostsPerSubnet: 400 },
        { name: 'app', tier: 'private', hostsPerSubnet: 50 },
      ],
      { azs: 2 },
    );
    const { network, plan } = build(proposal);
    expect(network.natGateways).toHaveLength(2);
    for (const nat of network.natGateways) expect(plan.subnets.find((s) => s.id === nat.subnetId)!.name).toMatch(/^edge-/);
    expect(serious(plan)).toEqual([]);
  });

  it('refuses subnet ids that do not match the proposal', () => {
    expect(() => networkForProposal(propose(THREE_TIERS), { vpcId: 'v', vpcName: 'v', subnetIds: ['a'], newId: () => 'x' })).toThrow(/one id per subnet/);
  });
});
