/**
 * Where each connection's label sits along its curve: the middle, unless there it would lie
 * on a label placed before it or on a box; then the nearest point along the curve, either
 * way from the middle, where it is clear. Two connections from one hub to two neighbouring
 * VPCs otherwise put their labels on top of each other. Labels are placed in the order given,
 * each against those before it; one with no spot clear of boxes is at least kept off the
 * other labels, and one with no clear spot at all stays in the middle.
 */
import { pointOnCurve, type EdgeCurve } from './diagram';
import type { Box } from './geometry';

/** Where along the curve a label may go, nearest the middle first. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8] as const;
/** Space kept between two labels, and between a label and a box. */
const LABEL_GAP = 4;
/** The grid the placed boxes are bucketed in, so a large plan costs little. */
const CELL = 256;

export interface EdgeLabel {
  id: string;
  curve: EdgeCurve;
  /** The label's size, in the curve's units. */
  width: number;
  height: number;
}

/** A spatial index of boxes: which may overlap a given one. */
class Grid {
  private readonly cells = new Map<number, Box[]>();

  add(box: Box): void {
    this.each(box, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(box);
      else this.cells.set(key, [box]);
      return false;
    });
  }

  hits(box: Box, gap: number): boolean {
    const x = box.x - gap;
    const y = box.y - gap;
    const right = box.x + box.width + gap;
    const bottom = box.y + box.height + gap;
    return this.each({ x, y, width: right - x, height: bottom - y }, (key) => {
      for (const other of this.cells.get(key) ?? NONE) {
        if (x < other.x + other.width && other.x < right && y < other.y + other.height && other.y < bottom) return true;
      }
      return false;
    });
  }

  /** Calls `visit` with each cell the box touches until it returns true; whether one did. */
  private each(box: Box, visit: (key: number) => boolean): boolean {
    const x0 = Math.floor(box.x / CELL);
    const x1 = Math.floor((box.x + box.width) / CELL);
    const y0 = Math.floor(box.y / CELL);
    const y1 = Math.floor((box.y + box.height) / CELL);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) if (visit(cx * 1_000_003 + cy)) return true;
    }
    return false;
  }
}

const NONE: readonly Box[] = [];

/**
 * For each label, where along its curve it goes (0 to 1; 0.5 is the middle), clear of the
 * labels before it and of `boxes` (the diagram's top-level boxes, its ends included).
 */
export function placeEdgeLabels(labels: readonly EdgeLabel[], boxes: readonly Box[]): Map<string, number> {
  const taken = new Grid();
  const solid = new Grid();
  for (const box of boxes) solid.add(box);
  const out = new Map<string, number>();
  for (const label of labels) {
    const at = (t: number): Box => {
      const p = pointOnCurve(label.curve, t);
      return { x: p.x - label.width / 2, y: p.y - label.height / 2, width: label.width, height: label.height };
    };
    // Clear of labels and boxes; else at least of the other labels (one on a box can still be read); else the middle.
    const t =
      ALONG.find((candidate) => {
        const box = at(candidate);
        return !taken.hits(box, LABEL_GAP) && !solid.hits(box, LABEL_GAP);
      }) ??
      ALONG.find((candidate) => !taken.hits(at(candidate), LABEL_GAP)) ??
      0.5;
    out.set(label.id, t);
    taken.add(at(t));
  }
  return out;
}
