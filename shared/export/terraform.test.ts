import { readFileSync } from 'node:fs';
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCidr, parseCidr } from '../cidr';
import { parsePlanText } from '../plan/load';
import { PlanSchema, type Plan } from '../plan/schema';
import { quoteHcl } from './hcl';
import { derivedRoutesForSubnet } from '../routing/suggested-routes';
import { planToTerraform } from './terraform';
import { isAllowedArgument, laterVersion, RESOURCE_ARGUMENTS } from './terraform-arguments';
import { TERRAFORM_IDENTIFIER } from './terraform-identifiers';

type Resources = Record<string, Record<string, Array<Record<string, unknown>>>>;

function loadExample(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

interface Parsed {
  resources: Resources;
  variables: Set<string>;
  /** Variables without a default. */
  required: Set<string>;
  aliases: Set<string>;
  outputs: Record<string, Array<Record<string, unknown>>>;
  providers: Array<Record<string, unknown>>;
  warnings: string[];
  readme: string;
  files: string[];
}

/** The JSON form of every .tf file, merged (Terraform reads a folder's files as one module), and the README. */
async function parseOutput(plan: Plan): Promise<Parsed> {
  const out = planToTerraform(plan);
  const parsed: Parsed = {
    resources: {},
    variables: new Set(),
    required: new Set(),
    aliases: new Set(),
    outputs: {},
    providers: [],
    warnings: out.warnings,
    readme: '',
    files: out.files.map((f) => f.name),
  };
  for (const file of out.files) {
    if (!file.name.endsWith('.tf')) {
      if (file.name === 'README.md') parsed.readme = file.text;
      continue;
    }
    const json = (await parse(file.name, file.text)) as {
      resource?: Resources;
      variable?: Record<string, Array<Record<string, unknown>>>;
      output?: Parsed['outputs'];
      provider?: { aws?: Array<Record<string, unknown>> };
    };
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      parsed.resources[type] ??= {};
      for (const [name, bodies] of Object.entries(byName)) {
        expect(parsed.resources[type]![name], `${type}.${name} defined twice`).toBeUndefined();
        parsed.resources[type]![name] = bodies;
      }
    }
    for (const [name, [body]] of Object.entries(json.variable ?? {})) {
      parsed.variables.add(name);
      if (!('default' in body!)) parsed.required.add(name);
    }
    Object.assign(parsed.outputs, json.output ?? {});
    for (const provider of json.provider?.aws ?? []) {
      parsed.providers.push(provider);
      if (typeof provider.alias === 'string') parsed.aliases.add(provider.alias);
    }
  }
  return parsed;
}

/** Every `${...}` interpolation in a JSON-form value; `$${` is a literal, not one. */
function interpolations(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const m of value.replace(/\$\$\{/g, '').matchAll(/\$\{([^}]*)\}/g)) out.push(m[1]!);
  } else if (Array.isArray(value))
    value.forEach((v) => {
      interpolations(v, out);
    });
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => {
      interpolations(v, out);
    });
  return out;
}

