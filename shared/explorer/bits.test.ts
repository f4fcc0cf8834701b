import { describe, expect, it } from 'vitest';
import { cidr } from '../cidr';
import { explainBits } from './index';

describe('explainBits', () => {
  it('10.0.0.0/24: mask, wildcard, octets', () => {
    const e = explainBits(cidr('10.0.0.0/24'));
    expect(e.netmask).toBe('255.255.255.0');
    expect(e.wildcard).toBe('0.0.0.255');
    expect(e.hostBits).toBe(8);
    expect(e.bits).toHaveLength(32);
    expect(e.bits.filter((b) => b.part === 'network')).toHaveLength(24);
    expect(
      e.bits
        .slice(0, 8)
        .map((b) => b.value)
        .join(''),
    ).toBe('00001010');
    expect(e.groups.map((g) => `${g.decimal} ${g.hex} ${g.binary} ${g.part}`)).toEqual([
      '10 0a 00001010 network',
      '0 00 00000000 network',
      '0 00 00000000 network',
      '0 00 00000000 host',
    ]);
  });

  it('marks an octet the prefix cuts through', () => {
    const e = explainBits(cidr('172.16.128.0/17'));
    expect(e.netmask).toBe('255.255.128.0');
    expect(e.wildcard).toBe('0.0.127.255');
    expect(e.groups[2]).toMatchObject({ decimal: '128', binary: '10000000', networkBits: 1, part: 'split' });
    expect(e.groups[2]!.nibbles.map((n) => n.part)).toEqual(['split', 'host']);
  });

  it('IPv6: hextets and nibbles, and whether the prefix is on a nibble', () => {
    const e = explainBits(cidr('2001:db8:ab00::/56'));
    expect(e.bits).toHaveLength(128);
    expect(e.netmask).toBeUndefined();
    expect(e.onNibbleBoundary).toBe(true);
    expect(e.groups).toHaveLength(8);
    expect(e.groups.slice(0, 4).map((g) => g.hex)).toEqual(['2001', '0db8', 'ab00', '0000']);
    expect(e.groups[3]!.nibbles.map((n) => `${n.hex}:${n.part}`)).toEqual(['0:network', '0:network', '0:host', '0:host']);
    expect(explainBits(cidr('2001:db8::/57')).onNibbleBoundary).toBe(false);
  });
});
