/**
 * The Terraform writer every resource family writes through: provider slots (one per account
 * and region), variables, and resources whose arguments are checked against the provider's
 * argument table (terraform-arguments.ts). Also the small helpers the families share.
 */
import { parseCidr, formatCidr, type Cidr, type IpVersion } from '../../cidr';
import type { Plan } from '../../plan/schema';
import { expression, hclMap, type HclBlock, type HclValue } from '../hcl';
import { IdentifierRegistry } from '../terraform-identifiers';
import { ARGUMENT_SINCE, isAllowedArgument, laterVersion, PROVIDER_ARGUMENTS, PROVIDER_FLOOR, VARIABLE_ARGUMENTS, type ResourceType } from '../terraform-arguments';

export interface ProviderSlot {
  account?: string;
  region: string;
  /** Undefined for the default (first) provider. */
  alias?: string;
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

export class TerraformWriter {
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

export function parseAs(text: string | undefined, version: IpVersion): { ok: true; cidr: Cidr } | { ok: false; reason: string } | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const result = parseCidr(text, { version });
  return result.ok ? { ok: true, cidr: result.cidr } : { ok: false, reason: result.error.message };
}

export function parseEither(text: string): { ok: true; cidr: Cidr } | { ok: false; reason: string } {
  const result = parseCidr(text);
  return result.ok ? { ok: true, cidr: result.cidr } : { ok: false, reason: result.error.message };
}

/** `0.0.0.0/0` -> `default_ipv4`, `10.1.0.0/16` -> `10_1_0_0_16`. */
export function destinationWords(c: Cidr): string {
  if (c.prefix === 0) return c.version === 4 ? 'default_ipv4' : 'default_ipv6';
  return formatCidr(c).toLowerCase().replace(/[^0-9a-f]+/g, '_').replace(/^_+|_+$/g, '') || 'route';
}

export function missingVpc(w: TerraformWriter, vpcId: string): string {
  return w.plan.vpcs.some((v) => v.id === vpcId) ? `its VPC ${vpcId} was skipped` : `its VPC ${vpcId} is not in the plan`;
}