function literal(value: unknown): string {
  return String(value)
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

/** Every reference in an expression resolves: resources, variables, provider aliases. */
function checkReferences(where: string, value: unknown, parsed: Parsed): void {
  for (const expr of interpolations(value)) {
    for (const m of expr.matchAll(/\b(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
      expect(parsed.resources[m[1]!]?.[m[2]!], `${where} refers to missing ${m[1]}.${m[2]}`).toBeDefined();
    }
    for (const m of expr.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)) expect(parsed.variables.has(m[1]!), `${where}: var.${m[1]}`).toBe(true);
  }
}

function checkStructure(parsed: Parsed): void {
  const { resources } = parsed;
  for (const [type, byName] of Object.entries(resources)) {
    expect(Object.keys(RESOURCE_ARGUMENTS), `unknown resource type ${type}`).toContain(type);
    for (const [name, [body]] of Object.entries(byName)) {
      expect(name).toMatch(TERRAFORM_IDENTIFIER);
      for (const argument of Object.keys(body!)) expect(isAllowedArgument(type, argument), `${type}.${argument}`).toBe(true);
      checkReferences(`${type}.${name}`, body, parsed);
      if (body!.provider !== undefined) {
        const alias = /^\$\{aws\.([A-Za-z0-9_-]+)\}$/.exec(String(body!.provider))?.[1];
        expect(alias && parsed.aliases.has(alias), `${type}.${name} uses provider ${String(body!.provider)}`).toBe(true);
      } else {
        expect(parsed.aliases.size, `${type}.${name} has no provider though every provider is aliased`).toBe(0);
      }
    }
  }
  for (const [name, [body]] of Object.entries(parsed.outputs)) checkReferences(`output ${name}`, body, parsed);
  for (const provider of parsed.providers) checkReferences('provider', provider, parsed);
}

function valid(text: string | undefined, version: 4 | 6): string | undefined {
  if (text === undefined) return undefined;
  const r = parseCidr(text, { version });
  return r.ok ? formatCidr(r.cidr) : undefined;
}

/** cidrsubnet(prefix, newbits, netnum), Terraform's function, for IPv6. */
function cidrsubnet(base: string, newBits: number, netnum: bigint): string {
  const c = parseCidr(base, { version: 6 });
  if (!c.ok) throw new Error(base);
  const prefix = c.cidr.prefix + newBits;
  return formatCidr({ version: 6, prefix, network: c.cidr.network + (netnum << BigInt(128 - prefix)) });
}

/** The plan's subnet CIDRs equal the ones in the HCL (IPv6 by evaluating cidrsubnet against the plan's VPC block). */
function checkRoundTrip(plan: Plan, resources: Resources): void {
  const vpcByTfName = new Map<string, Plan['vpcs'][number]>();
  for (const [name, [body]] of Object.entries(resources.aws_vpc ?? {})) {
    const planVpc = plan.vpcs.find((v) => (v.name || v.id) === literal((body!.tags as Record<string, unknown>).Name));
    expect(planVpc).toBeDefined();
    expect(body!.cidr_block).toBe(valid(planVpc!.ipv4Cidrs[0], 4));
    vpcByTfName.set(name, planVpc!);
  }
  const seen: string[] = [];
  for (const [, [body]] of Object.entries(resources.aws_subnet ?? {})) {
    const vpcName = /aws_vpc\.([^.]+)\.id/.exec(String(body!.vpc_id))![1]!;
    const vpc = vpcByTfName.get(vpcName)!;
    let v6: string | undefined;
    const v6Text = body!.ipv6_cidr_block as string | undefined;
    const m = v6Text ? /^\$\{cidrsubnet\(aws_vpc\.[^.]+\.ipv6_cidr_block, (\d+), (\d+)\)\}$/.exec(v6Text) : null;
    if (m) v6 = cidrsubnet(vpc.ipv6Cidrs.find((t) => valid(t, 6))!, Number(m[1]), BigInt(m[2]!));
    else v6 = v6Text;
    seen.push(`${vpc.id}|${body!.cidr_block ?? ''}|${v6 ?? ''}|${literal(body!.availability_zone)}`);
  }
  const expected = plan.subnets
    .filter((s) => seen.some((x) => x.startsWith(`${s.vpcId}|${valid(s.ipv4Cidr, 4) ?? ''}|`)))
    .map((s) => `${s.vpcId}|${valid(s.ipv4Cidr, 4) ?? ''}|${valid(s.ipv6Cidr, 6) ?? ''}|${s.availabilityZone}`);
  expect(seen.sort()).toEqual(expected.sort());
}

describe('planToTerraform on the examples', () => {
  it('writes every resource type the hub-and-spoke plan needs, all arguments real, all references resolved', async () => {
    const plan = loadExample('hub-and-spoke.vpcplan.json');
    const parsed = await parseOutput(plan);
    const { resources } = parsed;
    checkStructure(parsed);
    for (const type of [
      'aws_vpc',
      'aws_subnet',
      'aws_internet_gateway',
      'aws_egress_only_internet_gateway',
      'aws_nat_gateway',
      'aws_eip',
      'aws_route_table',
      'aws_route',
      'aws_route_table_association',
      'aws_main_route_table_association',
      'aws_vpc_peering_connection',
      'aws_ec2_transit_gateway',
      'aws_ec2_transit_gateway_route_table',
      'aws_ec2_transit_gateway_vpc_attachment',
      'aws_ec2_transit_gateway_route_table_association',
      'aws_ec2_transit_gateway_route_table_propagation',
      'aws_ec2_transit_gateway_route',
      'aws_vpclattice_service_network',
      'aws_vpclattice_service_network_vpc_association',
      'aws_vpclattice_service',
      'aws_vpclattice_service_network_service_association',
      'aws_ec2_transit_gateway_vpc_attachment_accepter',
      'aws_ram_resource_share',
      'aws_ram_principal_association',
      'aws_ram_resource_association',
      'aws_ram_resource_share_accepter',
      'aws_customer_gateway',
      'aws_vpn_connection',
    ]) {
      expect(Object.keys(resources[type] ?? {}).length, type).toBeGreaterThan(0);
    }
    expect(Object.keys(resources.aws_subnet!)).toHaveLength(plan.subnets.length);
    checkRoundTrip(plan, resources);
    // Two addresses per NAT gateway: the second one is a secondary allocation.
    const nat = resources.aws_nat_gateway!.nat_egress_a![0]!;
    expect(nat.secondary_allocation_ids).toEqual(['${aws_eip.nat_egress_a_2.id}']);
    // Cross-account peering: no auto_accept on the requester, an accepter in the other account.
    const peering = Object.values(resources.aws_vpc_peering_connection!)[0]![0]!;
    expect(peering.auto_accept).toBeUndefined();
    expect(peering.peer_owner_id).toBe('${var.account_222222222222}');
    expect(Object.keys(resources.aws_vpc_peering_connection_accepter ?? {})).toHaveLength(1);
    const blackhole = Object.values(resources.aws_ec2_transit_gateway_route!)
      .map(([b]) => b!)
      .find((b) => b.blackhole === true);
    expect(blackhole?.destination_cidr_block).toBe('10.0.0.0/8');
  });

  it('writes dual-stack subnets of the three-tier plan at their planned /64 offsets', async () => {
    const plan = loadExample('three-tier.vpcplan.json');
    const parsed = await parseOutput(plan);
    const { resources } = parsed;
    checkStructure(parsed);
    checkRoundTrip(plan, resources);
    expect(resources.aws_vpc!.vpc_web![0]!.assign_generated_ipv6_cidr_block).toBe(true);
    expect(resources.aws_vpc!.vpc_web![0]).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: true });
    expect(resources.aws_subnet!.sn_app_a![0]!.ipv6_cidr_block).toBe('${cidrsubnet(aws_vpc.vpc_web.ipv6_cidr_block, 8, 16)}');
    expect(resources.aws_subnet!.sn_app_a![0]!.assign_ipv6_address_on_creation).toBe(true);
    // One account and region: one provider, no aliases, default_tags from a variable.
    expect(parsed.providers).toHaveLength(1);
    expect(parsed.providers[0]!.default_tags).toEqual([{ tags: '${var.default_tags}' }]);
  });
});

