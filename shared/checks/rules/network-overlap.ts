/**
 * Overlap between networks, judged by how they are connected: the same overlap is fatal
 * between peered VPCs, a future trap between unconnected ones, and harmless between VPCs
 * that only share a Lattice service network.
 *
 * One sort-and-sweep over every VPC and external block finds the overlapping pairs;
 * connectivity is looked up per pair in precomputed sets, never by comparing VPCs
 * pairwise.
 */
import { findOverlappingPairs, formatCidr, type Cidr } from '../../cidr';
import type { ExternalNetwork, Plan, Vpc } from '../../plan/schema';
import { overlapReplacement, withOverlapFixes } from '../overlap-fixes';
import { nameOf, validCidr, vpcBlocksWithField } from '../plan-index';
import type { Finding, FindingDefinition, PlanIndex, PlanRule } from '../types';

const PEERING = 'docs/network-rules.md#aws-vpc-peering; AWS VPC Peering Guide, "VPC peering limitations" (overlapping CIDR blocks)';
const TGW = 'docs/network-rules.md#aws-transit-gateway; AWS Transit Gateway Guide, "Transit gateway design best practices" (overlapping CIDRs)';
const LATTICE = 'docs/network-rules.md#aws-vpc-lattice-service-networks; Amazon VPC Lattice User Guide, "Service networks" (overlapping CIDRs)';

interface Owner {
  kind: 'vpc' | 'external';
  id: string;
  block: Cidr;
}

/** Formatted only for the few blocks that overlap: formatting every IPv6 block costs more than the sweep. */
function textOf(owner: Owner): string {
  return formatCidr(owner.block);
}

