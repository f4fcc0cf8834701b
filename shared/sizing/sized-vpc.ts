/**
 * Turning the sizing assistant's proposal into plan objects, and adding them as one edit.
 * The blocks are the engine's (proposeVpc); this only names and ids them.
 */
import type { Cidr } from '../cidr';
import { idMaker, withPositions, type NewId, type Point } from '../plan/edits';
import { fitName } from '../plan/objects';
import { externalBlocks, planIndexOf, vpcBlocksWithField } from '../plan/plan-index';
import type { Plan, Subnet, Vpc } from '../plan/schema';
import { networkForProposal, type ProposalNetwork } from './network-for-proposal';
import type { SizingProposal, SizingRequest } from './propose';

export interface SizedVpc {
  vpc: Vpc;
  subnets: Subnet[];
  /** The gateways and route tables (networkForProposal), when asked for. */
  network?: ProposalNetwork;
}

/** The name the sized VPC gets: the user's, else the next vpc-N. */
export function sizedVpcName(plan: Plan, name: string): string {
  return fitName(name.trim()) || `vpc-${plan.vpcs.length + 1}`;
}

export function sizedVpc(
  plan: Plan,
  proposal: SizingProposal,
  request: SizingRequest,
  name: string,
  options: { network?: boolean } = {},
  newId: NewId = idMaker(plan),
): SizedVpc {
  const id = newId('vpc');
  const azCount = new Set(proposal.subnets.map((s) => s.az)).size;
  const vpc: Vpc = {
    id,
    name: sizedVpcName(plan, name),
    region: proposal.region,
    ipv4Cidrs: [proposal.vpcCidr],
    ipv6Cidrs: proposal.vpcIpv6Cidr ? [proposal.vpcIpv6Cidr] : [],
    ipv6Source: 'amazon',
  };
  // The spare room the proposal kept is the growth the VPC was sized for: the checks hold it to that.
  if (proposal.spare.perAz > 0) vpc.growth = { subnets: proposal.spare.perAz * azCount, prefix: proposal.spare.prefix };
  const subnets = proposal.subnets.map((s): Subnet => {
    const subnetId = newId('subnet');
    const subnet: Subnet = {
      id: subnetId,
      name: fitName(`${s.tierName}-${s.az.slice(-1)}`),
      vpcId: id,
      availabilityZone: s.az,
      tier: s.tier,
      ipv4Cidr: s.cidr,
      hostsNeeded: s.hostsNeeded,
      growthPercent: request.growthPercent,
    };
    if (s.ipv6Cidr) subnet.ipv6Cidr = s.ipv6Cidr;
    return subnet;
  });
  if (!options.network) return { vpc, subnets };
  const proposed = networkForProposal(proposal, { vpcId: id, vpcName: vpc.name, subnetIds: subnets.map((s) => s.id), newId });
  // Names made from a long VPC name ("…-private-a") still fit the format.
  const fitted = <T extends { name: string }>(list: T[]) => list.map((o) => ({ ...o, name: fitName(o.name) }));
  const network: ProposalNetwork = {
    ...proposed,
    internetGateways: fitted(proposed.internetGateways),
    egressOnlyGateways: fitted(proposed.egressOnlyGateways),
    natGateways: fitted(proposed.natGateways),
    routeTables: fitted(proposed.routeTables),
  };
  subnets.forEach((subnet, i) => {
    subnet.routeTableId = network.subnetRouteTableIds[i];
  });
  return { vpc, subnets, network };
}

/** The VPC, its subnets and (if any) its gateways and route tables, added in one plan change. */
export function addSizedVpc(plan: Plan, sized: SizedVpc, position: Point): Plan {
  const { network } = sized;
  return {
    ...plan,
    vpcs: [...plan.vpcs, sized.vpc],
    subnets: [...plan.subnets, ...sized.subnets],
    ...(network
      ? {
          internetGateways: [...plan.internetGateways, ...network.internetGateways],
          egressOnlyGateways: [...plan.egressOnlyGateways, ...network.egressOnlyGateways],
          natGateways: [...plan.natGateways, ...network.natGateways],
          routeTables: [...plan.routeTables, ...network.routeTables],
        }
      : {}),
    layout: withPositions(plan.layout, { [sized.vpc.id]: position }),
  };
}

/** What a new VPC must not overlap: the plan's other VPCs and its on-premises and other-cloud ranges (IPv4), as the plan index read them. */
export function rangesToAvoid(plan: Plan): Array<{ cidr: string; block: Cidr; source: string }> {
  const index = planIndexOf(plan);
  const out: Array<{ cidr: string; block: Cidr; source: string }> = [];
  for (const vpc of plan.vpcs) {
    for (const { block, text } of vpcBlocksWithField(index, vpc, 4)) out.push({ cidr: text, block, source: `VPC ${vpc.name || vpc.id}` });
  }
  for (const network of plan.externalNetworks) {
    for (const { block, text } of externalBlocks(index, network)) if (block.version === 4) out.push({ cidr: text, block, source: network.name || network.id });
  }
  return out;
}
