/**
 * Splits a file into the JSON documents it holds. `aws ... > all.json; aws ... >> all.json`
 * leaves several documents one after another, which JSON.parse refuses. jsonc-parser's
 * scanner (strings and escapes handled, lines counted) finds where each document starts and
 * ends; its parser reads each one in strict JSON mode (no comments, no trailing commas) and
 * says where a syntax error is, so a problem names its line.
 */
import { createScanner, parse, type ParseError } from 'jsonc-parser';
import { findJsonSyntaxError, lineAndColumn } from '../plan/json-syntax';
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
      return {
        ok: false,
        problems: [
          {
            file,
            line: startLine,
            message: `expected a JSON document starting with { or [ (the output of an aws command with --output json), found "${shown}"`,
          },
        ],
      };
    }
    let depth = 0;
    let end = -1;
    for (; token !== TOKEN.eof; token = next()) {
      if (token === TOKEN.openBrace || token === TOKEN.openBracket) depth++;
      else if (token === TOKEN.closeBrace || token === TOKEN.closeBracket) {
        depth--;
        if (depth === 0) {
          end = scanner.getTokenOffset() + scanner.getTokenLength();
          break;
        }
      }
    }
    if (end === -1) {
      return {
        ok: false,
        problems: [
          {
            file,
            line: startLine,
            message: `the JSON document starting here is not closed: a } or ] is missing before the end of the file (was the command's output cut short?)`,
          },
        ],
      };
    }
    const errors: ParseError[] = [];
    const value: unknown = parse(text.slice(start, end), errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (errors.length > 0) return { ok: false, problems: [syntaxProblem(file, text, start, end)] };
    documents.push({ file, line: startLine, value });
    token = next();
  }
  if (documents.length === 0) return { ok: false, problems: [{ file, message: 'is empty; expected the JSON output of an aws command' }] };
  return { ok: true, documents };
}

/** The document's first syntax error, in the same words as a plan file's (shared/plan/json-syntax.ts). */
function syntaxProblem(file: string, text: string, start: number, end: number): ImportProblem {
  const found = findJsonSyntaxError(text.slice(start, end));
  const { line } = lineAndColumn(text, start + (found?.offset ?? 0));
  return { file, line, message: `is not valid JSON: ${found?.message ?? 'a syntax error'}; check for a missing comma, quote or bracket` };
}
