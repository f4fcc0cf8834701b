/**
 * Terraform (HCL) for the AWS provider v5/v6 from a plan.
 *
 * Output: two files, `main.tf` (terraform + provider blocks and every resource) and
 * `variables.tf` (the account-specific values: regions, account ids, IPAM/BYOIP pools and
 * the ids of transit gateway attachments the plan does not model). Printed together they
 * are still one valid module (Terraform reads every .tf file of a folder as one).
 *
 * Choices, and why:
 * - Amazon-provided IPv6: Amazon picks the /56, so the plan's block is a placeholder. The
 *   first one is `assign_generated_ipv6_cidr_block = true` on aws_vpc (no extra resource),
 *   later ones an aws_vpc_ipv6_cidr_block_association with the same flag. Subnets keep their
 *   planned position inside it: `cidrsubnet(<block>, newbits, netnum)` from the plan's offsets.
 *   IPAM and BYOIP blocks are chosen by the planner, so they are written literally, through
 *   an association with the pool id as a variable.
 * - One provider per (account, region) in the plan, aliased after the first, each pinned with
 *   `allowed_account_ids` so a wrong profile fails before it creates anything.
 * - Routes are separate aws_route resources (never inline `route` blocks, which fight them);
 *   `local` routes are implicit in AWS and not written.
 * - Transit gateways disable the default route table association and propagation: the plan
 *   says exactly which route table each attachment uses.
 * - The provider pin is `>= ` the release that added the newest argument written (ARGUMENT_SINCE
 *   in terraform-arguments.ts, from the provider CHANGELOG), so an older provider fails at init.
 * - Anything with an invalid CIDR or a reference to an object that was not exported is
 *   skipped with a warning: the output is always valid HCL, never a half-written resource.
 */
import { formatCidr, parseCidr, contains, type Cidr, type IpVersion } from '../cidr';
import type { Plan, Subnet, Vpc } from '../plan/schema';
import { expression, formatBlock, hclMap, type HclBlock, type HclValue } from './hcl';
import { IdentifierRegistry, identifierFrom } from './terraform-identifiers';
import { ARGUMENT_SINCE, isAllowedArgument, laterVersion, PROVIDER_ARGUMENTS, PROVIDER_FLOOR, VARIABLE_ARGUMENTS, type ResourceType } from './terraform-arguments';

export interface TerraformFile {
  name: string;
  text: string;
}

export interface TerraformExport {
  files: TerraformFile[];
  /** What was skipped or needs the user's attention, one sentence each with the fix. */
  warnings: string[];
}

interface ProviderSlot {
  account?: string;
  region: string;
  /** Undefined for the default (first) provider. */
  alias?: string;
}

interface Ipv6Block {
  cidr: Cidr;
  /** The expression that yields the block in Terraform (Amazon-provided) or undefined when written literally. */
  generated?: string;
  /** The association resource that adds it, for depends_on. */
  association?: string;
}

interface ExportedVpc {
  vpc: Vpc;
  name: string;
  slot: ProviderSlot;
  ipv4: Array<{ cidr: Cidr; association?: string }>;
  ipv6: Ipv6Block[];
}

interface ExportedSubnet {
  subnet: Subnet;
  name: string;
  vpc: ExportedVpc;
  hasIpv6: boolean;
}

const AMAZON_IPV6_PREFIX = 56;
/** AWS VPC Lattice service network names: 3-63 lower-case letters, digits and hyphens (CreateServiceNetwork API). */
const LATTICE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function ref(type: ResourceType, name: string, attribute: string): HclValue {
  return expression(`${type}.${name}.${attribute}`);
}

function label(thing: { id: string; name: string }): string {
  return thing.name ? `"${thing.name}" (${thing.id})` : thing.id;
}

function tags(thing: { id: string; name: string }): HclValue {
  return hclMap([['Name', thing.name || thing.id]]);
}

class TerraformWriter {
  readonly warnings: string[] = [];
  readonly resources: HclBlock[] = [];
  readonly names = new IdentifierRegistry();
  private readonly slots = new Map<string, ProviderSlot>();
  private readonly variables = new Map<string, HclBlock>();
  private primary: ProviderSlot | undefined;
  private readonly regionVariables = new Map<string, string>();
  private readonly accountVariables = new Map<string, string>();
  /** The oldest AWS provider that has every argument written so far (see ARGUMENT_SINCE). */
  minimumProvider = PROVIDER_FLOOR;

  constructor(readonly plan: Plan) {
    const first = plan.vpcs[0];
    const region = first?.region ?? plan.transitGateways[0]?.region ?? 'us-east-1';
    this.primary = this.slot(first?.accountId, region);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  slot(account: string | undefined, region: string): ProviderSlot {
    const key = `${account ?? ''}\u0000${region}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { region };
      if (account) slot.account = account;
      if (this.primary !== undefined) {
        slot.alias = this.names.take('provider', `account_${account ?? 'default'}_${region}`);
      } else {
        this.names.take('provider', 'default');
      }
      this.slots.set(key, slot);
    }
    return slot;
  }

  get primarySlot(): ProviderSlot {
    return this.primary!;
  }

  regionVariable(region: string): HclValue {
    let name = this.regionVariables.get(region);
    if (!name) {
      const isPrimary = region === this.primary?.region || this.primary === undefined;
      name = this.names.take('variable', isPrimary && !this.variables.has('region') ? 'region' : `region_${region}`);
      this.regionVariables.set(region, name);
      this.variable(name, `The AWS region of the plan's ${region} resources.`, region);
    }
    return expression(`var.${name}`);
  }

