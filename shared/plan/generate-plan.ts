/**
 * A large, realistic plan for benchmarks and for trying the canvas at scale, the same for
 * the same seed: /16 VPCs (a few deliberately overlapping), 10 subnets each over three
 * availability zones and three tiers, IPv6 on every third VPC, peerings, transit gateways
 * with route tables, attachments and a VPN to on-premises, one Lattice service network,
 * NAT gateways with demand (a few close to exhaustion), route tables and a grid layout.
 */
import { NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION, TGW_ATTACHMENTS_PER_GATEWAY } from '../aws-limits';
import { formatCidr } from '../cidr';
import { PlanSchema, type Plan, type PlanInput } from './schema';

export interface GeneratePlanOptions {
  vpcs: number;
  subnetsPerVpc: number;
  seed: number;
  /**
   * Every VPC on this one IPv4 block, as real organisations have it: each account's default
   * VPC is 172.31.0.0/16, and an acquisition brings hundreds of identical 10.0.0.0/16 VPCs.
   * Their subnets are then identical too. Without it, each VPC gets its own /16.
   */
  sameBlock?: string;
  /**
   * 'one': every VPC attached to one transit gateway, up to the gateway's quota of 5,000
   * attachments (one of which is the VPN), the next VPCs to a second gateway, and so on;
   * 'spread' (the default): three gateways, every fifth VPC on none.
   */
  transitGateways?: 'spread' | 'one';
  /**
   * Number the VPCs' /16s and IPv6 /56s from this one on instead of the first: plans with
   * different offsets share no CIDR text, so a benchmark can time a check whose parse
   * caches are cold (default 0).
   */
  addressOffset?: number;
}

/** mulberry32: small, fast and good enough to vary the demand figures. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIERS = ['public', 'private', 'isolated'] as const;
/** Subnet sizes by tier: small public, large private, medium isolated (database). */
const TIER_PREFIX = { public: 24, private: 20, isolated: 22 } as const;
const AZS = ['a', 'b', 'c'];
const GRID_COLUMNS = 40;
const VPC_WIDTH = 900;
const VPC_HEIGHT = 520;
const GAP = 120;
/** A transit gateway takes 5,000 attachments (AWS quota, enforced by the plan schema); one is the VPN. */
const VPCS_PER_FULL_GATEWAY = TGW_ATTACHMENTS_PER_GATEWAY - 1;
/** Every DELIBERATE_OVERLAP_EVERY-th VPC reuses its predecessor's block (an unconnected overlap). */
const DELIBERATE_OVERLAP_EVERY = 250;

/** The i-th /16 from 10.0.0.0/8 upward (10.0/16 .. 10.255/16, then 11.0/16 ...), skipping nothing a VPC may not use below 127/8. */
function vpcBlock(i: number): string {
  const first = 10 + Math.floor(i / 256);
  if (first >= 127) throw new RangeError(`generatePlan: ${i + 1} VPCs of /16 do not fit below 127.0.0.0/8; ask for fewer VPCs`);
  return `${first}.${i % 256}.0.0/16`;
}

