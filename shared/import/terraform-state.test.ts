import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checks';
import { importTerraformState } from './terraform-state';
import type { ImportResult } from './types';

const fixture = readFileSync(new URL('./fixtures/terraform/terraform-show.json', import.meta.url), 'utf8');
const state = { name: 'terraform-show.json', text: fixture };

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result;
}

interface ShowResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: unknown;
  values: Record<string, unknown>;
}
interface ShowModule {
  resources?: ShowResource[];
  child_modules?: Array<ShowModule & { address: string }>;
}

/** The same state as a raw terraform.tfstate (version 4): resources with instances and attributes. */
function asTfstate(text: string): string {
  const shown = JSON.parse(text) as { values: { root_module: ShowModule } };
  const resources: Array<{
    mode: string;
    type: string;
    name: string;
    module?: string;
    instances: Array<{ index_key?: unknown; attributes: Record<string, unknown> }>;
  }> = [];
  const walk = (m: ShowModule, module?: string) => {
    for (const r of m.resources ?? []) {
      let entry = resources.find((x) => x.type === r.type && x.name === r.name && x.module === module && x.mode === r.mode);
      if (!entry) resources.push((entry = { mode: r.mode, type: r.type, name: r.name, ...(module ? { module } : {}), instances: [] }));
      entry.instances.push({ ...(r.index !== undefined ? { index_key: r.index } : {}), attributes: r.values });
    }
    for (const child of m.child_modules ?? []) walk(child, child.address);
  };
  walk(shown.values.root_module);
  return JSON.stringify({ version: 4, terraform_version: '1.9.8', serial: 3, lineage: 'x', outputs: {}, resources });
}

describe('importTerraformState', () => {
  const { plan, notes } = ok(importTerraformState([state]));

  it('brings in the VPCs, their blocks, accounts and regions, from the root module and child modules', () => {
    expect(plan.vpcs.map((v) => [v.id, v.name, v.accountId, v.region, v.ipv4Cidrs, v.ipv6Cidrs])).toEqual([
      ['vpc-0b1c2d3e4f5a60001', 'core', '111122223333', 'us-west-2', ['10.20.0.0/16', '10.21.0.0/16'], ['2600:1f14:aaaa:bb00::/56']],
      ['vpc-0b1c2d3e4f5a60002', 'edge', '444455556666', 'us-west-2', ['10.30.0.0/16'], []],
    ]);
    expect(plan.subnets.map((s) => [s.name, s.tier, s.availabilityZone, s.ipv4Cidr, s.ipv6Cidr ?? null])).toEqual([
      ['public-a', 'public', 'us-west-2a', '10.20.0.0/24', null],
      ['public-b', 'public', 'us-west-2b', '10.20.1.0/24', null],
      ['app-a', 'private', 'us-west-2a', '10.20.10.0/24', null],
      ['app-b', 'private', 'us-west-2b', '10.20.11.0/24', '2600:1f14:aaaa:bb01::/64'],
      ['data-a', 'isolated', 'us-west-2a', '10.21.0.0/24', null],
      ['edge-a', 'isolated', 'us-west-2a', '10.30.0.0/24', null],
    ]);
  });

  it('merges inline routes with aws_route resources, and main-table associations', () => {
    const app = plan.routeTables.find((t) => t.name === 'core-app')!;
    expect(app.routes.map((r) => `${r.destination} ${r.target}`)).toEqual([
      '0.0.0.0/0 nat-gateway',
      '10.30.0.0/16 transit-gateway',
      '::/0 egress-only-gateway',
      '192.168.0.0/16 transit-gateway',
    ]);
    expect(plan.routeTables.filter((t) => t.main).map((t) => t.name)).toEqual(['core-data', 'edge-main']);
    expect(plan.natGateways).toEqual([expect.objectContaining({ id: 'nat-0b1c2d3e4f5a60001', addresses: 2, connectivity: 'public' })]);
    expect(plan.peerings).toEqual([
      expect.objectContaining({ requesterVpcId: 'vpc-0b1c2d3e4f5a60001', accepterVpcId: 'vpc-0b1c2d3e4f5a60002', status: 'active' }),
    ]);
  });

  it('reads the transit gateway, its associations, propagations and routes, and the VPN behind it', () => {
    const tgw = plan.transitGateways[0]!;
    expect(tgw).toMatchObject({ id: 'tgw-0b1c2d3e4f5a60001', region: 'us-west-2', asn: 64512 });
    const byId = new Map(tgw.attachments.map((a) => [a.id, a]));
    expect(byId.get('tgw-attach-0b1c2d3e4f5a60001')).toMatchObject({
      type: 'vpc',
      associatedRouteTableId: 'tgw-rtb-0b1c2d3e4f5a60001',
      propagatedRouteTableIds: ['tgw-rtb-0b1c2d3e4f5a60001'],
    });
    expect(byId.get('tgw-attach-0b1c2d3e4f5a60009')).toMatchObject({ type: 'vpn', externalNetworkId: 'vpn-0b1c2d3e4f5a60001', propagatedRouteTableIds: [] });
    expect(tgw.routeTables[0]!.routes).toEqual([
      { destination: '192.168.0.0/16', kind: 'static', attachmentId: 'tgw-attach-0b1c2d3e4f5a60009' },
      { destination: '10.99.0.0/16', kind: 'blackhole' },
    ]);
    expect(plan.externalNetworks).toEqual([expect.objectContaining({ id: 'vpn-0b1c2d3e4f5a60001', customerGatewayIp: '203.0.113.10', bgpAsn: 65010 })]);
  });

  it('reads Lattice service networks, their VPCs and services (by id or ARN), and counts what it does not model', () => {
    expect(plan.serviceNetworks).toEqual([
      { id: 'sn-0b1c2d3e4f5a60001', name: 'apis', vpcIds: ['vpc-0b1c2d3e4f5a60001'], services: [{ id: 'svc-0b1c2d3e4f5a60001', name: 'orders' }] },
    ]);
    expect(notes).toContain('2 resources of types the plan does not model not imported: aws_eip (1), aws_security_group (1).');
    expect(checkPlan(plan).filter((f) => f.code === 'plan/dangling-reference')).toEqual([]);
  });

  it('reads a raw terraform.tfstate the same way', () => {
    const raw = ok(importTerraformState([{ name: 'terraform.tfstate', text: asTfstate(fixture) }]));
    expect({ ...raw.plan, name: '' }).toEqual({ ...plan, name: '' });
  });

  it('refuses what is not state, naming the file and what to run', () => {
    const planned = importTerraformState([{ name: 'plan.json', text: '{"format_version":"1.2","planned_values":{}}' }]);
    expect(!planned.ok && planned.problems[0]!.message).toMatch(/saved plan.*terraform show -json/);
    const other = importTerraformState([{ name: 'x.json', text: '{"Vpcs": []}' }]);
    expect(!other.ok && other.problems[0]).toMatchObject({ file: 'x.json', line: 1, message: expect.stringContaining('not Terraform state JSON') });
    const empty = importTerraformState([{ name: 'e.json', text: '{"format_version":"1.0"}' }]);
    expect(!empty.ok && empty.problems[0]!.message).toMatch(/the state is empty/);
    const bad = importTerraformState([{ name: 'b.json', text: fixture.replace('"10.20.10.0/24"', '"10.20.10.0/33"') }]);
    expect(!bad.ok && bad.problems[0]).toMatchObject({ file: 'b.json', path: 'aws_subnet.app_a.cidr_block' });
  });
});
