/**
 * Reading IPv4 dotted quads, strictly: exactly four decimal octets 0-255, no leading zeros.
 *
 * Stricter than inet_aton (and ipaddr.js's IPv4.isValid), which accept "10.1" (= 10.0.0.1),
 * "0x0a.0.0.0" and "010.0.0.0" (= 8.0.0.0, octal). A planner must not guess: a user who
 * typed 010 meant 10 or 8, and the two differ (CVE-2021-28918 was this bug in the netmask package).
 */
import { quoteInput } from './errors';
import type { CidrErrorCode } from './errors';

/** A reason a text is not an address, before it is tied to the caller's input. */
export interface AddressProblem {
  code: CidrErrorCode;
  message: string;
}

const DOT = 46;
const SLASH = 47;
const ZERO = 48;
const NINE = 57;

/**
 * The address in text[from, to) as a number (exact: IPv4 fits a double), or -1 if it is
 * not a strict dotted quad. No allocation: this is the hot path of bulk parsing.
 */
export function readIpv4(text: string, from: number, to: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= ZERO && c <= NINE) {
      if (digits > 0 && octet === 0) return -1; // leading zero
      octet = octet * 10 + (c - ZERO);
      if (octet > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

function isAsciiDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return false;
  }
  return true;
}

/**
 * Why `address` (a text readIpv4 refused) is not an IPv4 address. `shown` is the user's
 * whole input as quoted in messages; `example` turns a corrected address into the text
 * to show after "e.g." (so a CIDR field can add its prefix back).
 */
export function explainIpv4(address: string, shown: string, example: (address: string) => string): AddressProblem {
  const parts = address.split('.');
  if (parts.length < 4) {
    if (parts.every(isAsciiDigits)) {
      const padded = [...parts, '0', '0', '0'].slice(0, 4).join('.');
      return {
        code: 'bad-address',
        message: `${shown} is IPv4 shorthand, which tools expand differently; write all four octets, e.g. ${example(padded)}`,
      };
    }
    if (parts.length === 1) {
      return {
        code: 'bad-address',
        message: `${shown} is not an IP address; write an IPv4 block such as 10.0.0.0/16 or an IPv6 block such as 2001:db8::/32`,
      };
    }
    return {
      code: 'bad-address',
      message: `${shown} has ${parts.length} dot-separated parts; write all four octets of an IPv4 address, e.g. ${example('10.0.0.0')}`,
    };
  }
  if (parts.length > 4) {
    return {
      code: 'bad-address',
      message: `${shown} has ${parts.length} dot-separated parts; write exactly four octets, e.g. ${example('10.0.0.0')}`,
    };
  }
  for (const part of parts) {
    if (part === '') {
      return { code: 'bad-address', message: `${shown} has an empty octet; write four numbers 0-255 separated by single dots` };
    }
    const quoted = quoteInput(part);
    if (/^0x[0-9a-f]*$/i.test(part)) {
      const value = Number.parseInt(part.slice(2), 16);
      const hint = value <= 255 ? ` (${value})` : '';
      return { code: 'bad-octet', message: `${quoted} in ${shown} is hexadecimal; write each octet in decimal${hint}` };
    }
    if (!isAsciiDigits(part)) {
      if (/^\p{Nd}+$/u.test(part)) {
        return { code: 'bad-octet', message: `${quoted} in ${shown} uses digits other than 0-9; retype the address with ASCII digits` };
      }
      return { code: 'bad-octet', message: `${quoted} in ${shown} is not an octet (0-255); write four decimal numbers separated by dots` };
    }
    if (part.length > 1 && part.charCodeAt(0) === ZERO) {
      const decimal = Number.parseInt(part, 10);
      const reading = /^[0-7]+$/.test(part)
        ? `some tools read it as octal (${Number.parseInt(part, 8)}), others as decimal (${decimal})`
        : 'some tools read a leading zero as octal, others as decimal';
      return {
        code: 'bad-octet',
        message: `${quoted} in ${shown} has a leading zero, which is ambiguous: ${reading}; write the octet without leading zeros`,
      };
    }
    if (Number.parseInt(part, 10) > 255) {
      return { code: 'bad-octet', message: `${quoted} in ${shown} is not an octet (0-255)` };
    }
  }
  // readIpv4 refused it, so one of the checks above must have fired; this is a backstop.
  return { code: 'bad-address', message: `${shown} is not an IPv4 address; write four numbers 0-255 separated by dots` };
}

/** 2^bits for 0..32: the alignment test below runs once per block read, and `2 ** n` is a floating-point power. */
const POWERS_OF_TWO: readonly number[] = Array.from({ length: 33 }, (_, bits) => 2 ** bits);

/**
 * Bulk-parsing fast path for a canonical IPv4 block ("10.1.2.0/24": strict quad, prefix
 * 0-32 without leading zeros, no host bits, nothing around it). Returns start * 64 + prefix
 * (exact in a double: below 2^38), or -1 for anything else, which the caller sends through
 * the full parser to get either the block or the error that explains it. One pass over the
 * text, no allocation: the plan index reads every IPv4 field of a plan through here.
 */
export function readCanonicalIpv4Cidr(text: string): number {
  const n = text.length;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === SLASH) break;
    if (c === DOT) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
      continue;
    }
    if (c < ZERO || c > NINE) return -1;
    if (digits > 0 && octet === 0) return -1; // leading zero
    octet = octet * 10 + (c - ZERO);
    if (octet > 255) return -1;
    digits++;
  }
  if (i === n || dots !== 3 || digits === 0) return -1;
  const start = value * 256 + octet;
  const length = n - i - 1;
  let prefix: number;
  if (length === 1) {
    prefix = text.charCodeAt(i + 1) - ZERO;
    if (prefix < 0 || prefix > 9) return -1;
  } else if (length === 2) {
    const tens = text.charCodeAt(i + 1) - ZERO;
    const units = text.charCodeAt(i + 2) - ZERO;
    if (tens < 1 || tens > 3 || units < 0 || units > 9) return -1;
    prefix = tens * 10 + units;
    if (prefix > 32) return -1;
  } else {
    return -1;
  }
  if (start % POWERS_OF_TWO[32 - prefix]! !== 0) return -1;
  return start * 64 + prefix;
}
