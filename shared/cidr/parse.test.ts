import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  cidr,
  CidrParseError,
  formatAddress,
  formatCidr,
  isCidrError,
  parseAddress,
  parseCidr,
  readCidrField,
  type CidrErrorCode,
  type Cidr,
  type CidrResult,
} from './index';

function errorOf(result: CidrResult | ReturnType<typeof parseAddress>) {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  return result.error;
}

/**
 * Every message must say what to do: an instruction, or (for the two messages the issue
 * words itself) the valid range.
 */
const ADVICE = /\b(write|add|remove|enter|retype|did you mean|this field takes|choose)\b|prefix is 0 to \d+$|\(0-255\)$/;

describe('the messages the issue asks for, word for word', () => {
  it.each([
    ['10.0.0.1/16', 'host-bits-set', '10.0.0.1/16 has host bits set; did you mean 10.0.0.0/16?'],
    ['10.0.0.0/33', 'prefix-out-of-range', '/33 in 10.0.0.0/33 is out of range: an IPv4 prefix is 0 to 32'],
    ['10.0.256.0/24', 'bad-octet', '256 in 10.0.256.0/24 is not an octet (0-255)'],
    ['10.0.0.0', 'missing-prefix', '10.0.0.0 has no prefix length; add one, e.g. 10.0.0.0/16'],
    ['fe80::1%eth0/64', 'zone-id', 'fe80::1%eth0/64 has a zone id (%eth0), which a CIDR block cannot carry; remove it, e.g. fe80::/64'],
    ['10.0.0.0/16x', 'trailing-junk', '10.0.0.0/16x has text after the prefix (x); remove it, e.g. 10.0.0.0/16'],
  ] as const)('%s', (input, code, message) => {
    const error = errorOf(parseCidr(input));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.input).toBe(input);
  });

  it('version mismatch names both versions', () => {
    const error = errorOf(parseCidr('10.0.0.0/16', { version: 6 }));
    expect(error).toEqual({ code: 'version-mismatch', input: '10.0.0.0/16', message: '10.0.0.0/16 is an IPv4 block; this field takes IPv6' });
    expect(errorOf(parseCidr('2001:db8::/32', { version: 4 })).message).toBe('2001:db8::/32 is an IPv6 block; this field takes IPv4');
    expect(parseCidr('2001:db8::/32', { version: 6 }).ok).toBe(true);
  });
});

