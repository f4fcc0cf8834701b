/**
 * "Why?" for two blocks: their bits side by side and the bits that decide how they relate.
 * Two blocks of one version are always one of three things, because a prefix names every address
 * that starts with its bits (RFC 4632 section 3.1, https://www.rfc-editor.org/rfc/rfc4632#section-3.1):
 *
 * - identical: same network address, same prefix. Every prefix bit matches; they are one network.
 * - nested: the shorter prefix's bits match, so the longer block lies inside the shorter one;
 *   the inner block's extra prefix bits pick which part of the outer block it is.
 * - disjoint: some bit inside both prefixes differs; the first such bit decides it.
 *
 * Bit index 0 is the most significant bit; prose counts from 1 ("bit 17").
 */
import { formatCidr, maxPrefix, type Cidr } from '../cidr';

export type BlockRelation = 'identical' | 'nested' | 'disjoint';

/**
 * What a bit of one of the two blocks does in the comparison:
 * - match: a prefix bit both blocks have, with the same value;
 * - place: a prefix bit of the inner block past the outer prefix: it picks where inside the outer block it lies;
 * - differ: the first bit, inside both prefixes, where the blocks differ: it keeps them apart.
 */
export type BitRole = 'match' | 'place' | 'differ';

export interface ComparedBlock {
  cidr: string;
  prefix: number;
  /** Role by bit index; bits not listed play no part (host bits, or bits after the deciding one). */
  roles: ReadonlyMap<number, BitRole>;
}

export type BlockComparison =
  | {
      ok: true;
      relation: BlockRelation;
      overlap: boolean;
      a: ComparedBlock;
      b: ComparedBlock;
      /** Leading bits the two networks share, counted no further than the shorter prefix. */
      matchingBits: number;
      shorterPrefix: number;
      /** Nested only: the outer and inner block, and which of the outer block's pieces of the inner size it is (0-based). */
      outer?: string;
      inner?: string;
      placeIndex?: bigint;
      placeCount?: bigint;
      /** Disjoint only: the first differing bit's index and its value in a and b. */
      firstDifference?: { index: number; a: 0 | 1; b: 0 | 1 };
      /** The one-line verdict, e.g. "They are the same network." */
      verdict: string;
      /** Why, in a few sentences, naming the deciding bits. */
      explanation: string;
    }
  | { ok: false; reason: string };

function bitAt(c: Cidr, index: number): 0 | 1 {
  return Number((c.network >> BigInt(maxPrefix(c.version) - 1 - index)) & 1n) as 0 | 1;
}

function range(from: number, to: number, role: BitRole, into: Map<number, BitRole>): void {
  for (let i = from; i < to; i++) into.set(i, role);
}

function bitsWord(n: number): string {
  return `${n} bit${n === 1 ? '' : 's'}`;
}

function ordinal(n: bigint): string {
  const tens = n % 100n;
  const suffix = tens >= 11n && tens <= 13n ? 'th' : n % 10n === 1n ? 'st' : n % 10n === 2n ? 'nd' : n % 10n === 3n ? 'rd' : 'th';
  return `${n.toLocaleString('en-US')}${suffix}`;
}

function bitList(from: number, to: number): string {
  return to - from === 1 ? `bit ${from + 1}` : `bits ${from + 1} to ${to}`;
}

export function compareBlocks(a: Cidr, b: Cidr): BlockComparison {
  const aText = formatCidr(a);
  const bText = formatCidr(b);
  if (a.version !== b.version) {
    return {
      ok: false,
      reason: `${aText} is IPv${a.version} and ${bText} is IPv${b.version}: addresses of different versions never overlap, and have no bits to compare`,
    };
  }
  const shorter = Math.min(a.prefix, b.prefix);
  let matching = 0;
  while (matching < shorter && bitAt(a, matching) === bitAt(b, matching)) matching++;
  const aRoles = new Map<number, BitRole>();
  const bRoles = new Map<number, BitRole>();
  range(0, matching, 'match', aRoles);
  range(0, matching, 'match', bRoles);
  const base = { ok: true as const, matchingBits: matching, shorterPrefix: shorter };
  const block = (c: Cidr, roles: Map<number, BitRole>): ComparedBlock => ({ cidr: formatCidr(c), prefix: c.prefix, roles });

  if (matching < shorter) {
    aRoles.set(matching, 'differ');
    bRoles.set(matching, 'differ');
    const first = { index: matching, a: bitAt(a, matching), b: bitAt(b, matching) };
    return {
      ...base,
      relation: 'disjoint',
      overlap: false,
      a: block(a, aRoles),
      b: block(b, bRoles),
      firstDifference: first,
      verdict: 'They do not overlap.',
      explanation: `They agree on the first ${bitsWord(matching)} only. Bit ${matching + 1} is ${first.a} in ${aText} and ${first.b} in ${bText}, and it is inside both prefixes (/${a.prefix} and /${b.prefix}), so no address can belong to both.`,
    };
  }

  if (a.prefix === b.prefix) {
    return {
      ...base,
      relation: 'identical',
      overlap: true,
      a: block(a, aRoles),
      b: block(b, bRoles),
      verdict: 'They are the same network.',
      explanation: `${aText} and ${bText} are the same network: the same ${shorter} prefix bits and the same prefix length, so every address of one is an address of the other. Two networks with one block overlap completely: traffic to any of its addresses cannot tell them apart.`,
    };
  }

  const [outer, inner, innerRoles] = a.prefix < b.prefix ? [a, b, bRoles] : [b, a, aRoles];
  range(outer.prefix, inner.prefix, 'place', innerRoles);
  const extra = inner.prefix - outer.prefix;
  const placeCount = 1n << BigInt(extra);
  const placeIndex = (inner.network - outer.network) >> BigInt(maxPrefix(inner.version) - inner.prefix);
  const outerText = formatCidr(outer);
  const innerText = formatCidr(inner);
  const placeBits = Array.from({ length: extra }, (_, i) => bitAt(inner, outer.prefix + i)).join('');
  const halves = extra === 1 ? ` (the ${placeIndex === 0n ? 'lower' : 'upper'} half)` : '';
  return {
    ...base,
    relation: 'nested',
    overlap: true,
    a: block(a, aRoles),
    b: block(b, bRoles),
    outer: outerText,
    inner: innerText,
    placeIndex,
    placeCount,
    verdict: `${innerText} lies inside ${outerText}.`,
    explanation: `The first ${bitsWord(outer.prefix)} of ${innerText} are the ${outer.prefix} prefix bits of ${outerText}, so every address of ${innerText} is also in ${outerText}: they overlap. Then ${bitList(outer.prefix, inner.prefix)} (${placeBits}) ${extra === 1 ? 'picks' : 'pick'} which of the ${placeCount.toLocaleString('en-US')} /${inner.prefix} blocks of ${outerText} it is: the ${ordinal(placeIndex + 1n)}${halves}.`,
  };
}
