import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checks';
import { validatePlan } from '../plan/load';
import { importAwsCli } from './aws-cli';
import type { ImportResult } from './types';

const shared = new URL('./fixtures/aws-cli/', import.meta.url);
const own = new URL('./fixtures/', import.meta.url);
const read = (base: URL, name: string) => ({ name, text: readFileSync(new URL(name, base), 'utf8') });
const sharedFiles = ['ec2', 'vpc-lattice'].flatMap((d) => readdirSync(new URL(`${d}/`, shared)).map((f) => read(shared, `${d}/${f}`)));
const coherent = readdirSync(new URL('coherent/', own)).map((f) => read(own, `coherent/${f}`));

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result;
}

describe('importAwsCli on the AWS CLI documentation examples', () => {
  it.each(sharedFiles.map((f) => [f.name, f]))('%s imports alone to a valid plan with nothing dangling', (_name, file) => {
    const { plan } = ok(importAwsCli([file]));
    expect(validatePlan(plan).ok).toBe(true);
    expect(checkPlan(plan).filter((f) => f.code === 'plan/dangling-reference')).toEqual([]);
  });

  it('describe-vpcs: ids, names from tags, owners, blocks', () => {
    const { plan } = ok(importAwsCli([read(shared, 'ec2/describe-vpcs-1.json')]));
    expect(plan.vpcs.map((v) => [v.id, v.name, v.accountId, v.ipv4Cidrs])).toEqual([
      ['vpc-0e9801d129EXAMPLE', 'Not Shared', '111122223333', ['30.1.0.0/16']],
      ['vpc-06e4ab6c6cEXAMPLE', 'Shared VPC', '222222222222', ['10.0.0.0/16']],
    ]);
  });

  it('describe-transit-gateways: uses the id, not the mismatched ARN, and says so; region from the ARN', () => {
    const { plan, notes } = ok(importAwsCli([read(shared, 'ec2/describe-transit-gateways.json')]));
    expect(plan.transitGateways.map((t) => [t.id, t.name, t.asn, t.region])).toEqual([
      ['tgw-0262a0e521EXAMPLE', 'MyTGW', 64516, 'us-east-2'],
      ['tgw-0fb8421e2dEXAMPLE', 'TGW1', 65412, 'us-east-2'],
    ]);
    expect(notes.some((n) => n.includes('tgw-0fb8421e2da853bf3'))).toBe(true);
  });

  it('peerings whose VPCs are not described are skipped with a note, not made up', () => {
    const { plan, notes } = ok(importAwsCli([read(shared, 'ec2/describe-vpc-peering-connections.json')]));
    expect(plan.peerings).toEqual([]);
    expect(notes.filter((n) => n.startsWith('Skipped peering'))).toHaveLength(2);
  });

  it('vpc-lattice: plain ARN list and get-service-network merge into named service networks', () => {
    const { plan, notes } = ok(importAwsCli([read(shared, 'vpc-lattice/list-service-networks.json'), read(shared, 'vpc-lattice/get-service-network.json'), read(shared, 'vpc-lattice/list-service-network-vpc-associations.json')]));
    expect(plan.serviceNetworks.map((n) => [n.id, n.name])).toEqual([['sn-080ec7dc93EXAMPLE', 'my-service-network'], ['sn-0ec4d436cfEXAMPLE', 'sn-0ec4d436cfEXAMPLE']]);
    expect(notes.some((n) => n.includes('without their VPC ids'))).toBe(true);
  });

  it('VPN and customer gateways: string BgpAsn and the placeholder configuration are read, not refused', () => {
    const { plan } = ok(importAwsCli([read(shared, 'ec2/describe-vpn-connections.json'), read(shared, 'ec2/describe-customer-gateways-1.json')]));
    expect(plan.externalNetworks.map((n) => [n.id, n.name, n.kind])).toEqual([['vpn-1122334455aabbccd', 'CanadaVPN', 'on-premises']]);
  });

  it('all documentation examples together still import', () => {
    const { plan } = ok(importAwsCli(sharedFiles));
    expect(plan.vpcs).toHaveLength(2);
    expect(plan.transitGateways).toHaveLength(2);
  });

  it('the documented shapes of describe-subnets and describe-transit-gateway-attachments are understood', () => {
    const subnets = read(own, 'describe-subnets.json');
    const vpcs = { name: 'vpcs.json', text: JSON.stringify({ Vpcs: [{ VpcId: 'vpc-a01106c2', CidrBlock: '10.0.0.0/16' }] }) };
    const { plan, notes } = ok(importAwsCli([vpcs, subnets]));
    expect(plan.subnets.map((s) => [s.id, s.ipv4Cidr, s.availabilityZone, s.tier])).toEqual([['subnet-9d4a7b6c', '10.0.1.0/24', 'us-east-1c', 'private']]);
    expect(plan.vpcs[0]!.region).toBe('us-east-1');
    expect(notes.some((n) => n.includes('vpc-b61106d4'))).toBe(true);
    expect(notes.some((n) => n.includes('MapPublicIpOnLaunch'))).toBe(true);
    ok(importAwsCli([read(own, 'describe-transit-gateway-attachments.json')]));
  });
});

