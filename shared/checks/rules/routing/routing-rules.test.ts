import { describe, expect, it } from 'vitest';
import { createChecker } from '../..';
import { indexPlan } from '../../../plan/plan-index';
import type { Finding } from '../../types';
import type { Plan } from '../../../plan/schema';
import { routingRules } from './index';
import { buildPlan, hubAndSpoke, hubTable, internetEdge, peeringTriangle } from '../../../plan/test-fixtures';

function findings(plan: Plan, code: string): Finding[] {
  const index = indexPlan(plan);
  return routingRules.flatMap((rule) => (rule.scope === 'plan' ? rule.check(index) : [])).filter((f) => f.code === code);
}

function only(plan: Plan, code: string): Finding {
  const found = findings(plan, code);
  expect(found, `${code}: ${JSON.stringify(found.map((f) => f.message))}`).toHaveLength(1);
  return found[0] as Finding;
}

describe('the rule catalogue', () => {
  it('declares every code it raises, with a severity and a docs/network-rules.md source', () => {
    const declared = routingRules.flatMap((rule) => Object.keys(rule.findings));
    expect(declared.sort()).toEqual([
      'exposure/bastion-unreachable',
      'exposure/isolated-with-internet-route',
      'nat/private-nat-internet',
      'nat/private-subnet-no-egress',
      'nat/route-via-peering',
      'routing/missing-target',
      'routing/peering-unrouted',
      'routing/pending-peering',
      'routing/tgw-unrouted',
      'routing/transitive-peering',
      'tgw/attachment-az-coverage',
      'tgw/attachment-subnet-ipv4',
      'tgw/blackhole-hides-route',
      'tgw/identical-cidrs',
      'tgw/no-association',
      'tgw/route-to-missing-attachment',
    ]);
    for (const rule of routingRules) {
      for (const definition of Object.values(rule.findings)) expect(definition.source).toMatch(/docs\/network-rules\.md#[a-z0-9-]+/);
    }
  });

  it('raises only declared codes, with the declared severity', () => {
    const plans = [peeringTriangle(), hubAndSpoke(), internetEdge({ routeTables: [] })];
    for (const plan of plans) {
      const index = indexPlan(plan);
      for (const rule of routingRules) {
        if (rule.scope !== 'plan') continue;
        for (const finding of rule.check(index)) expect(finding.severity).toBe(rule.findings[finding.code]?.severity);
      }
    }
  });

  it('finds nothing in the known-good designs', () => {
    for (const plan of [peeringTriangle(), hubAndSpoke(), internetEdge()]) {
      const index = indexPlan(plan);
      const all = routingRules.flatMap((rule) => (rule.scope === 'plan' ? rule.check(index) : []));
      // bravo-db is an isolated subnet sharing bravo-rt, which only routes to the transit gateway: fine.
      expect(all.map((f) => f.message)).toEqual([]);
    }
  });
});

describe('routing/transitive-peering', () => {
  it('flags a route to charlie over the alpha-bravo peering, naming the three VPCs', () => {
    const plan = peeringTriangle();
    plan.routeTables[1]?.routes.push({ destination: '10.2.0.0/16', target: 'peering', targetId: 'pcx-ab' });
    const finding = only(plan, 'routing/transitive-peering');
    expect(finding.subjects).toEqual(['rt-b', 'pcx-ab', 'vpc-c']);
    expect(finding.field).toBe('routes[1]');
    for (const name of ['VPC alpha', 'VPC bravo', 'VPC charlie']) expect(finding.message).toContain(name);
  });

  it("does not flag routes to the peer, nor an unrelated VPC sharing the peer's range", () => {
    const plan = peeringTriangle({
      vpcs: [...peeringTriangle().vpcs, { id: 'vpc-d', name: 'delta', region: 'us-east-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: [], ipv6Source: 'amazon' }],
    });
    expect(findings(plan, 'routing/transitive-peering')).toEqual([]);
  });
});

describe('routing/pending-peering', () => {
  it('warns about a route over a pending peering', () => {
    const plan = peeringTriangle();
    (plan.peerings[1] as { status: string }).status = 'pending';
    const found = findings(plan, 'routing/pending-peering');
    expect(found.map((f) => f.subjects[0])).toEqual(['rt-a', 'rt-c']);
    expect(found[0]?.message).toContain('pending');
  });

  it('is quiet when the peerings are active', () => {
    expect(findings(peeringTriangle(), 'routing/pending-peering')).toEqual([]);
  });
});

describe('routing/missing-target', () => {
  it("flags unknown targets, other VPCs' gateways, peerings and unattached transit gateways", () => {
    const plan = peeringTriangle({
      internetGateways: [{ id: 'igw-b', name: 'bravo-igw', vpcId: 'vpc-b' }],
      transitGateways: [{ id: 'tgw-x', name: 'x' }],
    });
    plan.routeTables[0]?.routes.push(
      { destination: '0.0.0.0/0', target: 'internet-gateway', targetId: 'igw-b' },
      { destination: '172.16.0.0/12', target: 'transit-gateway', targetId: 'tgw-x' },
      { destination: '192.168.0.0/16', target: 'vpn-gateway', targetId: 'vgw-none' },
      { destination: '100.64.0.0/10', target: 'nat-gateway' },
    );
    plan.routeTables[1]?.routes.push({ destination: '10.2.0.0/16', target: 'peering', targetId: 'pcx-ac' });
    const found = findings(plan, 'routing/missing-target');
    expect(found.map((f) => `${f.subjects[0]} ${f.field}`)).toEqual([
      'rt-a routes[2].targetId',
      'rt-a routes[3].targetId',
      'rt-a routes[4].targetId',
      'rt-a routes[5].targetId',
      'rt-b routes[1].targetId',
    ]);
    expect(found[0]?.message).toContain('belongs to VPC bravo');
    expect(found[1]?.message).toContain('not attached');
    expect(found[4]?.message).toContain('is not part of it');
  });

  it("accepts targets of the table's own VPC", () => {
    expect(findings(internetEdge(), 'routing/missing-target')).toEqual([]);
    expect(findings(hubAndSpoke(), 'routing/missing-target')).toEqual([]);
  });
});

describe('nat/route-via-peering', () => {
  const twoVpcs = (routes: Plan['routeTables'][number]['routes']) =>
    buildPlan({
      vpcs: [
        { id: 'vpc-s', name: 'spoke', ipv4Cidrs: ['10.20.0.0/16'] },
        { id: 'vpc-e', name: 'egress', ipv4Cidrs: ['10.30.0.0/16'] },
      ],
      subnets: [
        { id: 'sn-s', name: 'spoke-app', vpcId: 'vpc-s', availabilityZone: 'a', tier: 'private', ipv4Cidr: '10.20.0.0/24', routeTableId: 'rt-s' },
        { id: 'sn-e', name: 'egress-public', vpcId: 'vpc-e', availabilityZone: 'a', tier: 'public', ipv4Cidr: '10.30.0.0/24' },
      ],
      natGateways: [{ id: 'nat-e', name: 'egress-nat', subnetId: 'sn-e' }],
      peerings: [{ id: 'pcx', name: 'spoke-egress', requesterVpcId: 'vpc-s', accepterVpcId: 'vpc-e' }],
      routeTables: [{ id: 'rt-s', name: 'spoke-rt', vpcId: 'vpc-s', routes }],
    });

  it("flags a default route over a peering, and a route to the peer's NAT gateway", () => {
    expect(only(twoVpcs([{ destination: '0.0.0.0/0', target: 'peering', targetId: 'pcx' }]), 'nat/route-via-peering').message).toContain(
      'peering spoke-egress',
    );
    const toNat = only(twoVpcs([{ destination: '0.0.0.0/0', target: 'nat-gateway', targetId: 'nat-e' }]), 'nat/route-via-peering');
    expect(toNat.subjects).toEqual(['rt-s', 'nat-e']);
  });

  it("leaves a peering route to the peer's own range alone", () => {
    expect(findings(twoVpcs([{ destination: '10.30.0.0/16', target: 'peering', targetId: 'pcx' }]), 'nat/route-via-peering')).toEqual([]);
  });
});

describe('tgw/route-to-missing-attachment', () => {
  it('flags a static route to an attachment the gateway does not have, or to none', () => {
    const plan = hubAndSpoke((p) =>
      hubTable(p).routes.push({ destination: '172.16.0.0/12', kind: 'static', attachmentId: 'att-gone' }, { destination: '192.168.0.0/16', kind: 'static' }),
    );
    const found = findings(plan, 'tgw/route-to-missing-attachment');
    expect(found.map((f) => f.field)).toEqual(['routeTables[0].routes[0].attachmentId', 'routeTables[0].routes[1].attachmentId']);
    expect(found[0]?.message).toContain('att-gone');
  });

  it('accepts static routes to existing attachments and blackholes', () => {
    const plan = hubAndSpoke((p) =>
      hubTable(p).routes.push({ destination: '172.16.0.0/12', kind: 'static', attachmentId: 'att-b' }, { destination: '192.168.0.0/16', kind: 'blackhole' }),
    );
    expect(findings(plan, 'tgw/route-to-missing-attachment')).toEqual([]);
  });
});

describe('tgw/blackhole-hides-route', () => {
  it('warns when a blackhole as specific as a propagated block drops it', () => {
    const plan = hubAndSpoke((p) =>
      hubTable(p).routes.push({ destination: '10.1.0.0/16', kind: 'blackhole' }, { destination: '10.2.5.0/24', kind: 'blackhole' }),
    );
    const found = findings(plan, 'tgw/blackhole-hides-route');
    expect(found.map((f) => f.subjects[1])).toEqual(['att-b', 'att-c']);
    expect(found[0]?.message).toContain('all of 10.1.0.0/16');
    expect(found[1]?.message).toContain('10.2.5.0/24, part of 10.2.0.0/16');
  });

  it('is quiet for a broader blackhole (the propagated route wins) and unpropagated ranges', () => {
    const plan = hubAndSpoke((p) =>
      hubTable(p).routes.push({ destination: '10.0.0.0/8', kind: 'blackhole' }, { destination: '192.168.0.0/16', kind: 'blackhole' }),
    );
    expect(findings(plan, 'tgw/blackhole-hides-route')).toEqual([]);
  });
});

describe('tgw/identical-cidrs', () => {
  it('flags two attachments propagating identical VPC CIDRs into one table', () => {
    const plan = hubAndSpoke((p) => {
      (p.vpcs[2] as { ipv4Cidrs: string[] }).ipv4Cidrs = ['10.1.0.0/16'];
    });
    const finding = only(plan, 'tgw/identical-cidrs');
    expect(finding.subjects).toEqual(['att-c', 'att-b', 'tgw-hub']);
    expect(finding.message).toContain('not propagated');
  });

  it('is quiet when the identical VPCs propagate into different tables', () => {
    const plan = hubAndSpoke((p) => {
      (p.vpcs[2] as { ipv4Cidrs: string[] }).ipv4Cidrs = ['10.1.0.0/16'];
      const tgw = p.transitGateways[0];
      if (!tgw) return;
      tgw.routeTables.push({ id: 'tgw-rt-isolated', name: 'isolated', routes: [] });
      (tgw.attachments[2] as { propagatedRouteTableIds: string[] }).propagatedRouteTableIds = ['tgw-rt-isolated'];
    });
    expect(findings(plan, 'tgw/identical-cidrs')).toEqual([]);
  });
});

describe('tgw/attachment-az-coverage and tgw/attachment-subnet-ipv4', () => {
  it('warns about an AZ with subnets but no attachment subnet', () => {
    const plan = hubAndSpoke((p) => {
      (p.transitGateways[0]?.attachments[0] as { subnetIds: string[] }).subnetIds = ['sn-a'];
    });
    const finding = only(plan, 'tgw/attachment-az-coverage');
    expect(finding.subjects[0]).toBe('att-a');
    expect(finding.message).toContain('us-east-1b');
  });

  it('flags an IPv6-only attachment subnet', () => {
    const plan = hubAndSpoke((p) => {
      const subnet = p.subnets[0];
      if (!subnet) return;
      delete subnet.ipv4Cidr;
      subnet.ipv6Cidr = '2600::/64';
    });
    expect(only(plan, 'tgw/attachment-subnet-ipv4').subjects).toEqual(['att-a', 'sn-a', 'tgw-hub']);
    expect(findings(hubAndSpoke(), 'tgw/attachment-subnet-ipv4')).toEqual([]);
    expect(findings(hubAndSpoke(), 'tgw/attachment-az-coverage')).toEqual([]);
  });
});

describe('tgw/no-association', () => {
  it('warns about an attachment with no route table, or one the gateway lacks', () => {
    const plan = hubAndSpoke((p) => {
      const [a, b] = p.transitGateways[0]?.attachments ?? [];
      if (a) delete a.associatedRouteTableId;
      if (b) b.associatedRouteTableId = 'tgw-rt-gone';
    });
    expect(findings(plan, 'tgw/no-association').map((f) => f.subjects[0])).toEqual(['att-a', 'att-b']);
  });

  it('is quiet when every attachment is associated', () => {
    expect(findings(hubAndSpoke(), 'tgw/no-association')).toEqual([]);
  });
});

describe('nat/private-subnet-no-egress', () => {
  it('warns about a private subnet without a working NAT route', () => {
    const plan = internetEdge();
    (plan.routeTables[1] as { routes: unknown[] }).routes = [];
    const found = findings(plan, 'nat/private-subnet-no-egress');
    expect(found.map((f) => f.subjects[0])).toEqual(['sn-priv', 'sn-v6']);
    expect(found[0]?.message).toContain('private-rt has no route for 0.0.0.0/0');
    expect(found[1]?.fix).toContain('egress-only');
  });

  it('warns when the NAT gateway itself cannot reach an internet gateway', () => {
    const plan = internetEdge();
    (plan.routeTables[0] as { routes: unknown[] }).routes = [];
    expect(only(plan, 'nat/private-subnet-no-egress').subjects[0]).toBe('sn-priv');
  });

  it('is quiet for private subnets behind a working NAT gateway', () => {
    expect(findings(internetEdge(), 'nat/private-subnet-no-egress')).toEqual([]);
  });
});

describe('nat/private-nat-internet', () => {
  it('flags a default route to a private NAT gateway', () => {
    const plan = internetEdge({ natGateways: [{ id: 'nat-e', name: 'edge-nat', subnetId: 'sn-pub', connectivity: 'private' }] });
    const finding = only(plan, 'nat/private-nat-internet');
    expect(finding.subjects).toEqual(['rt-priv', 'nat-e']);
    expect(finding.field).toBe('routes[0].targetId');
  });

  it('flags a public NAT gateway in a subnet without an internet gateway route', () => {
    const plan = internetEdge({ natGateways: [{ id: 'nat-e', name: 'edge-nat', subnetId: 'sn-iso' }] });
    const finding = only(plan, 'nat/private-nat-internet');
    expect(finding.subjects).toEqual(['nat-e', 'sn-iso']);
    expect(finding.message).toContain('edge-isolated');
  });

  it("flags a derived route to a VPC's only, private, NAT gateway", () => {
    const plan = internetEdge({
      routeTables: [],
      settings: { deriveRoutes: true },
      natGateways: [{ id: 'nat-e', name: 'edge-nat', subnetId: 'sn-pub', connectivity: 'private' }],
    });
    const finding = only(plan, 'nat/private-nat-internet');
    expect(finding.subjects).toEqual(['nat-e', 'sn-priv']);
    expect(finding.message).toContain('The derived routes of subnet edge-private send 0.0.0.0/0 to NAT gateway edge-nat, which has private connectivity');
  });

  it('is quiet for a public NAT gateway in a public subnet', () => {
    expect(findings(internetEdge(), 'nat/private-nat-internet')).toEqual([]);
  });

  it('says to move the gateway only when its subnet is not public, and names a public subnet of the same AZ', () => {
    const finding = only(internetEdge({ natGateways: [{ id: 'nat-e', name: 'edge-nat', subnetId: 'sn-iso' }] }), 'nat/private-nat-internet');
    expect(finding.fix).toBe(
      'Move edge-nat into a public subnet of VPC edge (such as edge-public, in us-east-1a): subnet edge-isolated is isolated. Or set its connectivity to private if it serves only other private networks.',
    );
  });

  it('in a subnet marked public but not routed to the internet gateway, says which route to add where (not "move it into a public subnet")', () => {
    const plan = internetEdge();
    (plan.routeTables[0] as { routes: unknown[] }).routes = [];
    const finding = only(plan, 'nat/private-nat-internet');
    expect(finding.message).toContain(
      'it sits in subnet edge-public, which follows route table public-rt, with no 0.0.0.0/0 route to an internet gateway of VPC edge',
    );
    expect(finding.fix).toBe('Add a route 0.0.0.0/0 to internet gateway edge-igw to route table public-rt, which subnet edge-public follows.');
    expect(finding.fix).not.toMatch(/Move/);
  });

  it('in a public subnet without a route table, names the setting that derives the route, and the missing internet gateway', () => {
    const noTables = internetEdge({ routeTables: [], subnets: internetEdge().subnets.map(({ routeTableId: _, ...s }) => s) });
    expect(only(noTables, 'nat/private-nat-internet').fix).toBe(
      'Turn on Settings › Derive obvious routes (public subnets then send 0.0.0.0/0 to internet gateway edge-igw), or give subnet edge-public a route table with that route.',
    );
    const noGateway = { ...noTables, internetGateways: [] };
    expect(only(noGateway, 'nat/private-nat-internet').fix).toBe(
      'Add an internet gateway to VPC edge (select the VPC, then Add IGW); turn on Settings › Derive obvious routes (public subnets then send 0.0.0.0/0 to the internet gateway), or give subnet edge-public a route table with that route.',
    );
    const derived = { ...noGateway, settings: { ...noGateway.settings, deriveRoutes: true } };
    expect(only(derived, 'nat/private-nat-internet').fix).toBe(
      'Add an internet gateway to VPC edge (select the VPC, then Add IGW); the derived routes of subnet edge-public then send 0.0.0.0/0 to the internet gateway.',
    );
  });

  it('follows the gateway when it moves: the incremental checker drops the finding once the new subnet reaches the internet', () => {
    const checker = createChecker();
    let plan = internetEdge({ natGateways: [{ id: 'nat-e', name: 'edge-nat', subnetId: 'sn-iso' }] });
    expect(
      checker
        .check(plan)
        .filter((f) => f.code === 'nat/private-nat-internet')
        .map((f) => f.fix),
    ).toEqual([expect.stringMatching(/^Move edge-nat/)]);
    plan = { ...plan, natGateways: [{ ...plan.natGateways[0]!, subnetId: 'sn-pub' }] };
    expect(checker.check(plan).filter((f) => f.code === 'nat/private-nat-internet')).toEqual([]);
    // Back into the isolated subnet, then its route table changes: the finding is rebuilt each time.
    plan = { ...plan, natGateways: [{ ...plan.natGateways[0]!, subnetId: 'sn-iso' }] };
    expect(checker.check(plan).filter((f) => f.code === 'nat/private-nat-internet')).toHaveLength(1);
    plan = {
      ...plan,
      routeTables: plan.routeTables.map((t) =>
        t.id === 'rt-iso' ? { ...t, routes: [{ destination: '0.0.0.0/0', target: 'internet-gateway' as const, targetId: 'igw-e' }] } : t,
      ),
    };
    expect(checker.check(plan).filter((f) => f.code === 'nat/private-nat-internet')).toEqual([]);
  });
});

describe('findings name the derive-routes setting', () => {
  it('suggests turning it on only where the derived routes would give the subnet egress', () => {
    const bare = internetEdge({ routeTables: [], subnets: internetEdge().subnets.map(({ routeTableId: _, ...s }) => s) });
    const found = findings(bare, 'nat/private-subnet-no-egress');
    const priv = found.find((f) => f.subjects[0] === 'sn-priv')!;
    expect(priv.message).toContain('Settings › Derive obvious routes is off');
    expect(priv.fix).toMatch(/^Turn on Settings › Derive obvious routes/);
    // With no NAT gateway at all, the setting would not help: the finding says what to add instead.
    const noNat = findings({ ...bare, natGateways: [], egressOnlyGateways: [] }, 'nat/private-subnet-no-egress');
    for (const finding of noNat) expect(finding.fix).not.toMatch(/Derive obvious routes/);
  });
});

describe('exposure rules', () => {
  it('flags a bastion subnet that is not public, and accepts one that is', () => {
    const plan = internetEdge();
    (plan.subnets[1] as { bastion: boolean }).bastion = true;
    (plan.subnets[0] as { bastion: boolean }).bastion = true;
    const finding = only(plan, 'exposure/bastion-unreachable');
    expect(finding.subjects[0]).toBe('sn-priv');
    expect(finding.message).toContain('outbound only');
  });

  it('warns about an isolated subnet whose table routes to a NAT or internet gateway', () => {
    const plan = internetEdge();
    (plan.subnets[3] as { routeTableId: string }).routeTableId = 'rt-priv';
    const finding = only(plan, 'exposure/isolated-with-internet-route');
    expect(finding.subjects).toEqual(['sn-iso', 'rt-priv']);
    expect(finding.message).toContain('0.0.0.0/0 -> NAT gateway edge-nat');
    expect(findings(internetEdge(), 'exposure/isolated-with-internet-route')).toEqual([]);
  });
});
