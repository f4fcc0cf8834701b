/**
 * The Terraform writer every resource family writes through: provider slots (one per account
 * and region), variables, outputs, and resources whose arguments are checked against the
 * provider's argument table (terraform-arguments.ts). Also the small helpers the families share.
 *
 * Addresses are stable: a resource's name comes from the plan id(s) it is written for (see
 * terraform-identifiers.ts), and a provider alias from its account and region, so editing one
 * object changes only that object's resources.
 */
import { formatCidr, isCidrError, type Cidr, type CidrError } from '../../cidr';
import { planIndexOf, routeDestinationRead, type PlanIndex } from '../../plan/plan-index';
import type { Plan } from '../../plan/schema';
import { expression, hclMap, type HclBlock, type HclValue } from '../hcl';
import { IdentifierRegistry, PlanIdentifiers } from '../terraform-identifiers';
import {
  ARGUMENT_SINCE,
  isAllowedArgument,
  laterVersion,
  OUTPUT_ARGUMENTS,
  PROVIDER_ARGUMENTS,
  PROVIDER_BLOCKS,
  PROVIDER_FLOOR,
  VARIABLE_ARGUMENTS,
  type ResourceType,
} from '../terraform-arguments';

/** The file each resource type is written to: one per family, as a Terraform user would split them. */
export const FAMILY_FILES = ['vpcs.tf', 'gateways.tf', 'routing.tf', 'peering.tf', 'transit-gateways.tf', 'vpn.tf', 'lattice.tf', 'sharing.tf'] as const;
export type FamilyFile = (typeof FAMILY_FILES)[number];

const FILE_OF: Record<ResourceType, FamilyFile> = {
  aws_vpc: 'vpcs.tf',
  aws_vpc_ipv4_cidr_block_association: 'vpcs.tf',
  aws_vpc_ipv6_cidr_block_association: 'vpcs.tf',
  aws_subnet: 'vpcs.tf',
  aws_internet_gateway: 'gateways.tf',
  aws_egress_only_internet_gateway: 'gateways.tf',
  aws_vpn_gateway: 'gateways.tf',
  aws_eip: 'gateways.tf',
  aws_nat_gateway: 'gateways.tf',
  aws_route_table: 'routing.tf',
  aws_route: 'routing.tf',
  aws_route_table_association: 'routing.tf',
  aws_main_route_table_association: 'routing.tf',
  aws_vpc_peering_connection: 'peering.tf',
  aws_vpc_peering_connection_accepter: 'peering.tf',
  aws_ec2_transit_gateway: 'transit-gateways.tf',
  aws_ec2_transit_gateway_route_table: 'transit-gateways.tf',
  aws_ec2_transit_gateway_vpc_attachment: 'transit-gateways.tf',
  aws_ec2_transit_gateway_vpc_attachment_accepter: 'transit-gateways.tf',
  aws_ec2_transit_gateway_route_table_association: 'transit-gateways.tf',
  aws_ec2_transit_gateway_route_table_propagation: 'transit-gateways.tf',
  aws_ec2_transit_gateway_route: 'transit-gateways.tf',
  aws_ram_resource_share: 'sharing.tf',
  aws_ram_principal_association: 'sharing.tf',
  aws_ram_resource_association: 'sharing.tf',
  aws_ram_resource_share_accepter: 'sharing.tf',
  aws_customer_gateway: 'vpn.tf',
  aws_vpn_connection: 'vpn.tf',
  aws_vpclattice_service_network: 'lattice.tf',
  aws_vpclattice_service_network_vpc_association: 'lattice.tf',
  aws_vpclattice_service: 'lattice.tf',
  aws_vpclattice_service_network_service_association: 'lattice.tf',
};

export interface ProviderSlot {
  account?: string;
  region: string;
  /** Undefined when the plan has one account and region, and so one (default) provider. */
  alias?: string;
}

export interface WrittenVariable {
  name: string;
  description: string;
  /** Undefined: no default, the user must set it. */
  default?: HclValue;
  block: HclBlock;
}

export function ref(type: ResourceType, name: string, attribute: string): HclValue {
  return expression(`${type}.${name}.${attribute}`);
}

