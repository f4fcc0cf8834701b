import { describe, expect, it } from 'vitest';
import { cidr } from '../cidr';
import { ipv6SlotMap } from './index';

const block = cidr('2001:db8::/56');

describe('ipv6SlotMap', () => {
  it('2001:db8::/56 has 256 /64 slots with nibble boundaries every 16', () => {
    const map = ipv6SlotMap(block, []);
    expect(map.slots).toHaveLength(256);
    expect(map.slots[0]).toMatchObject({ cidr: '2001:db8::/64', hex: '00', nibbleBoundary: true });
    expect(map.slots[0xa3]).toMatchObject({ cidr: '2001:db8:0:a3::/64', hex: 'a3', nibbleBoundary: false });
    expect(map.slots.filter((s) => s.nibbleBoundary).map((s) => s.hex)).toEqual([
      '00',
      '10',
      '20',
      '30',
      '40',
      '50',
      '60',
      '70',
      '80',
      '90',
      'a0',
      'b0',
      'c0',
      'd0',
      'e0',
      'f0',
    ]);
    expect(map.freeSlots).toBe(256);
  });

  it('places subnets, a /60 over 16 slots, and reports the bad ones', () => {
    const map = ipv6SlotMap(block, [
      { id: 'a', name: 'app-a', cidr: '2001:db8:0:1::/64' },
      { id: 'b', name: 'big', cidr: '2001:db8:0:10::/60' },
      { id: 'c', name: 'clash', cidr: '2001:db8:0:1f::/64' },
      { id: 'd', name: 'far', cidr: '2001:db8:1::/64' },
      { id: 'e', name: 'typo', cidr: '2001:db8::zz/64' },
      { id: 'f', name: 'v4', cidr: '10.0.0.0/24' },
      { id: 'g', name: 'odd', cidr: '2001:db8:0:40::/62' },
      { id: 'h', name: 'huge', cidr: '2001:db8::/48' },
    ]);
    expect(map.slots[1]!.subnetIds).toEqual(['a']);
    expect(map.slots.filter((s) => s.subnetIds.includes('b')).map((s) => s.hex)).toEqual(Array.from({ length: 16 }, (_, i) => (0x10 + i).toString(16)));
    expect(map.slots[0x1f]!.subnetIds).toEqual(['b', 'c']);
    // A /62 is four /64s: still placed, though AWS would not take it.
    expect(map.slots.filter((s) => s.subnetIds.includes('g')).map((s) => s.hex)).toEqual(['40', '41', '42', '43']);
    expect(map.usedSlots).toBe(1 + 16 + 4);
    expect(map.freeSlots).toBe(256 - 21);
    expect(map.problems.map((p) => `${p.subnetId} ${p.kind}`)).toEqual(['d outside', 'e invalid', 'f not-ipv6', 'g not-aws-size', 'h outside', 'c overlap']);
    expect(map.problems.find((p) => p.subnetId === 'h')!.message).toMatch(/bigger than the VPC block/);
    expect(map.problems.find((p) => p.kind === 'overlap')!.message).toMatch(/clash .* overlaps big/);
  });

  it('refuses a block that is not a VPC IPv6 size', () => {
    expect(() => ipv6SlotMap(cidr('2001:db8::/48'), [])).toThrow(/\/56 to \/64/);
    expect(() => ipv6SlotMap(cidr('10.0.0.0/16'), [])).toThrow(/not an IPv6 block/);
    expect(
      ipv6SlotMap(cidr('2001:db8:0:80::/57'), [])
        .slots.map((s) => s.hex)
        .slice(0, 2),
    ).toEqual(['80', '81']);
  });
});
