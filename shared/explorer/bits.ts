/**
 * The bits behind a CIDR block, for the explorer's bit ruler: which bits are network and
 * which host, the mask, and the octets (IPv4) or hextets and nibbles (IPv6) they make.
 * Bit index 0 is the most significant bit; prose counts from 1 ("bit 17").
 */
import { formatAddress, formatCidr, maxPrefix, type Cidr } from '../cidr';

export type BitPart = 'network' | 'host';

export interface Bit {
  index: number;
  value: 0 | 1;
  part: BitPart;
}

export interface Nibble {
  /** Index of its first bit. */
  firstBit: number;
  hex: string;
  binary: string;
  part: BitPart | 'split';
}

export interface BitGroup {
  /** 0-based octet (IPv4) or hextet (IPv6) number. */
  index: number;
  firstBit: number;
  width: 8 | 16;
  value: number;
  decimal: string;
  /** Two (octet) or four (hextet) hex digits. */
  hex: string;
  binary: string;
  /** How many of its bits are network bits. */
  networkBits: number;
  part: BitPart | 'split';
  nibbles: Nibble[];
}

export interface BitsExplanation {
  cidr: string;
  version: 4 | 6;
  prefix: number;
  hostBits: number;
  bits: Bit[];
  groups: BitGroup[];
  /** IPv4 only: the prefix as a dotted mask, e.g. 255.255.255.0, and its inverse (used by ACLs and firewalls). */
  netmask?: string;
  wildcard?: string;
  /** IPv6: true when the prefix ends on a hex digit (a multiple of 4), as AWS IPv6 subnet and IPAM sizes must. */
  onNibbleBoundary: boolean;
  explanation: string;
}

function partOf(networkBits: number, width: number): BitPart | 'split' {
  return networkBits >= width ? 'network' : networkBits <= 0 ? 'host' : 'split';
}

function maskOf(c: Cidr): bigint {
  const max = BigInt(maxPrefix(c.version));
  return ((1n << max) - 1n) ^ ((1n << (max - BigInt(c.prefix))) - 1n);
}

export function explainBits(c: Cidr): BitsExplanation {
  const width = maxPrefix(c.version);
  const bits: Bit[] = [];
  for (let index = 0; index < width; index++) {
    const value = Number((c.network >> BigInt(width - 1 - index)) & 1n) as 0 | 1;
    bits.push({ index, value, part: index < c.prefix ? 'network' : 'host' });
  }
  const groupWidth = c.version === 4 ? 8 : 16;
  const groups: BitGroup[] = [];
  for (let index = 0; index < width / groupWidth; index++) {
    const firstBit = index * groupWidth;
    const value = Number((c.network >> BigInt(width - firstBit - groupWidth)) & BigInt(2 ** groupWidth - 1));
    const networkBits = Math.max(0, Math.min(groupWidth, c.prefix - firstBit));
    const nibbles: Nibble[] = [];
    for (let n = 0; n < groupWidth / 4; n++) {
      const nibble = (value >> (groupWidth - 4 * (n + 1))) & 15;
      nibbles.push({
        firstBit: firstBit + 4 * n,
        hex: nibble.toString(16),
        binary: nibble.toString(2).padStart(4, '0'),
        part: partOf(c.prefix - firstBit - 4 * n, 4),
      });
    }
    groups.push({
      index,
      firstBit,
      width: groupWidth,
      value,
      decimal: String(value),
      hex: value.toString(16).padStart(groupWidth / 4, '0'),
      binary: value.toString(2).padStart(groupWidth, '0'),
      networkBits,
      part: partOf(networkBits, groupWidth),
      nibbles,
    });
  }
  const hostBits = width - c.prefix;
  const result: BitsExplanation = {
    cidr: formatCidr(c),
    version: c.version,
    prefix: c.prefix,
    hostBits,
    bits,
    groups,
    onNibbleBoundary: c.prefix % 4 === 0,
    explanation: `The first ${c.prefix} of the ${width} bits name the network and are the same for every address in ${formatCidr(c)}; the other ${hostBits} vary from host to host.`,
  };
  if (c.version === 4) {
    const mask = maskOf(c);
    result.netmask = formatAddress(4, mask);
    result.wildcard = formatAddress(4, mask ^ 0xffffffffn);
  }
  return result;
}
