/**
 * Splits a file into the JSON documents it holds. `aws ... > all.json; aws ... >> all.json`
 * leaves several documents one after another, which JSON.parse refuses. jsonc-parser's
 * scanner (strings and escapes handled, lines counted) finds where each document starts and
 * ends; its parser reads each one in strict JSON mode (no comments, no trailing commas) and
 * says where a syntax error is, so a problem names its line.
 */
import { createScanner, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ImportProblem } from './types';

export interface JsonDocument {
  file: string;
  /** 1-based line where the document starts. */
  line: number;
  value: unknown;
}

export type SplitResult = { ok: true; documents: JsonDocument[] } | { ok: false; problems: ImportProblem[] };

/** jsonc-parser's SyntaxKind values (a const enum in its typings, which isolated modules cannot read). */
const TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, lineBreak: 14, whitespace: 15, eof: 17 } as const;

/** What each of jsonc-parser's error codes means, in the words of the message. */
const REASONS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a number is written wrongly',
  PropertyNameExpected: 'a property name in double quotes is expected (a trailing comma before } is not allowed)',
  ValueExpected: 'a value is expected (a trailing comma before ] is not allowed)',
  ColonExpected: 'a : is expected after the property name',
  CommaExpected: 'a comma is expected between items',
  CloseBraceExpected: 'a } is expected',
  CloseBracketExpected: 'a ] is expected',
  EndOfFileExpected: 'text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed: a " is missing before the end of the line',
  UnexpectedEndOfNumber: 'a number ends too early',
  InvalidUnicode: 'a \\u escape is not four hex digits',
  InvalidEscapeCharacter: 'an unknown \\ escape in a string',
  InvalidCharacter: 'a control character inside a string',
};

export function splitJsonDocuments(file: string, text: string): SplitResult {
  const documents: JsonDocument[] = [];
  const scanner = createScanner(text, false);
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);
  /** The next token that is not whitespace or a line break (comments are tokens: JSON has none). */
  const next = () => {
    let token = scanner.scan();
    while (token === TOKEN.whitespace || token === TOKEN.lineBreak) token = scanner.scan();
    return token;
  };
  let token = next();
  while (token !== TOKEN.eof) {
    const start = scanner.getTokenOffset();
    const startLine = scanner.getTokenStartLine() + 1;
    if (token !== TOKEN.openBrace && token !== TOKEN.openBracket) {
      const shown = text.slice(start, start + 20).split('\n')[0]!;
      return { ok: false, problems: [{ file, line: startLine, message: `expected a JSON document starting with { or [ (the output of an aws command with --output json), found "${shown}"` }] };
    }
    let depth = 0;
    let end = -1;
    for (; token !== TOKEN.eof; token = next()) {
      if (token === TOKEN.openBrace || token === TOKEN.openBracket) depth++;
      else if (token === TOKEN.closeBrace || token === TOKEN.closeBracket) {
        depth--;
        if (depth === 0) { end = scanner.getTokenOffset() + scanner.getTokenLength(); break; }
      }
    }
    if (end === -1) {
      return { ok: false, problems: [{ file, line: startLine, message: `the JSON document starting here is not closed: a } or ] is missing before the end of the file (was the command's output cut short?)` }] };
    }
    const errors: ParseError[] = [];
    const value: unknown = parse(text.slice(start, end), errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (errors.length > 0) return { ok: false, problems: [syntaxProblem(file, text, start + errors[0]!.offset, errors[0]!)] };
    documents.push({ file, line: startLine, value });
    token = next();
  }
  if (documents.length === 0) return { ok: false, problems: [{ file, message: 'is empty; expected the JSON output of an aws command' }] };
  return { ok: true, documents };
}

function syntaxProblem(file: string, text: string, offset: number, error: ParseError): ImportProblem {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  const reason = REASONS[printParseErrorCode(error.error)] ?? printParseErrorCode(error.error);
  return { file, line, message: `is not valid JSON: ${reason}; check for a missing comma, quote or bracket` };
}
