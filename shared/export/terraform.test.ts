import { readFileSync } from 'node:fs';
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCidr, parseCidr } from '../cidr';
import { parsePlanText } from '../plan/load';
import { PlanSchema, type Plan } from '../plan/schema';
import { quoteHcl } from './hcl';
import { planToTerraform } from './terraform';
import { isAllowedArgument, laterVersion, RESOURCE_ARGUMENTS } from './terraform-arguments';
import { TERRAFORM_IDENTIFIER } from './terraform-identifiers';

type Resources = Record<string, Record<string, Array<Record<string, unknown>>>>;

function loadExample(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

/** The JSON form of every file, merged (Terraform reads a folder's files as one module). */
async function parseOutput(plan: Plan): Promise<{ resources: Resources; variables: Set<string>; warnings: string[] }> {
  const out = planToTerraform(plan);
  const resources: Resources = {};
  const variables = new Set<string>();
  for (const file of out.files) {
    const json = (await parse(file.name, file.text)) as { resource?: Resources; variable?: Record<string, unknown> };
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      resources[type] ??= {};
      for (const [name, bodies] of Object.entries(byName)) {
        expect(resources[type]![name], `${type}.${name} defined twice`).toBeUndefined();
        resources[type]![name] = bodies;
      }
    }
    for (const name of Object.keys(json.variable ?? {})) variables.add(name);
  }
  return { resources, variables, warnings: out.warnings };
}

/** Every `${...}` interpolation in a JSON-form value; `$${` is a literal, not one. */
function interpolations(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const m of value.replace(/\$\$\{/g, '').matchAll(/\$\{([^}]*)\}/g)) out.push(m[1]!);
  } else if (Array.isArray(value)) value.forEach((v) => interpolations(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => interpolations(v, out));
  return out;
}

function literal(value: unknown): string {
  return String(value).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function checkStructure(resources: Resources, variables: Set<string>): void {
  for (const [type, byName] of Object.entries(resources)) {
    expect(Object.keys(RESOURCE_ARGUMENTS), `unknown resource type ${type}`).toContain(type);
    for (const [name, [body]] of Object.entries(byName)) {
      expect(name).toMatch(TERRAFORM_IDENTIFIER);
      for (const argument of Object.keys(body!)) expect(isAllowedArgument(type, argument), `${type}.${argument}`).toBe(true);
      for (const expr of interpolations(body)) {
        for (const m of expr.matchAll(/\b(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
          expect(resources[m[1]!]?.[m[2]!], `${type}.${name} refers to missing ${m[1]}.${m[2]}`).toBeDefined();
        }
        for (const m of expr.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)) expect(variables.has(m[1]!), `var.${m[1]}`).toBe(true);
      }
    }
  }
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
    const { resources, variables } = await parseOutput(plan);
    checkStructure(resources, variables);
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_internet_gateway', 'aws_egress_only_internet_gateway', 'aws_nat_gateway', 'aws_eip',
      'aws_route_table', 'aws_route', 'aws_route_table_association', 'aws_main_route_table_association', 'aws_vpc_peering_connection',
      'aws_ec2_transit_gateway', 'aws_ec2_transit_gateway_route_table', 'aws_ec2_transit_gateway_vpc_attachment',
      'aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation', 'aws_ec2_transit_gateway_route',
      'aws_vpclattice_service_network', 'aws_vpclattice_service_network_vpc_association']) {
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
    const blackhole = Object.values(resources.aws_ec2_transit_gateway_route!).map(([b]) => b!).find((b) => b.blackhole === true);
    expect(blackhole?.destination_cidr_block).toBe('10.0.0.0/8');
  });

  it('writes dual-stack subnets of the three-tier plan at their planned /64 offsets', async () => {
    const plan = loadExample('three-tier.vpcplan.json');
    const { resources, variables } = await parseOutput(plan);
    checkStructure(resources, variables);
    checkRoundTrip(plan, resources);
    expect(resources.aws_vpc!.web_prod![0]!.assign_generated_ipv6_cidr_block).toBe(true);
    expect(resources.aws_subnet!.app_a![0]!.ipv6_cidr_block).toBe('${cidrsubnet(aws_vpc.web_prod.ipv6_cidr_block, 8, 16)}');
    expect(resources.aws_subnet!.app_a![0]!.assign_ipv6_address_on_creation).toBe(true);
  });
});

