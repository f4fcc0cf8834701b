/**
 * The orthogonal routes automatic layout gave the connections. A route is drawn only while
 * it still fits the diagram: both its ends where they were when ELK routed it, and no other
 * box moved onto it. Otherwise the connection falls back to the plain curve between its
 * ends' facing sides. Routes are a view of the last layout, not part of the plan: they are
 * remade by the next automatic layout, and undoing the layout (which moves the boxes back)
 * retires them by the same rule.
 */
import { segmentCrossesBox, type Box, type Point } from '../../shared/layout';

export type { Box, Point };

export interface EdgeRoute {
  /** Start, bends, end, in canvas coordinates. */
  points: Point[];
  /** The middle of the label's room ELK kept free. */
  label?: Point;
  /** Where the two ends were when the route was made. */
  source: Box;
  target: Box;
}

export type EdgeRoutes = ReadonlyMap<string, EdgeRoute>;

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** The route for an edge between these boxes, if it still fits; `others` are every other top-level box. */
export function currentRoute(route: EdgeRoute | undefined, source: Box, target: Box, others: Iterable<Box>): EdgeRoute | undefined {
  if (!route || !sameBox(route.source, source) || !sameBox(route.target, target)) return undefined;
  for (const box of others) {
    for (let i = 1; i < route.points.length; i++) if (segmentCrossesBox({ from: route.points[i - 1]!, to: route.points[i]! }, box)) return undefined;
  }
  return route;
}

/** An SVG path through the points with the corners rounded (radius up to `radius`, less where segments are short). */
export function roundedPath(points: readonly Point[], radius = 10): string {
  if (points.length === 0) return '';
  const first = points[0]!;
  let d = `M ${first.x} ${first.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const corner = points[i]!;
    const next = points[i + 1]!;
    const inLength = Math.hypot(corner.x - prev.x, corner.y - prev.y);
    const outLength = Math.hypot(next.x - corner.x, next.y - corner.y);
    const r = Math.min(radius, inLength / 2, outLength / 2);
    if (r <= 0) {
      d += ` L ${corner.x} ${corner.y}`;
      continue;
    }
    const before = { x: corner.x - ((corner.x - prev.x) / inLength) * r, y: corner.y - ((corner.y - prev.y) / inLength) * r };
    const after = { x: corner.x + ((next.x - corner.x) / outLength) * r, y: corner.y + ((next.y - corner.y) / outLength) * r };
    d += ` L ${before.x} ${before.y} Q ${corner.x} ${corner.y} ${after.x} ${after.y}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L ${last.x} ${last.y}`;
}

/** The middle of the route by length: where a label goes when ELK gave it no place. */
export function routeMiddle(points: readonly Point[]): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= length && length > 0) return { x: a.x + ((b.x - a.x) * left) / length, y: a.y + ((b.y - a.y) * left) / length };
    left -= length;
  }
  return points[0] ?? { x: 0, y: 0 };
}