describe('a corpus of bad inputs', () => {
  const MEGABYTE = '1'.repeat(1 << 20);
  // [input, code, a fragment the message must contain, suggestion if one is obvious]
  const corpus: Array<[string, CidrErrorCode, string, string?]> = [
    ['', 'empty', '""'],
    ['   \t', 'empty', 'only whitespace'],
    ['/', 'bad-address', 'no address'],
    ['10.0.0.0/', 'missing-prefix', 'no prefix length after the slash'],
    ['10.0.0.0//8', 'bad-prefix', 'more than one slash', '10.0.0.0/8'],
    ['1.2.3.4.5/32', 'bad-address', 'exactly four octets'],
    ['::/129', 'prefix-out-of-range', 'an IPv6 prefix is 0 to 128'],
    ['gggg::/64', 'bad-address', 'g is not a hex digit'],
    [':::/64', 'bad-address', 'three colons'],
    ['1:2:3:4:5:6:7:8:9/64', 'bad-address', 'has 9 groups'],
    ['1::2::3/64', 'bad-address', ':: more than once'],
    ['12345::/16', 'bad-address', 'more than four hex digits'],
    [':1::/64', 'bad-address', 'starts with a single colon'],
    [MEGABYTE, 'bad-address', '1,048,576 characters'],
    ['10.0.0.0/1e1', 'trailing-junk', 'text after the prefix (e1)'],
    ['10.0.0.0/16 extra', 'trailing-junk', 'text after the prefix', '10.0.0.0/16'],
    ['١٠.0.0.0/8', 'bad-octet', 'digits other than 0-9'],
    ['10.0.0.0/-1', 'bad-prefix', 'has a sign'],
    ['10.0.0.0/+16', 'bad-prefix', 'has a sign', '10.0.0.0/16'],
    ['10.0.0.0/016', 'bad-prefix', 'leading zero; write it as /16', '10.0.0.0/16'],
    ['0.0.0.0/08', 'bad-prefix', 'leading zero; write it as /8', '0.0.0.0/8'],
    ['::/00', 'bad-prefix', 'leading zero; write it as /0', '::/0'],
    ['0x0a.0.0.0/8', 'bad-octet', 'hexadecimal'],
    ['010.0.0.0/8', 'bad-octet', 'octal (8), others as decimal (10)'],
    ['09.0.0.0/8', 'bad-octet', 'leading zero'],
    ['10/8', 'bad-address', 'write all four octets, e.g. 10.0.0.0/8'],
    ['10.1/16', 'bad-address', 'write all four octets, e.g. 10.1.0.0/16'],
    ['10.1.2/24', 'bad-address', 'write all four octets'],
    ['10..0.0/16', 'bad-address', 'empty octet'],
    ['10.0.0.a/24', 'bad-octet', 'a in 10.0.0.a/24 is not an octet'],
    ['10.0.0.0/x', 'bad-prefix', 'is not a number'],
    ['10.0.0.0/99999999999999999999', 'prefix-out-of-range', 'an IPv4 prefix is 0 to 32'],
    ['10.0.0.1%eth0/32', 'zone-id', 'zone id (%eth0)', '10.0.0.1/32'],
    ['fe80::1%eth0', 'zone-id', 'zone id', undefined],
    ['2001:db8::1/32', 'host-bits-set', 'did you mean 2001:db8::/32?', '2001:db8::/32'],
    ['::ffff:010.0.0.1/128', 'bad-octet', 'leading zero'],
    ['::ffff:10.1/120', 'bad-address', 'write all four octets'],
    ['1.2.3.4::/64', 'bad-address', 'dot before its last colon'],
    ['null', 'bad-address', 'not an IP address'],
    ['hello world', 'bad-address', 'not an IP address'],
    ['2001:db8::/64\u0000', 'trailing-junk', 'text after the prefix', '2001:db8::/64'],
  ];

  const label = (input: string) => JSON.stringify(input.length > 40 ? `${input.slice(0, 12)}… (${input.length} characters)` : input);
  it.each(corpus.map(([input, code, fragment, suggestion]) => [label(input), code, input, fragment, suggestion] as const))(
    '%s is %s',
    (_, code, input, fragment, suggestion) => {
      const error = errorOf(parseCidr(input));
      expect(error.code).toBe(code);
      expect(error.input).toBe(input);
      expect(error.message).toContain(fragment);
      expect(error.message).toMatch(ADVICE);
      // The message quotes the user's text (trimmed, and cut short when long).
      const trimmed = input.trim();
      const quoted = trimmed.length > 40 ? trimmed.slice(0, 40) : trimmed;
      expect(error.message.includes(quoted) || error.message.includes(JSON.stringify(quoted).slice(1, -1))).toBe(true);
      expect(error.suggestion).toBe(suggestion);
      if (suggestion !== undefined) expect(parseCidr(suggestion).ok).toBe(true);
    },
  );

  it('refuses a megabyte quickly, without looking inside it', () => {
    const huge = '10.0.0.0/8'.padEnd(1 << 20, ' x');
    const started = performance.now();
    for (let i = 0; i < 1000; i++) parseCidr(huge);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('whitespace around the block is trimmed, not an error', () => {
    expect(parseCidr('  10.0.0.0/8\n').ok).toBe(true);
    expect(parseCidr('\t2001:db8::/32 ').ok).toBe(true);
  });

  it('allowHostBits masks the host bits instead', () => {
    const result = parseCidr('10.1.2.3/16', { allowHostBits: true });
    expect(result.ok && formatCidr(result.cidr)).toBe('10.1.0.0/16');
  });

  it('cidr() throws a CidrParseError carrying the error', () => {
    expect(formatCidr(cidr('192.168.0.0/16'))).toBe('192.168.0.0/16');
    let caught: unknown;
    try {
      cidr('10.0.0.1/8');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CidrParseError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as CidrParseError).error.code).toBe('host-bits-set');
    expect((caught as CidrParseError).message).toContain('did you mean 10.0.0.0/8?');
  });
});

describe('parseAddress', () => {
  it('reads single addresses of both versions', () => {
    expect(parseAddress('10.1.2.3')).toEqual({ ok: true, version: 4, value: 0x0a010203n });
    expect(parseAddress(' ::1 ')).toEqual({ ok: true, version: 6, value: 1n });
    expect(parseAddress('::1.2.3.4')).toEqual({ ok: true, version: 6, value: 0x01020304n });
  });

  it('refuses a block, and says which address was meant', () => {
    const error = errorOf(parseAddress('10.0.0.1/16'));
    expect(error.code).toBe('trailing-junk');
    expect(error.suggestion).toBe('10.0.0.1');
    expect(error.message).toContain('10.0.0.1/16');
  });

  it('refuses zone ids, shorthand and bad octets', () => {
    expect(errorOf(parseAddress('fe80::1%eth0')).suggestion).toBe('fe80::1');
    expect(errorOf(parseAddress('10.1')).code).toBe('bad-address');
    expect(errorOf(parseAddress('10.0.0.256')).code).toBe('bad-octet');
    expect(errorOf(parseAddress('')).code).toBe('empty');
  });
});

describe('never throws', () => {
  const check = (input: string) => {
    const result = parseCidr(input);
    const address = parseAddress(input);
    if (!result.ok) {
      expect(result.error.input).toBe(input);
      expect(result.error.message.length).toBeGreaterThan(10);
    } else {
      expect(parseCidr(formatCidr(result.cidr))).toEqual(result);
    }
    if (address.ok) expect(parseAddress(formatAddress(address.version, address.value))).toEqual(address);
  };

  it('on arbitrary unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), check), { numRuns: 2000 });
  });

  it('on strings built from the characters addresses are made of', () => {
    const unit = fc.constantFrom(...'0123456789abcdefABCDEF.:/%+- x\u0660\u0000'.split(''), '::', '255', '010', '/64', '/32');
    fc.assert(fc.property(fc.string({ unit, maxLength: 30 }), check), { numRuns: 5000 });
  });

  it('on values that are not strings at all', () => {
    for (const value of [
      null,
      undefined,
      42,
      {},
      [],
      Symbol('x'),
      {
        toString: () => {
          throw new Error('no');
        },
      },
    ]) {
      expect(() => parseCidr(value as unknown as string)).not.toThrow();
      expect(parseCidr(value as unknown as string).ok).toBe(false);
      expect(() => parseAddress(value as unknown as string)).not.toThrow();
    }
    expect(errorOf(parseCidr(null as unknown as string)).input).toBe('null');
  });
});