export function generatePlan({ vpcs: vpcCount, subnetsPerVpc, seed, sameBlock, transitGateways = 'spread', addressOffset = 0 }: GeneratePlanOptions): Plan {
  if (!Number.isInteger(vpcCount) || vpcCount < 1) throw new RangeError(`generatePlan: vpcs must be a whole number of at least 1, not ${vpcCount}`);
  if (!Number.isInteger(subnetsPerVpc) || subnetsPerVpc < 0 || subnetsPerVpc > 64)
    throw new RangeError(`generatePlan: subnetsPerVpc must be 0 to 64, not ${subnetsPerVpc}`);
  const rand = random(seed);
  const pick = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const plan: Required<
    Pick<
      PlanInput,
      | 'vpcs'
      | 'subnets'
      | 'internetGateways'
      | 'natGateways'
      | 'routeTables'
      | 'peerings'
      | 'transitGateways'
      | 'serviceNetworks'
      | 'externalNetworks'
      | 'vpnGateways'
    >
  > & { layout: { nodes: Record<string, { x: number; y: number; width?: number; height?: number }> } } = {
    vpcs: [],
    subnets: [],
    internetGateways: [],
    natGateways: [],
    routeTables: [],
    peerings: [],
    transitGateways: [],
    serviceNetworks: [],
    externalNetworks: [],
    vpnGateways: [],
    layout: { nodes: {} },
  };
  if (sameBlock !== undefined && !/^\d+\.\d+\.0\.0\/16$/.test(sameBlock))
    throw new RangeError(`generatePlan: sameBlock must be a /16 such as 172.31.0.0/16, not ${sameBlock}`);
  const oneGateway = transitGateways === 'one';
  const tgwCount = oneGateway ? Math.ceil(vpcCount / VPCS_PER_FULL_GATEWAY) : vpcCount >= 30 ? 3 : vpcCount >= 3 ? 2 : 0;
  const tgwIds = Array.from({ length: tgwCount }, (_, t) => `tgw-${t + 1}`);
  const attachments: Array<
    Array<{
      id: string;
      name: string;
      type: 'vpc' | 'vpn';
      vpcId?: string;
      subnetIds?: string[];
      externalNetworkId?: string;
      associatedRouteTableId?: string;
      propagatedRouteTableIds?: string[];
    }>
  > = tgwIds.map(() => []);
  const serviceNetworkVpcs: string[] = [];
  // The summary route a spoke sends its hub: the /8 the plan's VPC blocks start in (10.0.0.0/8
  // unless addressOffset moves them), so that a plan keeps its shape wherever it is numbered.
  const hubRoute = `${vpcBlock(addressOffset).split('.')[0]}.0.0.0/8`;

  for (let i = 0; i < vpcCount; i++) {
    const id = `vpc-${i + 1}`;
    const overlapping = i > 0 && i % DELIBERATE_OVERLAP_EVERY === 0;
    const block = sameBlock ?? vpcBlock(addressOffset + (overlapping ? i - 1 : i));
    const v6 = addressOffset + i;
    const dualStack = i % 3 === 0;
    // 2600:1f18::/32 is Amazon's; one /56 per dual-stack VPC.
    const ipv6 = `2600:1f18:${(v6 >> 8).toString(16)}:${(v6 % 256).toString(16)}00::/56`;
    const tgwIndex = oneGateway ? Math.floor(i / VPCS_PER_FULL_GATEWAY) : tgwCount > 0 && i % 5 !== 4 ? i % tgwCount : -1;
    const inServiceNetwork = tgwIndex === -1 && serviceNetworkVpcs.length < 25;
    plan.vpcs.push({
      id,
      name: `${['prod', 'stage', 'dev', 'shared'][i % 4]}-${i + 1}`,
      region: 'us-east-1',
      accountId: String(100000000000 + (i % 50)),
      ipv4Cidrs: [block],
      ipv6Cidrs: dualStack ? [ipv6] : [],
      ipv6Source: 'amazon',
      // Room for six more /20s; every 50th VPC plans more than its free space holds.
      growth: { subnets: i % 50 === 49 ? 14 : 6, prefix: 20 },
    });
    const column = i % GRID_COLUMNS;
    const row = Math.floor(i / GRID_COLUMNS);
    plan.layout.nodes[id] = { x: column * (VPC_WIDTH + GAP), y: row * (VPC_HEIGHT + GAP), width: VPC_WIDTH, height: VPC_HEIGHT };

    const igw = `igw-${i + 1}`;
    plan.internetGateways.push({ id: igw, name: `igw-${i + 1}`, vpcId: id });
    const publicRt = `rt-${i + 1}-public`;
    const privateRt = `rt-${i + 1}-private`;
    const isolatedRt = `rt-${i + 1}-isolated`;
    const natId = `nat-${i + 1}`;
    plan.routeTables.push(
      {
        id: publicRt,
        name: `${id}-public`,
        vpcId: id,
        main: false,
        routes: [
          { destination: block, target: 'local' },
          { destination: '0.0.0.0/0', target: 'internet-gateway', targetId: igw },
        ],
      },
      {
        id: privateRt,
        name: `${id}-private`,
        vpcId: id,
        main: true,
        routes: [
          { destination: block, target: 'local' },
          { destination: '0.0.0.0/0', target: 'nat-gateway', targetId: natId },
          ...(tgwIndex >= 0 ? [{ destination: hubRoute, target: 'transit-gateway' as const, targetId: tgwIds[tgwIndex]! }] : []),
        ],
      },
      { id: isolatedRt, name: `${id}-isolated`, vpcId: id, main: false, routes: [{ destination: block, target: 'local' }] },
    );

    // Subnets: tier by j % 3, AZ by floor(j / 3) % 3, packed from the bottom of the /16 by size.
    const base = Number(block.split('.')[0]) * 16777216 + Number(block.split('.')[1]) * 65536;
    let cursor = 0;
    const subnetIdsByAz = new Map<string, string>();
    let firstPublic: string | undefined;
    const order = Array.from({ length: subnetsPerVpc }, (_, j) => j).sort((a, b) => prefixOf(a) - prefixOf(b) || a - b);
    function prefixOf(j: number): number {
      return j < 9 ? TIER_PREFIX[TIERS[j % 3]!] : 28;
    }
    for (const j of order) {
      const tier = j < 9 ? TIERS[j % 3]! : 'private';
      const az = `us-east-1${AZS[Math.floor(j / 3) % 3]}`;
      const prefix = prefixOf(j);
      const size = 2 ** (32 - prefix);
      cursor = Math.ceil(cursor / size) * size;
      if (cursor + size > 65536) break;
      const sid = `${id}-subnet-${j + 1}`;
      const ipv4 = formatCidr({ version: 4, network: BigInt(base + cursor), prefix });
      cursor += size;
      const usable = size - 5;
      // Most subnets are sized well; about one in a hundred private subnets has outgrown its block.
      const hostsNeeded = (i * 7 + j) % 97 === 0 && tier === 'private' ? usable + pick(1, 50) : pick(Math.floor(usable / 3.5) + 1, Math.floor(usable * 0.8));
      plan.subnets.push({
        id: sid,
        name: `${tier}-${az.slice(-1)}${j >= 9 ? `-${j + 1}` : ''}`,
        vpcId: id,
        availabilityZone: az,
        tier,
        ipv4Cidr: ipv4,
        ...(dualStack ? { ipv6Cidr: `2600:1f18:${(v6 >> 8).toString(16)}:${(v6 % 256).toString(16)}${j.toString(16).padStart(2, '0')}::/64` } : {}),
        hostsNeeded,
        growthPercent: 20,
        routeTableId: tier === 'public' ? publicRt : tier === 'isolated' ? isolatedRt : privateRt,
      });
      plan.layout.nodes[sid] = { x: 20 + (j % 3) * 290, y: 60 + Math.floor(j / 3) * 110, width: 270, height: 90 };
      if (tier === 'public' && firstPublic === undefined) firstPublic = sid;
      if (tier === 'private' && !subnetIdsByAz.has(az)) subnetIdsByAz.set(az, sid);
    }
    if (firstPublic) {
      const instances = pick(20, 400);
      // Every 40th VPC's NAT gateway is close to exhaustion (85-95 % of one address).
      const tight = i % 40 === 39;
      const peak = tight ? Math.ceil((NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION * (0.85 + rand() * 0.1)) / instances) : pick(20, 100);
      plan.natGateways.push({
        id: natId,
        name: `nat-${i + 1}`,
        subnetId: firstPublic,
        connectivity: 'public',
        addresses: 1,
        demand: {
          instances,
          peakConnectionsPerInstance: peak,
          destinations: tight
            ? []
            : [
                { name: 'S3 gateway endpoint', share: 40 },
                { name: 'api.example.com:443', share: 35 },
                { name: 'other', share: 25 },
              ],
        },
      });
    }
    if (tgwIndex >= 0) {
      attachments[tgwIndex]!.push({
        id: `${tgwIds[tgwIndex]}-att-${id}`,
        name: `${id}`,
        type: 'vpc',
        vpcId: id,
        subnetIds: [...subnetIdsByAz.values()],
        associatedRouteTableId: `${tgwIds[tgwIndex]}-rt-${i % 4 === 3 ? 'shared' : 'spokes'}`,
        propagatedRouteTableIds: [`${tgwIds[tgwIndex]}-rt-spokes`, `${tgwIds[tgwIndex]}-rt-shared`],
      });
    } else if (inServiceNetwork) {
      serviceNetworkVpcs.push(id);
    }
    // Peer every tenth VPC with the next one (both then have a partner beyond the TGW).
    if (i % 10 === 0 && i + 1 < vpcCount)
      plan.peerings.push({
        id: `pcx-${i + 1}-${i + 2}`,
        name: `vpc-${i + 1}-to-${i + 2}`,
        requesterVpcId: id,
        accepterVpcId: `vpc-${i + 2}`,
        status: 'active',
      });
  }

  const rows = Math.ceil(vpcCount / GRID_COLUMNS);
  const belowGrid = rows * (VPC_HEIGHT + GAP) + GAP;
  plan.externalNetworks.push(
    { id: 'onprem-dc1', name: 'Data centre 1', kind: 'on-premises', cidrs: ['192.168.0.0/16', '172.16.0.0/14'] },
    { id: 'onprem-dc2', name: 'Data centre 2', kind: 'on-premises', cidrs: ['172.20.0.0/14'] },
    { id: 'azure-hub', name: 'Azure hub', kind: 'azure', cidrs: ['172.24.0.0/16'] },
  );
  plan.externalNetworks.forEach((e, k) => {
    plan.layout.nodes[e.id] = { x: k * 600, y: belowGrid + 400 };
  });
  tgwIds.forEach((tgwId, t) => {
    const external = plan.externalNetworks[t % plan.externalNetworks.length]!;
    attachments[t]!.push({
      id: `${tgwId}-vpn`,
      name: `vpn-${external.id}`,
      type: 'vpn',
      externalNetworkId: external.id,
      associatedRouteTableId: `${tgwId}-rt-shared`,
      propagatedRouteTableIds: [`${tgwId}-rt-spokes`],
    });
    plan.transitGateways.push({
      id: tgwId,
      name: `hub-${t + 1}`,
      region: 'us-east-1',
      asn: 64512 + t,
      routeTables: [
        {
          id: `${tgwId}-rt-spokes`,
          name: 'spokes',
          routes: [
            { destination: '0.0.0.0/0', kind: 'static', attachmentId: `${tgwId}-vpn` },
            { destination: '198.51.100.0/24', kind: 'blackhole' },
          ],
        },
        { id: `${tgwId}-rt-shared`, name: 'shared', routes: [] },
      ],
      attachments: attachments[t]!,
    });
    plan.layout.nodes[tgwId] = { x: t * 1200, y: belowGrid };
  });
  if (serviceNetworkVpcs.length > 0) {
    plan.serviceNetworks.push({
      id: 'sn-apps',
      name: 'apps',
      vpcIds: serviceNetworkVpcs,
      services: [{ id: 'svc-orders', name: 'orders', vpcId: serviceNetworkVpcs[0]! }],
    });
    plan.layout.nodes['sn-apps'] = { x: tgwIds.length * 1200, y: belowGrid };
  }
  return PlanSchema.parse({ format: 'vpcplan', version: 1, name: `Generated: ${vpcCount} VPCs x ${subnetsPerVpc} subnets (seed ${seed})`, ...plan });
}

/**
 * One subnet edit, as the editor makes it: a new subnet object in a new array, every other
 * object untouched. Flips the host count, a real edit the sizing rules must re-check.
 */
export function editSubnet(plan: Plan, index: number, round: number): Plan {
  const subnets = plan.subnets.slice();
  const subnet = subnets[index]!;
  subnets[index] = { ...subnet, hostsNeeded: (subnet.hostsNeeded ?? 10) + (round % 2 === 0 ? 1 : -1) };
  return { ...plan, subnets };
}
