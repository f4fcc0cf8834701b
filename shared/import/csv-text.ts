/**
 * CSV reading with papaparse: RFC 4180 quoting (a field in double quotes may hold the
 * delimiter, line breaks and doubled quotes ""), CRLF or LF records, and the delimiter
 * detected from the file: spreadsheet apps in many locales write semicolons (where the comma
 * is the decimal mark), some write tabs. A UTF-8 byte-order mark at the start is dropped
 * (Excel writes one). Each record keeps the line it starts on for messages.
 */
import Papa from 'papaparse';

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export type CsvReadResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

/** The delimiters tried, in papaparse's order of preference on a tie: comma first. */
const DELIMITERS = [',', ';', '\t', '|'];

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'vertical bar' };

export function delimiterName(delimiter: string): string {
  return DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter);
}

/** The delimiter the file uses: the one that splits its first rows into the same number of fields. */
export function detectDelimiter(text: string): string {
  // Guess on the non-empty lines only: a blank line would make every delimiter look inconsistent.
  const guess = Papa.parse<string[]>(withoutBom(text), { delimitersToGuess: DELIMITERS, skipEmptyLines: 'greedy', preview: 20 });
  return DELIMITERS.includes(guess.meta.delimiter) ? guess.meta.delimiter : ',';
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readCsv(text: string): CsvReadResult {
  const input = withoutBom(text);
  const delimiter = detectDelimiter(input);
  const records: CsvRecord[] = [];
  let failure: { line: number; message: string } | undefined;
  let recordStart = 0;
  let line = 1;
  /** Advances `line` to the line of `offset` (offsets only grow). */
  let counted = 0;
  const lineAt = (offset: number) => {
    for (let i = input.indexOf('\n', counted); i !== -1 && i < offset; i = input.indexOf('\n', i + 1)) line++;
    counted = Math.max(counted, offset);
    return line;
  };
  Papa.parse<string[]>(input, {
    delimiter,
    skipEmptyLines: false,
    step(row, parser) {
      const start = lineAt(recordStart);
      const quoteError = row.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        failure =
          quoteError.code === 'MissingQuotes' && !row.errors.some((e) => e.code === 'InvalidQuotes')
            ? {
                line: countLines(input, quoteError.index ?? recordStart),
                message: 'a quoted field is not closed: a closing " is missing (a quote inside a field is written "")',
              }
            : { line: start, message: 'a quoted field has text after its closing quote; quote the whole field and write a quote inside it as ""' };
        parser.abort();
        return;
      }
      recordStart = row.meta.cursor;
      const fields = row.data;
      if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: start, fields });
    },
  });
  if (failure) return { ok: false, ...failure };
  return { ok: true, records };
}

/** 1-based line of an offset. */
function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
