/**
 * How wide a line of text is, estimated without a browser, so a box can be made wide
 * enough that its labels are never cut short (a full IPv6 /64, a 10-digit ASN, a long
 * name). The estimate must never be narrower than the real text in the fonts we draw with
 * (the system sans-serif and monospace of the app, Helvetica or Arial in an SVG viewer),
 * so the per-character widths are those of DejaVu Sans, the widest common sans-serif
 * (Linux's default), rounded up, with bold 10 % wider; being a little too wide only costs
 * a little white space.
 */

export interface TextStyle {
  /** Font size in CSS pixels. */
  size: number;
  bold?: boolean;
  mono?: boolean;
  /** Extra space between letters, in em (the canvas's uppercase labels use some). */
  letterSpacing?: number;
}

// Advance widths in em. DejaVu Sans: i/l 0.28, f/t/r 0.35-0.41, digits 0.64, most lower
// case 0.52-0.64, m 0.97, w 0.82, most upper case 0.58-0.79, M 0.86, W 0.99.
const NARROW = 0.34;
const SEMI_NARROW = 0.44;
const LOWER = 0.64;
const UPPER = 0.8;
const WIDE = 1.0;
/** DejaVu Sans Mono's advance is 0.602 em (every character). */
const MONO = 0.62;

const NARROW_CHARS = new Set([..."ijl.,:;'|!`Iı"]);
const SEMI_NARROW_CHARS = new Set([...'frt/\\()[]{}-" ·']);
const WIDE_CHARS = new Set([...'mwMW@%&']);

function charWidth(ch: string): number {
  if (NARROW_CHARS.has(ch)) return NARROW;
  if (SEMI_NARROW_CHARS.has(ch)) return SEMI_NARROW;
  if (WIDE_CHARS.has(ch)) return WIDE;
  if (/[a-z0-9]/.test(ch)) return LOWER;
  if (/[A-Z]/.test(ch)) return UPPER;
  // Anything else (symbols, accented or non-Latin letters, CJK at a full em): one em.
  return WIDE;
}

/** The width of `text` in CSS pixels, never less than the real text's. */
export function textWidth(text: string, style: TextStyle): number {
  let ems = 0;
  let count = 0;
  for (const ch of text) {
    ems += style.mono ? (ch.charCodeAt(0) < 0x80 ? MONO : WIDE) : charWidth(ch);
    count++;
  }
  if (style.bold && !style.mono) ems *= 1.1;
  ems += count * (style.letterSpacing ?? 0);
  return Math.ceil(ems * style.size);
}
