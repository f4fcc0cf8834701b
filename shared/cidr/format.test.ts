import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { cidr, formatAddress, formatCidr, parseAddress } from './index';

function formatted(text: string): string {
  const read = parseAddress(text);
  if (!read.ok) throw new Error(read.error.message);
  return formatAddress(read.version, read.value);
}

describe('RFC 5952 text for IPv6', () => {
  it.each([
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3: the first of two equal runs
    ['2001:0db8::0001', '2001:db8::1'], // §4.1: no leading zeros
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2: a single zero group stays
    ['2001:db8::1:0:0:0:1', '2001:db8:0:1::1'], // §4.2.3: the longest run wins
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['2001:DB8::ABCD', '2001:db8::abcd'], // §4.3: lower case
    ['FE80::1', 'fe80::1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['0:1:0:1:0:1:0:1', '0:1:0:1:0:1:0:1'],
    ['::ffff:c000:201', '::ffff:192.0.2.1'], // §5: IPv4-mapped shown dotted
    ['::ffff:0:0', '::ffff:0.0.0.0'],
    ['::fffe:c000:201', '::fffe:c000:201'], // not mapped: hex
  ])('%s -> %s', (input, expected) => {
    expect(formatted(input)).toBe(expected);
  });

  it('matches ipaddr.js toRFC5952String outside the IPv4-mapped range', () => {
    const groups = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(groups, (g) => {
        const value = g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);
        const mapped = value >> 32n === 0xffffn;
        const reference = ipaddr.IPv6.parse(g.map((x) => x.toString(16)).join(':')).toRFC5952String();
        if (!mapped) expect(formatAddress(6, value)).toBe(reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('formats blocks with their prefix', () => {
    expect(formatCidr(cidr('2001:db8:0:0::/64'))).toBe('2001:db8::/64');
    expect(formatCidr(cidr('0.0.0.0/0'))).toBe('0.0.0.0/0');
    expect(formatCidr(cidr('255.255.255.255/32'))).toBe('255.255.255.255/32');
  });

  it('refuses values outside the address space', () => {
    expect(() => formatAddress(4, 2n ** 32n)).toThrow(RangeError);
    expect(() => formatAddress(6, -1n)).toThrow(RangeError);
    expect(formatAddress(4, 2n ** 32n - 1n)).toBe('255.255.255.255');
  });
});
