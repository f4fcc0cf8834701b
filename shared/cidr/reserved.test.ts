import { describe, expect, it } from 'vitest';
import { cidr, formatAddress, prefixForHosts, reservedAddresses, usableAddresses } from './index';

function reservedText(block: string, cloud: 'aws' | 'azure' | 'gcp') {
  const c = cidr(block);
  return reservedAddresses(c, cloud).map((r) => `${formatAddress(c.version, r.address)} ${r.role}`);
}

describe('reserved addresses per cloud (docs/network-rules.md)', () => {
  it('AWS IPv4: network, router, DNS, future, broadcast', () => {
    expect(reservedText('10.0.0.0/24', 'aws')).toEqual(['10.0.0.0 network', '10.0.0.1 router', '10.0.0.2 dns', '10.0.0.3 future', '10.0.0.255 broadcast']);
    const why = reservedAddresses(cidr('10.0.0.0/24'), 'aws')[0]!.why;
    expect(why).toMatch(/^AWS reserves the first address/);
  });

  it('AWS IPv6: the first four and the last', () => {
    expect(reservedText('2001:db8::/64', 'aws')).toEqual([
      '2001:db8:: network',
      '2001:db8::1 router',
      '2001:db8::2 dns',
      '2001:db8::3 future',
      '2001:db8::ffff:ffff:ffff:ffff last',
    ]);
  });

  it('Azure: network, gateway, two DNS, broadcast', () => {
    expect(reservedText('10.1.0.0/29', 'azure')).toEqual(['10.1.0.0 network', '10.1.0.1 gateway', '10.1.0.2 dns', '10.1.0.3 dns', '10.1.0.7 broadcast']);
  });

  it('GCP: network, gateway, second-to-last, last', () => {
    expect(reservedText('10.2.0.0/29', 'gcp')).toEqual(['10.2.0.0 network', '10.2.0.1 gateway', '10.2.0.6 future', '10.2.0.7 broadcast']);
  });

  it('a block smaller than the list lists each address once', () => {
    expect(reservedText('10.0.0.0/30', 'aws')).toEqual(['10.0.0.0 network', '10.0.0.1 router', '10.0.0.2 dns', '10.0.0.3 future']);
    expect(reservedText('10.0.0.4/32', 'aws')).toEqual(['10.0.0.4 network']);
    expect(reservedText('10.0.0.0/31', 'gcp')).toEqual(['10.0.0.0 network', '10.0.0.1 gateway']);
  });
});

describe('usable addresses', () => {
  it.each([
    ['10.0.0.0/28', 'aws', 11n],
    ['10.0.0.0/16', 'aws', 65_531n],
    ['10.0.0.0/29', 'azure', 3n],
    ['10.0.0.0/29', 'gcp', 4n],
    ['2001:db8::/64', 'aws', 2n ** 64n - 5n],
    ['10.0.0.0/30', 'aws', 0n],
    ['10.0.0.0/32', 'gcp', 0n],
  ] as const)('%s on %s: %s', (block, cloud, usable) => {
    expect(usableAddresses(cidr(block), cloud)).toBe(usable);
  });

  it('BYOIP on AWS reserves nothing; other clouds are unaffected', () => {
    expect(usableAddresses(cidr('10.0.0.0/28'), 'aws', { byoip: true })).toBe(16n);
    expect(usableAddresses(cidr('10.0.0.0/29'), 'azure', { byoip: true })).toBe(3n);
  });
});

describe('prefixForHosts', () => {
  it.each([
    [11, 28],
    [12, 27],
    [251, 24],
    [252, 23],
    [0, 32],
    [1, 29],
    [65_531, 16],
    [65_532, 15],
  ])('AWS, %i hosts -> /%i', (hosts, prefix) => {
    expect(prefixForHosts(4, hosts, 'aws')).toBe(prefix);
  });

  it('other clouds and IPv6', () => {
    expect(prefixForHosts(4, 3, 'azure')).toBe(29);
    expect(prefixForHosts(4, 4, 'gcp')).toBe(29);
    expect(prefixForHosts(4, 5, 'gcp')).toBe(28);
    expect(prefixForHosts(6, 2n ** 64n - 5n, 'aws')).toBe(64);
    expect(prefixForHosts(6, 2n ** 64n - 4n, 'aws')).toBe(63);
  });

  it('undefined when nothing is big enough; RangeError for nonsense', () => {
    expect(prefixForHosts(4, 2 ** 32 - 5, 'aws')).toBe(0);
    expect(prefixForHosts(4, 2 ** 32 - 4, 'aws')).toBeUndefined();
    expect(() => prefixForHosts(4, -1, 'aws')).toThrow(RangeError);
    expect(() => prefixForHosts(4, 1.5, 'aws')).toThrow(RangeError);
  });
});
