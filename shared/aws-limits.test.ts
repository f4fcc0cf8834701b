import { describe, expect, it } from 'vitest';
import {
  IPAM_VPC_IPV6_PREFIX,
  NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION,
  NAT_GATEWAY_MAX_ADDRESSES,
  prefixIn,
  RESERVED_ADDRESSES_PER_SUBNET,
  SUBNET_IPV4_PREFIX,
  SUBNET_IPV6_PREFIX,
} from './aws-limits';
import { cidr, reservedAddresses, usableAddresses } from './cidr';

describe('AWS limits', () => {
  it('counts the reserved addresses the cidr module lists one by one', () => {
    // The slot table in shared/cidr/reserved.ts says which addresses; the limit says how many: they must agree.
    expect(reservedAddresses(cidr('10.0.0.0/24'), 'aws')).toHaveLength(RESERVED_ADDRESSES_PER_SUBNET);
    expect(reservedAddresses(cidr('2001:db8::/64'), 'aws')).toHaveLength(RESERVED_ADDRESSES_PER_SUBNET);
    expect(usableAddresses(cidr('10.0.0.0/28'), 'aws')).toBe(BigInt(16 - RESERVED_ADDRESSES_PER_SUBNET));
  });

  it('reads a prefix range, with its nibble step where it has one', () => {
    expect([15, 16, 28, 29].map((p) => prefixIn(SUBNET_IPV4_PREFIX, p))).toEqual([false, true, true, false]);
    expect([44, 46, 48, 64, 68].map((p) => prefixIn(SUBNET_IPV6_PREFIX, p))).toEqual([true, false, true, true, false]);
    expect([40, 44, 60, 64].map((p) => prefixIn(IPAM_VPC_IPV6_PREFIX, p))).toEqual([false, true, true, false]);
  });

  it('lets a NAT gateway reach the 440,000 connections per destination AWS quotes for 8 addresses', () => {
    expect(NAT_GATEWAY_MAX_ADDRESSES * NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION).toBe(440_000);
  });
});