  accountVariable(account: string): HclValue {
    let name = this.accountVariables.get(account);
    if (!name) {
      name = this.names.take('variable', `account_${account}`);
      this.accountVariables.set(account, name);
      const known = /^\d{12}$/.test(account);
      this.variable(name, known ? `The AWS account id of account ${account}.` : `The 12-digit AWS account id of the account the plan calls "${account}" (set it: the plan has only the label).`, known ? account : undefined);
    }
    return expression(`var.${name}`);
  }

  /** A string variable; returns its reference. */
  variable(name: string, description: string, defaultValue?: string): HclValue {
    if (!this.variables.has(name)) {
      const attributes: Array<[string, HclValue]> = [['type', expression('string')], ['description', description]];
      if (defaultValue !== undefined) attributes.push(['default', defaultValue]);
      for (const [argument] of attributes) if (!VARIABLE_ARGUMENTS.includes(argument)) throw new Error(`variable argument ${argument} is not in VARIABLE_ARGUMENTS`);
      this.variables.set(name, { type: 'variable', labels: [name], attributes });
    }
    return expression(`var.${name}`);
  }

  /** Adds a resource; refuses arguments that are not in the provider's table (a bug in the exporter, not the plan). */
  resource(type: ResourceType, name: string, slot: ProviderSlot, attributes: Array<[string, HclValue | undefined]>, comment?: string[]): void {
    const written: Array<[string, HclValue]> = [];
    if (slot.alias) written.push(['provider', expression(`aws.${slot.alias}`)]);
    for (const [argument, value] of attributes) {
      if (value === undefined) continue;
      if (!isAllowedArgument(type, argument)) throw new Error(`${argument} is not an argument of ${type} (see shared/export/terraform-arguments.ts)`);
      const since = ARGUMENT_SINCE[`${type}.${argument}`];
      if (since) this.minimumProvider = laterVersion(this.minimumProvider, since);
      written.push([argument, value]);
    }
    const block: HclBlock = { type: 'resource', labels: [type, name], attributes: written };
    if (comment) block.comment = comment;
    this.resources.push(block);
  }

  providerBlocks(): HclBlock[] {
    const blocks: HclBlock[] = [];
    for (const slot of this.slots.values()) {
      const attributes: Array<[string, HclValue]> = [];
      if (slot.alias) attributes.push(['alias', slot.alias]);
      attributes.push(['region', this.regionVariable(slot.region)]);
      if (slot.account) attributes.push(['allowed_account_ids', [this.accountVariable(slot.account)]]);
      for (const [argument] of attributes) if (!PROVIDER_ARGUMENTS.includes(argument)) throw new Error(`provider argument ${argument} is not in PROVIDER_ARGUMENTS`);
      blocks.push({
        type: 'provider', labels: ['aws'], attributes,
        comment: [`Account ${slot.account ?? '(not set in the plan)'}, ${slot.region}: give this provider credentials for that account (profile or assume_role; left for you).`],
      });
    }
    return blocks;
  }

  /** Regions first, then accounts, then the rest, each in the order they were first needed. */
  variableBlocks(): HclBlock[] {
    const rank = (name: string) => (this.regionVariables.has(name) || [...this.regionVariables.values()].includes(name) ? 0 : [...this.accountVariables.values()].includes(name) ? 1 : 2);
    return [...this.variables.entries()].map(([name, block], order) => ({ name, block, order }))
      .sort((a, b) => rank(a.name) - rank(b.name) || a.order - b.order).map((v) => v.block);
  }
}

function parseAs(text: string | undefined, version: IpVersion): { ok: true; cidr: Cidr } | { ok: false; reason: string } | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const result = parseCidr(text, { version });
  return result.ok ? { ok: true, cidr: result.cidr } : { ok: false, reason: result.error.message };
}

function parseEither(text: string): { ok: true; cidr: Cidr } | { ok: false; reason: string } {
  const result = parseCidr(text);
  return result.ok ? { ok: true, cidr: result.cidr } : { ok: false, reason: result.error.message };
}

/** `0.0.0.0/0` -> `default_ipv4`, `10.1.0.0/16` -> `10_1_0_0_16`. */
function destinationWords(c: Cidr): string {
  if (c.prefix === 0) return c.version === 4 ? 'default_ipv4' : 'default_ipv6';
  return formatCidr(c).toLowerCase().replace(/[^0-9a-f]+/g, '_').replace(/^_+|_+$/g, '') || 'route';
}

