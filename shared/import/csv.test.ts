import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cidr, formatCidr } from '../cidr';
import { subnetsToCsv } from '../export/csv';
import { emptyPlan, type Plan } from '../plan/schema';
import { validatePlan } from '../plan/load';
import { checkPlan } from '../checks';
import { enclosingBlock, importCsv } from './csv';
import { detectDelimiter, readCsv } from './csv-text';

describe('readCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const r = readCsv('\uFEFFname,cidr\r\n"Data centre, ""east""",10.0.0.0/8\r\n"two\nlines",192.168.0.0/16\r\n');
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['name', 'cidr'] },
        { line: 2, fields: ['Data centre, "east"', '10.0.0.0/8'] },
        { line: 3, fields: ['two\nlines', '192.168.0.0/16'] },
      ],
    });
  });
  it('names the line of an unclosed quote', () => {
    expect(readCsv('a,b\n1,"oops\n2,3\n')).toMatchObject({ ok: false, line: 2 });
  });
  it('detects semicolons and tabs, as spreadsheet apps write them in many locales, and keeps the line of each record', () => {
    expect(readCsv('name;cidr\r\n"DC; east";10.0.0.0/8\r\n\r\nBranch, 2;192.168.0.0/16\r\n')).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['name', 'cidr'] },
        { line: 2, fields: ['DC; east', '10.0.0.0/8'] },
        { line: 4, fields: ['Branch, 2', '192.168.0.0/16'] },
      ],
    });
    expect(readCsv('name\tcidr\nx\t10.0.0.0/8\n')).toMatchObject({ ok: true, records: [{ fields: ['name', 'cidr'] }, { fields: ['x', '10.0.0.0/8'] }] });
    expect(detectDelimiter('cidr\n10.0.0.0/8\n')).toBe(',');
  });
  it('refuses text after a closing quote rather than guessing where the field ends', () => {
    expect(readCsv('a,b\n1,"x"y,2\n')).toMatchObject({ ok: false, line: 2, message: expect.stringContaining('after its closing quote') });
  });
});

describe('enclosingBlock', () => {
  it('is the smallest block holding them all', () => {
    expect(formatCidr(enclosingBlock([cidr('10.0.1.0/24'), cidr('10.0.2.0/24')]))).toBe('10.0.0.0/22');
    expect(formatCidr(enclosingBlock([cidr('10.0.1.0/24')]))).toBe('10.0.1.0/24');
    expect(formatCidr(enclosingBlock([cidr('2001:db8:0:1::/64'), cidr('2001:db8:0:ff::/64')]))).toBe('2001:db8::/56');
  });
});

