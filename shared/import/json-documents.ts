/**
 * Splits a file into the JSON documents it holds. `aws ... > all.json; aws ... >> all.json`
 * leaves several documents one after another, which JSON.parse refuses; this scanner finds
 * where each one starts and ends (tracking strings, so a brace inside a value does not count)
 * and remembers its line so a problem can say where it is.
 */
import type { ImportProblem } from './types';

export interface JsonDocument {
  file: string;
  /** 1-based line where the document starts. */
  line: number;
  value: unknown;
}

export type SplitResult = { ok: true; documents: JsonDocument[] } | { ok: false; problems: ImportProblem[] };

export function splitJsonDocuments(file: string, text: string): SplitResult {
  const documents: JsonDocument[] = [];
  const problems: ImportProblem[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') { line++; i++; continue; }
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    if (ch !== '{' && ch !== '[') {
      const shown = text.slice(i, i + 20).split('\n')[0]!;
      problems.push({ file, line, message: `expected a JSON document starting with { or [ (the output of an aws command with --output json), found "${shown}"` });
      return { ok: false, problems };
    }
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    let end = -1;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\n') line++;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) { end = i + 1; break; }
      }
    }
    if (end === -1) {
      problems.push({ file, line: startLine, message: `the JSON document starting here is not closed: a } or ] is missing before the end of the file (was the command's output cut short?)` });
      return { ok: false, problems };
    }
    i = end;
    const slice = text.slice(start, end);
    try {
      documents.push({ file, line: startLine, value: JSON.parse(slice) });
    } catch (error) {
      problems.push(syntaxProblem(file, slice, startLine, error));
      return { ok: false, problems };
    }
  }
  if (documents.length === 0) problems.push({ file, message: 'is empty; expected the JSON output of an aws command' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, documents };
}

function syntaxProblem(file: string, slice: string, startLine: number, error: unknown): ImportProblem {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '');
  const position = /position (\d+)/.exec(message);
  const line = position ? startLine + slice.slice(0, Number(position[1])).split('\n').length - 1 : startLine;
  return { file, line, message: `is not valid JSON: ${reason}; check for a missing comma, quote or bracket` };
}
