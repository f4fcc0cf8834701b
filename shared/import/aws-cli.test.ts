import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checks';
import { validatePlan } from '../plan/load';
import { importAwsCli } from './aws-cli';
import type { ImportResult } from './types';

/** The AWS CLI's own documentation examples (fixtures/aws-cli/README.md). */
const docs = new URL('./fixtures/aws-cli/', import.meta.url);
const own = new URL('./fixtures/', import.meta.url);
const read = (base: URL, name: string) => ({ name, text: readFileSync(new URL(name, base), 'utf8') });
const docsFiles = ['ec2', 'vpc-lattice'].flatMap((d) => readdirSync(new URL(`${d}/`, docs)).map((f) => read(docs, `${d}/${f}`)));
const coherent = readdirSync(new URL('coherent/', own)).map((f) => read(own, `coherent/${f}`));

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result;
}

describe('importAwsCli on the AWS CLI documentation examples', () => {
  it.each(docsFiles.map((f) => [f.name, f]))('%s imports alone to a valid plan with nothing dangling', (_name, file) => {
    const { plan } = ok(importAwsCli([file]));
    expect(validatePlan(plan).ok).toBe(true);
    expect(checkPlan(plan).filter((f) => f.code === 'plan/dangling-reference')).toEqual([]);
  });

  it('describe-vpcs: ids, names from tags, owners, blocks', () => {
    const { plan } = ok(importAwsCli([read(docs, 'ec2/describe-vpcs-1.json')]));
    expect(plan.vpcs.map((v) => [v.id, v.name, v.accountId, v.ipv4Cidrs])).toEqual([
      ['vpc-0e9801d129EXAMPLE', 'Not Shared', '111122223333', ['30.1.0.0/16']],
      ['vpc-06e4ab6c6cEXAMPLE', 'Shared VPC', '222222222222', ['10.0.0.0/16']],
    ]);
  });

  it('describe-transit-gateways: uses the id, not the mismatched ARN, and says so; region from the ARN', () => {
    const { plan, notes } = ok(importAwsCli([read(docs, 'ec2/describe-transit-gateways.json')]));
    expect(plan.transitGateways.map((t) => [t.id, t.name, t.asn, t.region])).toEqual([
      ['tgw-0262a0e521EXAMPLE', 'MyTGW', 64516, 'us-east-2'],
      ['tgw-0fb8421e2dEXAMPLE', 'TGW1', 65412, 'us-east-2'],
    ]);
    expect(notes.some((n) => n.includes('tgw-0fb8421e2da853bf3'))).toBe(true);
  });

  it('peerings whose VPCs are not described are skipped with a note, not made up', () => {
    const { plan, notes } = ok(importAwsCli([read(docs, 'ec2/describe-vpc-peering-connections.json')]));
    expect(plan.peerings).toEqual([]);
    expect(notes.filter((n) => n.startsWith('Skipped peering'))).toHaveLength(2);
  });

  it('vpc-lattice: plain ARN list and get-service-network merge into named service networks', () => {
    const { plan, notes } = ok(
      importAwsCli([
        read(docs, 'vpc-lattice/list-service-networks.json'),
        read(docs, 'vpc-lattice/get-service-network.json'),
        read(docs, 'vpc-lattice/list-service-network-vpc-associations.json'),
      ]),
    );
    expect(plan.serviceNetworks.map((n) => [n.id, n.name])).toEqual([
      ['sn-080ec7dc93EXAMPLE', 'my-service-network'],
      ['sn-0ec4d436cfEXAMPLE', 'sn-0ec4d436cfEXAMPLE'],
    ]);
    expect(notes.some((n) => n.includes('without their VPC ids'))).toBe(true);
  });

  it('VPN and customer gateways: string BgpAsn and the placeholder configuration are read, not refused', () => {
    const { plan } = ok(importAwsCli([read(docs, 'ec2/describe-vpn-connections.json'), read(docs, 'ec2/describe-customer-gateways-1.json')]));
    expect(plan.externalNetworks.map((n) => [n.id, n.name, n.kind])).toEqual([['vpn-1122334455aabbccd', 'CanadaVPN', 'on-premises']]);
  });

  it('all documentation examples together still import', () => {
    const { plan } = ok(importAwsCli(docsFiles));
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
    expect(plan.peerings.map((p) => [p.name, p.status])).toEqual([
      ['prod-dev', 'active'],
      ['pcx-0a1b2c3d4e5f60002', 'pending'],
    ]);
    const tgw = plan.transitGateways[0]!;
    expect(tgw.attachments.map((a) => [a.name, a.type, a.subnetIds.length])).toEqual([
      ['prod-attachment', 'vpc', 2],
      ['dev-attachment', 'vpc', 1],
      ['dc-vpn', 'vpn', 0],
      ['dx', 'direct-connect', 0],
    ]);
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
    const joined = ok(
      importAwsCli([
        {
          name: all.name,
          text: coherent
            .filter((f) => f !== routes)
            .map((f) => f.text)
            .join(''),
        },
        routes,
      ]),
    );
    expect(joined.plan.subnets).toEqual(plan.subnets);
    expect(joined.plan.transitGateways).toEqual(plan.transitGateways);
  });
});

