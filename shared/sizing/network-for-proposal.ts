/**
 * The gateways and route tables that make a sized VPC work as its tiers say: public tiers
 * reach the internet through the internet gateway, private tiers through a NAT gateway in
 * their own AZ (and an egress-only gateway for IPv6), isolated tiers stay inside the VPC.
 *
 * Rules encoded (docs/network-rules.md#aws-nat-gateway, AWS VPC guide "Subnet types"):
 * - a subnet is public when its route table sends 0.0.0.0/0 (and ::/0) to an internet gateway;
 * - a public NAT gateway sits in a public subnet; one per AZ, so an AZ outage does not cut the
 *   other AZs' egress and no traffic crosses AZs (cross-AZ data is charged);
 * - a NAT gateway does not carry IPv6 (only NAT64), so private subnets send ::/0 to an
 *   egress-only internet gateway, which lets them out but not in;
 * - every route table holds the local route of each VPC block.
 */
import type { EgressOnlyGateway, InternetGateway, NatGateway, Route, RouteTable } from '../plan/schema';
import type { SizingProposal } from './propose';

export type NetworkObjectKind = 'igw' | 'eigw' | 'nat' | 'rtb';

export interface NetworkNaming {
  vpcId: string;
  vpcName: string;
  /** The plan ids of the proposal's subnets, in the proposal's order. */
  subnetIds: readonly string[];
  /** A fresh plan id for a new object of this kind (unique in the plan and among earlier calls). */
  newId(kind: NetworkObjectKind): string;
}

export interface ProposalNetwork {
  internetGateways: InternetGateway[];
  egressOnlyGateways: EgressOnlyGateway[];
  natGateways: NatGateway[];
  routeTables: RouteTable[];
  /** The route table of each of the proposal's subnets, in the proposal's order. */
  subnetRouteTableIds: string[];
  /** What was added and why, in the user's words. */
  explanations: string[];
}

const IPV4_DEFAULT = '0.0.0.0/0';
const IPV6_DEFAULT = '::/0';

