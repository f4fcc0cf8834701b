/**
 * Blocks to text, in one canonical form so that equal blocks print equal: dotted decimal
 * for IPv4, RFC 5952 for IPv6 (lower case, no leading zeros, the longest run of two or more
 * zero groups as "::", the first such run on a tie; IPv4-mapped addresses dotted, §5).
 */
import { lastAddressOfSpace, type Cidr, type IpVersion } from './block';

const OCTET_TEXT: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));

function dotted(value: number): string {
  // value < 2^32, so the unsigned shifts see it whole.
  return `${OCTET_TEXT[value >>> 24]}.${OCTET_TEXT[(value >>> 16) & 255]}.${OCTET_TEXT[(value >>> 8) & 255]}.${OCTET_TEXT[value & 255]}`;
}

function ipv6Text(value: bigint): string {
  // Four 32-bit halves as numbers: cheaper than eight bigint shifts.
  const words = [Number(value >> 96n), Number((value >> 64n) & 0xffffffffn), Number((value >> 32n) & 0xffffffffn), Number(value & 0xffffffffn)];
  const groups: number[] = [];
  for (const word of words) groups.push(Math.floor(word / 65536), word % 65536);

  // RFC 5952 §5: ::ffff:0:0/96 is best shown with its IPv4 tail dotted.
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    return `::ffff:${dotted(words[3] ?? 0)}`;
  }

  // §4.2.1-4.2.3: compress the longest run of zero groups, only if it is two or more long, the first on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

const LAST_V4 = lastAddressOfSpace(4);
const LAST_V6 = lastAddressOfSpace(6);

export function formatAddress(version: IpVersion, value: bigint): string {
  const last = version === 4 ? LAST_V4 : version === 6 ? LAST_V6 : -1n;
  if (value < 0n || value > last) {
    throw new RangeError(`${value} is not an IPv${version} address${last < 0n ? '' : ` (0 to ${last})`}`);
  }
  return version === 4 ? dotted(Number(value)) : ipv6Text(value);
}

/** "d/p" for every last octet d and prefix p, made on first use. */
const TAIL_TEXT: Array<string | undefined> = new Array(256 * 33);
let lastHigh = -1;
let lastHighText = '';

/**
 * An IPv4 block given as numbers (start below 2^32, aligned to the prefix) as text, with no
 * bigint on the way: the bulk path (tens of thousands of free blocks). Blocks listed in
 * order share their first three octets run after run, so that part is kept from the last
 * call and the rest looked up: one new string per block, where a template makes several,
 * and the collector's work was most of the cost.
 */
export function formatIpv4Block(start: number, prefix: number): string {
  const high = start >>> 8;
  if (high !== lastHigh) {
    lastHigh = high;
    lastHighText = `${OCTET_TEXT[high >>> 16]}.${OCTET_TEXT[(high >>> 8) & 255]}.${OCTET_TEXT[high & 255]}.`;
  }
  const k = (start & 255) * 33 + prefix;
  let tail = TAIL_TEXT[k];
  if (tail === undefined) TAIL_TEXT[k] = tail = `${OCTET_TEXT[start & 255]}/${prefix}`;
  return lastHighText + tail;
}

export function formatCidr(c: Cidr): string {
  return `${formatAddress(c.version, c.network)}/${c.prefix}`;
}
