/**
 * Small plans for the routing tests: three VPCs alpha, bravo and charlie that the tests
 * connect by peering or by transit gateway, plus an internet-facing VPC. Kept apart from the
 * *.test.ts files so each test reads as the one change it makes to a known-good design.
 */
import { PlanSchema, type Plan, type PlanInput } from './schema';

export function buildPlan(input: Omit<PlanInput, 'format' | 'version'>): Plan {
  return PlanSchema.parse({ format: 'vpcplan', version: 1, ...input });
}

type Sections = Omit<PlanInput, 'format' | 'version'>;

const vpcs = [
  { id: 'vpc-a', name: 'alpha', ipv4Cidrs: ['10.0.0.0/16'] },
  { id: 'vpc-b', name: 'bravo', ipv4Cidrs: ['10.1.0.0/16'] },
  { id: 'vpc-c', name: 'charlie', ipv4Cidrs: ['10.2.0.0/16'] },
];

/** Alpha peered with bravo and with charlie; every VPC routes to the VPCs it peers with. */
export function peeringTriangle(overrides: Partial<Sections> = {}): Plan {
  return buildPlan({
    vpcs,
    subnets: [
      { id: 'sn-a', name: 'alpha-app', vpcId: 'vpc-a', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.0.1.0/24', routeTableId: 'rt-a' },
      { id: 'sn-b', name: 'bravo-app', vpcId: 'vpc-b', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.1.1.0/24', routeTableId: 'rt-b' },
      { id: 'sn-c', name: 'charlie-app', vpcId: 'vpc-c', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.2.1.0/24', routeTableId: 'rt-c' },
    ],
    peerings: [
      { id: 'pcx-ab', name: 'alpha-bravo', requesterVpcId: 'vpc-a', accepterVpcId: 'vpc-b' },
      { id: 'pcx-ac', name: 'alpha-charlie', requesterVpcId: 'vpc-a', accepterVpcId: 'vpc-c' },
    ],
    routeTables: [
      {
        id: 'rt-a',
        name: 'alpha-rt',
        vpcId: 'vpc-a',
        routes: [
          { destination: '10.1.0.0/16', target: 'peering', targetId: 'pcx-ab' },
          { destination: '10.2.0.0/16', target: 'peering', targetId: 'pcx-ac' },
        ],
      },
      { id: 'rt-b', name: 'bravo-rt', vpcId: 'vpc-b', routes: [{ destination: '10.0.0.0/16', target: 'peering', targetId: 'pcx-ab' }] },
      { id: 'rt-c', name: 'charlie-rt', vpcId: 'vpc-c', routes: [{ destination: '10.0.0.0/16', target: 'peering', targetId: 'pcx-ac' }] },
    ],
    ...overrides,
  });
}

/**
 * Alpha, bravo and charlie on transit gateway hub: each attachment associated with
 * tgw-rt-main and propagating into it; each VPC sends 10.0.0.0/8 to the gateway.
 * Alpha has subnets in two AZs and its attachment covers both. The subnets are isolated
 * (no internet egress by design), so the known-good plan raises no findings.
 */
export function hubAndSpoke(change: (plan: Plan) => void = () => {}): Plan {
  const plan = buildPlan({
    vpcs,
    subnets: [
      { id: 'sn-a', name: 'alpha-app', vpcId: 'vpc-a', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.0.1.0/24', routeTableId: 'rt-a' },
      { id: 'sn-a2', name: 'alpha-app-b', vpcId: 'vpc-a', availabilityZone: 'us-east-1b', tier: 'isolated', ipv4Cidr: '10.0.2.0/24', routeTableId: 'rt-a' },
      { id: 'sn-b', name: 'bravo-app', vpcId: 'vpc-b', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.1.0.0/24', routeTableId: 'rt-b' },
      { id: 'sn-b2', name: 'bravo-db', vpcId: 'vpc-b', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.1.1.0/24', routeTableId: 'rt-b' },
      { id: 'sn-c', name: 'charlie-app', vpcId: 'vpc-c', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.2.1.0/24', routeTableId: 'rt-c' },
    ],
    routeTables: [
      ['a', 'alpha'],
      ['b', 'bravo'],
      ['c', 'charlie'],
    ].map(([v, name]) => ({
      id: `rt-${v}`,
      name: `${name}-rt`,
      vpcId: `vpc-${v}`,
      routes: [{ destination: '10.0.0.0/8', target: 'transit-gateway' as const, targetId: 'tgw-hub' }],
    })),
    transitGateways: [
      {
        id: 'tgw-hub',
        name: 'hub',
        routeTables: [{ id: 'tgw-rt-main', name: 'main' }],
        attachments: [
          {
            id: 'att-a',
            name: 'alpha-att',
            type: 'vpc',
            vpcId: 'vpc-a',
            subnetIds: ['sn-a', 'sn-a2'],
            associatedRouteTableId: 'tgw-rt-main',
            propagatedRouteTableIds: ['tgw-rt-main'],
          },
          {
            id: 'att-b',
            name: 'bravo-att',
            type: 'vpc',
            vpcId: 'vpc-b',
            subnetIds: ['sn-b'],
            associatedRouteTableId: 'tgw-rt-main',
            propagatedRouteTableIds: ['tgw-rt-main'],
          },
          {
            id: 'att-c',
            name: 'charlie-att',
            type: 'vpc',
            vpcId: 'vpc-c',
            subnetIds: ['sn-c'],
            associatedRouteTableId: 'tgw-rt-main',
            propagatedRouteTableIds: ['tgw-rt-main'],
          },
        ],
      },
    ],
  });
  change(plan);
  return plan;
}

/** The hub's one route table (tests add static and blackhole routes to it). */
export function hubTable(plan: Plan) {
  const table = plan.transitGateways[0]?.routeTables[0];
  if (!table) throw new Error('the hub-and-spoke plan has lost its route table');
  return table;
}

/**
 * VPC edge: a public subnet with the internet gateway and a public NAT gateway, a private
 * subnet through the NAT, a dual-stack private subnet with an egress-only gateway for IPv6,
 * and an isolated subnet with local routes only.
 */
export function internetEdge(overrides: Partial<Sections> = {}): Plan {
  return buildPlan({
    vpcs: [{ id: 'vpc-e', name: 'edge', ipv4Cidrs: ['10.9.0.0/16'], ipv6Cidrs: ['2600:1f18:abc:de00::/56'] }],
    subnets: [
      { id: 'sn-pub', name: 'edge-public', vpcId: 'vpc-e', availabilityZone: 'us-east-1a', tier: 'public', ipv4Cidr: '10.9.0.0/24', routeTableId: 'rt-pub' },
      {
        id: 'sn-priv',
        name: 'edge-private',
        vpcId: 'vpc-e',
        availabilityZone: 'us-east-1a',
        tier: 'private',
        ipv4Cidr: '10.9.1.0/24',
        routeTableId: 'rt-priv',
      },
      {
        id: 'sn-v6',
        name: 'edge-dual',
        vpcId: 'vpc-e',
        availabilityZone: 'us-east-1a',
        tier: 'private',
        ipv6Cidr: '2600:1f18:abc:de01::/64',
        routeTableId: 'rt-priv',
      },
      {
        id: 'sn-iso',
        name: 'edge-isolated',
        vpcId: 'vpc-e',
        availabilityZone: 'us-east-1a',
        tier: 'isolated',
        ipv4Cidr: '10.9.2.0/24',
        routeTableId: 'rt-iso',
      },
    ],
    internetGateways: [{ id: 'igw-e', name: 'edge-igw', vpcId: 'vpc-e' }],
    egressOnlyGateways: [{ id: 'eigw-e', name: 'edge-eigw', vpcId: 'vpc-e' }],
    natGateways: [{ id: 'nat-e', name: 'edge-nat', subnetId: 'sn-pub' }],
    routeTables: [
      { id: 'rt-pub', name: 'public-rt', vpcId: 'vpc-e', routes: [{ destination: '0.0.0.0/0', target: 'internet-gateway', targetId: 'igw-e' }] },
      {
        id: 'rt-priv',
        name: 'private-rt',
        vpcId: 'vpc-e',
        routes: [
          { destination: '0.0.0.0/0', target: 'nat-gateway', targetId: 'nat-e' },
          { destination: '::/0', target: 'egress-only-gateway', targetId: 'eigw-e' },
        ],
      },
      { id: 'rt-iso', name: 'isolated-rt', vpcId: 'vpc-e', routes: [] },
    ],
    ...overrides,
  });
}