describe('strictness against references', () => {
  // A strict dotted quad plus prefix, as a regex: the reference the charCode parser must match.
  const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
  const STRICT_V4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/(3[0-2]|[12]?[0-9])$`);

  it('IPv4: accepts exactly the strict form (host bits aside)', () => {
    const unit = fc.constantFrom(...'0123456789./'.split(''), '25', '255', '256', '00');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 22 }), (text) => {
        const result = parseCidr(text, { allowHostBits: true });
        expect(result.ok).toBe(STRICT_V4.test(text));
      }),
      { numRuns: 20000 },
    );
  });

  it('IPv4: near-valid text (right shape, doubtful numbers) is accepted exactly when strict', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 0, maxLength: 4 });
    const nearValid = fc
      .tuple(digits, digits, digits, digits, digits, fc.constantFrom('.', '..', ','))
      .map(([a, b, c, d, p, sep]) => `${a}.${b}.${c}${sep === ',' ? '.' : sep}${d}/${p}`);
    fc.assert(
      fc.property(nearValid, (text) => {
        expect(parseCidr(text, { allowHostBits: true }).ok).toBe(STRICT_V4.test(text));
      }),
      { numRuns: 20000 },
    );
  });

  it('IPv4: the value read equals the octets', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 }), (octets, prefix) => {
        const result = parseCidr(`${octets.join('.')}/${prefix}`, { allowHostBits: true });
        const value = octets.reduce((acc, o) => acc * 256 + o, 0);
        const size = 2 ** (32 - prefix);
        expect(result.ok && result.cidr).toEqual({ version: 4, network: BigInt(Math.floor(value / size) * size), prefix });
      }),
    );
  });

  /** RFC 4291 §2.2 forms 1 and 2 (hex groups, at most one "::"), written from the RFC, not from ipaddr.js. */
  function rfc4291Value(text: string): bigint | undefined {
    const halves = text.split('::');
    if (halves.length > 2) return undefined;
    const groupsOf = (side: string) => (side === '' ? [] : side.split(':'));
    const left = groupsOf(halves[0]!);
    const right = halves.length === 2 ? groupsOf(halves[1]!) : [];
    const written = [...left, ...right];
    if (!written.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    if (halves.length === 1 ? written.length !== 8 : written.length > 7) return undefined;
    const all = halves.length === 2 ? [...left, ...Array<string>(8 - written.length).fill('0'), ...right] : written;
    return all.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
  }
  const hexText = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:'.split(''), '::', 'ffff', '0000'), maxLength: 45 });

  it('IPv6 without embedded IPv4: accepts exactly the RFC 4291 forms, with their value', () => {
    fc.assert(
      fc.property(hexText, (text) => {
        const ours = parseAddress(text);
        const reference = rfc4291Value(text);
        expect(ours.ok ? ours.value : undefined).toBe(reference);
      }),
      { numRuns: 20000 },
    );
  });

  it('ipaddr.js agrees with RFC 4291 on hex-only text (the slow path reads an embedded IPv4 tail through it)', () => {
    fc.assert(
      fc.property(hexText, (text) => {
        expect(ipaddr.IPv6.isValid(text)).toBe(rfc4291Value(text) !== undefined);
      }),
      { numRuns: 20000 },
    );
  });

  it('IPv6 written any valid way reads back as the same value', () => {
    const groups = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(groups, fc.nat(), fc.nat(), fc.boolean(), (g, padSeed, caseSeed, compress) => {
        let texts = g.map((x, i) => {
          const hex = x
            .toString(16)
            .padStart(1 + ((padSeed >> i) & 3), '0')
            .slice(-4);
          return (caseSeed >> i) & 1 ? hex.toUpperCase() : hex;
        });
        if (compress) {
          const zero = g.findIndex((x, i) => x === 0 && g[i + 1] === 0);
          if (zero !== -1) {
            let end = zero;
            while (end < 8 && g[end] === 0) end++;
            texts = [texts.slice(0, zero).join(':') + '::' + texts.slice(end).join(':')];
          }
        }
        const text = texts.join(':');
        const value = g.reduce((acc, p) => (acc << 16n) | BigInt(p), 0n);
        expect(parseAddress(text)).toEqual({ ok: true, version: 6, value });
      }),
      { numRuns: 2000 },
    );
  });

  it('an embedded IPv4 tail means its own 32 bits (RFC 4291 §2.5.5), unlike ipaddr.js 2.5 for "::a.b.c.d"', () => {
    expect(formatCidr(cidr('::1.2.3.4/128'))).toBe('::102:304/128');
    expect(formatCidr(cidr('::ffff:1.2.3.4/128'))).toBe('::ffff:1.2.3.4/128');
    expect(formatCidr(cidr('64:ff9b::192.0.2.33/128'))).toBe('64:ff9b::c000:221/128');
  });
});

describe('round trip', () => {
  const anyCidr: fc.Arbitrary<Cidr> = fc.oneof(
    fc
      .tuple(fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), fc.integer({ min: 0, max: 32 }))
      .map(([v, p]) => ({ version: 4 as const, network: v - (v % 2n ** BigInt(32 - p)), prefix: p })),
    fc
      .tuple(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), fc.integer({ min: 0, max: 128 }))
      .map(([v, p]) => ({ version: 6 as const, network: v - (v % 2n ** BigInt(128 - p)), prefix: p })),
    // Values with long zero runs, where compression choices matter.
    fc.tuple(fc.array(fc.constantFrom(0, 0, 0, 1, 0xffff), { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 })).map(([g, p]) => {
      const v = g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);
      return { version: 6 as const, network: v - (v % 2n ** BigInt(128 - p)), prefix: p };
    }),
  );

  it('formatCidr then parseCidr gives the same block, and formatting is a fixed point', () => {
    fc.assert(
      fc.property(anyCidr, (c) => {
        const text = formatCidr(c);
        const back = parseCidr(text);
        expect(back).toEqual({ ok: true, cidr: c });
        expect(back.ok && formatCidr(back.cidr)).toBe(text);
        expect(text).toBe(text.toLowerCase());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('readCidrField, the plan index reader', () => {
  /** What parseCidr says, in readCidrField's shape: the block, or the error. */
  function viaParseCidr(text: string, version: 4 | 6 | undefined) {
    const result = version === undefined ? parseCidr(text) : parseCidr(text, { version });
    return result.ok ? result.cidr : result.error;
  }
  const versions = fc.constantFrom<4 | 6 | undefined>(4, 6, undefined);

  it('reads exactly what parseCidr reads, block for block and error for error', () => {
    const unit = fc.constantFrom(...'0123456789abcdefABCDEF:./%'.split(''), '::', '255', '/64', '/0', ' ', '00');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 48 }), versions, (text, version) => {
        expect(readCidrField(text, version)).toEqual(viaParseCidr(text, version));
      }),
      { numRuns: 20000 },
    );
  });

  it('reads every valid block the way parseCidr does, whatever the field version', () => {
    const block = fc.oneof(
      fc
        .tuple(fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), fc.integer({ min: 0, max: 32 }))
        .map(([v, p]) => ({ version: 4 as const, network: v - (v % 2n ** BigInt(32 - p)), prefix: p })),
      fc
        .tuple(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), fc.integer({ min: 0, max: 128 }))
        .map(([v, p]) => ({ version: 6 as const, network: v - (v % 2n ** BigInt(128 - p)), prefix: p })),
    );
    fc.assert(
      fc.property(block, versions, fc.boolean(), (c, version, upper) => {
        const text = upper ? formatCidr(c).toUpperCase() : formatCidr(c);
        expect(readCidrField(text, version)).toEqual(viaParseCidr(text, version));
      }),
      { numRuns: 5000 },
    );
  });

  it('tells a block from an error', () => {
    expect(isCidrError(readCidrField('10.0.0.0/16'))).toBe(false);
    expect(isCidrError(readCidrField('10.0.0.1/16'))).toBe(true);
    expect(readCidrField('2001:db8::/56', 4)).toMatchObject({ code: 'version-mismatch' });
  });
});
