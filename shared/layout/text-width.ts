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

const NARROW_CHARS = "ijl.,:;'|!`I";
const SEMI_NARROW_CHARS = 'frt/\\()[]{}-" \u00b7';
const WIDE_CHARS = 'mwMW@%&';

/** Em width by character code, for the ASCII range and the middle dot; anything else is one em. */
const ASCII = new Float64Array(0x80).fill(WIDE);
for (let code = 0x30; code <= 0x39; code++) ASCII[code] = LOWER;
for (let code = 0x61; code <= 0x7a; code++) ASCII[code] = LOWER;
for (let code = 0x41; code <= 0x5a; code++) ASCII[code] = UPPER;
for (const ch of SEMI_NARROW_CHARS) if (ch.charCodeAt(0) < 0x80) ASCII[ch.charCodeAt(0)] = SEMI_NARROW;
for (const ch of NARROW_CHARS) ASCII[ch.charCodeAt(0)] = NARROW;
for (const ch of WIDE_CHARS) ASCII[ch.charCodeAt(0)] = WIDE;

function charWidth(code: number): number {
  if (code < 0x80) return ASCII[code]!;
  // The middle dot the labels use as a separator (" · ").
  if (code === 0xb7) return SEMI_NARROW;
  // Anything else (symbols, accented or non-Latin letters, CJK at a full em): one em.
  return WIDE;
}

/** The width of `text` in CSS pixels, never less than the real text's. */
export function textWidth(text: string, style: TextStyle): number {
  let ems = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // The second half of a surrogate pair was counted with the first.
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) continue;
    ems += style.mono ? (code < 0x80 ? MONO : WIDE) : charWidth(code);
    count++;
  }
  if (style.bold && !style.mono) ems *= 1.1;
  ems += count * (style.letterSpacing ?? 0);
  return Math.ceil(ems * style.size);
}
