/** VPCs (with their secondary IPv4 and extra IPv6 blocks) and subnets. */
import { contains, formatCidr, type Cidr } from '../../cidr';
import { subnetCidrField, vpcCidrFields } from '../../plan/plan-index';
import type { Subnet, Vpc } from '../../plan/schema';
import { expression, type HclValue } from '../hcl';
import { identifierFrom } from '../terraform-identifiers';
import { fieldRead, label, missingVpc, ref, tags, type ProviderSlot, type TerraformWriter } from './writer';

export interface Ipv6Block {
  cidr: Cidr;
  /** The expression that yields the block in Terraform (Amazon-provided) or undefined when written literally. */
  generated?: string;
  /** The association resource that adds it, for depends_on. */
  association?: string;
}

export interface ExportedVpc {
  vpc: Vpc;
  name: string;
  slot: ProviderSlot;
  ipv4: Array<{ cidr: Cidr; association?: string }>;
  ipv6: Ipv6Block[];
}

export interface ExportedSubnet {
  subnet: Subnet;
  name: string;
  vpc: ExportedVpc;
  hasIpv6: boolean;
}

export const AMAZON_IPV6_PREFIX = 56;

export function exportVpcs(w: TerraformWriter): Map<string, ExportedVpc> {
  const out = new Map<string, ExportedVpc>();
  for (const vpc of w.plan.vpcs) {
    const primary = fieldRead(vpcCidrFields(w.index, vpc, 4)[0]);
    if (!primary || !primary.ok) {
      w.warn(
        `Skipped VPC ${label(vpc)} and everything in it: ${primary ? `its primary IPv4 block is not valid (${primary.reason})` : 'it has no IPv4 block (AWS requires a primary IPv4 block)'}. Fix ipv4Cidrs[0] in the plan and export again.`,
      );
      continue;
    }
    const slot = w.slot(vpc.accountId, vpc.region);
    const name = w.names.take('aws_vpc', w.id(vpc.id), vpc.id);
    const exported: ExportedVpc = { vpc, name, slot, ipv4: [{ cidr: primary.cidr }], ipv6: [] };
    let generatedOnVpc = false;
    const ipv6Associations: Array<() => void> = [];
    vpc.ipv6Cidrs.forEach((text, index) => {
      const parsed = fieldRead(vpcCidrFields(w.index, vpc, 6)[index]);
      if (!parsed) return;
      if (!parsed.ok) {
        w.warn(`Skipped IPv6 block ${index + 1} of VPC ${label(vpc)}: ${parsed.reason}. Fix ipv6Cidrs[${index}] and export again.`);
        return;
      }
      if (vpc.ipv6Source === 'amazon') {
        if (parsed.cidr.prefix !== AMAZON_IPV6_PREFIX) {
          w.warn(
            `Skipped IPv6 block ${text} of VPC ${label(vpc)}: an Amazon-provided IPv6 block is always a /56. Make it a /56 or set ipv6Source to ipam or byoip.`,
          );
          return;
        }
        if (!generatedOnVpc) {
          generatedOnVpc = true;
          exported.ipv6.push({ cidr: parsed.cidr, generated: `aws_vpc.${name}.ipv6_cidr_block` });
          return;
        }
      }
      const assoc = w.names.take('aws_vpc_ipv6_cidr_block_association', `${name}_ipv6_${index + 1}`, `${vpc.id}#ipv6#${index}`);
      const block: Ipv6Block = { cidr: parsed.cidr, association: assoc };
      if (vpc.ipv6Source === 'amazon') block.generated = `aws_vpc_ipv6_cidr_block_association.${assoc}.ipv6_cidr_block`;
      exported.ipv6.push(block);
      ipv6Associations.push(() => {
        const pool =
          vpc.ipv6Source === 'ipam'
            ? w.variable('ipv6_ipam_pool_id', { description: "The IPAM pool the plan's IPAM-sourced IPv6 blocks come from (pool id, e.g. ipam-pool-0123...)." })
            : undefined;
        const byoip =
          vpc.ipv6Source === 'byoip'
            ? w.variable('ipv6_byoip_pool_id', { description: "The BYOIP IPv6 address pool the plan's BYOIP blocks come from (e.g. ipv6pool-ec2-0123...)." })
            : undefined;
        w.resource('aws_vpc_ipv6_cidr_block_association', assoc, slot, [
          ['vpc_id', ref('aws_vpc', name, 'id')],
          ['assign_generated_ipv6_cidr_block', vpc.ipv6Source === 'amazon' ? true : undefined],
          ['ipv6_cidr_block', vpc.ipv6Source === 'amazon' ? undefined : formatCidr(parsed.cidr)],
          ['ipv6_ipam_pool_id', pool],
          ['ipv6_pool', byoip],
        ]);
      });
    });
    const comment = vpc.notes ? [vpc.notes] : undefined;
    w.resource(
      'aws_vpc',
      name,
      slot,
      [
        ['cidr_block', formatCidr(primary.cidr)],
        // AWS turns DNS hostnames off in a new VPC; Lattice, interface endpoints' private DNS and Route 53 private zones need both on.
        ['enable_dns_support', true],
        ['enable_dns_hostnames', true],
        ['assign_generated_ipv6_cidr_block', generatedOnVpc ? true : undefined],
        ['tags', tags(vpc)],
      ],
      comment,
    );
    vpc.ipv4Cidrs.slice(1).forEach((text, i) => {
      const parsed = fieldRead(vpcCidrFields(w.index, vpc, 4)[i + 1]);
      if (!parsed) return;
      if (!parsed.ok) {
        w.warn(`Skipped secondary IPv4 block ${text} of VPC ${label(vpc)}: ${parsed.reason}. Fix ipv4Cidrs[${i + 1}] and export again.`);
        return;
      }
      const assoc = w.names.take(
        'aws_vpc_ipv4_cidr_block_association',
        `${name}_${identifierFrom(formatCidr(parsed.cidr))}`,
        `${vpc.id}#${formatCidr(parsed.cidr)}`,
      );
      w.resource('aws_vpc_ipv4_cidr_block_association', assoc, slot, [
        ['vpc_id', ref('aws_vpc', name, 'id')],
        ['cidr_block', formatCidr(parsed.cidr)],
      ]);
      exported.ipv4.push({ cidr: parsed.cidr, association: assoc });
    });
    for (const add of ipv6Associations) add();
    out.set(vpc.id, exported);
  }
  return out;
}

