import { describe, expect, it } from 'vitest';
import { planWith, subnet, vpc } from '../fixture';
import { cidrSyntaxRule } from './cidr-syntax';
import { run } from './rule-test-support';

describe('cidr-syntax', () => {
  it('accepts valid blocks in every CIDR field', () => {
    const plan = planWith({
      vpcs: [vpc('v', ['10.0.0.0/16'], { ipv6Cidrs: ['2001:db8::/56'] })],
      subnets: [subnet('s', 'v', '10.0.1.0/24', { ipv6Cidr: '2001:db8::/64' })],
      routeTables: [{ id: 'rt', name: 'rt', vpcId: 'v', routes: [{ destination: '0.0.0.0/0', target: 'local' }] }],
      externalNetworks: [{ id: 'e', name: 'dc', kind: 'on-premises', cidrs: ['192.168.0.0/16'] }],
    });
    expect(run(cidrSyntaxRule, plan)).toEqual([]);
  });

  it('reports host bits with the suggestion, and names the field', () => {
    const plan = planWith({ vpcs: [vpc('v', ['10.0.0.0/16', '10.1.0.1/16'])] });
    const [f, ...rest] = run(cidrSyntaxRule, plan);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'cidr/host-bits', subjects: ['v'], field: 'ipv4Cidrs[1]', cidrs: ['10.1.0.0/16'] });
    expect(f!.message).toContain('10.1.0.1/16');
    expect(f!.fix).toBe('Write 10.1.0.0/16.');
  });

  it('reports an IPv4 block in an IPv6 field and the other way round', () => {
    const plan = planWith({
      vpcs: [vpc('v', ['2001:db8::/56'], { ipv6Cidrs: ['10.0.0.0/16'] })],
      subnets: [subnet('s', 'v', '10.0.0.0/24', { ipv6Cidr: '10.0.1.0/24' })],
    });
    const found = run(cidrSyntaxRule, plan);
    expect(found.map((f) => [f.code, f.field])).toEqual([
      ['cidr/version-mismatch', 'ipv4Cidrs[0]'],
      ['cidr/version-mismatch', 'ipv6Cidrs[0]'],
      ['cidr/version-mismatch', 'ipv6Cidr'],
    ]);
  });

  it('reports bad syntax in route, transit gateway route and external network fields', () => {
    const plan = planWith({
      vpcs: [vpc('v', ['10.0.0.0/16'])],
      subnets: [subnet('s', 'v', '10.0.0/24')],
      routeTables: [{ id: 'rt', name: 'rt', vpcId: 'v', routes: [{ destination: '0.0.0.0', target: 'local' }] }],
      transitGateways: [{ id: 't', name: 'hub', routeTables: [{ id: 'trt', name: 'trt', routes: [{ destination: '10.0.0.0/33', kind: 'blackhole' }] }] }],
      externalNetworks: [{ id: 'e', name: 'dc', kind: 'on-premises', cidrs: ['192.168.0.0/16', 'banana'] }],
    });
    const found = run(cidrSyntaxRule, plan);
    expect(found.map((f) => [f.code, f.subjects[0], f.field])).toEqual([
      ['cidr/syntax', 's', 'ipv4Cidr'],
      ['cidr/syntax', 'rt', 'routes[0].destination'],
      ['cidr/syntax', 'trt', 'routes[0].destination'],
      ['cidr/syntax', 'e', 'cidrs[1]'],
    ]);
    expect(found[1]!.message).toContain('Route table rt, route 1 destination');
  });

  it('treats an empty optional subnet field as absent', () => {
    const plan = planWith({ vpcs: [vpc('v', ['10.0.0.0/16'])], subnets: [subnet('s', 'v', '10.0.0.0/24', { ipv6Cidr: '' })] });
    expect(run(cidrSyntaxRule, plan)).toEqual([]);
  });
});
