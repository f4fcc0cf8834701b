/**
 * Reading IPv6 addresses (RFC 4291 §2.2 text forms). The plain hex forms, which are almost
 * every real input, are read by hand; anything else goes to ipaddr.js, after checks that
 * exist for two reasons: to say precisely what is wrong (ipaddr.js only says "not
 * formatted like an IPv6 address"), and to correct what it accepts but should not:
 *  - an embedded IPv4 tail is read with the strict dotted-quad reader, so "::ffff:010.0.0.1"
 *    and "::ffff:0x0a.0.0.1" are refused like their IPv4 forms;
 *  - ipaddr.js 2.5 reads "::1.2.3.4" as ::ffff:1.2.3.4, but RFC 4291 §2.5.5.1 makes it
 *    ::102:304; rewriting the tail to two hex groups first gives the RFC value.
 */
import ipaddr from 'ipaddr.js';
import { readBlock, type Ipv6Cidr } from './block';
import { explainIpv4, readIpv4, type AddressProblem } from './ipv4-text';
import { quoteInput } from './errors';

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function valueOfGroups(parts: readonly number[]): bigint {
  // Four 32-bit words: four BigInt conversions instead of eight shifts of a growing bigint
  // (measured: about five times faster, and this is on the bulk-parse path).
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = parts;
  const high = (BigInt(g0 * 65536 + g1) << 32n) | BigInt(g2 * 65536 + g3);
  // A subnet or VPC block (/64 and shorter) has nothing in its low half: skip building it.
  if (g4 === 0 && g5 === 0 && g6 === 0 && g7 === 0) return high << 64n;
  const low = (BigInt(g4 * 65536 + g5) << 32n) | BigInt(g6 * 65536 + g7);
  return (high << 64n) | low;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** The written groups of the address being read: scratch space, so that reading allocates nothing but the result. */
const written = new Array<number>(8).fill(0);
const expanded = new Array<number>(8).fill(0);

/**
 * RFC 4291 §2.2 forms 1 and 2, read by hand: hex groups of one to four digits separated by
 * single colons, eight of them, or at most seven with one "::" standing for the zero groups
 * left out. The value, or undefined for any other text (which the caller then explains).
 * The tests hold it to a reference written from the RFC.
 */
function readHexGroups(address: string, from = 0, to = address.length): bigint | undefined {
  return readGroups(address, from, to) ? valueOfGroups(expanded) : undefined;
}

/** readHexGroups' reading: true, with the eight groups in `expanded`, or false. */
function readGroups(address: string, from: number, to: number): boolean {
  const n = to;
  let i = from;
  let count = 0;
  /** Where "::" sits: the number of groups written before it, or -1. */
  let gap = -1;
  if (n - i >= 2 && address.charCodeAt(i) === 58 && address.charCodeAt(i + 1) === 58) {
    gap = 0;
    i += 2;
  }
  while (i < n) {
    let group = 0;
    let digits = 0;
    while (i < n && digits <= 4) {
      const v = hexValue(address.charCodeAt(i));
      if (v < 0) break;
      group = group * 16 + v;
      digits++;
      i++;
    }
    if (digits === 0 || digits > 4 || count === 8) return false;
    written[count++] = group;
    if (i === n) break;
    if (address.charCodeAt(i) !== 58) return false;
    i++;
    if (i < n && address.charCodeAt(i) === 58) {
      if (gap !== -1) return false;
      gap = count;
      i++;
    } else if (i === n) {
      return false; // a single trailing colon
    }
  }
  if (gap === -1 ? count !== 8 : count > 7) return false;
  const zeros = gap === -1 ? 0 : 8 - count;
  for (let k = 0; k < 8; k++) expanded[k] = gap === -1 || k < gap ? written[k]! : k < gap + zeros ? 0 : written[k - zeros]!;
  return true;
}

/**
 * Bulk-parsing fast path for a canonical IPv6 block ("2600:1f18:0:c00::/56": hex groups in
 * an RFC 4291 form, prefix 0-128 without leading zeros, no host bits, nothing around it):
 * the block, or undefined for anything else, which the caller sends
 * through the full parser to get either the block or the error that explains it.
 */
export function readCanonicalIpv6Cidr(text: string): Ipv6Cidr | undefined {
  const slash = text.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const length = text.length - slash - 1;
  if (length < 1 || length > 3) return undefined;
  let prefix = 0;
  for (let i = slash + 1; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || (d === 0 && i === slash + 1 && length > 1)) return undefined;
    prefix = prefix * 10 + d;
  }
  if (prefix > 128) return undefined;
  if (!readGroups(text, 0, slash)) return undefined;
  // Host bits, on the groups as numbers (a bigint remainder costs more than the whole read).
  const whole = prefix >> 4;
  const bits = prefix & 15;
  if (bits > 0 && expanded[whole]! % 2 ** (16 - bits) !== 0) return undefined;
  for (let g = bits > 0 ? whole + 1 : whole; g < 8; g++) if (expanded[g] !== 0) return undefined;
  return readBlock(6, valueOfGroups(expanded), prefix);
}

