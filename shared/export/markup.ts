/**
 * Escaping for XML (SVG) and HTML text and attribute values. Characters XML 1.0 forbids
 * (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped: an entity cannot carry
 * them, and one of them would make the whole SVG unreadable (XML 1.0, section 2.2 "Char").
 */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** FORBIDDEN without the g flag, to test with (a global regex's test() moves its lastIndex). */
const HAS_FORBIDDEN = new RegExp(FORBIDDEN.source);
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeMarkup(text: string): string {
  // Most texts (names, CIDRs, numbers) hold nothing to escape: tested first and returned as they are,
  // because a report of 10,000 VPCs escapes millions of them.
  const allowed = HAS_FORBIDDEN.test(text) ? text.replace(FORBIDDEN, '') : text;
  return SPECIAL.test(allowed) ? allowed.replace(SPECIALS, (c) => ENTITIES[c]!) : allowed;
}