/** The last letter of an AZ name ("us-east-1a" -> "a"), or the name itself when it does not end in one. */
function azSuffix(az: string): string {
  const match = /[a-z]$/i.exec(az);
  return match ? match[0].toLowerCase() : az;
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function networkForProposal(proposal: SizingProposal, naming: NetworkNaming): ProposalNetwork {
  const { vpcId, vpcName, subnetIds } = naming;
  if (subnetIds.length !== proposal.subnets.length) {
    throw new Error(`networkForProposal: ${subnetIds.length} subnet ids for ${proposal.subnets.length} proposed subnets; give one id per subnet`);
  }
  const ipv6 = proposal.vpcIpv6Cidr !== undefined;
  const subnets = proposal.subnets.map((s, i) => ({ ...s, id: subnetIds[i]! }));
  const azs = [...new Set(subnets.map((s) => s.az))];
  const hasPublic = subnets.some((s) => s.tier === 'public');
  const hasPrivate = subnets.some((s) => s.tier === 'private');
  const hasIsolated = subnets.some((s) => s.tier === 'isolated');

  const local: Route[] = [
    { destination: proposal.vpcCidr, target: 'local' },
    ...(proposal.vpcIpv6Cidr ? [{ destination: proposal.vpcIpv6Cidr, target: 'local' as const }] : []),
  ];
  const network: ProposalNetwork = {
    internetGateways: [],
    egressOnlyGateways: [],
    natGateways: [],
    routeTables: [],
    subnetRouteTableIds: [],
    explanations: [],
  };
  const tableOfSubnet = new Map<string, string>();
  const say = (line: string) => network.explanations.push(line);

  let igw: InternetGateway | undefined;
  if (hasPublic) {
    igw = { id: naming.newId('igw'), name: `${vpcName}-igw`, vpcId };
    network.internetGateways.push(igw);
    say(`Internet gateway ${igw.name}: a VPC takes one, and it is what makes the public subnets public.`);
  }

  let eigw: EgressOnlyGateway | undefined;
  if (ipv6 && hasPrivate) {
    eigw = { id: naming.newId('eigw'), name: `${vpcName}-eigw`, vpcId };
    network.egressOnlyGateways.push(eigw);
    say(
      `Egress-only internet gateway ${eigw.name}: private subnets send IPv6 (::/0) out through it, since a NAT gateway does not carry IPv6; nothing from the internet can start a connection in.`,
    );
  }

  // One NAT gateway per AZ, in that AZ's first public subnet (the largest public tier).
  const natOfAz = new Map<string, NatGateway>();
  if (hasPrivate && hasPublic) {
    const missing: string[] = [];
    for (const az of azs) {
      const host = subnets.find((s) => s.az === az && s.tier === 'public');
      if (!host) {
        missing.push(az);
        continue;
      }
      const nat: NatGateway = { id: naming.newId('nat'), name: `${vpcName}-nat-${azSuffix(az)}`, subnetId: host.id, connectivity: 'public', addresses: 1 };
      natOfAz.set(az, nat);
      network.natGateways.push(nat);
    }
    const placed = network.natGateways.map((nat) => {
      const host = subnets.find((s) => s.id === nat.subnetId)!;
      return `${nat.name} in ${host.tierName} (${host.az})`;
    });
    say(
      `${placed.length} NAT gateway${placed.length === 1 ? '' : 's'} (public, 1 address each): ${listText(placed)}. One per AZ keeps each AZ's egress working when another AZ fails and keeps traffic from crossing AZs, which AWS charges for.`,
    );
    if (missing.length > 0) say(`No public subnet in ${listText(missing)}, so no NAT gateway there.`);
  } else if (hasPrivate) {
    say(
      `No public tier, so there is nowhere to put a NAT gateway and no internet gateway: the private subnets get no IPv4 internet egress${eigw ? ' (IPv6 still goes out through the egress-only gateway)' : ''}. Add a public tier, or reach the internet through a transit gateway to a shared egress VPC.`,
    );
  }

  if (hasPublic && igw) {
    const table: RouteTable = {
      id: naming.newId('rtb'),
      name: `${vpcName}-public`,
      vpcId,
      main: false,
      routes: [
        ...local,
        { destination: IPV4_DEFAULT, target: 'internet-gateway', targetId: igw.id },
        ...(ipv6 ? [{ destination: IPV6_DEFAULT, target: 'internet-gateway' as const, targetId: igw.id }] : []),
      ],
    };
    network.routeTables.push(table);
    for (const s of subnets) if (s.tier === 'public') tableOfSubnet.set(s.id, table.id);
    say(`Route table ${table.name} for the public subnets: local, ${IPV4_DEFAULT}${ipv6 ? ` and ${IPV6_DEFAULT}` : ''} to ${igw.name}.`);
  }

  if (hasPrivate) {
    const described: string[] = [];
    for (const az of azs) {
      const users = subnets.filter((s) => s.az === az && s.tier === 'private');
      if (users.length === 0) continue;
      const nat = natOfAz.get(az);
      const table: RouteTable = {
        id: naming.newId('rtb'),
        name: `${vpcName}-private-${azSuffix(az)}`,
        vpcId,
        main: false,
        routes: [
          ...local,
          ...(nat ? [{ destination: IPV4_DEFAULT, target: 'nat-gateway' as const, targetId: nat.id }] : []),
          ...(eigw ? [{ destination: IPV6_DEFAULT, target: 'egress-only-gateway' as const, targetId: eigw.id }] : []),
        ],
      };
      network.routeTables.push(table);
      for (const s of users) tableOfSubnet.set(s.id, table.id);
      const out = [nat ? `${IPV4_DEFAULT} to ${nat.name}` : '', eigw ? `${IPV6_DEFAULT} to ${eigw.name}` : ''].filter(Boolean);
      described.push(`${table.name} (${out.length ? `local, ${listText(out)}` : 'local only'})`);
    }
    say(`A private route table per AZ, so each AZ's private subnets use the NAT gateway of their own AZ: ${listText(described)}.`);
  }

  if (hasIsolated) {
    const table: RouteTable = { id: naming.newId('rtb'), name: `${vpcName}-isolated`, vpcId, main: false, routes: [...local] };
    network.routeTables.push(table);
    for (const s of subnets) if (s.tier === 'isolated') tableOfSubnet.set(s.id, table.id);
    say(`Route table ${table.name} for the isolated subnets: the local route only, so they reach nothing outside the VPC.`);
  }

  network.subnetRouteTableIds = subnets.map((s) => tableOfSubnet.get(s.id)!);
  return network;
}