describe('importAwsCli on a coherent set', () => {
  const result = ok(importAwsCli(coherent));
  const { plan, notes } = result;
  const subnet = (name: string) => plan.subnets.find((s) => s.name === name)!;

  it('gets the VPCs, their live blocks, subnets, peerings and attachments', () => {
    expect(plan.vpcs.map((v) => [v.name, v.ipv4Cidrs, v.ipv6Cidrs])).toEqual([
      ['prod', ['10.0.0.0/16', '10.1.0.0/16'], ['2600:1f18:abcd:1200::/56']],
      ['dev', ['10.10.0.0/16'], []],
      ['legacy', ['10.10.0.0/16'], []],
    ]);
    expect(plan.subnets).toHaveLength(10);
    expect(plan.peerings.map((p) => [p.name, p.status])).toEqual([['prod-dev', 'active'], ['pcx-0a1b2c3d4e5f60002', 'pending']]);
    const tgw = plan.transitGateways[0]!;
    expect(tgw.attachments.map((a) => [a.name, a.type, a.subnetIds.length])).toEqual([['prod-attachment', 'vpc', 2], ['dev-attachment', 'vpc', 1], ['dc-vpn', 'vpn', 0], ['dx', 'direct-connect', 0]]);
    expect(tgw.attachments[2]!.externalNetworkId).toBe('vpn-0a1b2c3d4e5f60001');
    expect(tgw.attachments[0]!.propagatedRouteTableIds).toEqual(['tgw-rtb-0a1b2c3d4e5f60001']);
    expect(tgw.routeTables[0]!.routes).toEqual([
      { destination: '172.16.0.0/12', kind: 'static', attachmentId: 'tgw-attach-0a1b2c3d4e5f60003' },
      { destination: '10.99.0.0/16', kind: 'blackhole' },
    ]);
    expect(plan.natGateways.map((n) => [n.name, n.addresses, n.connectivity])).toEqual([['prod-nat-a', 2, 'public']]);
  });

  it('infers tiers from the route table that applies and says so', () => {
    expect(subnet('prod-public-a').tier).toBe('public');
    expect(subnet('prod-app-a').tier).toBe('private');
    expect(subnet('prod-data-a').tier).toBe('isolated');
    expect(subnet('prod-data-a').routeTableId).toBeUndefined();
    expect(subnet('prod-app-a').routeTableId).toBe('rtb-0a1b2c3d4e5f60003');
    expect(notes.some((n) => n.includes('2 public') && n.includes('4 private') && n.includes('3 isolated'))).toBe(true);
  });

  it('drops blackhole and unmodelled routes with a note; skips the subnet of an undescribed VPC', () => {
    const routes = plan.routeTables.find((t) => t.name === 'prod-private')!.routes;
    expect(routes.map((r) => r.destination)).toEqual(['10.0.0.0/16', '10.1.0.0/16', '0.0.0.0/0', '10.10.0.0/16', '172.16.0.0/12']);
    expect(notes.some((n) => n.includes('blackhole'))).toBe(true);
    expect(notes.some((n) => n.includes('subnet-0a1b2c3d4e5f60011'))).toBe(true);
  });

  it('checkPlan gives the findings this network deserves', () => {
    const findings = checkPlan(plan);
    expect(findings.filter((f) => f.code === 'plan/dangling-reference')).toEqual([]);
    expect(findings.find((f) => f.code === 'overlap/peered-vpcs')?.subjects).toEqual(['vpc-0a1b2c3d4e5f60002', 'vpc-0a1b2c3d4e5f60003']);
    expect(findings.some((f) => f.code === 'tgw/attachment-az-coverage' && f.subjects.includes('tgw-attach-0a1b2c3d4e5f60002'))).toBe(true);
    expect(findings.filter((f) => f.subjects.includes('vpc-0a1b2c3d4e5f60001') && f.severity === 'error')).toEqual([]);
  });

  it('lays out every top-level node on a grid, the same every time', () => {
    const ids = [...plan.vpcs, ...plan.transitGateways, ...plan.externalNetworks].map((x) => x.id);
    for (const id of ids) expect(plan.layout.nodes[id]).toBeDefined();
    const points = ids.map((id) => `${plan.layout.nodes[id]!.x},${plan.layout.nodes[id]!.y}`);
    expect(new Set(points).size).toBe(ids.length);
    expect(ok(importAwsCli(coherent)).plan.layout).toEqual(plan.layout);
  });

  it('reads the same set concatenated into one file (aws ... >> all.json)', () => {
    const all = { name: 'all.json', text: coherent.map((f) => f.text).join('') };
    const routes = coherent.find((f) => f.name.includes('search-transit'))!;
    const joined = ok(importAwsCli([{ name: all.name, text: coherent.filter((f) => f !== routes).map((f) => f.text).join('') }, routes]));
    expect(joined.plan.subnets).toEqual(plan.subnets);
    expect(joined.plan.transitGateways).toEqual(plan.transitGateways);
  });
});