describe('importAwsCli refuses malformed input, naming file, line and path', () => {
  it('an unknown document is skipped, naming the keys found and the commands understood; the rest still imports', () => {
    const r = ok(importAwsCli([{ name: 'x.json', text: '{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}\n\n{"Reservations": []}\n' }]));
    expect(r.plan.vpcs.map((v) => v.id)).toEqual(['vpc-1']);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped![0]).toMatchObject({ file: 'x.json', line: 3 });
    expect(r.skipped![0]!.message).toContain('"Reservations"');
    expect(r.skipped![0]!.message).toContain('aws ec2 describe-subnets');
    expect(r.notes[0]).toMatch(/^Skipped x\.json, line 3: an object with the keys "Reservations"/);
    // Nothing understood at all: nothing to import.
    const none = importAwsCli([{ name: 'i.json', text: '{"Reservations": []}' }]);
    expect(!none.ok && none.problems[0]).toMatchObject({ file: 'i.json', line: 1 });
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
    const r = importAwsCli([read(docs, 'ec2/describe-vpcs-1.json'), { name: 'bad.json', text: '{\n "Vpcs": [\n  {"VpcId": "vpc-1",}\n ]\n}' }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([expect.objectContaining({ file: 'bad.json', line: 3 })]);
  });
});

describe('importAwsCli merges what the outputs say', () => {
  const more = new URL('./fixtures/more/', import.meta.url);
  const withoutRoutes = coherent.filter((f) => !f.name.includes('search-transit'));

  it('reads get-transit-gateway-route-table-propagations instead of assuming the default propagation', () => {
    const assumed = ok(importAwsCli(withoutRoutes));
    expect(assumed.plan.transitGateways[0]!.attachments.map((a) => a.propagatedRouteTableIds.length)).toEqual([1, 1, 1, 1]);
    const { plan, notes } = ok(importAwsCli([...withoutRoutes, read(more, 'get-transit-gateway-route-table-propagations-tgw-rtb-0a1b2c3d4e5f60001.json')]));
    expect(plan.transitGateways[0]!.attachments.map((a) => [a.id, a.propagatedRouteTableIds])).toEqual([
      ['tgw-attach-0a1b2c3d4e5f60001', ['tgw-rtb-0a1b2c3d4e5f60001']],
      ['tgw-attach-0a1b2c3d4e5f60002', []],
      ['tgw-attach-0a1b2c3d4e5f60003', ['tgw-rtb-0a1b2c3d4e5f60001']],
      ['tgw-attach-0a1b2c3d4e5f60004', []],
    ]);
    expect(notes.some((n) => n.includes('propagations not in the import'))).toBe(false);
  });

  it('keeps the VPN and Direct Connect links of transit gateway attachments', () => {
    const { plan, notes } = ok(importAwsCli(coherent));
    const [, , vpn, dx] = plan.transitGateways[0]!.attachments;
    expect(plan.externalNetworks.find((n) => n.id === vpn!.externalNetworkId)).toMatchObject({
      name: 'datacenter',
      customerGatewayIp: expect.any(String),
      bgpAsn: expect.any(Number),
    });
    expect(dx!.externalNetworkId).toBeDefined();
    expect(plan.externalNetworks.find((n) => n.id === dx!.externalNetworkId)!.name).toMatch(/^Direct Connect gateway /);
    expect(notes.some((n) => n.includes(`Direct Connect gateway ${dx!.externalNetworkId}`))).toBe(true);
    // Without describe-transit-gateway-attachments the VPN connection still names its transit gateway.
    const vpnOnly = ok(importAwsCli(coherent.filter((f) => !f.name.includes('transit-gateway-attachments'))));
    const link = vpnOnly.plan.transitGateways[0]!.attachments.find((a) => a.type === 'vpn')!;
    expect(link.externalNetworkId).toBe('vpn-0a1b2c3d4e5f60001');
    expect(vpnOnly.notes.some((n) => n.includes(link.id) && n.includes('attachment id'))).toBe(true);
  });

  it('reports the same object with different values in two files, naming both', () => {
    const a = { name: 'a.json', text: JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', OwnerId: '111111111111' }] }) };
    const b = { name: 'b.json', text: JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', OwnerId: '222222222222' }] }) };
    const { plan, notes } = ok(importAwsCli([a, b]));
    expect(plan.vpcs[0]!.accountId).toBe('222222222222');
    expect(notes).toContainEqual(expect.stringMatching(/^Conflict: VPC vpc-1 has OwnerId "111111111111" in a\.json and "222222222222" in b\.json/));
  });

  it('imports Lattice VPC associations and services', () => {
    const vpcs = { name: 'vpcs.json', text: JSON.stringify({ Vpcs: [{ VpcId: 'vpc-0a1b2c3d4eEXAMPLE', CidrBlock: '10.0.0.0/16' }] }) };
    const { plan, notes } = ok(
      importAwsCli([
        vpcs,
        read(docs, 'vpc-lattice/get-service-network.json'),
        read(more, 'get-service-network-vpc-association.json'),
        read(more, 'list-services.json'),
        read(more, 'list-service-network-service-associations.json'),
      ]),
    );
    expect(plan.serviceNetworks).toEqual([
      {
        id: 'sn-080ec7dc93EXAMPLE',
        name: 'my-service-network',
        vpcIds: ['vpc-0a1b2c3d4eEXAMPLE'],
        services: [{ id: 'svc-0285b53b2eEXAMPLE', name: 'my-lattice-service' }],
      },
    ]);
    expect(notes.some((n) => n.includes('svc-0b8ac96550EXAMPLE') && n.includes('not imported'))).toBe(true);
    expect(plan.vpcs[0]!.region).toBe('us-east-2');
  });
});

describe('importAwsCli does not silently accept what AWS could not build', () => {
  const json = (name: string, value: unknown) => ({ name, text: JSON.stringify(value) });
  const vpcs = json('describe-vpcs.json', { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] });
  const subnets = (zone: string) =>
    json('describe-subnets.json', { Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', AvailabilityZone: zone }] });
  const tgws = (region: string) =>
    json('describe-transit-gateways.json', {
      TransitGateways: [{ TransitGatewayId: 'tgw-1', TransitGatewayArn: `arn:aws:ec2:${region}:111122223333:transit-gateway/tgw-1` }],
    });
  const attachments = json('describe-transit-gateway-vpc-attachments.json', {
    TransitGatewayVpcAttachments: [{ TransitGatewayAttachmentId: 'tgw-attach-1', TransitGatewayId: 'tgw-1', VpcId: 'vpc-1', SubnetIds: ['subnet-1'] }],
  });

  it('notes a VPC attached to a transit gateway in another Region, and check reports it', () => {
    const { plan, notes } = ok(importAwsCli([vpcs, subnets('eu-west-1a'), tgws('us-east-1'), attachments]));
    expect(notes.some((n) => n.includes('tgw/attachment-other-region') && n.includes('eu-west-1') && n.includes('us-east-1'))).toBe(true);
    expect(checkPlan(plan).map((f) => f.code)).toContain('tgw/attachment-other-region');
  });

  it('near miss: the same Region imports without that note', () => {
    const { notes } = ok(importAwsCli([vpcs, subnets('us-east-1a'), tgws('us-east-1'), attachments]));
    expect(notes.filter((n) => n.includes('tgw/') || n.includes('subnet/no-availability-zone'))).toEqual([]);
  });
});

describe('importAwsCli and a subnet without a zone', () => {
  it('notes it (subnet/no-availability-zone) instead of carrying an empty zone silently', () => {
    const files = [
      { name: 'describe-vpcs.json', text: JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] }) },
      {
        name: 'describe-subnets.json',
        text: JSON.stringify({ Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', AvailabilityZone: '' }] }),
      },
    ];
    const { notes } = ok(importAwsCli(files));
    expect(notes.some((n) => n.includes('subnet/no-availability-zone'))).toBe(true);
  });
});