export function planToTerraform(plan: Plan): TerraformExport {
  const w = new TerraformWriter(plan);
  const vpcs = exportVpcs(w);
  const subnets = exportSubnets(w, vpcs);
  const gateways = exportGateways(w, vpcs);
  const natGateways = exportNatGateways(w, subnets, gateways.internet);
  const peerings = exportPeerings(w, vpcs);
  const tgw = exportTransitGateways(w, vpcs, subnets);
  exportRouteTables(w, vpcs, subnets, { ...gateways, nat: natGateways, peerings, transitGateways: tgw.gateways, attachmentsByVpc: tgw.attachmentsByVpc });
  exportServiceNetworks(w, vpcs);

  const leftForUser = leftForUserNotes(plan);
  const header = [
    `Generated by VPC Planner from the plan "${plan.name}". Review before you apply.`,
    'Resource names come from the plan\'s names (snake_case, a _2 suffix on a clash); every resource has a Name tag with the plan name.',
    ...(leftForUser.length > 0 ? ['', 'Left for you (the plan does not model these):', ...leftForUser.map((n) => `- ${n}`)] : []),
  ];
  const terraformBlock: HclBlock = {
    type: 'terraform', labels: [], attributes: [['required_version', '>= 1.5']],
    blocks: [{ type: 'required_providers', labels: [], attributes: [['aws', hclMap([['source', 'hashicorp/aws'], ['version', `>= ${w.minimumProvider}, < 7.0`]])]] }],
  };
  // Provider blocks are built last: they create the region and account variables they use.
  const providers = w.providerBlocks();
  const main = [formatBlock({ ...terraformBlock, comment: header }), ...providers.map((b) => formatBlock(b)), ...w.resources.map((b) => formatBlock(b))].join('\n\n');
  const variables = w.variableBlocks().map((b) => formatBlock(b)).join('\n\n');
  return {
    files: [
      { name: 'main.tf', text: `${main}\n` },
      { name: 'variables.tf', text: `# Account-specific values for main.tf. Defaults come from the plan; override them per environment.\n\n${variables}\n` },
    ],
    warnings: w.warnings,
  };
}

function leftForUserNotes(plan: Plan): string[] {
  const notes: string[] = [];
  for (const ext of plan.externalNetworks) {
    notes.push(`External network ${label(ext)} (${ext.kind}, ${ext.cidrs.join(', ') || 'no CIDRs'}): its customer gateway, VPN connection or Direct Connect gateway.`);
  }
  for (const vgw of plan.vpnGateways) {
    if (vgw.externalNetworkIds.length > 0) notes.push(`VPN gateway ${label(vgw)}: the aws_customer_gateway and aws_vpn_connection to ${vgw.externalNetworkIds.join(', ')}.`);
  }
  for (const sn of plan.serviceNetworks) {
    if (sn.services.length > 0) notes.push(`Lattice services of ${label(sn)} (${sn.services.map((s) => s.name || s.id).join(', ')}): aws_vpclattice_service, its listeners and target groups, and the service network association.`);
  }
  for (const tgw of plan.transitGateways) {
    for (const att of tgw.attachments) {
      if (att.type !== 'vpc') notes.push(`The ${att.type} attachment ${label(att)} on ${label(tgw)}: create it, then set its id in variables.tf.`);
    }
  }
  notes.push('Security groups, network ACLs and VPC endpoints.');
  return notes;
}