export function exportSubnets(w: TerraformWriter, vpcs: Map<string, ExportedVpc>): Map<string, ExportedSubnet> {
  const out = new Map<string, ExportedSubnet>();
  for (const subnet of w.plan.subnets) {
    const vpc = vpcs.get(subnet.vpcId);
    if (!vpc) {
      w.warn(`Skipped subnet ${label(subnet)}: ${missingVpc(w, subnet.vpcId)}.`);
      continue;
    }
    const v4 = fieldRead(subnetCidrField(w.index, subnet, 4));
    const v6 = fieldRead(subnetCidrField(w.index, subnet, 6));
    if (v4 && !v4.ok) {
      w.warn(`Skipped subnet ${label(subnet)}: its IPv4 CIDR is not valid (${v4.reason}). Fix ipv4Cidr and export again.`);
      continue;
    }
    if (v6 && !v6.ok) {
      w.warn(`Skipped subnet ${label(subnet)}: its IPv6 CIDR is not valid (${v6.reason}). Fix ipv6Cidr and export again.`);
      continue;
    }
    if (!v4 && !v6) {
      w.warn(`Skipped subnet ${label(subnet)}: it has neither an IPv4 nor an IPv6 CIDR. Give it one.`);
      continue;
    }
    const dependsOn: HclValue[] = [];
    let cidrBlock: string | undefined;
    if (v4) {
      const block = vpc.ipv4.find((b) => contains(b.cidr, v4.cidr));
      if (!block) {
        w.warn(
          `Skipped subnet ${label(subnet)}: ${formatCidr(v4.cidr)} is not inside any valid IPv4 block of VPC ${label(vpc.vpc)}. Move it into one of ${vpc.ipv4.map((b) => formatCidr(b.cidr)).join(', ')}.`,
        );
        continue;
      }
      cidrBlock = formatCidr(v4.cidr);
      if (block.association) dependsOn.push(expression(`aws_vpc_ipv4_cidr_block_association.${block.association}`));
    }
    let ipv6: HclValue | undefined;
    if (v6) {
      const block = vpc.ipv6.find((b) => contains(b.cidr, v6.cidr));
      if (!block) {
        w.warn(
          `Skipped subnet ${label(subnet)}: its IPv6 CIDR ${formatCidr(v6.cidr)} is not inside any valid IPv6 block of VPC ${label(vpc.vpc)}. Move it into ${vpc.ipv6.map((b) => formatCidr(b.cidr)).join(', ') || 'an IPv6 block (the VPC has none)'}.`,
        );
        continue;
      }
      if (block.generated) {
        const newBits = v6.cidr.prefix - block.cidr.prefix;
        const netnum = (v6.cidr.network - block.cidr.network) >> BigInt(128 - v6.cidr.prefix);
        ipv6 = expression(`cidrsubnet(${block.generated}, ${newBits}, ${netnum})`);
      } else {
        ipv6 = formatCidr(v6.cidr);
      }
      if (block.association) dependsOn.push(expression(`aws_vpc_ipv6_cidr_block_association.${block.association}`));
    }
    const name = w.names.take('aws_subnet', w.id(subnet.id), subnet.id);
    w.resource(
      'aws_subnet',
      name,
      vpc.slot,
      [
        ['vpc_id', ref('aws_vpc', vpc.name, 'id')],
        ['availability_zone', subnet.availabilityZone],
        ['cidr_block', cidrBlock],
        ['ipv6_cidr_block', ipv6],
        ['assign_ipv6_address_on_creation', v6 ? true : undefined],
        ['ipv6_native', v6 && !v4 ? true : undefined],
        ['tags', tags(subnet)],
        ['depends_on', dependsOn.length > 0 ? dependsOn : undefined],
      ],
      [`${subnet.tier} subnet${subnet.hostsNeeded !== undefined ? `, ${subnet.hostsNeeded} hosts needed` : ''}`],
    );
    out.set(subnet.id, { subnet, name, vpc, hasIpv6: v6 !== undefined });
  }
  return out;
}