describe('the provider version pin and audited arguments', () => {
  function providerVersion(plan: Plan): string {
    return /aws\s*=\s*\{[^}]*version\s*=\s*"([^"]+)"/.exec(planToTerraform(plan).files.find((f) => f.name === 'versions.tf')!.text)![1]!;
  }

  it('pins the release that added the newest argument it writes', async () => {
    // hub-and-spoke has two-address NAT gateways: secondary_allocation_ids came in 5.10.0.
    expect(providerVersion(loadExample('hub-and-spoke.vpcplan.json'))).toBe('>= 5.10, < 7.0');
    const bare = PlanSchema.parse({ format: 'vpcplan', version: 1, name: 'bare', vpcs: [{ id: 'v', name: 'v', ipv4Cidrs: ['10.0.0.0/16'] }] });
    expect(providerVersion(bare)).toBe('>= 5.0, < 7.0');
    // A second Amazon-provided IPv6 block: the association's assign_generated_ipv6_cidr_block came in 5.61.0.
    const twoBlocks = PlanSchema.parse({
      format: 'vpcplan',
      version: 1,
      name: 'v6',
      vpcs: [{ id: 'v', name: 'v', ipv4Cidrs: ['10.0.0.0/16'], ipv6Source: 'amazon', ipv6Cidrs: ['2600:1f18:aa00:100::/56', '2600:1f18:aa00:200::/56'] }],
    });
    const { resources } = await parseOutput(twoBlocks);
    expect(Object.values(resources.aws_vpc_ipv6_cidr_block_association!)[0]![0]!.assign_generated_ipv6_cidr_block).toBe(true);
    expect(providerVersion(twoBlocks)).toBe('>= 5.61, < 7.0');
  });

  it('writes Elastic IPs with domain = "vpc", never the deprecated vpc = true', async () => {
    const { resources } = await parseOutput(loadExample('hub-and-spoke.vpcplan.json'));
    const eips = Object.values(resources.aws_eip!).map(([b]) => b!);
    expect(eips.length).toBeGreaterThan(0);
    for (const eip of eips) {
      expect(eip.domain).toBe('vpc');
      expect(eip).not.toHaveProperty('vpc');
    }
    expect(isAllowedArgument('aws_eip', 'vpc')).toBe(false);
  });

  it('records for every resource type the doc page and the stored version it was checked against', () => {
    for (const [type, entry] of Object.entries(RESOURCE_ARGUMENTS)) {
      expect(type).toBe(`aws_${entry.doc}`);
      expect(entry.read, type).toMatch(/commit [0-9a-f]{8}/);
    }
  });

  it('compares provider versions numerically', () => {
    expect(laterVersion('5.9', '5.10')).toBe('5.10');
    expect(laterVersion('5.61', '5.10')).toBe('5.61');
    expect(laterVersion('5.0', '5.0')).toBe('5.0');
  });
});

