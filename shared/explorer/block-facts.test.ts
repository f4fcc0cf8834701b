import { describe, expect, it } from 'vitest';
import { cidr } from '../cidr';
import { blockFacts, enclosingBlock, relatives } from './index';

describe('blockFacts', () => {
  it('10.0.0.0/24 on AWS, in words', () => {
    const f = blockFacts(cidr('10.0.0.0/24'), 'aws');
    expect(f).toMatchObject({ first: '10.0.0.0', last: '10.0.0.255', size: '256', usable: '251', hostBits: 8 });
    expect(f.reserved.map((r) => `${r.address} ${r.role}`)).toEqual([
      '10.0.0.0 network',
      '10.0.0.1 router',
      '10.0.0.2 dns',
      '10.0.0.3 future',
      '10.0.0.255 broadcast',
    ]);
    expect(f.explanation[0]).toBe('/24 has 8 host bits: 2^8 = 256 addresses; AWS keeps 5, so 251 are usable.');
    expect(f.explanation[1]).toBe('Each extra prefix bit halves the block: a /25 has 128 addresses, and one bit fewer, a /23, has 512.');
    expect(f.clouds.gcp.usable).toBe('252');
    expect(f.clouds.azure.reserved.map((r) => r.role)).toEqual(['network', 'gateway', 'dns', 'dns', 'broadcast']);
  });

  it('says when a block cannot be a subnet on a cloud', () => {
    const f = blockFacts(cidr('10.0.0.0/29'), 'aws');
    expect(f.clouds.aws.subnetLimit).toMatch(/\/16 to \/28/);
    expect(f.clouds.azure.subnetLimit).toBeUndefined();
    expect(f.explanation.at(-1)).toMatch(/AWS subnets are \/16 to \/28/);
    expect(blockFacts(cidr('2001:db8::/64'), 'azure').clouds.azure.subnetLimit).toBeUndefined();
    expect(blockFacts(cidr('2001:db8::/62'), 'aws').clouds.aws.subnetLimit).toMatch(/steps of 4/);
  });

  it('IPv6 sizes past a JavaScript number', () => {
    const f = blockFacts(cidr('2001:db8::/64'), 'aws');
    expect(f.size).toBe('18446744073709551616');
    expect(f.usable).toBe('18446744073709551611');
    expect(f.explanation[0]).toBe('/64 has 64 host bits: 2^64 = 18,446,744,073,709,551,616 addresses; AWS keeps 5, so 18,446,744,073,709,551,611 are usable.');
  });

  it('a single address', () => {
    const f = blockFacts(cidr('10.0.0.7/32'), 'aws');
    expect(f.explanation[0]).toBe('/32 has 0 host bits: 2^0 = 1 address; AWS keeps 1, so 0 are usable.');
    expect(f.explanation.some((line) => line.startsWith('Each extra'))).toBe(false);
  });
});

describe('relatives', () => {
  it('parent, sibling, children and landmarks', () => {
    expect(relatives(cidr('10.1.2.0/24'))).toEqual({
      cidr: '10.1.2.0/24',
      parent: '10.1.2.0/23',
      sibling: '10.1.3.0/24',
      children: ['10.1.2.0/25', '10.1.2.128/25'],
      enclosing: [
        { prefix: 8, cidr: '10.0.0.0/8' },
        { prefix: 16, cidr: '10.1.0.0/16' },
      ],
    });
    const v6 = relatives(cidr('2001:db8:0:a3::/64'));
    expect(v6.enclosing.map((e) => e.cidr)).toEqual(['2001:db8::/32', '2001:db8::/48', '2001:db8::/56']);
    const all = relatives(cidr('0.0.0.0/0'));
    expect([all.parent, all.sibling, all.children]).toEqual([undefined, undefined, ['0.0.0.0/1', '128.0.0.0/1']]);
    expect(relatives(cidr('10.0.0.1/32')).children).toBeUndefined();
    expect(() => enclosingBlock(cidr('10.0.0.0/16'), 20)).toThrow(/\/0 to \/16/);
  });
});