describe('importAwsCli refuses malformed input, naming file, line and path', () => {
  it('an unknown document names the keys found and the commands understood', () => {
    const r = importAwsCli([{ name: 'x.json', text: '{"Vpcs": []}\n\n{"Reservations": []}\n' }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ file: 'x.json', line: 3 });
    expect(r.problems[0]!.message).toContain('"Reservations"');
    expect(r.problems[0]!.message).toContain('aws ec2 describe-subnets');
  });

  it('a bad CIDR names its JSON path and the CIDR error', () => {
    const r = importAwsCli([{ name: 's.json', text: '{"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.300/24"}]}' }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ file: 's.json', line: 1, path: '$.Subnets[0].CidrBlock' });
  });

  it('a missing field names where it is missing', () => {
    const r = importAwsCli([{ name: 'v.json', text: '{"Vpcs": [{"CidrBlock": "10.0.0.0/16"}]}' }]);
    expect(!r.ok && r.problems[0]).toMatchObject({ path: '$.Vpcs[0].VpcId' });
  });

  it('comments and trailing commas are refused with the line and what is wrong', () => {
    const r = importAwsCli([{ name: 'c.json', text: '{\n  // a comment\n  "Vpcs": []\n}\n' }]);
    expect(!r.ok && r.problems[0]).toMatchObject({ file: 'c.json', line: 2, message: expect.stringContaining('comments are not allowed') });
    const t = importAwsCli([{ name: 't.json', text: '{"Vpcs": [\n {"VpcId": "vpc-1"},\n]}' }]);
    expect(!t.ok && t.problems[0]).toMatchObject({ file: 't.json', line: 3, message: expect.stringContaining('trailing comma') });
    const cut = importAwsCli([{ name: 'cut.json', text: '{"Vpcs": []}\n{"Subnets": [\n' }]);
    expect(!cut.ok && cut.problems[0]).toMatchObject({ file: 'cut.json', line: 2, message: expect.stringContaining('not closed') });
  });

  it('broken JSON gives the line; good files alongside do not produce a half plan', () => {
    const r = importAwsCli([read(shared, 'ec2/describe-vpcs-1.json'), { name: 'bad.json', text: '{\n "Vpcs": [\n  {"VpcId": "vpc-1",}\n ]\n}' }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([expect.objectContaining({ file: 'bad.json', line: 3 })]);
  });
});
