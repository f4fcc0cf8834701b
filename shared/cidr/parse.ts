/**
 * Text to blocks. parseCidr and parseAddress never throw: whatever arrives (a megabyte
 * paste, unicode digits, `null` cast to a string) comes back as a CidrError whose message
 * quotes the text and says what to write instead.
 */
import { blockSize, maxPrefix, readBlock, type Cidr, type IpVersion, type Ipv4Cidr, type Ipv6Cidr } from './block';
import { CidrParseError, quoteInput, type AddressResult, type CidrError, type CidrErrorCode, type CidrResult } from './errors';
import { formatAddress, formatCidr } from './format';
import { explainIpv4, readCanonicalIpv4Cidr, readIpv4, type AddressProblem } from './ipv4-text';
import { readCanonicalIpv6Cidr, readIpv6 } from './ipv6-text';

/**
 * Longer than any CIDR block: the longest, "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128",
 * is 49 characters. The plan schema caps CIDR text at the same 100. Checked before any other
 * work so that a pasted megabyte costs nothing.
 */
const MAX_INPUT_LENGTH = 100;

export interface ParseCidrOptions {
  /** The version this field takes; a block of the other version is a 'version-mismatch'. */
  version?: IpVersion;
  /** Accept "10.0.0.1/16" as 10.0.0.0/16 instead of reporting 'host-bits-set'. */
  allowHostBits?: boolean;
}

type ReadAddress = { ok: true; version: IpVersion; value: bigint } | { ok: false; error: CidrError };
/** What the parser returns inside: a branded block of either version. */
type ReadResult = CidrResult<Ipv4Cidr | Ipv6Cidr>;

function failure(code: CidrErrorCode, input: string, message: string, suggestion?: string): { ok: false; error: CidrError } {
  const error: CidrError = { code, input, message };
  if (suggestion !== undefined) error.suggestion = suggestion;
  return { ok: false, error };
}

function asText(input: unknown): string {
  if (typeof input === 'string') return input;
  try {
    return String(input);
  } catch {
    return Object.prototype.toString.call(input);
  }
}

/** The checks that come before the address: length, blank. Undefined when the text may be read. */
function refuseEarly(input: string, what: 'a CIDR block' | 'an address'): { ok: false; error: CidrError } | undefined {
  const example = what === 'an address' ? '10.0.0.1' : '10.0.0.0/16';
  if (input.length > MAX_INPUT_LENGTH) {
    return failure(
      'bad-address',
      input,
      `${quoteInput(input)} is ${input.length.toLocaleString('en-US')} characters long, too long to be ${what} (at most ${MAX_INPUT_LENGTH}); enter one such as ${example}`,
    );
  }
  if (input.trim() === '') {
    const blank = input === '' ? 'is empty' : 'is only whitespace';
    return failure('empty', input, `${quoteInput(input)} ${blank}; enter ${what} such as ${example}`);
  }
  return undefined;
}

/**
 * Reads the address part of the trimmed input `text` (zone ids already refused).
 * `example` rebuilds the input around a corrected address, for "e.g." hints.
 */
function readAddress(input: string, address: string, text: string, example: (address: string) => string): ReadAddress {
  if (address === '') {
    return failure('bad-address', input, `${quoteInput(text)} has no address before the prefix; write one, e.g. 10.0.0.0/16`);
  }
  const v4 = readIpv4(address, 0, address.length);
  if (v4 !== -1) return { ok: true, version: 4, value: BigInt(v4) };
  const problem: bigint | AddressProblem = address.includes(':') ? readIpv6(address, text) : explainIpv4(address, quoteInput(text), example);
  if (typeof problem === 'bigint') return { ok: true, version: 6, value: problem };
  return failure(problem.code, input, problem.message);
}

/** The value to offer once the zone id is gone, if the rest is a valid block (or nearly). */
function withoutZone(text: string, zoneStart: number, zoneEnd: number, parse: (text: string) => CidrResult | AddressResult): string | undefined {
  const result = parse(text.slice(0, zoneStart) + text.slice(zoneEnd));
  if (result.ok) return 'cidr' in result ? formatCidr(result.cidr) : formatAddress(result.version, result.value);
  return result.error.code === 'host-bits-set' ? result.error.suggestion : undefined;
}

function zoneIdError(
  input: string,
  text: string,
  shown: string,
  zoneStart: number,
  zoneEnd: number,
  whatCarries: string,
  parse: (text: string) => CidrResult | AddressResult,
) {
  const suggestion = withoutZone(text, zoneStart, zoneEnd, parse);
  const instead = suggestion === undefined ? 'remove it' : `remove it, e.g. ${suggestion}`;
  return failure(
    'zone-id',
    input,
    `${shown} has a zone id (${quoteInput(text.slice(zoneStart, zoneEnd))}), which ${whatCarries} cannot carry; ${instead}`,
    suggestion,
  );
}

function versionMismatch(input: string, shown: string, found: IpVersion, wanted: IpVersion, what: string) {
  return failure('version-mismatch', input, `${shown} is an IPv${found} ${what}; this field takes IPv${wanted}`);
}