export function label(thing: { id: string; name: string }): string {
  return thing.name ? `"${thing.name}" (${thing.id})` : thing.id;
}

export function tags(thing: { id: string; name: string }): HclValue {
  return hclMap([['Name', thing.name || thing.id]]);
}

/** Every id in the plan, nested ones too: their tokens must not clash with each other. */
function allPlanIds(plan: Plan): string[] {
  return [
    ...[
      plan.vpcs,
      plan.subnets,
      plan.internetGateways,
      plan.egressOnlyGateways,
      plan.vpnGateways,
      plan.natGateways,
      plan.routeTables,
      plan.peerings,
      plan.serviceNetworks,
      plan.externalNetworks,
    ].flatMap((list) => list.map((x) => x.id)),
    ...plan.transitGateways.flatMap((t) => [t.id, ...t.routeTables.map((r) => r.id), ...t.attachments.map((a) => a.id)]),
    ...plan.serviceNetworks.flatMap((n) => n.services.map((s) => s.id)),
  ];
}

/** The account a transit gateway lives in: that of its first attached VPC (the network account in a hub and spoke). */
export function transitGatewayAccount(plan: Plan, tgw: Plan['transitGateways'][number]): string | undefined {
  for (const a of tgw.attachments) {
    const vpc = a.vpcId === undefined ? undefined : plan.vpcs.find((v) => v.id === a.vpcId);
    if (vpc) return vpc.accountId;
  }
  return plan.vpcs[0]?.accountId;
}

export class TerraformWriter {
  readonly warnings: string[] = [];
  /** What the plan does not model, for the README's "Left for you". */
  readonly leftForUser: string[] = [];
  readonly resources: Array<{ file: FamilyFile; block: HclBlock }> = [];
  readonly outputs: HclBlock[] = [];
  readonly names = new IdentifierRegistry();
  readonly ids: PlanIdentifiers;
  private readonly slots = new Map<string, ProviderSlot>();
  private readonly variables = new Map<string, WrittenVariable>();
  private readonly primary: ProviderSlot;
  /** Aliases for every provider when the plan spans more than one account or region. */
  private readonly aliased: boolean;
  private readonly multiAccount: boolean;
  private readonly regions: Set<string>;
  private readonly regionVariables = new Map<string, string>();
  private readonly accountVariables = new Map<string, string>();
  /** The oldest AWS provider that has every argument written so far (see ARGUMENT_SINCE). */
  minimumProvider = PROVIDER_FLOOR;

  /** The plan's blocks, read once (the checks share the same index). */
  readonly index: PlanIndex;

  constructor(readonly plan: Plan) {
    this.index = planIndexOf(plan);
    this.ids = new PlanIdentifiers(allPlanIds(plan));
    // Decided from the plan, not from what gets exported, so aliases do not depend on which objects are valid.
    const places = new Set([
      ...plan.vpcs.map((v) => `${v.accountId ?? ''}\u0000${v.region}`),
      ...plan.transitGateways.map((t) => `${transitGatewayAccount(plan, t) ?? ''}\u0000${t.region}`),
    ]);
    this.aliased = places.size > 1;
    this.regions = new Set([...plan.vpcs.map((v) => v.region), ...plan.transitGateways.map((t) => t.region)]);
    this.multiAccount = new Set([...places].map((p) => p.split('\u0000')[0])).size > 1;
    const first = plan.vpcs[0];
    const tgw = plan.transitGateways[0];
    this.primary = first ? this.slot(first.accountId, first.region) : this.slot(tgw ? transitGatewayAccount(plan, tgw) : undefined, tgw?.region ?? 'us-east-1');
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  private readonly once = new Set<string>();
  /** True the first time a key is seen: for resources several objects share (a customer gateway). */
  firstTime(key: string): boolean {
    if (this.once.has(key)) return false;
    this.once.add(key);
    return true;
  }

  /** The token of a plan id, for resource names. */
  id(planId: string): string {
    return this.ids.of(planId);
  }

  slot(account: string | undefined, region: string): ProviderSlot {
    const key = `${account ?? ''}\u0000${region}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { region };
      if (account) slot.account = account;
      if (this.aliased) slot.alias = this.names.take('provider', `account_${account ?? 'default'}_${region}`, key);
      this.slots.set(key, slot);
    }
    return slot;
  }

  get primarySlot(): ProviderSlot {
    return this.primary;
  }

  sameAccount(a: ProviderSlot, b: ProviderSlot): boolean {
    return (a.account ?? '') === (b.account ?? '');
  }

  regionVariable(region: string): HclValue {
    let name = this.regionVariables.get(region);
    if (!name) {
      // `region` when the plan has one region; else named after each, so adding a VPC first in the list renames nothing.
      name = this.names.take('variable', this.regions.size <= 1 ? 'region' : `region_${region}`, `region:${region}`);
      this.regionVariables.set(region, name);
      this.variable(name, { description: `The AWS region of the plan's ${region} resources.`, default: region });
    }
    return expression(`var.${name}`);
  }