describe('planToTerraform on awkward plans', () => {
  it('skips objects with invalid CIDRs, with a warning, and still writes valid HCL', async () => {
    const plan = PlanSchema.parse({
      format: 'vpcplan',
      version: 1,
      name: 'broken',
      vpcs: [
        { id: 'v1', name: 'ok', ipv4Cidrs: ['10.0.0.0/16', '10.1.0.0/33'] },
        { id: 'v2', name: 'bad', ipv4Cidrs: ['10.0.0.300/16'] },
      ],
      subnets: [
        { id: 's1', name: 'good', vpcId: 'v1', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.1.0/24' },
        { id: 's2', name: 'host bits', vpcId: 'v1', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.2.1/24' },
        { id: 's3', name: 'orphan', vpcId: 'v2', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.0.0/24' },
      ],
      routeTables: [{ id: 'rt', name: 'rt', vpcId: 'v1', routes: [{ destination: 'nonsense', target: 'internet-gateway', targetId: 'igw' }] }],
    });
    const parsed = await parseOutput(plan);
    const { resources, warnings } = parsed;
    checkStructure(parsed);
    expect(Object.keys(resources.aws_vpc!)).toEqual(['v1']);
    expect(Object.keys(resources.aws_subnet!)).toEqual(['s1']);
    expect(resources.aws_vpc_ipv4_cidr_block_association).toBeUndefined();
    expect(resources.aws_route).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/Skipped VPC "bad" \(v2\)/);
    expect(warnings.join('\n')).toMatch(/Skipped subnet "host bits" \(s2\).*host bits/);
    expect(warnings.join('\n')).toMatch(/Skipped subnet "orphan".*skipped/);
    expect(warnings.join('\n')).toMatch(/Skipped secondary IPv4 block 10\.1\.0\.0\/33/);
    expect(warnings.join('\n')).toMatch(/Skipped route nonsense/);
  });

  it('quotes HCL strings so that any text reads back as itself', async () => {
    // Mostly the characters that matter ($ { } % \\ " newline), some of anything.
    const risky = fc.oneof(fc.constantFrom('$', '{', '}', '%', '\\', '"', '\n', '\r', '\t', '$${', '%%{', 'a'), fc.string({ unit: 'binary', maxLength: 1 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(risky, { maxLength: 30 }).map((parts) => parts.join('')),
        async (text) => {
          const json = (await parse('t.tf', `locals {\n  x = ${quoteHcl(text)}\n}\n`)) as { locals: Array<{ x: string }> };
          // The JSON form keeps template escapes ($${, %%{); a lone surrogate cannot survive any encoding.
          // HCL normalizes string literals to Unicode NFC (HCL native syntax spec, "Template Literals").
          expect(literal(json.locals[0]!.x)).toBe(text.normalize('NFC'));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('names resources after hostile and clashing ids, the same whatever their order, and keeps the plan names in the Name tag', async () => {
    const hostile = ['prod "app"', 'prod-app', 'PROD_APP', '${file("/etc/passwd")}', '%{ if true }x', '9lives', 'back\\slash\nnewline', 'x'];
    const vpcs = hostile.map((id, i) => ({ id, name: `name ${id}`, ipv4Cidrs: [`10.${i}.0.0/16`] }));
    const plan = PlanSchema.parse({ format: 'vpcplan', version: 1, name: 'names', vpcs });
    const parsed = await parseOutput(plan);
    const { resources } = parsed;
    checkStructure(parsed);
    const names = Object.keys(resources.aws_vpc!);
    expect(new Set(names).size).toBe(hostile.length);
    expect(names).toContain('n9lives');
    expect(names.filter((n) => n.startsWith('prod_app_'))).toHaveLength(3);
    const nameOf = (r: Resources) => new Map(Object.entries(r.aws_vpc!).map(([n, [b]]) => [literal((b!.tags as Record<string, unknown>).Name), n]));
    const reversed = await parseOutput(PlanSchema.parse({ format: 'vpcplan', version: 1, name: 'names', vpcs: [...vpcs].reverse() }));
    expect(nameOf(reversed.resources)).toEqual(nameOf(resources));
    expect([...nameOf(resources).keys()].sort()).toEqual(hostile.map((id) => `name ${id}`).sort());
  });
});

/** Every resource's body by address, for comparing two exports. */
function bodies(parsed: Parsed): Map<string, string> {
  const out = new Map<string, string>();
  for (const [type, byName] of Object.entries(parsed.resources))
    for (const [name, [body]] of Object.entries(byName)) out.set(`${type}.${name}`, JSON.stringify(body));
  return out;
}

/** Addresses added, removed or with a different body between two exports. */
function changedAddresses(before: Parsed, after: Parsed): string[] {
  const a = bodies(before);
  const b = bodies(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}

describe('stable addresses', () => {
  const base = loadExample('hub-and-spoke.vpcplan.json');
  const edit = (change: (p: Plan) => void): Plan => {
    const p = structuredClone(base);
    change(p);
    return p;
  };

  it("deleting one VPC's subnets changes only those subnets and their route table associations", async () => {
    const before = await parseOutput(base);
    const after = await parseOutput(
      edit((p) => {
        p.subnets = p.subnets.filter((s) => s.vpcId !== 'vpc-legacy');
      }),
    );
    expect(changedAddresses(before, after)).toEqual([
      'aws_route_table_association.sn_legacy_a',
      'aws_route_table_association.sn_legacy_b',
      'aws_subnet.sn_legacy_a',
      'aws_subnet.sn_legacy_b',
    ]);
  });

  it('a VPC added first in the list and a renamed route table change nothing else', async () => {
    const before = await parseOutput(base);
    const after = await parseOutput(
      edit((p) => {
        p.vpcs.unshift({
          id: 'vpc-new',
          name: 'new',
          region: 'us-east-1',
          accountId: '222222222222',
          ipv4Cidrs: ['10.9.0.0/16'],
          ipv6Cidrs: [],
          ipv6Source: 'amazon',
        });
        p.subnets.unshift({ id: 'sn-new-a', name: 'new-a', vpcId: 'vpc-new', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.9.0.0/24' });
        p.routeTables.find((t) => t.id === 'rt-dev-private')!.name = 'dev-private-renamed';
      }),
    );
    expect(changedAddresses(before, after)).toEqual(['aws_route_table.rt_dev_private', 'aws_subnet.sn_new_a', 'aws_vpc.vpc_new']);
  });
});

describe('an apply-ready multi-account module (hub and spoke)', () => {
  const plan = loadExample('hub-and-spoke.vpcplan.json');
  const output = parseOutput(plan);

  it('writes one file per family, outputs and a README', async () => {
    const { files, outputs } = await output;
    expect(files).toEqual([
      'versions.tf',
      'providers.tf',
      'variables.tf',
      'vpcs.tf',
      'gateways.tf',
      'routing.tf',
      'peering.tf',
      'transit-gateways.tf',
      'vpn.tf',
      'lattice.tf',
      'sharing.tf',
      'outputs.tf',
      'README.md',
    ]);
    expect(Object.keys(outputs).sort()).toEqual(['subnet_ids', 'transit_gateway_ids', 'vpc_ids']);
    const subnetIds = outputs.subnet_ids![0]!.value as Record<string, Record<string, Record<string, string[]>>>;
    expect(subnetIds['vpc-prod']!.private!['us-east-1a']).toEqual(['${aws_subnet.sn_prod_app_a.id}', '${aws_subnet.sn_prod_tgw_a.id}']);
  });

  it("uses each account's provider for that account's VPC resources", async () => {
    const { resources, aliases } = await output;
    expect(aliases.size).toBe(5);
    const providerOfVpc = new Map(Object.entries(resources.aws_vpc!).map(([name, [b]]) => [name, b!.provider]));
    for (const type of [
      'aws_subnet',
      'aws_route_table',
      'aws_internet_gateway',
      'aws_ec2_transit_gateway_vpc_attachment',
      'aws_vpclattice_service_network_vpc_association',
    ]) {
      for (const [name, [body]] of Object.entries(resources[type] ?? {})) {
        const vpc = /aws_vpc\.([^.]+)\.id/.exec(String(body!.vpc_id ?? body!.vpc_identifier))![1]!;
        expect(body!.provider, `${type}.${name}`).toBe(providerOfVpc.get(vpc));
      }
    }
  });

  it('shares the transit gateway and the service network through RAM and accepts every cross-account attachment', async () => {
    const { resources } = await output;
    const tgwProvider = resources.aws_ec2_transit_gateway!.tgw_hub![0]!.provider;
    const principals = Object.values(resources.aws_ram_principal_association!)
      .map(([b]) => String(b!.principal))
      .sort();
    expect(principals).toEqual(['${var.account_222222222222}', '${var.account_333333333333}', '${var.account_444444444444}', '${var.account_555555555555}']);
    expect(
      Object.values(resources.aws_ram_resource_association!)
        .map(([b]) => b!.resource_arn)
        .sort(),
    ).toEqual(['${aws_ec2_transit_gateway.tgw_hub.arn}', '${aws_vpclattice_service_network.sn_lattice_apis.arn}']);
    for (const [name, [attachment]] of Object.entries(resources.aws_ec2_transit_gateway_vpc_attachment!)) {
      const crossAccount = attachment!.provider !== tgwProvider;
      const accepter = resources.aws_ec2_transit_gateway_vpc_attachment_accepter?.[name]?.[0];
      expect(accepter !== undefined, name).toBe(crossAccount);
      if (!accepter) continue;
      expect(accepter.provider).toBe(tgwProvider);
      expect(attachment!.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/aws_ram_principal_association\./)]));
      // The gateway side waits for the accepter.
      expect(resources.aws_ec2_transit_gateway_route_table_association![name]![0]!.transit_gateway_attachment_id).toBe(
        `\${aws_ec2_transit_gateway_vpc_attachment_accepter.${name}.id}`,
      );
    }
    expect(Object.keys(resources.aws_ec2_transit_gateway_vpc_attachment_accepter!)).toHaveLength(3);
  });

  it('creates the customer gateway and VPN connection, and routes through its attachment', async () => {
    const { resources, variables, required } = await output;
    expect(Object.values(resources.aws_customer_gateway!)[0]![0]!.bgp_asn).toBe('${var.customer_gateway_ext_dc_bgp_asn}');
    expect([...required]).toEqual(['customer_gateway_ext_dc_ip_address']);
    expect([...variables].some((v) => v.startsWith('tgw_attachment_'))).toBe(false);
    const vpn = resources.aws_vpn_connection!.tgw_att_vpn![0]!;
    expect(vpn).toMatchObject({ transit_gateway_id: '${aws_ec2_transit_gateway.tgw_hub.id}', type: 'ipsec.1' });
    expect(resources.aws_ec2_transit_gateway_route_table_association!.tgw_att_vpn![0]!.transit_gateway_attachment_id).toBe(
      '${aws_vpn_connection.tgw_att_vpn.transit_gateway_attachment_id}',
    );
  });

  it('writes the Lattice services and their associations', async () => {
    const { resources } = await output;
    expect(
      Object.values(resources.aws_vpclattice_service!)
        .map(([b]) => b!.name)
        .sort(),
    ).toEqual(['orders-api', 'reporting']);
    const reporting = resources.aws_vpclattice_service_network_service_association!.sn_lattice_apis_svc_reporting![0]!;
    expect(reporting.service_network_identifier).toBe('${aws_vpclattice_service_network.sn_lattice_apis.arn}');
  });
});

/** Variables without a default must each be explained in the README's table. */
function expectRequiredDocumented(parsed: Parsed): void {
  for (const name of parsed.required) expect(parsed.readme, `variable ${name}`).toMatch(new RegExp(`^\\| \`${name}\` \\| .{20,}`, 'm'));
}

describe('variables and the README', () => {
  it('documents every variable without a default in the README', async () => {
    const awkward = PlanSchema.parse({
      format: 'vpcplan',
      version: 1,
      name: 'awkward',
      vpcs: [
        { id: 'v1', name: 'ipam', accountId: 'prod', ipv4Cidrs: ['10.0.0.0/16'], ipv6Source: 'ipam', ipv6Cidrs: ['2001:db8::/56', '2001:db8:0:100::/56'] },
        { id: 'v2', name: 'byoip', accountId: 'dev', ipv4Cidrs: ['10.1.0.0/16'], ipv6Source: 'byoip', ipv6Cidrs: ['2001:db8:1::/56', '2001:db8:1:100::/56'] },
      ],
      subnets: [{ id: 's1', name: 's1', vpcId: 'v1', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.0.0/24' }],
      externalNetworks: [{ id: 'dc', name: 'dc', kind: 'on-premises', cidrs: ['192.168.0.0/16'] }],
      transitGateways: [
        {
          id: 't',
          name: 't',
          attachments: [
            { id: 'a1', name: 'a1', type: 'vpc', vpcId: 'v1', subnetIds: ['s1'] },
            { id: 'dx', name: 'dx', type: 'direct-connect' },
            { id: 'vpn', name: 'vpn', type: 'vpn', externalNetworkId: 'dc' },
          ],
        },
      ],
    });
    for (const plan of [awkward, loadExample('hub-and-spoke.vpcplan.json'), loadExample('three-tier.vpcplan.json')]) {
      const parsed = await parseOutput(plan);
      checkStructure(parsed);
      expectRequiredDocumented(parsed);
      if (plan === awkward) {
        expect([...parsed.required].sort()).toEqual([
          'account_dev',
          'account_prod',
          'customer_gateway_dc_bgp_asn',
          'customer_gateway_dc_ip_address',
          'ipv6_byoip_pool_id',
          'ipv6_ipam_pool_id',
        ]);
        expect(parsed.readme).toContain('`tgw_attachment_dx`');
      }
    }
  });
});

describe('routes', () => {
  it('writes the derived routes when "derive the obvious routes" is on, one table per group of subnets routed alike', async () => {
    const plan = structuredClone(loadExample('three-tier.vpcplan.json'));
    plan.settings.deriveRoutes = true;
    plan.routeTables = [];
    for (const s of plan.subnets) delete s.routeTableId;
    const parsed = await parseOutput(plan);
    checkStructure(parsed);
    const { resources } = parsed;
    expect(Object.keys(resources.aws_route_table_association!)).toHaveLength(plan.subnets.length);
    const tableOf = (subnet: string) => /aws_route_table\.([^.]+)\./.exec(String(resources.aws_route_table_association![subnet]![0]!.route_table_id))![1]!;
    for (const subnet of plan.subnets) {
      const table = tableOf(w(subnet.id));
      const written = Object.values(resources.aws_route!)
        .map(([b]) => b!)
        .filter((b) => String(b.route_table_id).includes(`aws_route_table.${table}.`))
        .map((b) => String(b.destination_cidr_block ?? b.destination_ipv6_cidr_block))
        .sort();
      const derived = (derivedRoutesForSubnet(plan, subnet.id) ?? [])
        .filter((r) => r.target !== 'local')
        .map((r) => r.destination)
        .sort();
      expect(written, subnet.id).toEqual(derived);
      expect(derived.length, subnet.id).toBeGreaterThan(subnet.tier === 'isolated' ? -1 : 0);
    }
    expect(tableOf('sn_app_a')).not.toBe(tableOf('sn_app_b'));
    expect(tableOf('sn_public_a')).toBe(tableOf('sn_public_b'));

    // Across accounts too: derived transit gateway and peering routes wait for their attachments and accepters.
    const hub = structuredClone(loadExample('hub-and-spoke.vpcplan.json'));
    hub.settings.deriveRoutes = true;
    hub.routeTables = [];
    for (const s of hub.subnets) delete s.routeTableId;
    const derivedHub = await parseOutput(hub);
    checkStructure(derivedHub);
    const viaTgw = Object.values(derivedHub.resources.aws_route!)
      .map(([b]) => b!)
      .filter((b) => b.transit_gateway_id !== undefined);
    expect(viaTgw.length).toBeGreaterThan(0);
    for (const route of viaTgw)
      expect(route.depends_on, JSON.stringify(route)).toEqual(expect.arrayContaining([expect.stringMatching(/aws_ec2_transit_gateway_vpc_attachment\./)]));
  });

  it('writes no route, association or propagation for a skipped attachment, and guards one the plan does not create', async () => {
    const plan = PlanSchema.parse({
      format: 'vpcplan',
      version: 1,
      name: 'skipped',
      vpcs: [
        { id: 'v1', name: 'v1', ipv4Cidrs: ['10.0.0.0/16'] },
        { id: 'v2', name: 'v2', ipv4Cidrs: ['10.1.0.0/16'] },
      ],
      subnets: [
        { id: 's1', name: 's1', vpcId: 'v1', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.0.0/24', routeTableId: 'rt1' },
        { id: 's2', name: 's2', vpcId: 'v2', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.2.0.0/24', routeTableId: 'rt2' },
      ],
      routeTables: [
        { id: 'rt1', name: 'rt1', vpcId: 'v1', routes: [{ destination: '10.1.0.0/16', target: 'transit-gateway', targetId: 't' }] },
        { id: 'rt2', name: 'rt2', vpcId: 'v2', routes: [{ destination: '10.0.0.0/16', target: 'transit-gateway', targetId: 't' }] },
      ],
      transitGateways: [
        {
          id: 't',
          name: 't',
          routeTables: [
            {
              id: 'trt',
              name: 'trt',
              routes: [
                { destination: '10.0.0.0/16', kind: 'static', attachmentId: 'a1' },
                { destination: '10.1.0.0/16', kind: 'static', attachmentId: 'a2' },
                { destination: '172.16.0.0/12', kind: 'static', attachmentId: 'dx' },
              ],
            },
          ],
          attachments: [
            { id: 'a1', name: 'a1', type: 'vpc', vpcId: 'v1', subnetIds: ['s1'], associatedRouteTableId: 'trt', propagatedRouteTableIds: ['trt'] },
            // s2 is outside v2's block, so it is skipped, and with it the attachment.
            { id: 'a2', name: 'a2', type: 'vpc', vpcId: 'v2', subnetIds: ['s2'], associatedRouteTableId: 'trt', propagatedRouteTableIds: ['trt'] },
            { id: 'dx', name: 'dx', type: 'direct-connect', associatedRouteTableId: 'trt' },
          ],
        },
      ],
    });
    const parsed = await parseOutput(plan);
    checkStructure(parsed);
    const { resources, warnings } = parsed;
    const text = JSON.stringify(resources);
    expect(Object.keys(resources.aws_ec2_transit_gateway_vpc_attachment!)).toEqual(['a1']);
    expect(text).not.toMatch(/attachment\.a2\b/);
    expect(Object.keys(resources.aws_ec2_transit_gateway_route!).sort()).toEqual(['trt_10_0_0_0_16', 'trt_172_16_0_0_12']);
    expect(Object.keys(resources.aws_ec2_transit_gateway_route_table_association!).sort()).toEqual(['a1', 'dx']);
    expect(Object.keys(resources.aws_route!)).toEqual(['rt1_10_1_0_0_16']);
    // The Direct Connect attachment is a variable that defaults to null; what uses it is created only once it is set.
    const dx = resources.aws_ec2_transit_gateway_route!.trt_172_16_0_0_12![0]!;
    expect(dx.count).toBe('${var.tgw_attachment_dx == null ? 0 : 1}');
    expect(parsed.required.has('tgw_attachment_dx')).toBe(false);
    expect(warnings.join('\n')).toMatch(/Skipped static route 10\.1\.0\.0\/16 .*a2 was not exported/);
    expect(warnings.join('\n')).toMatch(/Skipped route 10\.0\.0\.0\/16 -> transit-gateway t in route table "rt2".*no exported attachment/);
  });
});

/** A subnet id's Terraform name (ids here are already snake-case apart from dashes). */
function w(id: string): string {
  return id.replace(/-/g, '_');
}

/** Small random plans: VPCs with subnets carved from their blocks, some IPv6, gateways, a TGW, peerings, Lattice. */
const planArbitrary = fc
  .record({
    vpcCount: fc.integer({ min: 1, max: 4 }),
    subnetsPerVpc: fc.integer({ min: 0, max: 4 }),
    ipv6: fc.array(fc.constantFrom('none', 'amazon', 'ipam', 'byoip'), { minLength: 4, maxLength: 4 }),
    accounts: fc.array(fc.constantFrom('111111111111', '222222222222', undefined), { minLength: 4, maxLength: 4 }),
    regions: fc.array(fc.constantFrom('us-east-1', 'eu-west-1'), { minLength: 4, maxLength: 4 }),
    junk: fc.string({ maxLength: 6 }),
    natAddresses: fc.integer({ min: 1, max: 8 }),
    breakOne: fc.boolean(),
  })
  .map((r) => {
    const vpcs = Array.from({ length: r.vpcCount }, (_, i) => ({
      id: `vpc-${i}`,
      name: `vpc ${i} ${r.junk}`,
      region: r.regions[i]!,
      ...(r.accounts[i] ? { accountId: r.accounts[i] } : {}),
      ipv4Cidrs: [`10.${i}.0.0/16`, `100.64.${i * 16}.0/20`],
      ipv6Cidrs: r.ipv6[i] === 'none' ? [] : [r.ipv6[i] === 'amazon' ? `2600:1f18:0:${i}00::/56` : `2001:db8:${i}::/48`],
      ipv6Source: r.ipv6[i] === 'none' ? 'amazon' : r.ipv6[i],
    }));
    const subnets = vpcs.flatMap((v, i) =>
      Array.from({ length: r.subnetsPerVpc }, (_, k) => ({
        id: `sn-${i}-${k}`,
        name: `subnet ${k}${r.junk}`,
        vpcId: v.id,
        availabilityZone: `${v.region}${'abc'[k % 3]}`,
        tier: (['public', 'private', 'isolated'] as const)[k % 3],
        ipv4Cidr: k === 3 ? `100.64.${i * 16}.0/24` : r.breakOne && k === 2 ? `10.${i}.${k}.0/24x` : `10.${i}.${k}.0/24`,
        ...(v.ipv6Cidrs.length > 0
          ? { ipv6Cidr: v.ipv6Source === 'amazon' ? `2600:1f18:0:${i}${k.toString(16).padStart(2, '0')}::/64` : `2001:db8:${i}:${k}::/64` }
          : {}),
        routeTableId: `rt-${i}`,
      })),
    );
    const firstSubnet = subnets.find((s) => s.vpcId === 'vpc-0' && !s.ipv4Cidr.endsWith('x'));
    return PlanSchema.parse({
      format: 'vpcplan',
      version: 1,
      name: `generated ${r.junk}`,
      vpcs,
      subnets,
      internetGateways: [{ id: 'igw-0', name: 'igw', vpcId: 'vpc-0' }],
      egressOnlyGateways: [{ id: 'eigw-0', name: 'eigw', vpcId: 'vpc-0' }],
      natGateways: firstSubnet ? [{ id: 'nat-0', name: 'nat', subnetId: firstSubnet.id, addresses: r.natAddresses }] : [],
      routeTables: vpcs.map((v, i) => ({
        id: `rt-${i}`,
        name: `rt ${i}`,
        vpcId: v.id,
        main: i === 0,
        routes: [
          { destination: v.ipv4Cidrs[0], target: 'local' },
          ...(i === 0
            ? [
                { destination: '0.0.0.0/0', target: 'internet-gateway', targetId: 'igw-0' },
                { destination: '::/0', target: 'egress-only-gateway', targetId: 'eigw-0' },
              ]
            : []),
          { destination: '10.0.0.0/8', target: 'transit-gateway', targetId: 'tgw' },
          ...(i === 1 ? [{ destination: '10.0.0.0/16', target: 'peering', targetId: 'pcx' }] : []),
        ],
      })),
      peerings: vpcs.length > 1 ? [{ id: 'pcx', name: 'pcx', requesterVpcId: 'vpc-0', accepterVpcId: 'vpc-1' }] : [],
      transitGateways: [
        {
          id: 'tgw',
          name: 'hub',
          asn: 64512,
          routeTables: [
            {
              id: 'tgw-rt',
              name: 'all',
              routes: [
                { destination: '192.168.0.0/16', kind: 'blackhole' },
                { destination: '0.0.0.0/0', kind: 'static', attachmentId: 'att-0' },
              ],
            },
          ],
          attachments: vpcs.map((v, i) => ({
            id: `att-${i}`,
            name: `att ${i}`,
            type: 'vpc',
            vpcId: v.id,
            subnetIds: subnets.filter((s) => s.vpcId === v.id).map((s) => s.id),
            associatedRouteTableId: 'tgw-rt',
            propagatedRouteTableIds: ['tgw-rt'],
          })),
        },
      ],
      serviceNetworks: [{ id: 'lat', name: `Lattice ${r.junk}`, vpcIds: vpcs.map((v) => v.id) }],
    });
  });

describe('planToTerraform on generated plans', () => {
  it('always parses, uses only real arguments, resolves every reference and round-trips the subnet CIDRs', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary, async (plan) => {
        const parsed = await parseOutput(plan);
        const { resources } = parsed;
        checkStructure(parsed);
        checkRoundTrip(plan, resources);
        const written = Object.keys(resources.aws_subnet ?? {}).length;
        const expected = plan.subnets.filter((s) => !s.ipv4Cidr!.endsWith('x')).length;
        expect(written).toBe(expected);
        for (const [, [nat]] of Object.entries(resources.aws_nat_gateway ?? {})) {
          expect(1 + ((nat!.secondary_allocation_ids as unknown[] | undefined)?.length ?? 0)).toBe(plan.natGateways[0]!.addresses);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