describe('the provider version pin and audited arguments', () => {
  function providerVersion(plan: Plan): string {
    return /aws\s*=\s*\{[^}]*version\s*=\s*"([^"]+)"/.exec(planToTerraform(plan).files[0]!.text)![1]!;
  }

  it('pins the release that added the newest argument it writes', async () => {
    // hub-and-spoke has two-address NAT gateways: secondary_allocation_ids came in 5.10.0.
    expect(providerVersion(loadExample('hub-and-spoke.vpcplan.json'))).toBe('>= 5.10, < 7.0');
    const bare = PlanSchema.parse({ format: 'vpcplan', version: 1, name: 'bare', vpcs: [{ id: 'v', name: 'v', ipv4Cidrs: ['10.0.0.0/16'] }] });
    expect(providerVersion(bare)).toBe('>= 5.0, < 7.0');
    // A second Amazon-provided IPv6 block: the association's assign_generated_ipv6_cidr_block came in 5.61.0.
    const twoBlocks = PlanSchema.parse({
      format: 'vpcplan', version: 1, name: 'v6',
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
      format: 'vpcplan', version: 1, name: 'broken',
      vpcs: [{ id: 'v1', name: 'ok', ipv4Cidrs: ['10.0.0.0/16', '10.1.0.0/33'] }, { id: 'v2', name: 'bad', ipv4Cidrs: ['10.0.0.300/16'] }],
      subnets: [
        { id: 's1', name: 'good', vpcId: 'v1', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.1.0/24' },
        { id: 's2', name: 'host bits', vpcId: 'v1', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.2.1/24' },
        { id: 's3', name: 'orphan', vpcId: 'v2', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.0.0/24' },
      ],
      routeTables: [{ id: 'rt', name: 'rt', vpcId: 'v1', routes: [{ destination: 'nonsense', target: 'internet-gateway', targetId: 'igw' }] }],
    });
    const { resources, variables, warnings } = await parseOutput(plan);
    checkStructure(resources, variables);
    expect(Object.keys(resources.aws_vpc!)).toEqual(['ok']);
    expect(Object.keys(resources.aws_subnet!)).toEqual(['good']);
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
    await fc.assert(fc.asyncProperty(fc.array(risky, { maxLength: 30 }).map((parts) => parts.join('')), async (text) => {
      const json = (await parse('t.tf', `locals {\n  x = ${quoteHcl(text)}\n}\n`)) as { locals: Array<{ x: string }> };
      // The JSON form keeps template escapes ($${, %%{); a lone surrogate cannot survive any encoding.
      // HCL normalizes string literals to Unicode NFC (HCL native syntax spec, "Template Literals").
      expect(literal(json.locals[0]!.x)).toBe(text.normalize('NFC'));
    }), { numRuns: 150 });
  });

  it('gives unique valid identifiers to clashing and hostile names, and keeps them in the Name tag', async () => {
    const hostile = ['prod "app"', 'prod-app', 'prod app', '${file("/etc/passwd")}', '%{ if true }x', '9lives', 'back\\slash\nnewline', ''];
    const plan = PlanSchema.parse({
      format: 'vpcplan', version: 1, name: 'names',
      vpcs: hostile.map((name, i) => ({ id: `vpc-${i}`, name, ipv4Cidrs: [`10.${i}.0.0/16`] })),
    });
    const { resources, variables } = await parseOutput(plan);
    checkStructure(resources, variables);
    const names = Object.keys(resources.aws_vpc!);
    expect(new Set(names).size).toBe(hostile.length);
    expect(names).toContain('prod_app_2');
    expect(names).toContain('n9lives');
    const tags = Object.values(resources.aws_vpc!).map(([b]) => literal((b!.tags as Record<string, unknown>).Name));
    expect(tags.sort()).toEqual(hostile.map((n, i) => n || `vpc-${i}`).sort());
  });
});

/** Small random plans: VPCs with subnets carved from their blocks, some IPv6, gateways, a TGW, peerings, Lattice. */
const planArbitrary = fc.record({
  vpcCount: fc.integer({ min: 1, max: 4 }),
  subnetsPerVpc: fc.integer({ min: 0, max: 4 }),
  ipv6: fc.array(fc.constantFrom('none', 'amazon', 'ipam', 'byoip'), { minLength: 4, maxLength: 4 }),
  accounts: fc.array(fc.constantFrom('111111111111', '222222222222', undefined), { minLength: 4, maxLength: 4 }),
  regions: fc.array(fc.constantFrom('us-east-1', 'eu-west-1'), { minLength: 4, maxLength: 4 }),
  junk: fc.string({ maxLength: 6 }),
  natAddresses: fc.integer({ min: 1, max: 8 }),
  breakOne: fc.boolean(),
}).map((r) => {
  const vpcs = Array.from({ length: r.vpcCount }, (_, i) => ({
    id: `vpc-${i}`, name: `vpc ${i} ${r.junk}`, region: r.regions[i]!, ...(r.accounts[i] ? { accountId: r.accounts[i] } : {}),
    ipv4Cidrs: [`10.${i}.0.0/16`, `100.64.${i * 16}.0/20`],
    ipv6Cidrs: r.ipv6[i] === 'none' ? [] : [r.ipv6[i] === 'amazon' ? `2600:1f18:0:${i}00::/56` : `2001:db8:${i}::/48`],
    ipv6Source: r.ipv6[i] === 'none' ? 'amazon' : r.ipv6[i],
  }));
  const subnets = vpcs.flatMap((v, i) => Array.from({ length: r.subnetsPerVpc }, (_, k) => ({
    id: `sn-${i}-${k}`, name: `subnet ${k}${r.junk}`, vpcId: v.id, availabilityZone: `${v.region}${'abc'[k % 3]}`,
    tier: (['public', 'private', 'isolated'] as const)[k % 3],
    ipv4Cidr: k === 3 ? `100.64.${i * 16}.0/24` : r.breakOne && k === 2 ? `10.${i}.${k}.0/24x` : `10.${i}.${k}.0/24`,
    ...(v.ipv6Cidrs.length > 0 ? { ipv6Cidr: v.ipv6Source === 'amazon' ? `2600:1f18:0:${i}${k.toString(16).padStart(2, '0')}::/64` : `2001:db8:${i}:${k}::/64` } : {}),
    routeTableId: `rt-${i}`,
  })));
  const firstSubnet = subnets.find((s) => s.vpcId === 'vpc-0' && !s.ipv4Cidr.endsWith('x'));
  return PlanSchema.parse({
    format: 'vpcplan', version: 1, name: `generated ${r.junk}`, vpcs, subnets,
    internetGateways: [{ id: 'igw-0', name: 'igw', vpcId: 'vpc-0' }],
    egressOnlyGateways: [{ id: 'eigw-0', name: 'eigw', vpcId: 'vpc-0' }],
    natGateways: firstSubnet ? [{ id: 'nat-0', name: 'nat', subnetId: firstSubnet.id, addresses: r.natAddresses }] : [],
    routeTables: vpcs.map((v, i) => ({
      id: `rt-${i}`, name: `rt ${i}`, vpcId: v.id, main: i === 0,
      routes: [
        { destination: v.ipv4Cidrs[0], target: 'local' },
        ...(i === 0 ? [{ destination: '0.0.0.0/0', target: 'internet-gateway', targetId: 'igw-0' }, { destination: '::/0', target: 'egress-only-gateway', targetId: 'eigw-0' }] : []),
        { destination: '10.0.0.0/8', target: 'transit-gateway', targetId: 'tgw' },
        ...(i === 1 ? [{ destination: '10.0.0.0/16', target: 'peering', targetId: 'pcx' }] : []),
      ],
    })),
    peerings: vpcs.length > 1 ? [{ id: 'pcx', name: 'pcx', requesterVpcId: 'vpc-0', accepterVpcId: 'vpc-1' }] : [],
    transitGateways: [{
      id: 'tgw', name: 'hub', asn: 64512,
      routeTables: [{ id: 'tgw-rt', name: 'all', routes: [{ destination: '192.168.0.0/16', kind: 'blackhole' }, { destination: '0.0.0.0/0', kind: 'static', attachmentId: 'att-0' }] }],
      attachments: vpcs.map((v, i) => ({
        id: `att-${i}`, name: `att ${i}`, type: 'vpc', vpcId: v.id, subnetIds: subnets.filter((s) => s.vpcId === v.id).map((s) => s.id),
        associatedRouteTableId: 'tgw-rt', propagatedRouteTableIds: ['tgw-rt'],
      })),
    }],
    serviceNetworks: [{ id: 'lat', name: `Lattice ${r.junk}`, vpcIds: vpcs.map((v) => v.id) }],
  });
});

describe('planToTerraform on generated plans', () => {
  it('always parses, uses only real arguments, resolves every reference and round-trips the subnet CIDRs', async () => {
    await fc.assert(fc.asyncProperty(planArbitrary, async (plan) => {
      const { resources, variables } = await parseOutput(plan);
      checkStructure(resources, variables);
      checkRoundTrip(plan, resources);
      const written = Object.keys(resources.aws_subnet ?? {}).length;
      const expected = plan.subnets.filter((s) => !s.ipv4Cidr!.endsWith('x')).length;
      expect(written).toBe(expected);
      for (const [, [nat]] of Object.entries(resources.aws_nat_gateway ?? {})) {
        expect(1 + ((nat!.secondary_allocation_ids as unknown[] | undefined)?.length ?? 0)).toBe(plan.natGateways[0]!.addresses);
      }
    }), { numRuns: 40 });
  }, 60_000);
});