  accountVariable(account: string): HclValue {
    let name = this.accountVariables.get(account);
    if (!name) {
      name = this.names.take('variable', `account_${account}`, `account:${account}`);
      this.accountVariables.set(account, name);
      const known = /^\d{12}$/.test(account);
      this.variable(name, {
        description: known
          ? `The AWS account id of account ${account}.`
          : `The 12-digit AWS account id of the account the plan calls "${account}" (the plan has only this label).`,
        ...(known ? { default: account } : {}),
      });
    }
    return expression(`var.${name}`);
  }

  /** A variable; returns its reference. `default: null` is written (the variable is optional); no default makes it required. */
  variable(name: string, options: { description: string; type?: string; default?: HclValue | null }): HclValue {
    if (!this.variables.has(name)) {
      const attributes: Array<[string, HclValue]> = [
        ['type', expression(options.type ?? 'string')],
        ['description', options.description],
      ];
      const value = options.default === null ? expression('null') : options.default;
      if (value !== undefined) attributes.push(['default', value]);
      for (const [argument] of attributes)
        if (!VARIABLE_ARGUMENTS.includes(argument)) throw new Error(`variable argument ${argument} is not in VARIABLE_ARGUMENTS`);
      this.variables.set(name, {
        name,
        description: options.description,
        ...(value !== undefined ? { default: value } : {}),
        block: { type: 'variable', labels: [name], attributes },
      });
    }
    return expression(`var.${name}`);
  }

  /**
   * Adds a resource; refuses arguments that are not in the provider's table (a bug in the
   * exporter, not the plan). `count` goes first, as the style guide puts meta-arguments.
   */
  resource(type: ResourceType, name: string, slot: ProviderSlot, attributes: Array<[string, HclValue | undefined]>, comment?: string[]): void {
    const written: Array<[string, HclValue]> = [];
    const count = attributes.find(([argument]) => argument === 'count');
    if (count?.[1] !== undefined) written.push(['count', count[1]]);
    if (slot.alias) written.push(['provider', expression(`aws.${slot.alias}`)]);
    for (const [argument, value] of attributes) {
      if (value === undefined || argument === 'count') continue;
      if (!isAllowedArgument(type, argument)) throw new Error(`${argument} is not an argument of ${type} (see shared/export/terraform-arguments.ts)`);
      const since = ARGUMENT_SINCE[`${type}.${argument}`];
      if (since) this.minimumProvider = laterVersion(this.minimumProvider, since);
      written.push([argument, value]);
    }
    const block: HclBlock = { type: 'resource', labels: [type, name], attributes: written };
    if (comment) block.comment = comment;
    this.resources.push({ file: FILE_OF[type], block });
  }

  output(name: string, description: string, value: HclValue): void {
    const attributes: Array<[string, HclValue]> = [
      ['description', description],
      ['value', value],
    ];
    for (const [argument] of attributes) if (!OUTPUT_ARGUMENTS.includes(argument)) throw new Error(`output argument ${argument} is not in OUTPUT_ARGUMENTS`);
    this.outputs.push({ type: 'output', labels: [this.names.take('output', name)], attributes });
  }

