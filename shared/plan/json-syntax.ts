/**
 * Where a JSON text first goes wrong, and what was expected there, in a file author's words.
 * JSON.parse says "Unexpected token" without a position in some engines (V8 in Node 20 for
 * several cases), so a file's author would be left hunting. jsonc-parser (strict: no comments,
 * no trailing commas) finds the first error and its offset; this module names the slip (a
 * trailing comma, single quotes, a comment, a missing comma) from the error and the text
 * around it. The AWS CLI importer's messages come from the same table.
 */
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

/** Nesting deeper than this is refused before parsing: a plan is never that deep, and deep recursion is a crash risk. */
const MAX_DEPTH = 500;

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const tooDeep = depthOverflow(text);
  if (tooDeep !== undefined) return { offset: tooDeep, message: `nesting is deeper than ${MAX_DEPTH} levels` };
  let first: { code: ParseErrorCode; offset: number; length: number; inArray: boolean } | undefined;
  const open: Array<'object' | 'array'> = [];
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push('object');
      },
      onObjectEnd: () => {
        open.pop();
      },
      onArrayBegin: () => {
        open.push('array');
      },
      onArrayEnd: () => {
        open.pop();
      },
      onError: (code, offset, length) => {
        if (!first) first = { code, offset, length, inArray: open.at(-1) === 'array' };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (!first) return undefined;
  return describeParseError(text, printParseErrorCode(first.code), first.offset, first.inArray);
}

/** The character at an offset, for a message ("the end of the file" past the end). */
function shown(text: string, at: number): string {
  return at >= text.length ? 'the end of the file' : `"${text[at]}"`;
}

function describeParseError(text: string, code: string, offset: number, inArray: boolean): JsonSyntaxError {
  const at = (message: string, where = offset): JsonSyntaxError => ({ offset: where, message });
  const previous = previousSignificant(text, offset);
  switch (code) {
    case 'InvalidCommentToken':
      return at('comments are not allowed in JSON; remove them');
    case 'PropertyNameExpected':
      if (text[offset] === '}' && text[previous] === ',') return at('trailing comma before "}"; remove the last comma');
      if (text[offset] === "'") return at('strings in JSON use double quotes, not single quotes');
      return at(`expected a field name in double quotes, found ${shown(text, offset)}`);
    case 'ValueExpected':
      if (text[offset] === ']' && text[previous] === ',') return at('trailing comma before "]"; remove the last comma');
      return at(`expected a value (a string, number, object, array, true, false or null), found ${shown(text, offset)}`);
    case 'InvalidSymbol':
      if (text[offset] === "'") return at('strings in JSON use double quotes, not single quotes');
      return at(`expected a value (a string, number, object, array, true, false or null), found ${shown(text, offset)}`);
    case 'ColonExpected':
      return at(`expected ":" after the field name, found ${shown(text, offset)}`);
    case 'CommaExpected':
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      return inArray
        ? at(`expected "," or "]" after an array element, found ${shown(text, offset)}; a comma or bracket is probably missing`)
        : at(`expected "," or "}" after a field's value, found ${shown(text, offset)}; a comma is probably missing`);
    case 'EndOfFileExpected':
      return at(`unexpected ${shown(text, offset)} after the end of the JSON document`);
    case 'UnexpectedEndOfString': {
      const lineBreak = firstControlCharacter(text, offset + 1);
      if (lineBreak !== undefined) return at('a line break or control character inside a string; strings must close on the same line', lineBreak);
      return at('a string is never closed (missing ")');
    }
    case 'InvalidCharacter':
      return at('a line break or control character inside a string; strings must close on the same line', firstControlCharacter(text, offset) ?? offset);
    case 'InvalidUnicode':
      return at('\\u must be followed by four hex digits');
    case 'InvalidEscapeCharacter':
      return at('an unknown \\ escape in a string (JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)');
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return at(`"${text.slice(offset, offset + 10)}" is not a JSON number`);
    default:
      return at(`${code} at ${shown(text, offset)}`);
  }
}

/** The offset of the last character before `offset` that is not white space (-1 if none). */
function previousSignificant(text: string, offset: number): number {
  let k = offset - 1;
  while (k >= 0 && /\s/.test(text[k]!)) k -= 1;
  return k;
}

/** The first control character (a line break, a tab…) from `from` to the end of its line, if any. */
function firstControlCharacter(text: string, from: number): number | undefined {
  for (let k = from; k < text.length; k += 1) {
    const c = text.charCodeAt(k);
    if (c === 0x22) return undefined;
    if (c < 0x20) return k;
  }
  return undefined;
}

/** Where nesting first passes MAX_DEPTH, counting brackets outside strings. */
function depthOverflow(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let k = 0; k < text.length; k += 1) {
    const c = text[k];
    if (inString) {
      if (c === '\\') k += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth += 1;
      if (depth > MAX_DEPTH) return k;
    } else if (c === '}' || c === ']') depth -= 1;
  }
  return undefined;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k += 1) {
    if (text.charCodeAt(k) === 0x0a) {
      line += 1;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