describe('importCsv', () => {
  it('without a vpc column: one external network per distinct name, header aliases matched case-insensitively', () => {
    const r = importCsv('Network Name,CIDR Block\nDC east,10.0.0.0/16\nDC east,10.1.0.0/16\nBranch,192.168.10.0/24\n', { name: 'onprem.csv', into: 'auto' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.externalNetworks.map((n) => [n.name, n.cidrs])).toEqual([
      ['DC east', ['10.0.0.0/16', '10.1.0.0/16']],
      ['Branch', ['192.168.10.0/24']],
    ]);
    expect(validatePlan(r.plan).ok).toBe(true);
  });

  it('with a vpc column: subnets, VPCs created with the smallest enclosing block, said in the notes', () => {
    const r = importCsv('vpc,name,subnet,availability zone,tier\nprod,app-a,10.0.1.0/24,us-east-2a,Private\nprod,web-a,10.0.2.0/24,us-east-2b,public\n', {
      name: 's.csv',
      into: 'auto',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.vpcs.map((v) => [v.name, v.ipv4Cidrs, v.region])).toEqual([['prod', ['10.0.0.0/22'], 'us-east-2']]);
    expect(r.plan.subnets.map((s) => [s.name, s.ipv4Cidr, s.availabilityZone, s.tier, s.vpcId])).toEqual([
      ['app-a', '10.0.1.0/24', 'us-east-2a', 'private', r.plan.vpcs[0]!.id],
      ['web-a', '10.0.2.0/24', 'us-east-2b', 'public', r.plan.vpcs[0]!.id],
    ]);
    expect(r.notes.some((n) => n.includes('smallest block enclosing'))).toBe(true);
  });

  it('adds to a base plan, into its existing VPC, keeping its layout', () => {
    const base: Plan = {
      ...emptyPlan('base'),
      vpcs: [{ id: 'vpc-1', name: 'prod', region: 'eu-west-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: [], ipv6Source: 'amazon' }],
      layout: { nodes: { 'vpc-1': { x: 5, y: 7 } } },
    };
    const r = importCsv('vpc,cidr\nprod,10.0.9.0/24\n', { name: 'add.csv', into: 'subnets' }, base);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.vpcs).toHaveLength(1);
    expect(r.plan.subnets[0]).toMatchObject({ vpcId: 'vpc-1', ipv4Cidr: '10.0.9.0/24' });
    expect(r.plan.layout.nodes['vpc-1']).toEqual({ x: 5, y: 7 });
  });

  it('imports a semicolon-separated spreadsheet and says how it was read', () => {
    const r = importCsv('\uFEFFvpc;name;cidr;tier\r\nprod;app, a;10.0.1.0/24;private\r\n', { name: 'de.csv', into: 'auto' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.subnets.map((s) => [s.name, s.ipv4Cidr])).toEqual([['app, a', '10.0.1.0/24']]);
    expect(r.notes).toContain('Read as semicolon-separated values.');
  });

  it('a bad CIDR names the line and column with the CIDR error, and nothing is imported', () => {
    const r = importCsv('name,cidr\nok,10.0.0.0/16\nbad,10.0.0.1/16\nworse,300.0.0.0/8\n', { name: 'b.csv', into: 'auto' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.file, p.line, p.path])).toEqual([
      ['b.csv', 3, 'column "cidr"'],
      ['b.csv', 4, 'column "cidr"'],
    ]);
    expect(r.problems[0]!.message).toContain('10.0.0.0/16');
  });

  it('refuses a file without a CIDR column, an unknown tier, and subnets without a vpc column', () => {
    expect(importCsv('name,owner\na,b\n', { name: 'x.csv', into: 'auto' })).toMatchObject({ ok: false, problems: [{ line: 1 }] });
    expect(importCsv('vpc,cidr,tier\np,10.0.0.0/24,dmz\n', { name: 'x.csv', into: 'auto' })).toMatchObject({
      ok: false,
      problems: [{ line: 2, path: 'column "tier"' }],
    });
    expect(importCsv('name,cidr\na,10.0.0.0/24\n', { name: 'x.csv', into: 'subnets' }).ok).toBe(false);
  });

  it('reads the exporter shape, undoing its leading quote against formula injection', () => {
    const header =
      'vpc,vpc_id,account,region,subnet,subnet_id,availability_zone,tier,ipv4_cidr,ipv4_first,ipv4_last,ipv4_size,ipv4_usable,ipv6_cidr,hosts_needed,utilisation_percent';
    const row = `"'=prod, main",vpc-9,111122223333,us-west-2,'-app,subnet-9,us-west-2a,private,10.20.0.0/24,10.20.0.0,10.20.0.255,256,251,2600:1f14::/64,100,39.8`;
    const r = importCsv(`${header}\r\n${row}\r\n`, { name: 'export.csv', into: 'auto' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.vpcs[0]).toMatchObject({ id: 'vpc-9', name: '=prod, main', accountId: '111122223333', region: 'us-west-2', ipv6Cidrs: ['2600:1f14::/56'] });
    expect(r.plan.subnets[0]).toMatchObject({ id: 'subnet-9', name: '-app', ipv4Cidr: '10.20.0.0/24', ipv6Cidr: '2600:1f14::/64', hostsNeeded: 100 });
  });

  it.each(['three-tier', 'hub-and-spoke'])('round trip: %s plan -> exported CSV -> import gives the same addresses', (example) => {
    const plan = validatePlan(JSON.parse(readFileSync(new URL(`../../examples/${example}.vpcplan.json`, import.meta.url), 'utf8')));
    if (!plan.ok) throw new Error('example plan does not load');
    const r = importCsv(subnetsToCsv(plan.plan), { name: 'round.csv', into: 'subnets' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const addresses = (p: Plan) => p.subnets.map((s) => [s.id, s.name, s.vpcId, s.ipv4Cidr, s.ipv6Cidr, s.availabilityZone, s.tier, s.hostsNeeded]).sort();
    expect(addresses(r.plan)).toEqual(addresses(plan.plan));
    expect(r.plan.subnets.length).toBeGreaterThan(0);
  });

  it('round trip: the exported CSV rebuilds the VPCs with their planned blocks, accounts and regions', () => {
    const plan = example('hub-and-spoke');
    const r = importCsv(subnetsToCsv(plan), { name: 'round.csv', into: 'subnets' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const vpcsWithSubnets = plan.vpcs.filter((v) => plan.subnets.some((s) => s.vpcId === v.id));
    const facts = (vpcs: Plan['vpcs']) => vpcs.map((v) => [v.id, v.name, v.accountId, v.region, v.ipv4Cidrs, v.ipv6Cidrs]).sort();
    expect(facts(r.plan.vpcs)).toEqual(facts(vpcsWithSubnets));
    expect(r.notes.some((n) => n.includes('with the blocks the file gives'))).toBe(true);
    expect(r.notes.some((n) => n.includes('smallest block enclosing'))).toBe(false);
  });

  it('--base merges by subnet_id: updates, adds and reports what the file leaves out, with no duplicate', () => {
    const plan = example('hub-and-spoke');
    const lines = subnetsToCsv(plan).trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    const col = (name: string) => header.indexOf(name);
    const edited = lines
      .filter((l) => !l.includes(',sn-legacy-b,'))
      .map((l) => {
        if (!l.includes(',sn-dev-app-a,')) return l;
        const f = l.split(',');
        f[col('tier')] = 'isolated';
        f[col('hosts_needed')] = '42';
        return f.join(',');
      });
    const devRow = lines.find((l) => l.includes(',sn-dev-app-a,'))!.split(',');
    devRow[col('subnet_id')] = 'sn-dev-new';
    devRow[col('subnet')] = 'dev-new';
    devRow[col('ipv4_cidr')] = '10.2.200.0/24';
    edited.push(devRow.join(','));
    // Saved again by a spreadsheet app that writes semicolons.
    const semicolons = `${edited.map((l) => l.split(',').join(';')).join('\r\n')}\r\n`;
    const r = importCsv(semicolons, { name: 'edited.csv', into: 'subnets' }, plan);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.subnets).toHaveLength(plan.subnets.length + 1);
    expect(r.plan.subnets.find((s) => s.id === 'sn-dev-app-a')).toMatchObject({ tier: 'isolated', hostsNeeded: 42 });
    expect(r.plan.subnets.find((s) => s.id === 'sn-dev-new')).toMatchObject({ vpcId: 'vpc-dev', ipv4Cidr: '10.2.200.0/24' });
    expect(r.plan.subnets.find((s) => s.id === 'sn-legacy-b')).toEqual(plan.subnets.find((s) => s.id === 'sn-legacy-b'));
    expect(r.plan.vpcs).toEqual(plan.vpcs);
    expect(r.notes).toContain(`Merged ${plan.subnets.length} rows into the base plan by subnet_id: 1 updated, 1 added, ${plan.subnets.length - 2} unchanged.`);
    expect(r.notes.some((n) => n.startsWith('1 subnet of the base plan is not in the file') && n.includes('sn-legacy-b'))).toBe(true);
    const overlaps = (p: Plan) => checkPlan(p).filter((f) => f.code.startsWith('overlap/')).length;
    expect(overlaps(r.plan)).toBe(overlaps(plan));
  });

  it('refuses a VPC block column that does not hold blocks of its version', () => {
    const r = importCsv('vpc,vpc_ipv4_cidrs,cidr\nprod,10.0.0.0/16 2001:db8::/56,10.0.1.0/24\n', { name: 'v.csv', into: 'subnets' });
    expect(r).toMatchObject({ ok: false, problems: [{ line: 2, path: 'column "vpc_ipv4_cidrs"', message: expect.stringContaining('IPv6') }] });
  });
});

function example(name: string): Plan {
  const plan = validatePlan(JSON.parse(readFileSync(new URL(`../../examples/${name}.vpcplan.json`, import.meta.url), 'utf8')));
  if (!plan.ok) throw new Error('example plan does not load');
  return plan.plan;
}
