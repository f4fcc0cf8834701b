/**
 * A small HCL (Terraform native syntax) writer: blocks, attributes, lists, maps and
 * expressions, with string escaping done in one place so no plan text can break out of
 * a quoted string. Escapes per the HCL native syntax spec ("Template Literals" and
 * "Quoted Template Expressions"): `\` `"` and control characters are backslash-escaped,
 * and a literal `${` / `%{` is written `$${` / `%%{` so it is not read as a template.
 */

/** Terraform expression text written as is (references, function calls). Only the exporter builds these. */
export interface HclExpression {
  readonly expression: string;
}
export interface HclMap {
  readonly entries: ReadonlyArray<readonly [string, HclValue]>;
}
export type HclValue = string | number | boolean | HclExpression | HclMap | readonly HclValue[];

export interface HclBlock {
  type: string;
  labels: string[];
  /** Comment lines written above the block. */
  comment?: string[];
  attributes: Array<[string, HclValue]>;
  blocks?: HclBlock[];
}

export function expression(text: string): HclExpression {
  return { expression: text };
}

export function hclMap(entries: ReadonlyArray<readonly [string, HclValue]>): HclMap {
  return { entries };
}

/** A quoted HCL string literal for any text. */
export function quoteHcl(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  // A replacer function, not a string: in a replacement string `$$` means one `$`.
  return `"${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function isExpression(value: HclValue): value is HclExpression {
  return typeof value === 'object' && value !== null && 'expression' in value;
}
function isMap(value: HclValue): value is HclMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'entries' in value;
}

function formatValue(value: HclValue, indent: string): string {
  if (typeof value === 'string') return quoteHcl(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} as an HCL number`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isExpression(value)) return value.expression;
  if (isMap(value)) {
    if (value.entries.length === 0) return '{}';
    const inner = `${indent}  `;
    const width = Math.max(...value.entries.map(([key]) => formatKey(key).length));
    const lines = value.entries.map(([key, v]) => `${inner}${formatKey(key).padEnd(width)} = ${formatValue(v, inner)}`);
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  const items = value.map((v) => formatValue(v, indent));
  const oneLine = `[${items.join(', ')}]`;
  if (oneLine.length <= 100 && !oneLine.includes('\n')) return oneLine;
  const inner = `${indent}  `;
  return `[\n${value.map((v) => `${inner}${formatValue(v, inner)},`).join('\n')}\n${indent}]`;
}

function formatKey(key: string): string {
  return BARE_KEY.test(key) ? key : quoteHcl(key);
}

/** Comment text on one line each; a newline inside plan text cannot end the comment early. */
export function commentLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => `# ${line.replace(/[\u0000-\u001f\u007f]/g, ' ')}`.trimEnd());
}

export function formatBlock(block: HclBlock, indent = ''): string {
  const out: string[] = [];
  for (const line of block.comment ?? []) out.push(...commentLines(line).map((l) => `${indent}${l}`));
  const labels = block.labels.map((l) => ` ${quoteHcl(l)}`).join('');
  out.push(`${indent}${block.type}${labels} {`);
  const inner = `${indent}  `;
  // Like `terraform fmt`: align the = of consecutive one-line attributes; a multi-line value ends the run.
  const values = block.attributes.map(([name, value]) => [name, formatValue(value, inner)] as const);
  let runStart = 0;
  while (runStart < values.length) {
    let runEnd = runStart;
    while (runEnd < values.length && !values[runEnd]![1].includes('\n')) runEnd++;
    const width = Math.max(0, ...values.slice(runStart, runEnd).map(([name]) => name.length));
    for (const [name, text] of values.slice(runStart, runEnd)) out.push(`${inner}${name.padEnd(width)} = ${text}`);
    if (runEnd < values.length) out.push(`${inner}${values[runEnd]![0]} = ${values[runEnd]![1]}`);
    runStart = runEnd + 1;
  }
  for (const child of block.blocks ?? []) {
    if (block.attributes.length > 0) out.push('');
    out.push(formatBlock(child, inner));
  }
  out.push(`${indent}}`);
  return out.join('\n');
}
