/**
 * Where a JSON text first goes wrong, and what was expected there. JSON.parse says
 * "Unexpected token" without a position in some engines (V8 in Node 20 for several
 * cases), so a file's author would be left hunting; this scanner walks the text once and
 * names the offset, with the common hand-editing slips (trailing commas, single quotes,
 * comments) called by their names.
 */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const n = text.length;
  const fail = (message: string, at = i): never => {
    throw Object.assign(new Error(message), { offset: at });
  };
  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i += 1;
      else if (c === 0x2f && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not allowed in JSON; remove them');
      else break;
    }
  };
  const describe = (at: number) => (at >= n ? 'the end of the file' : `"${text[at]}"`);
  const value = (depth: number): void => {
    if (depth > 500) fail('nesting is deeper than 500 levels');
    skipSpace();
    const c = text[i];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    if (c === "'") fail('strings in JSON use double quotes, not single quotes');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`expected a value (a string, number, object, array, true, false or null), found ${describe(i)}`);
  };
  const object = (depth: number) => {
    i += 1;
    skipSpace();
    if (text[i] === '}') {
      i += 1;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === '}') fail('trailing comma before "}"; remove the last comma', i);
      if (text[i] !== '"') fail(`expected a field name in double quotes, found ${describe(i)}`);
      string();
      skipSpace();
      if (text[i] !== ':') fail(`expected ":" after the field name, found ${describe(i)}`);
      i += 1;
      value(depth + 1);
      skipSpace();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '}') {
        i += 1;
        return;
      }
      fail(`expected "," or "}" after a field's value, found ${describe(i)}; a comma is probably missing`);
    }
  };
  const array = (depth: number) => {
    i += 1;
    skipSpace();
    if (text[i] === ']') {
      i += 1;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === ']') fail('trailing comma before "]"; remove the last comma', i);
      value(depth + 1);
      skipSpace();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === ']') {
        i += 1;
        return;
      }
      fail(`expected "," or "]" after an array element, found ${describe(i)}; a comma or bracket is probably missing`);
    }
  };
  const string = () => {
    const start = i;
    i += 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i += 1;
        return;
      }
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by four hex digits');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail(`"\\${next ?? ''}" is not a JSON escape`);
        continue;
      }
      if (c < 0x20) fail('a line break or control character inside a string; strings must close on the same line', i);
      i += 1;
    }
    fail('a string is never closed (missing ")', start);
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail(`"${text.slice(i, i + 10)}" is not a JSON number`);
    i += match![0].length;
  };
  try {
    value(0);
    skipSpace();
    if (i < n) fail(`unexpected ${describe(i)} after the end of the JSON document`);
    return undefined;
  } catch (error) {
    const offset = (error as { offset?: number }).offset;
    if (offset === undefined) throw error;
    return { offset, message: (error as Error).message };
  }
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