function exportVpcs(w: TerraformWriter): Map<string, ExportedVpc> {
  const out = new Map<string, ExportedVpc>();
  for (const vpc of w.plan.vpcs) {
    const primaryText = vpc.ipv4Cidrs[0];
    const primary = parseAs(primaryText, 4);
    if (!primary || !primary.ok) {
      w.warn(`Skipped VPC ${label(vpc)} and everything in it: ${primary ? `its primary IPv4 block is not valid (${primary.reason})` : 'it has no IPv4 block (AWS requires a primary IPv4 block)'}. Fix ipv4Cidrs[0] in the plan and export again.`);
      continue;
    }
    const slot = w.slot(vpc.accountId, vpc.region);
    const name = w.names.take('aws_vpc', vpc.name, vpc.id, 'vpc');
    const exported: ExportedVpc = { vpc, name, slot, ipv4: [{ cidr: primary.cidr }], ipv6: [] };
    let generatedOnVpc = false;
    const ipv6Associations: Array<() => void> = [];
    vpc.ipv6Cidrs.forEach((text, index) => {
      const parsed = parseAs(text, 6);
      if (!parsed) return;
      if (!parsed.ok) {
        w.warn(`Skipped IPv6 block ${index + 1} of VPC ${label(vpc)}: ${parsed.reason}. Fix ipv6Cidrs[${index}] and export again.`);
        return;
      }
      if (vpc.ipv6Source === 'amazon') {
        if (parsed.cidr.prefix !== AMAZON_IPV6_PREFIX) {
          w.warn(`Skipped IPv6 block ${text} of VPC ${label(vpc)}: an Amazon-provided IPv6 block is always a /56. Make it a /56 or set ipv6Source to ipam or byoip.`);
          return;
        }
        if (!generatedOnVpc) {
          generatedOnVpc = true;
          exported.ipv6.push({ cidr: parsed.cidr, generated: `aws_vpc.${name}.ipv6_cidr_block` });
          return;
        }
      }
      const assoc = w.names.take('aws_vpc_ipv6_cidr_block_association', `${name}_ipv6_${index + 1}`);
      const block: Ipv6Block = { cidr: parsed.cidr, association: assoc };
      if (vpc.ipv6Source === 'amazon') block.generated = `aws_vpc_ipv6_cidr_block_association.${assoc}.ipv6_cidr_block`;
      exported.ipv6.push(block);
      ipv6Associations.push(() => {
        const pool = vpc.ipv6Source === 'ipam'
          ? w.variable('ipv6_ipam_pool_id', 'The IPAM pool the plan\'s IPAM-sourced IPv6 blocks come from (pool id, e.g. ipam-pool-0123...).')
          : undefined;
        const byoip = vpc.ipv6Source === 'byoip'
          ? w.variable('ipv6_byoip_pool_id', 'The BYOIP IPv6 address pool the plan\'s BYOIP blocks come from (e.g. ipv6pool-ec2-0123...).')
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
    w.resource('aws_vpc', name, slot, [
      ['cidr_block', formatCidr(primary.cidr)],
      ['assign_generated_ipv6_cidr_block', generatedOnVpc ? true : undefined],
      ['tags', tags(vpc)],
    ], comment);
    vpc.ipv4Cidrs.slice(1).forEach((text, i) => {
      const parsed = parseAs(text, 4);
      if (!parsed) return;
      if (!parsed.ok) {
        w.warn(`Skipped secondary IPv4 block ${text} of VPC ${label(vpc)}: ${parsed.reason}. Fix ipv4Cidrs[${i + 1}] and export again.`);
        return;
      }
      const assoc = w.names.take('aws_vpc_ipv4_cidr_block_association', `${name}_${identifierFrom(formatCidr(parsed.cidr))}`);
      w.resource('aws_vpc_ipv4_cidr_block_association', assoc, slot, [['vpc_id', ref('aws_vpc', name, 'id')], ['cidr_block', formatCidr(parsed.cidr)]]);
      exported.ipv4.push({ cidr: parsed.cidr, association: assoc });
    });
    for (const add of ipv6Associations) add();
    out.set(vpc.id, exported);
  }
  return out;
}

function missingVpc(w: TerraformWriter, vpcId: string): string {
  return w.plan.vpcs.some((v) => v.id === vpcId) ? `its VPC ${vpcId} was skipped` : `its VPC ${vpcId} is not in the plan`;
}

function exportSubnets(w: TerraformWriter, vpcs: Map<string, ExportedVpc>): Map<string, ExportedSubnet> {
  const out = new Map<string, ExportedSubnet>();
  for (const subnet of w.plan.subnets) {
    const vpc = vpcs.get(subnet.vpcId);
    if (!vpc) {
      w.warn(`Skipped subnet ${label(subnet)}: ${missingVpc(w, subnet.vpcId)}.`);
      continue;
    }
    const v4 = parseAs(subnet.ipv4Cidr, 4);
    const v6 = parseAs(subnet.ipv6Cidr, 6);
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
        w.warn(`Skipped subnet ${label(subnet)}: ${formatCidr(v4.cidr)} is not inside any valid IPv4 block of VPC ${label(vpc.vpc)}. Move it into one of ${vpc.ipv4.map((b) => formatCidr(b.cidr)).join(', ')}.`);
        continue;
      }
      cidrBlock = formatCidr(v4.cidr);
      if (block.association) dependsOn.push(expression(`aws_vpc_ipv4_cidr_block_association.${block.association}`));
    }
    let ipv6: HclValue | undefined;
    if (v6) {
      const block = vpc.ipv6.find((b) => contains(b.cidr, v6.cidr));
      if (!block) {
        w.warn(`Skipped subnet ${label(subnet)}: its IPv6 CIDR ${formatCidr(v6.cidr)} is not inside any valid IPv6 block of VPC ${label(vpc.vpc)}. Move it into ${vpc.ipv6.map((b) => formatCidr(b.cidr)).join(', ') || 'an IPv6 block (the VPC has none)'}.`);
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
    const name = w.names.take('aws_subnet', subnet.name, subnet.id, 'subnet');
    w.resource('aws_subnet', name, vpc.slot, [
      ['vpc_id', ref('aws_vpc', vpc.name, 'id')],
      ['availability_zone', subnet.availabilityZone],
      ['cidr_block', cidrBlock],
      ['ipv6_cidr_block', ipv6],
      ['assign_ipv6_address_on_creation', v6 ? true : undefined],
      ['ipv6_native', v6 && !v4 ? true : undefined],
      ['tags', tags(subnet)],
      ['depends_on', dependsOn.length > 0 ? dependsOn : undefined],
    ], [`${subnet.tier} subnet${subnet.hostsNeeded !== undefined ? `, ${subnet.hostsNeeded} hosts needed` : ''}`]);
    out.set(subnet.id, { subnet, name, vpc, hasIpv6: v6 !== undefined });
  }
  return out;
}

interface Gateways {
  internet: Map<string, { name: string; vpcId: string }>;
  egressOnly: Map<string, string>;
  vpn: Map<string, string>;
}

function exportGateways(w: TerraformWriter, vpcs: Map<string, ExportedVpc>): Gateways {
  const internet = new Map<string, { name: string; vpcId: string }>();
  const egressOnly = new Map<string, string>();
  const vpn = new Map<string, string>();
  const sections = [
    { items: w.plan.internetGateways, type: 'aws_internet_gateway', what: 'internet gateway', into: (id: string, name: string, vpcId: string) => internet.set(id, { name, vpcId }) },
    { items: w.plan.egressOnlyGateways, type: 'aws_egress_only_internet_gateway', what: 'egress-only internet gateway', into: (id: string, name: string) => egressOnly.set(id, name) },
    { items: w.plan.vpnGateways, type: 'aws_vpn_gateway', what: 'VPN gateway', into: (id: string, name: string) => vpn.set(id, name) },
  ] as const;
  for (const section of sections) {
    for (const gw of section.items) {
      const vpc = vpcs.get(gw.vpcId);
      if (!vpc) {
        w.warn(`Skipped ${section.what} ${label(gw)}: ${missingVpc(w, gw.vpcId)}.`);
        continue;
      }
      const name = w.names.take(section.type, gw.name, gw.id, 'gateway');
      w.resource(section.type, name, vpc.slot, [['vpc_id', ref('aws_vpc', vpc.name, 'id')], ['tags', tags(gw)]]);
      section.into(gw.id, name, gw.vpcId);
    }
  }
  return { internet, egressOnly, vpn };
}

function exportNatGateways(w: TerraformWriter, subnets: Map<string, ExportedSubnet>, internet: Gateways['internet']): Map<string, string> {
  const out = new Map<string, string>();
  for (const nat of w.plan.natGateways) {
    const subnet = subnets.get(nat.subnetId);
    if (!subnet) {
      w.warn(`Skipped NAT gateway ${label(nat)}: its subnet ${nat.subnetId} was not exported${w.plan.subnets.some((s) => s.id === nat.subnetId) ? ' (see the warning about it)' : ' (it is not in the plan)'}.`);
      continue;
    }
    if (!subnet.subnet.ipv4Cidr) {
      w.warn(`Skipped NAT gateway ${label(nat)}: its subnet ${label(subnet.subnet)} has no IPv4 CIDR, and a NAT gateway needs one.`);
      continue;
    }
    const name = w.names.take('aws_nat_gateway', nat.name, nat.id, 'nat');
    const slot = subnet.vpc.slot;
    if (nat.connectivity === 'public') {
      // One Elastic IP per planned address: the first is the primary, the rest secondary (up to 8 in all).
      const eips: string[] = [];
      for (let i = 1; i <= nat.addresses; i++) {
        const eip = w.names.take('aws_eip', `${name}_${i}`);
        w.resource('aws_eip', eip, slot, [['domain', 'vpc'], ['tags', hclMap([['Name', `${nat.name || nat.id} address ${i}`]])]]);
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

function exportPeerings(w: TerraformWriter, vpcs: Map<string, ExportedVpc>): Map<string, string> {
  const out = new Map<string, string>();
  for (const peering of w.plan.peerings) {
    const requester = vpcs.get(peering.requesterVpcId);
    const accepter = vpcs.get(peering.accepterVpcId);
    if (!requester || !accepter) {
      w.warn(`Skipped peering ${label(peering)}: ${missingVpc(w, !requester ? peering.requesterVpcId : peering.accepterVpcId)}.`);
      continue;
    }
    const sameAccount = (requester.vpc.accountId ?? '') === (accepter.vpc.accountId ?? '');
    const sameRegion = requester.vpc.region === accepter.vpc.region;
    const active = peering.status === 'active';
    const name = w.names.take('aws_vpc_peering_connection', peering.name, peering.id, 'peering');
    w.resource('aws_vpc_peering_connection', name, requester.slot, [
      ['vpc_id', ref('aws_vpc', requester.name, 'id')],
      ['peer_vpc_id', ref('aws_vpc', accepter.name, 'id')],
      ['peer_owner_id', !sameAccount && accepter.vpc.accountId ? w.accountVariable(accepter.vpc.accountId) : undefined],
      ['peer_region', sameRegion ? undefined : w.regionVariable(accepter.vpc.region)],
      // auto_accept works only when both VPCs are in the same account and region (provider docs).
      ['auto_accept', sameAccount && sameRegion && active ? true : undefined],
      ['tags', tags(peering)],
    ], active ? undefined : ['Pending in the plan: accept it when the accepter side is ready.']);
    if (active && !(sameAccount && sameRegion)) {
      const accept = w.names.take('aws_vpc_peering_connection_accepter', name);
      w.resource('aws_vpc_peering_connection_accepter', accept, accepter.slot, [
        ['vpc_peering_connection_id', ref('aws_vpc_peering_connection', name, 'id')],
        ['auto_accept', true],
        ['tags', tags(peering)],
      ], ['The accepter side, with the accepter account\'s provider.']);
    }
    out.set(peering.id, name);
  }
  return out;
}

interface ExportedTransitGateways {
  gateways: Map<string, string>;
  /** `${vpcId}|${tgwId}` -> the VPC attachment resource name. */
  attachmentsByVpc: Map<string, string>;
}

function exportTransitGateways(w: TerraformWriter, vpcs: Map<string, ExportedVpc>, subnets: Map<string, ExportedSubnet>): ExportedTransitGateways {
  const gateways = new Map<string, string>();
  const attachmentsByVpc = new Map<string, string>();
  for (const tgw of w.plan.transitGateways) {
    // The transit gateway lives in the account of its first attached VPC (the network account in a hub and spoke).
    const owner = tgw.attachments.map((a) => (a.vpcId ? vpcs.get(a.vpcId) : undefined)).find((v) => v !== undefined);
    const account = owner ? owner.vpc.accountId : w.primarySlot.account;
    const slot = w.slot(account, tgw.region);
    const name = w.names.take('aws_ec2_transit_gateway', tgw.name, tgw.id, 'tgw');
    w.resource('aws_ec2_transit_gateway', name, slot, [
      ['description', tgw.name || tgw.id],
      ['amazon_side_asn', tgw.asn],
      ['default_route_table_association', 'disable'],
      ['default_route_table_propagation', 'disable'],
      ['tags', tags(tgw)],
    ]);
    gateways.set(tgw.id, name);
    const tables = new Map<string, string>();
    for (const table of tgw.routeTables) {
      const tableName = w.names.take('aws_ec2_transit_gateway_route_table', `${name}_${table.name}`, `${name}_${table.id}`);
      w.resource('aws_ec2_transit_gateway_route_table', tableName, slot, [['transit_gateway_id', ref('aws_ec2_transit_gateway', name, 'id')], ['tags', tags(table)]]);
      tables.set(table.id, tableName);
    }
    const attachments = new Map<string, HclValue>();
    for (const att of tgw.attachments) {
      if (att.type !== 'vpc') {
        const variable = w.names.take('variable', `tgw_attachment_${att.name || att.id}`);
        attachments.set(att.id, w.variable(variable, `The id (tgw-attach-...) of the ${att.type} attachment "${att.name || att.id}" on transit gateway "${tgw.name || tgw.id}", which the plan does not create.`));
        w.warn(`The ${att.type} attachment ${label(att)} on transit gateway ${label(tgw)} is not created by this Terraform: create it (e.g. aws_vpn_connection with transit_gateway_id) and set variable ${variable} to its attachment id.`);
        continue;
      }
      const vpc = att.vpcId ? vpcs.get(att.vpcId) : undefined;
      if (!vpc) {
        w.warn(`Skipped transit gateway attachment ${label(att)}: ${att.vpcId ? missingVpc(w, att.vpcId) : 'it names no VPC'}.`);
        continue;
      }
      const attached = att.subnetIds.map((id) => subnets.get(id)).filter((s): s is ExportedSubnet => s !== undefined && s.vpc === vpc && s.subnet.ipv4Cidr !== undefined);
      if (attached.length < att.subnetIds.length) {
        w.warn(`Transit gateway attachment ${label(att)}: ${att.subnetIds.length - attached.length} of its subnets were left out (not exported, not in VPC ${label(vpc.vpc)}, or without IPv4).`);
      }
      if (attached.length === 0) {
        w.warn(`Skipped transit gateway attachment ${label(att)}: none of its subnets could be exported. Give it one subnet per availability zone it serves.`);
        continue;
      }
      const sameAccount = (vpc.vpc.accountId ?? '') === (slot.account ?? '');
      if (!sameAccount) {
        w.warn(`Transit gateway ${label(tgw)} is in account ${slot.account ?? '(default)'} and VPC ${label(vpc.vpc)} in ${vpc.vpc.accountId ?? '(default)'}: share the transit gateway with AWS RAM (aws_ram_resource_share, aws_ram_principal_association) and accept the attachment; left for you.`);
      }
      const attName = w.names.take('aws_ec2_transit_gateway_vpc_attachment', att.name, att.id, 'attachment');
      w.resource('aws_ec2_transit_gateway_vpc_attachment', attName, vpc.slot, [
        ['transit_gateway_id', ref('aws_ec2_transit_gateway', name, 'id')],
        ['vpc_id', ref('aws_vpc', vpc.name, 'id')],
        ['subnet_ids', attached.map((s) => ref('aws_subnet', s.name, 'id'))],
        ['ipv6_support', attached.every((s) => s.hasIpv6) ? 'enable' : undefined],
        // Not settable on a RAM-shared transit gateway (provider docs); the gateway's defaults are disabled anyway.
        ['transit_gateway_default_route_table_association', sameAccount ? false : undefined],
        ['transit_gateway_default_route_table_propagation', sameAccount ? false : undefined],
        ['tags', tags(att)],
      ]);
      attachments.set(att.id, ref('aws_ec2_transit_gateway_vpc_attachment', attName, 'id'));
      attachmentsByVpc.set(`${vpc.vpc.id}|${tgw.id}`, attName);
    }
    for (const att of tgw.attachments) {
      const attachment = attachments.get(att.id);
      if (!attachment) continue;
      const attWords = att.name || att.id;
      if (att.associatedRouteTableId !== undefined) {
        const table = tables.get(att.associatedRouteTableId);
        if (!table) w.warn(`Skipped the route table association of attachment ${label(att)}: route table ${att.associatedRouteTableId} is not on transit gateway ${label(tgw)}.`);
        else {
          w.resource('aws_ec2_transit_gateway_route_table_association', w.names.take('aws_ec2_transit_gateway_route_table_association', `${name}_${attWords}`), slot, [
            ['transit_gateway_attachment_id', attachment],
            ['transit_gateway_route_table_id', ref('aws_ec2_transit_gateway_route_table', table, 'id')],
          ]);
        }
      }
      for (const tableId of att.propagatedRouteTableIds) {
        const table = tables.get(tableId);
        if (!table) {
          w.warn(`Skipped a propagation of attachment ${label(att)}: route table ${tableId} is not on transit gateway ${label(tgw)}.`);
          continue;
        }
        w.resource('aws_ec2_transit_gateway_route_table_propagation', w.names.take('aws_ec2_transit_gateway_route_table_propagation', `${attWords}_to_${table}`), slot, [
          ['transit_gateway_attachment_id', attachment],
          ['transit_gateway_route_table_id', ref('aws_ec2_transit_gateway_route_table', table, 'id')],
        ]);
      }
    }
    for (const table of tgw.routeTables) {
      const tableName = tables.get(table.id)!;
      for (const route of table.routes) {
        const destination = parseEither(route.destination);
        if (!destination.ok) {
          w.warn(`Skipped route ${route.destination} in transit gateway route table ${label(table)}: ${destination.reason}. Fix the destination.`);
          continue;
        }
        let target: HclValue | undefined;
        if (route.kind === 'static') {
          target = route.attachmentId ? attachments.get(route.attachmentId) : undefined;
          if (!target) {
            w.warn(`Skipped static route ${route.destination} in transit gateway route table ${label(table)}: ${route.attachmentId ? `attachment ${route.attachmentId} was not exported` : 'it names no attachment'}.`);
            continue;
          }
        }
        w.resource('aws_ec2_transit_gateway_route', w.names.take('aws_ec2_transit_gateway_route', `${tableName}_${destinationWords(destination.cidr)}`), slot, [
          ['transit_gateway_route_table_id', ref('aws_ec2_transit_gateway_route_table', tableName, 'id')],
          ['destination_cidr_block', formatCidr(destination.cidr)],
          ['transit_gateway_attachment_id', target],
          ['blackhole', route.kind === 'blackhole' ? true : undefined],
        ]);
      }
    }
  }
  return { gateways, attachmentsByVpc };
}

interface RouteTargets extends Gateways {
  nat: Map<string, string>;
  peerings: Map<string, string>;
  transitGateways: Map<string, string>;
  attachmentsByVpc: Map<string, string>;
}

function exportRouteTables(w: TerraformWriter, vpcs: Map<string, ExportedVpc>, subnets: Map<string, ExportedSubnet>, targets: RouteTargets): void {
  const tables = new Map<string, string>();
  for (const table of w.plan.routeTables) {
    const vpc = vpcs.get(table.vpcId);
    if (!vpc) {
      w.warn(`Skipped route table ${label(table)}: ${missingVpc(w, table.vpcId)}.`);
      continue;
    }
    const name = w.names.take('aws_route_table', table.name, table.id, 'route_table');
    w.resource('aws_route_table', name, vpc.slot, [['vpc_id', ref('aws_vpc', vpc.name, 'id')], ['tags', tags(table)]],
      table.routes.some((r) => r.target === 'local') ? ['Local routes are implicit in AWS and not written.'] : undefined);
    tables.set(table.id, name);
    for (const route of table.routes) {
      if (route.target === 'local') continue;
      const destination = parseEither(route.destination);
      if (!destination.ok) {
        w.warn(`Skipped route ${route.destination} in route table ${label(table)}: ${destination.reason}. Fix the destination.`);
        continue;
      }
      const id = route.targetId ?? '';
      let target: [string, HclValue] | undefined;
      let dependsOn: HclValue[] | undefined;
      switch (route.target) {
        case 'internet-gateway': { const g = targets.internet.get(id); if (g) target = ['gateway_id', ref('aws_internet_gateway', g.name, 'id')]; break; }
        case 'vpn-gateway': { const g = targets.vpn.get(id); if (g) target = ['gateway_id', ref('aws_vpn_gateway', g, 'id')]; break; }
        case 'nat-gateway': { const g = targets.nat.get(id); if (g) target = ['nat_gateway_id', ref('aws_nat_gateway', g, 'id')]; break; }
        case 'egress-only-gateway': { const g = targets.egressOnly.get(id); if (g) target = ['egress_only_gateway_id', ref('aws_egress_only_internet_gateway', g, 'id')]; break; }
        case 'peering': { const p = targets.peerings.get(id); if (p) target = ['vpc_peering_connection_id', ref('aws_vpc_peering_connection', p, 'id')]; break; }
        case 'transit-gateway': {
          const t = targets.transitGateways.get(id);
          if (t) {
            target = ['transit_gateway_id', ref('aws_ec2_transit_gateway', t, 'id')];
            // A route to a transit gateway fails until the VPC is attached to it.
            const attachment = targets.attachmentsByVpc.get(`${table.vpcId}|${id}`);
            if (attachment) dependsOn = [expression(`aws_ec2_transit_gateway_vpc_attachment.${attachment}`)];
          }
          break;
        }
      }
      if (!target) {
        w.warn(`Skipped route ${route.destination} -> ${route.target} ${id} in route table ${label(table)}: the target ${id || '(none given)'} was not exported or is not in the plan.`);
        continue;
      }
      w.resource('aws_route', w.names.take('aws_route', `${name}_${destinationWords(destination.cidr)}`), vpc.slot, [
        ['route_table_id', ref('aws_route_table', name, 'id')],
        [destination.cidr.version === 4 ? 'destination_cidr_block' : 'destination_ipv6_cidr_block', formatCidr(destination.cidr)],
        target,
        ['depends_on', dependsOn],
      ]);
    }
    if (table.main) {
      w.resource('aws_main_route_table_association', w.names.take('aws_main_route_table_association', vpc.name), vpc.slot, [
        ['vpc_id', ref('aws_vpc', vpc.name, 'id')],
        ['route_table_id', ref('aws_route_table', name, 'id')],
      ]);
    }
  }
  for (const subnet of subnets.values()) {
    const tableId = subnet.subnet.routeTableId;
    if (tableId === undefined) continue;
    const table = tables.get(tableId);
    if (!table) {
      w.warn(`Subnet ${label(subnet.subnet)} is left on its VPC's main route table: its route table ${tableId} was not exported${w.plan.routeTables.some((t) => t.id === tableId) ? '' : ' (it is not in the plan)'}.`);
      continue;
    }
    w.resource('aws_route_table_association', w.names.take('aws_route_table_association', subnet.name), subnet.vpc.slot, [
      ['subnet_id', ref('aws_subnet', subnet.name, 'id')],
      ['route_table_id', ref('aws_route_table', table, 'id')],
    ]);
  }
}

/** A valid Lattice service network name from the plan's name. */
function latticeName(text: string, fallback: string): string {
  let name = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (name.length < 3) name = fallback.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (name.length < 3) name = `${name}-net`.replace(/^-+/, '');
  if (name.startsWith('servicenetwork-')) name = `sn-${name}`;
  return name.slice(0, 63).replace(/-+$/, '');
}

function exportServiceNetworks(w: TerraformWriter, vpcs: Map<string, ExportedVpc>): void {
  for (const sn of w.plan.serviceNetworks) {
    const members = sn.vpcIds.map((id) => vpcs.get(id)).filter((v): v is ExportedVpc => v !== undefined);
    const owner = members[0];
    const slot = owner ? owner.slot : w.primarySlot;
    const name = w.names.take('aws_vpclattice_service_network', sn.name, sn.id, 'service_network');
    const awsName = latticeName(sn.name, sn.id);
    if (awsName !== sn.name) {
      w.warn(`Service network ${label(sn)} is named "${awsName}" in AWS: Lattice names are 3 to 63 lower-case letters, digits and hyphens.`);
    }
    if (!LATTICE_NAME.test(awsName)) throw new Error(`latticeName made an invalid name ${awsName}`);
    w.resource('aws_vpclattice_service_network', name, slot, [['name', awsName], ['tags', tags(sn)]]);
    for (const vpcId of sn.vpcIds) {
      const vpc = vpcs.get(vpcId);
      if (!vpc) {
        w.warn(`Skipped the association of service network ${label(sn)} with VPC ${vpcId}: ${missingVpc(w, vpcId)}.`);
        continue;
      }
      const sameAccount = (vpc.vpc.accountId ?? '') === (slot.account ?? '');
      if (!sameAccount) {
        w.warn(`Service network ${label(sn)} is in account ${slot.account ?? '(default)'} and VPC ${label(vpc.vpc)} in ${vpc.vpc.accountId ?? '(default)'}: share the service network with AWS RAM first; left for you.`);
      }
      w.resource('aws_vpclattice_service_network_vpc_association', w.names.take('aws_vpclattice_service_network_vpc_association', `${name}_${vpc.name}`), vpc.slot, [
        ['vpc_identifier', ref('aws_vpc', vpc.name, 'id')],
        // Across accounts the API needs the ARN, not the id (provider docs).
        ['service_network_identifier', ref('aws_vpclattice_service_network', name, sameAccount ? 'id' : 'arn')],
        ['tags', tags({ id: `${sn.id}-${vpc.vpc.id}`, name: `${sn.name || sn.id} / ${vpc.vpc.name || vpc.vpc.id}` })],
      ]);
    }
  }
}
