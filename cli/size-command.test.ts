import { describe, expect, it } from 'vitest';
import { parseTierOption, sizeCommand, type SizeOptions } from './size-command';

const base: SizeOptions = { azs: 3, tiers: ['public:50', 'private:1000'], growth: 50, avoid: [], ipv6: false, json: true };

describe('vpcplan size', () => {
  it('prints the proposal as JSON', () => {
    const out = sizeCommand(base);
    expect(out.code).toBe(0);
    const proposal = JSON.parse(out.stdout);
    expect(proposal.vpcCidr).toBe('10.0.0.0/18');
    expect(proposal.subnets).toHaveLength(6);
    expect(proposal.subnets[0]).toMatchObject({ az: 'us-east-1a', tierName: 'private', cidr: '10.0.0.0/21', capacity: 2043 });
  });

  it('prints a table and the reasons for people', () => {
    const out = sizeCommand({ ...base, json: false, ipv6: true, region: 'eu-west-1', avoid: ['10.0.0.0/16'] });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^VPC 10\.1\.0\.0\/18 in eu-west-1, IPv6 2001:db8::\/56 \(placeholder\)/);
    expect(out.stdout).toMatch(/^AZ\s+Tier\s+Kind\s+CIDR\s+Hosts\s+With growth\s+Usable\s+IPv6 \(placeholder\)$/m);
    expect(out.stdout).toMatch(/^eu-west-1a\s+private\s+private\s+10\.1\.0\.0\/21\s+1,000\s+1,500\s+2,043\s+2001:db8::\/64$/m);
    expect(out.stdout).toContain('after leaving out 10.0.0.0/16');
    expect(out.stdout).toContain('AWS assigns the VPC');
  });

  it('reads named tiers, and takes option text as typed', () => {
    expect(parseTierOption('app=private:1000')).toEqual({ name: 'app', tier: 'private', hostsPerSubnet: 1000 });
    expect(parseTierOption('public:50')).toEqual({ name: 'public', tier: 'public', hostsPerSubnet: 50 });
    const out = sizeCommand({ ...base, azs: '2', growth: '0', spare: '0', tiers: ['web=public:10', 'db=isolated:10'] });
    expect(JSON.parse(out.stdout).subnets.map((s: { tierName: string }) => s.tierName)).toEqual(['web', 'web', 'db', 'db']);
  });

  it('exits 2 with a clear message on bad options', () => {
    const cases: Array<[Partial<SizeOptions>, RegExp]> = [
      [{ tiers: ['private:lots'] }, /--tier private:lots: "lots" is not a number of hosts/],
      [{ tiers: ['secret:10'] }, /"secret" is not a tier; use public, private or isolated/],
      [{ tiers: ['private'] }, /not of the form kind:hosts/],
      [{ tiers: [] }, /at least one --tier/],
      [{ azs: 'three' }, /--azs three is not a whole number/],
      [{ azs: 9 }, /from 1 to 6/],
      [{ growth: '-5' }, /--growth -5 is not a whole number/],
      [{ avoid: ['10.0.0.0/33'] }, /avoid #1/],
      [{ tiers: ['public:1', 'public:2'] }, /used twice/],
    ];
    for (const [change, message] of cases) {
      const out = sizeCommand({ ...base, ...change });
      expect(out.code, JSON.stringify(change)).toBe(2);
      expect(out.stderr, JSON.stringify(change)).toMatch(message);
      expect(out.stderr).toMatch(/^vpcplan: size: /);
    }
  });

  it('exits 2 when nothing fits', () => {
    const out = sizeCommand({ ...base, avoid: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/no free \/18/);
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: false, code: 'no-room' });
    expect(sizeCommand({ ...base, tiers: ['private:70000'], json: false })).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/largest AWS subnet/),
    });
  });
});
