/**
 * A PDF as the tests read it: pages, their sizes, and their text. Read with PDF.js
 * (pdfjs-dist, its legacy build, which runs in Node), so the tests need no system tool
 * such as poppler's pdfinfo / pdftotext; Chromium stays the tests' only system dependency.
 * Used by cli/export-binary.test.ts and e2e/web/export.spec.ts; e2e/pdf-pages.ts reads the
 * same items with PDF.js in Chromium and makes its pages here (pageFromItems).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** In points (1/72 inch), as displayed (rotation applied). A4 portrait is 595 x 842. */
  width: number;
  height: number;
  /**
   * The text laid out by position, like `pdftotext -layout`: one string per line of the
   * page, top to bottom, pieces left to right with a space wherever there is a gap between
   * them. A table row is one line, its cells separated by spaces.
   */
  lines: string[];
  /**
   * The text in the order the PDF draws it, like `pdftotext -raw`: a table cell that wraps
   * (a long finding code) comes out whole, its pieces next to each other.
   */
  flow: string;
  /**
   * Every piece of text with its size in points (from its transform, textSize), to check that
   * none is too small to read or cut short; x and y (its baseline) from the page's lower left
   * corner, and its width, in points.
   */
  texts: Array<{ text: string; size: number; x: number; y: number; width: number }>;
}

export interface PdfText {
  pages: PdfPage[];
  /** Every page's lines, pages separated by a form feed as pdftotext does. */
  text: string;
  /** Every page's flow text. */
  flow: string;
}

interface Piece {
  text: string;
  x: number;
  /** Baseline, in PDF coordinates (from the bottom of the page). */
  y: number;
  width: number;
  fontSize: number;
}

/** Pieces on (nearly) the same baseline make a line; a gap wider than a fifth of the font size is a space. */
function layoutLines(pieces: Piece[]): string[] {
  const byBaseline = pieces.slice().sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Piece[][] = [];
  for (const piece of byBaseline) {
    const line = lines.at(-1);
    // Same line when the baselines are within 40 % of the font size (sub-pixel jitter, mixed fonts in one row).
    if (line && Math.abs(line[0]!.y - piece.y) <= 0.4 * Math.max(piece.fontSize, line[0]!.fontSize)) line.push(piece);
    else lines.push([piece]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const piece of line) {
      if (text !== '' && piece.x - end > 0.2 * piece.fontSize && !text.endsWith(' ') && !piece.text.startsWith(' ')) text += ' ';
      text += piece.text;
      end = piece.x + piece.width;
    }
    return text.trimEnd();
  });
}

/** A text item as PDF.js's getTextContent gives it (the fields read here), in Node or in a page. */
export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: the glyphs' matrix in PDF points, the page's own transforms applied. */
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

/**
 * A text item's size in points: the smaller of its glyphs' horizontal and vertical scale, so
 * text squeezed either way counts as small (PDF.js's height when the matrix gives nothing).
 */
export function textSize(item: PdfTextItem): number {
  const [a = 0, b = 0, c = 0, d = 0] = item.transform;
  const horizontal = Math.hypot(a, b);
  const vertical = Math.hypot(c, d);
  return Math.min(horizontal || item.height, vertical || item.height);
}

/** One page's lines, flow text and sized pieces, from PDF.js's text items. */
export function pageFromItems(width: number, height: number, items: readonly PdfTextItem[]): PdfPage {
  const pieces: Piece[] = [];
  let flow = '';
  for (const item of items) {
    flow += item.str + (item.hasEOL ? '\n' : '');
    if (item.str.trim() === '') continue;
    const [, , , , x, y] = item.transform;
    pieces.push({ text: item.str, x: x!, y: y!, width: item.width, fontSize: textSize(item) });
  }
  return { width, height, lines: layoutLines(pieces), flow, texts: pieces.map((p) => ({ text: p.text, size: p.fontSize, x: p.x, y: p.y, width: p.width })) };
}

/** Every page's lines joined as pdftotext does, and every page's flow text. */
export function documentText(pages: PdfPage[]): PdfText {
  return { pages, text: pages.map((p) => p.lines.join('\n')).join('\n\f'), flow: pages.map((p) => p.flow).join('\n\f') };
}

/** Reads the PDF's pages, sizes and text. Throws (with PDF.js's reason) when the bytes are not a PDF. */
export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const document = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      pages.push(
        pageFromItems(
          width,
          height,
          content.items.filter((item) => 'str' in item),
        ),
      );
      page.cleanup();
    }
    return documentText(pages);
  } finally {
    await document.destroy();
  }
}