  providerBlocks(): HclBlock[] {
    const tagsVariable = this.variable('default_tags', {
      type: 'map(string)',
      description: "Tags every resource gets through the providers' default_tags (a resource's own Name tag is added to them).",
      default: hclMap([['ManagedBy', 'terraform']]),
    });
    const blocks: HclBlock[] = [];
    for (const slot of this.slots.values()) {
      const attributes: Array<[string, HclValue]> = [];
      if (slot.alias) attributes.push(['alias', slot.alias]);
      attributes.push(['region', this.regionVariable(slot.region)]);
      if (slot.account) attributes.push(['allowed_account_ids', [this.accountVariable(slot.account)]]);
      const children: HclBlock[] = [];
      if (this.multiAccount) {
        const role = this.variable(this.names.take('variable', `role_arn_${slot.alias ?? 'default'}`, `role:${slot.alias ?? ''}`), {
          description: `The IAM role Terraform assumes for account ${slot.account ?? '(not set in the plan)'} in ${slot.region}, e.g. arn:aws:iam::${slot.account && /^\d{12}$/.test(slot.account) ? slot.account : '123456789012'}:role/OrganizationAccountAccessRole. Null uses the credentials Terraform runs with.`,
          default: null,
        });
        const roleName = (role as { expression: string }).expression;
        children.push({
          type: 'dynamic',
          labels: ['assume_role'],
          attributes: [['for_each', expression(`${roleName} == null ? [] : [${roleName}]`)]],
          blocks: [{ type: 'content', labels: [], attributes: [['role_arn', expression('assume_role.value')]] }],
        });
      }
      children.push({ type: 'default_tags', labels: [], attributes: [['tags', tagsVariable]] });
      for (const [argument] of attributes)
        if (!PROVIDER_ARGUMENTS.includes(argument)) throw new Error(`provider argument ${argument} is not in PROVIDER_ARGUMENTS`);
      for (const child of children)
        if (!PROVIDER_BLOCKS.includes(child.labels[0] ?? child.type)) throw new Error(`provider block ${child.type} is not in PROVIDER_BLOCKS`);
      blocks.push({
        type: 'provider',
        labels: ['aws'],
        attributes,
        blocks: children,
        comment: [`Account ${slot.account ?? '(not set in the plan)'}, ${slot.region}.`],
      });
    }
    return blocks;
  }

  /** Regions first, then accounts, then the rest, each in the order they were first needed. */
  variableList(): WrittenVariable[] {
    const regions = new Set(this.regionVariables.values());
    const accounts = new Set(this.accountVariables.values());
    const rank = (name: string) => (regions.has(name) ? 0 : accounts.has(name) ? 1 : 2);
    return [...this.variables.values()]
      .map((v, order) => ({ v, order }))
      .sort((a, b) => rank(a.v.name) - rank(b.v.name) || a.order - b.order)
      .map(({ v }) => v);
  }
}

/** A CIDR field as the exporter uses it: its block, or the reason it is not one. */
export type FieldRead = { ok: true; cidr: Cidr } | { ok: false; reason: string };

/**
 * A field's block as the plan index read it (shared/plan/plan-index: every CIDR text of the
 * plan is read once, for the checks and the exports alike), in the exporter's words; an
 * empty optional field is undefined.
 */
export function fieldRead(read: Cidr | CidrError | undefined): FieldRead | undefined {
  if (read === undefined || (isCidrError(read) && read.code === 'empty')) return undefined;
  return isCidrError(read) ? { ok: false, reason: read.message } : { ok: true, cidr: read };
}

/** A route's destination (a field that may not be empty), read once through the plan index. */
export function destinationRead(w: TerraformWriter, text: string): FieldRead {
  const read = routeDestinationRead(w.index, text);
  return isCidrError(read) ? { ok: false, reason: read.message } : { ok: true, cidr: read };
}

/** `0.0.0.0/0` -> `default_ipv4`, `10.1.0.0/16` -> `10_1_0_0_16`. */
export function destinationWords(c: Cidr): string {
  if (c.prefix === 0) return c.version === 4 ? 'default_ipv4' : 'default_ipv6';
  return (
    formatCidr(c)
      .toLowerCase()
      .replace(/[^0-9a-f]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'route'
  );
}

export function missingVpc(w: TerraformWriter, vpcId: string): string {
  return w.plan.vpcs.some((v) => v.id === vpcId) ? `its VPC ${vpcId} was skipped` : `its VPC ${vpcId} is not in the plan`;
}
