/**
 * What a parse returns. Errors are values, not exceptions: the plan editor shows them next
 * to the field, so each message names the problem, quotes the text, and says what to type.
 */
import type { Cidr, IpVersion } from './block';

export type CidrErrorCode =
  | 'empty'
  | 'missing-prefix'
  | 'bad-prefix'
  | 'prefix-out-of-range'
  | 'bad-address'
  | 'bad-octet'
  | 'host-bits-set'
  | 'zone-id'
  | 'trailing-junk'
  | 'version-mismatch';

export interface CidrError {
  code: CidrErrorCode;
  /** Exactly what the caller passed, untrimmed. */
  input: string;
  /** A sentence that teaches: what is wrong, where, and what to write instead. */
  message: string;
  /** A corrected value, only when one is obvious (e.g. "10.0.0.0/16" for "10.0.0.1/16"). */
  suggestion?: string;
}

/** A parse's answer: the block (branded with its version when read by parseCidr), or why the text is not one. */
export type CidrResult<C extends Cidr = Cidr> = { ok: true; cidr: C } | { ok: false; error: CidrError };
export type AddressResult = { ok: true; version: IpVersion; value: bigint } | { ok: false; error: CidrError };

/** Thrown by `cidr()`, the throwing parse for tests and trusted constants. */
export class CidrParseError extends Error {
  readonly error: CidrError;

  constructor(error: CidrError) {
    super(error.message);
    this.name = 'CidrParseError';
    this.error = error;
  }
}

const QUOTE_LIMIT = 40;

/**
 * The user's text as it should appear in a message: bare when it is plain (the common
 * case, "10.0.0.1/16 has host bits set"), in quotes when it is empty, has spaces or
 * invisible characters, and cut short when it is long.
 */
export function quoteInput(text: string): string {
  const shown = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
  let plain = shown.length > 0 && shown === text;
  for (let i = 0; plain && i < shown.length; i++) {
    const code = shown.charCodeAt(i);
    if (code <= 0x20 || (code >= 0x7f && code <= 0xa0)) plain = false;
  }
  return plain ? shown : JSON.stringify(shown);
}