function suggestIfValid(text: string, options: ParseCidrOptions): string | undefined {
  const result = parseCidr(text, options);
  if (result.ok) return formatCidr(result.cidr);
  return result.error.code === 'host-bits-set' ? result.error.suggestion : undefined;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Reads a CIDR block. With `version` the result is branded with it (an `Ipv4Cidr` for
 * `{ version: 4 }`); without, it is a block of whichever version the text is.
 */
export function parseCidr(input: string, options: ParseCidrOptions & { version: 4 }): CidrResult<Ipv4Cidr>;
export function parseCidr(input: string, options: ParseCidrOptions & { version: 6 }): CidrResult<Ipv6Cidr>;
export function parseCidr(input: string, options?: ParseCidrOptions): ReadResult;
export function parseCidr(input: string, options: ParseCidrOptions = {}): ReadResult {
  const raw = asText(input);
  try {
    return readCidr(raw, options ?? {});
  } catch {
    // Nothing above is meant to throw; this keeps the promise if something unforeseen does.
    return failure('bad-address', raw, `${quoteInput(raw)} could not be read as a CIDR block; write one such as 10.0.0.0/16`);
  }
}

function readCidr(input: string, options: ParseCidrOptions): ReadResult {
  // Most input is an already canonical IPv4 block: read it without trimming or slicing.
  if (options.version !== 6) {
    const packed = readCanonicalIpv4Cidr(input);
    if (packed >= 0) {
      const start = Math.floor(packed / 64);
      return { ok: true, cidr: readBlock(4, BigInt(start), packed - start * 64) };
    }
  }
  const early = refuseEarly(input, 'a CIDR block');
  if (early) return early;
  const text = input.trim();
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);

  const zoneStart = address.indexOf('%');
  if (zoneStart !== -1) {
    return zoneIdError(input, text, quoteInput(text), zoneStart, address.length, 'a CIDR block', (t) => parseCidr(t, options));
  }
  const read = readAddress(input, address, text, (fixed) => fixed + (slash === -1 ? '/16' : text.slice(slash)));
  if (!read.ok) return read;
  return readPrefix(input, text, slash, address, read.version, read.value, options);
}

/** The rest of parseCidr, once the address is known good: version, prefix, host bits. */
function readPrefix(input: string, text: string, slash: number, address: string, version: IpVersion, value: bigint, options: ParseCidrOptions): ReadResult {
  if (options.version !== undefined && options.version !== version) {
    return versionMismatch(input, quoteInput(text), version, options.version, 'block');
  }
  const max = maxPrefix(version);
  // Fast path: one or two plain digits and nothing after, which is almost every real input.
  const length = text.length - slash - 1;
  if (slash !== -1 && (length === 1 || length === 2)) {
    const d0 = text.charCodeAt(slash + 1) - 48;
    const d1 = length === 2 ? text.charCodeAt(slash + 2) - 48 : 0;
    if (d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9 && (length === 1 || d0 > 0)) {
      const prefix = length === 1 ? d0 : d0 * 10 + d1;
      if (prefix <= max) return blockOrHostBitsError(input, text, version, value, prefix, options);
    }
  }
  return explainPrefix(input, text, slash, address, version, value, options);
}

function blockOrHostBitsError(input: string, text: string, version: IpVersion, value: bigint, prefix: number, options: ParseCidrOptions): ReadResult {
  const hostBits = value % blockSize(version, prefix);
  if (hostBits === 0n) return { ok: true, cidr: readBlock(version, value, prefix) };
  const network = value - hostBits;
  if (options.allowHostBits) return { ok: true, cidr: readBlock(version, network, prefix) };
  const suggestion = formatCidr({ version, network, prefix });
  return failure('host-bits-set', input, `${quoteInput(text)} has host bits set; did you mean ${suggestion}?`, suggestion);
}