interface Connectivity {
  /** "a|b" for every peered pair (either order), with the peering's name. */
  peered: Map<string, string>;
  /** VPC id -> transit gateways it is attached to. */
  tgwsOfVpc: Map<string, Set<string>>;
  /** External network id -> transit gateways that reach it through a VPN or Direct Connect attachment. */
  tgwsOfExternal: Map<string, Set<string>>;
  /** VPC id -> external networks its VPN gateways reach. */
  vpnReach: Map<string, Set<string>>;
  /** VPC id -> service networks it is associated with. */
  serviceNetworksOfVpc: Map<string, Set<string>>;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function connectivity(plan: Plan): Connectivity {
  const peered = new Map<string, string>();
  for (const p of plan.peerings) {
    peered.set(`${p.requesterVpcId}|${p.accepterVpcId}`, nameOf(p));
    peered.set(`${p.accepterVpcId}|${p.requesterVpcId}`, nameOf(p));
  }
  const tgwsOfVpc = new Map<string, Set<string>>();
  const tgwsOfExternal = new Map<string, Set<string>>();
  for (const tgw of plan.transitGateways) {
    for (const a of tgw.attachments) {
      if (a.type === 'vpc' && a.vpcId !== undefined) addTo(tgwsOfVpc, a.vpcId, tgw.id);
      if ((a.type === 'vpn' || a.type === 'direct-connect') && a.externalNetworkId !== undefined) addTo(tgwsOfExternal, a.externalNetworkId, tgw.id);
    }
  }
  const vpnReach = new Map<string, Set<string>>();
  for (const g of plan.vpnGateways) for (const e of g.externalNetworkIds) addTo(vpnReach, g.vpcId, e);
  const serviceNetworksOfVpc = new Map<string, Set<string>>();
  for (const sn of plan.serviceNetworks) for (const v of sn.vpcIds) addTo(serviceNetworksOfVpc, v, sn.id);
  return { peered, tgwsOfVpc, tgwsOfExternal, vpnReach, serviceNetworksOfVpc };
}

function shared(a: Set<string> | undefined, b: Set<string> | undefined): string | undefined {
  if (!a || !b) return undefined;
  for (const x of a) if (b.has(x)) return x;
  return undefined;
}

const definitions: Record<string, FindingDefinition> = {
  'overlap/peered-vpcs': { severity: 'error', title: 'Peered VPCs have overlapping blocks', source: PEERING },
  'overlap/same-transit-gateway': { severity: 'error', title: 'VPCs on the same transit gateway have overlapping blocks', source: TGW },
  'overlap/reachable-external': { severity: 'error', title: 'A VPC overlaps an on-premises or other-cloud network it reaches', source: `${TGW}; AWS Site-to-Site VPN User Guide (overlapping CIDRs with the VPC)` },
  'overlap/unconnected-vpcs': { severity: 'warning', title: 'Unconnected VPCs overlap (they can never be peered or share a transit gateway)', source: `${PEERING}; ${TGW}` },
  'overlap/lattice-only': { severity: 'info', title: 'VPCs joined only through a Lattice service network overlap (Lattice handles it)', source: LATTICE },
};

export const networkOverlapRule: PlanRule = {
  scope: 'plan',
  name: 'network-overlap',
  findings: definitions,
  dependsOn: ['vpcs', 'peerings', 'transitGateways', 'vpnGateways', 'serviceNetworks', 'externalNetworks'],
  check(index: PlanIndex): Finding[] {
    const { plan } = index;
    const owners: Owner[] = [];
    for (const vpc of plan.vpcs) {
      for (const version of [4, 6] as const) {
        for (const { block } of vpcBlocksWithField(vpc, version)) owners.push({ kind: 'vpc', id: vpc.id, block });
      }
    }
    const externalById = new Map<string, ExternalNetwork>();
    for (const network of plan.externalNetworks) {
      externalById.set(network.id, network);
      for (const text of network.cidrs) {
        const block = validCidr(text);
        if (block) owners.push({ kind: 'external', id: network.id, block });
      }
    }
    const pairs = findOverlappingPairs(owners.map((o) => o.block));
    if (pairs.length === 0) return [];

    // Group the overlapping blocks by pair of owners: one finding per pair of networks.
    const groups = new Map<string, { a: Owner; b: Owner; blocks: Array<[string, string]> }>();
    const order = new Map<string, number>();
    plan.vpcs.forEach((v, i) => order.set(v.id, i));
    plan.externalNetworks.forEach((e, i) => order.set(e.id, plan.vpcs.length + i));
    for (const [i, j] of pairs) {
      let a = owners[i]!;
      let b = owners[j]!;
      if (a.id === b.id) continue; // inside one VPC: vpc/blocks-overlap
      if (a.kind === 'external' && b.kind === 'external') continue;
      if ((order.get(a.id) ?? 0) > (order.get(b.id) ?? 0)) [a, b] = [b, a];
      const key = `${a.id}|${b.id}`;
      const group = groups.get(key);
      if (group) group.blocks.push([textOf(a), textOf(b)]);
      else groups.set(key, { a, b, blocks: [[textOf(a), textOf(b)]] });
    }
    if (groups.size === 0) return [];

    const links = connectivity(plan);
    const tgwName = new Map(plan.transitGateways.map((t) => [t.id, nameOf(t)]));
    // A concrete replacement for the second VPC's overlapping block, free across the plan, from
    // the check run's one allocation (../overlap-fixes): the same block the finding's fix applies.
    const replacement = (owner: Owner): string => {
      const free = overlapReplacement(index, owner.id, owner.block);
      return free ? `${formatCidr(free)} instead of ${textOf(owner)} (free across the plan)` : 'a block that no other VPC uses';
    };
    const out: Finding[] = [];
    for (const { a, b, blocks } of groups.values()) {
      const cidrs = [...new Set(blocks.flat())];
      const detail = blocks.map(([x, y]) => (x === y ? x : `${x} and ${y}`)).join('; ');
      if (b.kind === 'external') {
        const vpc = index.vpcById.get(a.id) as Vpc;
        const network = externalById.get(b.id)!;
        const viaTgw = shared(links.tgwsOfVpc.get(a.id), links.tgwsOfExternal.get(b.id));
        const viaVpn = links.vpnReach.get(a.id)?.has(b.id) === true;
        if (!viaTgw && !viaVpn) continue;
        const path = viaTgw ? `transit gateway ${tgwName.get(viaTgw)}` : 'its VPN gateway';
        out.push({
          code: 'overlap/reachable-external', severity: 'error', subjects: [a.id, b.id], cidrs,
          message: `VPC ${nameOf(vpc)} overlaps ${network.kind === 'on-premises' ? 'on-premises network' : 'external network'} ${nameOf(network)} (${detail}), which it reaches through ${path}; traffic to the overlapping addresses stays in the VPC (the local route wins) and never reaches ${nameOf(network)}.`,
          fix: `Renumber the VPC or the ${network.kind === 'on-premises' ? 'on-premises' : 'external'} range so that they do not overlap, or put NAT between them.`,
        });
        continue;
      }
      const vpcA = index.vpcById.get(a.id) as Vpc;
      const vpcB = index.vpcById.get(b.id) as Vpc;
      const names = `VPCs ${nameOf(vpcA)} and ${nameOf(vpcB)}`;
      const peering = links.peered.get(`${a.id}|${b.id}`);
      if (peering !== undefined) {
        out.push({
          code: 'overlap/peered-vpcs', severity: 'error', subjects: [a.id, b.id], cidrs,
          message: `${names} are peered (${peering}) but their blocks overlap (${detail}); AWS refuses a peering between VPCs with overlapping blocks, even if only other blocks would be routed.`,
          fix: `Renumber one of the VPCs (e.g. give ${nameOf(vpcB)} ${replacement(b)}), or connect them through a Lattice service network, which tolerates overlap.`,
        });
        continue;
      }
      const tgw = shared(links.tgwsOfVpc.get(a.id), links.tgwsOfVpc.get(b.id));
      if (tgw !== undefined) {
        out.push({
          code: 'overlap/same-transit-gateway', severity: 'error', subjects: [a.id, b.id, tgw], cidrs,
          message: `${names} are both attached to transit gateway ${tgwName.get(tgw)} and their blocks overlap (${detail}); traffic to the overlapping addresses cannot be routed to both.`,
          fix: `Renumber one of the VPCs (e.g. give ${nameOf(vpcB)} ${replacement(b)}), or keep them in separate transit gateway route tables that never learn each other's routes.`,
        });
        continue;
      }
      const latticeOnly = shared(links.serviceNetworksOfVpc.get(a.id), links.serviceNetworksOfVpc.get(b.id));
      if (latticeOnly !== undefined) {
        const sn = plan.serviceNetworks.find((s) => s.id === latticeOnly);
        out.push({
          code: 'overlap/lattice-only', severity: 'info', subjects: [a.id, b.id, latticeOnly], cidrs,
          message: `${names} overlap (${detail}) but are joined only through the Lattice service network ${nameOf(sn)}; Lattice handles overlapping VPC blocks, so this works as drawn.`,
          fix: 'Nothing to do, unless you later want to peer them or attach both to a transit gateway: then renumber one.',
        });
        continue;
      }
      out.push({
        code: 'overlap/unconnected-vpcs', severity: 'warning', subjects: [a.id, b.id], cidrs,
        message: `${names} overlap (${detail}); they are not connected now, but they can never be peered or routed through a shared transit gateway.`,
        fix: `Give ${nameOf(vpcB)} ${replacement(b)}, unless the two are meant to stay apart for good.`,
      });
    }
    return withOverlapFixes(index, out);
  },
};
