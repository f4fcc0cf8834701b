/** Internet, egress-only and VPN gateways, and NAT gateways with their Elastic IPs. */
import { expression, hclMap } from '../hcl';
import { label, missingVpc, ref, tags, type ProviderSlot, type TerraformWriter } from './writer';
import type { ExportedSubnet, ExportedVpc } from './vpcs';

export interface Gateways {
  internet: Map<string, { name: string; vpcId: string }>;
  egressOnly: Map<string, string>;
  vpn: Map<string, { name: string; slot: ProviderSlot }>;
}

export function exportGateways(w: TerraformWriter, vpcs: Map<string, ExportedVpc>): Gateways {
  const internet = new Map<string, { name: string; vpcId: string }>();
  const egressOnly = new Map<string, string>();
  const vpn = new Map<string, { name: string; slot: ProviderSlot }>();
  const sections = [
    {
      items: w.plan.internetGateways,
      type: 'aws_internet_gateway',
      what: 'internet gateway',
      into: (id: string, name: string, vpc: ExportedVpc) => internet.set(id, { name, vpcId: vpc.vpc.id }),
    },
    {
      items: w.plan.egressOnlyGateways,
      type: 'aws_egress_only_internet_gateway',
      what: 'egress-only internet gateway',
      into: (id: string, name: string) => egressOnly.set(id, name),
    },
    {
      items: w.plan.vpnGateways,
      type: 'aws_vpn_gateway',
      what: 'VPN gateway',
      into: (id: string, name: string, vpc: ExportedVpc) => vpn.set(id, { name, slot: vpc.slot }),
    },
  ] as const;
  for (const section of sections) {
    for (const gw of section.items) {
      const vpc = vpcs.get(gw.vpcId);
      if (!vpc) {
        w.warn(`Skipped ${section.what} ${label(gw)}: ${missingVpc(w, gw.vpcId)}.`);
        continue;
      }
      const name = w.names.take(section.type, w.id(gw.id), gw.id);
      w.resource(section.type, name, vpc.slot, [
        ['vpc_id', ref('aws_vpc', vpc.name, 'id')],
        ['tags', tags(gw)],
      ]);
      section.into(gw.id, name, vpc);
    }
  }
  return { internet, egressOnly, vpn };
}

export function exportNatGateways(w: TerraformWriter, subnets: Map<string, ExportedSubnet>, internet: Gateways['internet']): Map<string, string> {
  const out = new Map<string, string>();
  for (const nat of w.plan.natGateways) {
    const subnet = subnets.get(nat.subnetId);
    if (!subnet) {
      w.warn(
        `Skipped NAT gateway ${label(nat)}: its subnet ${nat.subnetId} was not exported${w.plan.subnets.some((s) => s.id === nat.subnetId) ? ' (see the warning about it)' : ' (it is not in the plan)'}.`,
      );
      continue;
    }
    if (!subnet.subnet.ipv4Cidr) {
      w.warn(`Skipped NAT gateway ${label(nat)}: its subnet ${label(subnet.subnet)} has no IPv4 CIDR, and a NAT gateway needs one.`);
      continue;
    }
    const name = w.names.take('aws_nat_gateway', w.id(nat.id), nat.id);
    const slot = subnet.vpc.slot;
    if (nat.connectivity === 'public') {
      // One Elastic IP per planned address: the first is the primary, the rest secondary (up to 8 in all).
      const eips: string[] = [];
      for (let i = 1; i <= nat.addresses; i++) {
        const eip = w.names.take('aws_eip', `${name}_${i}`, `${nat.id}#${i}`);
        w.resource('aws_eip', eip, slot, [
          ['domain', 'vpc'],
          ['tags', hclMap([['Name', `${nat.name || nat.id} address ${i}`]])],
        ]);
        eips.push(eip);
      }
      const igw = [...internet.values()].find((g) => g.vpcId === subnet.subnet.vpcId);
      w.resource('aws_nat_gateway', name, slot, [
        ['connectivity_type', 'public'],
        ['subnet_id', ref('aws_subnet', subnet.name, 'id')],
        ['allocation_id', ref('aws_eip', eips[0]!, 'id')],
        ['secondary_allocation_ids', eips.length > 1 ? eips.slice(1).map((e) => ref('aws_eip', e, 'id')) : undefined],
        ['tags', tags(nat)],
        // The provider docs recommend it: the gateway needs the VPC's internet gateway to work.
        ['depends_on', igw ? [expression(`aws_internet_gateway.${igw.name}`)] : undefined],
      ]);
    } else {
      w.resource('aws_nat_gateway', name, slot, [
        ['connectivity_type', 'private'],
        ['subnet_id', ref('aws_subnet', subnet.name, 'id')],
        ['secondary_private_ip_address_count', nat.addresses > 1 ? nat.addresses - 1 : undefined],
        ['tags', tags(nat)],
      ]);
    }
    out.set(nat.id, name);
  }
  return out;
}