/**
 * The address as a bigint, or why it is not one. `address` holds no zone id (the caller
 * reports those) and is at most a hundred characters. `text` is the whole input, quoted in
 * messages.
 *
 * Fast path: an address of hex digits and colons in one of the RFC 4291 forms is read by
 * hand (readHexGroups). Anything else takes the slow path, which explains what is wrong, or
 * reads an embedded IPv4 tail through ipaddr.js.
 */
export function readIpv6(address: string, text: string): bigint | AddressProblem {
  const value = readHexGroups(address);
  if (value !== undefined) return value;
  return readOrExplainIpv6(address, quoteInput(text));
}

function readOrExplainIpv6(address: string, shown: string): bigint | AddressProblem {
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (isHexDigit(c) || c === 58 /* : */ || c === 46 /* . */) continue;
    const ch = String.fromCodePoint(address.codePointAt(i) ?? 0);
    const problem = /\s/u.test(ch) ? `${shown} has a space in its address` : `${shown}: ${quoteInput(ch)} is not a hex digit`;
    return { code: 'bad-address', message: `${problem}; write IPv6 groups in hex digits (0-9, a-f) separated by colons` };
  }
  if (address.includes(':::')) {
    return { code: 'bad-address', message: `${shown} has three colons in a row; write :: once for a run of zero groups` };
  }
  const doubleColon = address.indexOf('::');
  if (doubleColon !== -1 && address.indexOf('::', doubleColon + 1) !== -1) {
    return { code: 'bad-address', message: `${shown} uses :: more than once; write :: for one run of zero groups only` };
  }
  if (address.startsWith(':') && doubleColon !== 0) {
    return { code: 'bad-address', message: `${shown} starts with a single colon; write :: for leading zero groups, or remove the colon` };
  }
  if (address.endsWith(':') && doubleColon !== address.length - 2) {
    return { code: 'bad-address', message: `${shown} ends with a single colon; write :: for trailing zero groups, or remove the colon` };
  }

  let hexOnly = address;
  const lastColon = address.lastIndexOf(':');
  const firstDot = address.indexOf('.');
  if (firstDot !== -1) {
    if (firstDot < lastColon) {
      return {
        code: 'bad-address',
        message: `${shown} has a dot before its last colon; write an embedded IPv4 address only at the end, e.g. ::ffff:192.0.2.1`,
      };
    }
    const tail = address.slice(lastColon + 1);
    const v4 = readIpv4(tail, 0, tail.length);
    if (v4 === -1) return explainIpv4(tail, shown, (fixed) => address.slice(0, lastColon + 1) + fixed);
    hexOnly = `${address.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }

  const compressed = hexOnly.indexOf('::');
  const written =
    compressed === -1 ? hexOnly.split(':') : [...hexOnly.slice(0, compressed).split(':'), ...hexOnly.slice(compressed + 2).split(':')].filter((g) => g !== '');
  for (const group of written) {
    if (group.length > 4) {
      return { code: 'bad-address', message: `${quoteInput(group)} in ${shown} has more than four hex digits; write each group as 0 to ffff` };
    }
  }
  if (compressed === -1 && written.length !== 8) {
    return {
      code: 'bad-address',
      message: `${shown} has ${written.length} groups; an IPv6 address has eight, so write eight or use :: for a run of zero groups`,
    };
  }
  if (compressed !== -1 && written.length > 7) {
    return { code: 'bad-address', message: `${shown} has ${written.length} groups besides ::; write at most seven with ::, eight without` };
  }

  try {
    return valueOfGroups(ipaddr.IPv6.parse(hexOnly).parts);
  } catch {
    return { code: 'bad-address', message: `${shown} is not a valid IPv6 address; write eight hex groups separated by colons, e.g. 2001:db8::/32` };
  }
}