function explainPrefix(input: string, text: string, slash: number, address: string, version: IpVersion, value: bigint, options: ParseCidrOptions): ReadResult {
  const shown = quoteInput(text);
  const max = maxPrefix(version);

  if (slash === -1) {
    return failure('missing-prefix', input, `${shown} has no prefix length; add one, e.g. ${text}/${examplePrefix(version, value)}`);
  }
  const prefixStart = slash + 1;
  if (prefixStart === text.length) {
    return failure('missing-prefix', input, `${shown} has no prefix length after the slash; add one, e.g. ${text}${examplePrefix(version, value)}`);
  }
  let prefixEnd = prefixStart;
  while (prefixEnd < text.length && isAsciiDigit(text.charCodeAt(prefixEnd))) prefixEnd++;
  const digits = text.slice(prefixStart, prefixEnd);
  const rest = text.slice(prefixEnd);

  if (digits === '') {
    const first = text[prefixStart];
    if (first === '+' || first === '-') {
      const unsigned = text.slice(prefixStart + 1);
      const suggestion = first === '+' ? suggestIfValid(address + '/' + unsigned, options) : undefined;
      return failure(
        'bad-prefix',
        input,
        `${shown}: the prefix length ${quoteInput(text.slice(prefixStart))} has a sign; write a plain number from 0 to ${max}, e.g. /${examplePrefix(version, value)}`,
        suggestion,
      );
    }
    if (first === '/') {
      const suggestion = suggestIfValid(address + '/' + text.slice(prefixStart).replace(/^\/+/, ''), options);
      return failure(
        'bad-prefix',
        input,
        `${shown} has more than one slash; write one slash before the prefix length, e.g. ${suggestion ?? `${address}/${examplePrefix(version, value)}`}`,
        suggestion,
      );
    }
    return failure(
      'bad-prefix',
      input,
      `${shown}: the prefix length ${quoteInput(rest)} is not a number; write the number of network bits from 0 to ${max}, e.g. /${examplePrefix(version, value)}`,
    );
  }
  if (rest !== '') {
    // "10.0.0.0/16 extra" or "/16x": the fix is obvious. "/1e1" (= 10?) is not: no suggestion.
    const suggestion = /[0-9]/.test(rest) ? undefined : suggestIfValid(address + '/' + digits, options);
    const instead = suggestion === undefined ? 'remove it' : `remove it, e.g. ${suggestion}`;
    return failure('trailing-junk', input, `${shown} has text after the prefix (${quoteInput(rest)}); ${instead}`, suggestion);
  }
  if (digits.length > 1 && digits.charCodeAt(0) === 48) {
    const stripped = digits.replace(/^0+(?=\d)/, '');
    return failure(
      'bad-prefix',
      input,
      `${shown}: the prefix length ${digits} has a leading zero; write it as /${stripped}`,
      suggestIfValid(address + '/' + stripped, options),
    );
  }
  const prefix = digits.length > 3 ? Number.POSITIVE_INFINITY : Number(digits);
  if (prefix > max) {
    return failure('prefix-out-of-range', input, `/${digits} in ${shown} is out of range: an IPv${version} prefix is 0 to ${max}`);
  }

  return blockOrHostBitsError(input, text, version, value, prefix, options);
}

/**
 * A prefix to show in "e.g." hints: the first common size the address is aligned to, so
 * the example is itself valid (10.0.0.0 -> /16, 10.1.2.0 -> /24, 10.1.2.3 -> /32).
 */
function examplePrefix(version: IpVersion, value: bigint): number {
  const candidates = version === 4 ? [16, 24, 28, 32] : [48, 56, 64, 128];
  for (const prefix of candidates) {
    if (value % blockSize(version, prefix) === 0n) return prefix;
  }
  return maxPrefix(version);
}

export function parseAddress(input: string): AddressResult {
  const raw = asText(input);
  try {
    return readSingleAddress(raw);
  } catch {
    return failure('bad-address', raw, `${quoteInput(raw)} could not be read as an IP address; write one such as 10.0.0.1`);
  }
}

function readSingleAddress(input: string): AddressResult {
  const early = refuseEarly(input, 'an address');
  if (early) return early;
  const text = input.trim();
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const zoneStart = address.indexOf('%');
  if (zoneStart !== -1) {
    return zoneIdError(input, text, quoteInput(text), zoneStart, address.length, 'an address here', parseAddress);
  }
  const read = readAddress(input, address, text, (fixed) => fixed);
  if (!read.ok) return read;
  if (slash !== -1) {
    const shown = quoteInput(text);
    const suggestion = formatAddress(read.version, read.value);
    return failure(
      'trailing-junk',
      input,
      `${shown} has a prefix length (${quoteInput(text.slice(slash))}); this field takes a single address, e.g. ${suggestion}`,
      suggestion,
    );
  }
  return read;
}

/** The throwing parse, for tests and constants known to be valid: cidr('10.0.0.0/16'). */
export function cidr(input: string): Ipv4Cidr | Ipv6Cidr {
  const result = parseCidr(input);
  if (!result.ok) throw new CidrParseError(result.error);
  return result.cidr;
}

/**
 * parseCidr for a reader that keeps what it reads (the plan index keeps every CIDR field of
 * a plan): the block itself, or the error, with no result object around either. Tell them
 * apart with isCidrError.
 */
export function readCidrField(input: string, version: 4): Ipv4Cidr | CidrError;
export function readCidrField(input: string, version: 6): Ipv6Cidr | CidrError;
export function readCidrField(input: string, version?: IpVersion): Ipv4Cidr | Ipv6Cidr | CidrError;
export function readCidrField(input: string, version?: IpVersion): Ipv4Cidr | Ipv6Cidr | CidrError {
  if (typeof input === 'string') {
    if (version !== 6) {
      const packed = readCanonicalIpv4Cidr(input);
      if (packed >= 0) {
        const start = Math.floor(packed / 64);
        return readBlock(4, BigInt(start), packed - start * 64);
      }
    }
    if (version !== 4) {
      const v6 = readCanonicalIpv6Cidr(input);
      if (v6) return v6;
    }
  }
  const result = version === undefined ? parseCidr(input) : parseCidr(input, { version });
  return result.ok ? result.cidr : result.error;
}

/** True for what readCidrField returns when the text is not a block. */
export function isCidrError(read: Cidr | CidrError): read is CidrError {
  return (read as CidrError).message !== undefined;
}
