/**
 * Where new objects go on the diagram: a new VPC, gateway or network lands in free space
 * near where the user is looking (or beside a given node), never on another box and never
 * across a connection; pasted or duplicated boxes move, together, to the nearest place
 * where they overlap nothing; imported objects with no position get the grid of
 * unplaced.ts. A connection is kept clear as it is drawn (the curve between its boxes'
 * facing sides, or the route an automatic layout gave it) and as the straight line between
 * its boxes' centres, so a new box does not sit on it in either picture.
 */
import type { Layout, Plan } from '../plan/schema';
import { edgePolyline, engineFigures, planDiagram, type Diagram, type DiagramFigures } from './diagram';
import { HUB_SIZES, NEW_VPC_ROOM, type Box, type NodeKind, type Point, type Size } from './geometry';
import { COLUMN_GAP } from './unplaced';

/** Space kept clear around every box. */
export const NODE_MARGIN = 40;
/** Space kept between a new box and a connection. */
export const EDGE_MARGIN = 20;
/**
 * Space kept between a new box and the boxes round it: it will be connected to them, and
 * a connection needs the room for its label between the two.
 */
export const NEW_NODE_MARGIN = 80;
/** The search walks rings of candidate spots this far apart, nearest first. */
const STEP = 40;
const RINGS = 120;

export interface Segment {
  from: Point;
  to: Point;
}

/**
 * Connections the canvas draws along a route of their own (an automatic layout's orthogonal
 * path), by edge id, in canvas coordinates. The others are drawn as the curve of edgeCurve.
 */
export type DrawnRoutes = ReadonlyMap<string, readonly Point[]>;

/** The default size of a new top-level object of a kind. */
export function newNodeSize(kind: NodeKind): Size {
  return kind === 'vpc' ? NEW_VPC_ROOM : HUB_SIZES[kind];
}

function centre(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

/** Whether the segment passes through the box (Liang-Barsky clipping against its four sides). */
export function segmentCrossesBox(segment: Segment, box: Box): boolean {
  const { from, to } = segment;
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  let t0 = 0;
  let t1 = 1;
  const sides: Array<[number, number]> = [
    [-dx, from.x - box.x],
    [dx, box.x + box.width - from.x],
    [-dy, from.y - box.y],
    [dy, box.y + box.height - from.y],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return true;
}

interface Obstacles {
  boxes: Box[];
  segments: Segment[];
}

function obstaclesOf(diagram: Diagram, ignore: ReadonlySet<string> = new Set(), routes?: DrawnRoutes): Obstacles {
  const boxes = diagram.nodes.filter((n) => !ignore.has(n.id));
  const segments: Segment[] = [];
  const polyline = (points: readonly Point[]) => {
    for (let i = 1; i < points.length; i++) segments.push({ from: points[i - 1]!, to: points[i]! });
  };
  for (const edge of diagram.edges) {
    if (ignore.has(edge.source) || ignore.has(edge.target)) continue;
    const a = diagram.byId.get(edge.source)!;
    const b = diagram.byId.get(edge.target)!;
    segments.push({ from: centre(a), to: centre(b) });
    polyline(routes?.get(edge.id) ?? edgePolyline(a, b));
  }
  return { boxes, segments };
}

function isClear(box: Box, obstacles: Obstacles, margin = NODE_MARGIN): boolean {
  for (const other of obstacles.boxes) if (boxesOverlap(box, other, margin)) return false;
  const padded = { x: box.x - EDGE_MARGIN, y: box.y - EDGE_MARGIN, width: box.width + 2 * EDGE_MARGIN, height: box.height + 2 * EDGE_MARGIN };
  for (const segment of obstacles.segments) if (segmentCrossesBox(segment, padded)) return false;
  return true;
}

/** The spot nearest `start` (walking outwards in rings) where `fits` holds, or undefined. */
function nearest(start: Point, fits: (at: Point) => boolean): Point | undefined {
  if (fits(start)) return start;
  for (let ring = 1; ring <= RINGS; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: start.x + i * STEP, y: start.y - ring * STEP }, { x: start.x + i * STEP, y: start.y + ring * STEP });
      if (i !== -ring && i !== ring) candidates.push({ x: start.x - ring * STEP, y: start.y + i * STEP }, { x: start.x + ring * STEP, y: start.y + i * STEP });
    }
    candidates.sort((a, b) => Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y));
    for (const candidate of candidates) if (fits(candidate)) return candidate;
  }
  return undefined;
}

/** Beyond every box's right edge and every connection drawn: always clear. */
function rightOfEverything(boxes: readonly Box[], y: number, segments: readonly Segment[] = []): Point {
  let right = 0;
  for (const box of boxes) right = Math.max(right, box.x + box.width + NODE_MARGIN + EDGE_MARGIN);
  for (const segment of segments) right = Math.max(right, segment.from.x + EDGE_MARGIN + 1, segment.to.x + EDGE_MARGIN + 1);
  return { x: right, y };
}

/**
 * The top-left corner for a new box of `what` (a kind's default size, or a given size):
 *  - near a point: centred on it if that is free (the middle of the user's view);
 *  - near a node id: beside that node;
 *  - otherwise: right of the diagram.
 * The spot never overlaps a box (with NEW_NODE_MARGIN around it) nor crosses a connection.
 */
export function placeNewNode(
  plan: Plan,
  what: NodeKind | Size,
  near?: string | Point,
  figures: DiagramFigures = engineFigures(plan),
  routes?: DrawnRoutes,
): Point {
  const size = typeof what === 'string' ? newNodeSize(what) : what;
  const diagram = planDiagram(plan, figures);
  const obstacles = obstaclesOf(diagram, new Set(), routes);
  let start: Point;
  const anchor = typeof near === 'string' ? diagram.byId.get(near) : undefined;
  // Beside a node, a column's gap away: room for the label of a connection between the two.
  if (anchor) start = { x: anchor.x + anchor.width + COLUMN_GAP, y: anchor.y };
  else if (typeof near === 'object') start = { x: near.x - size.width / 2, y: near.y - size.height / 2 };
  else if (diagram.nodes.length > 0) start = rightOfEverything(diagram.nodes, Math.min(...diagram.nodes.map((n) => n.y)), obstacles.segments);
  else start = { x: 0, y: 0 };
  start = { x: Math.round(start.x), y: Math.round(start.y) };
  return nearest(start, (at) => isClear({ ...at, ...size }, obstacles, NEW_NODE_MARGIN)) ?? rightOfEverything(diagram.nodes, start.y, obstacles.segments);
}

/**
 * New positions for top-level boxes just added where they may overlap others (a paste or
 * a duplicate lands on its original): the whole group moves by one offset, the smallest
 * that puts every one of its boxes clear of the rest. Boxes already clear stay put.
 */
export function placeAddedNodes(
  plan: Plan,
  ids: readonly string[],
  figures: DiagramFigures = engineFigures(plan),
  routes?: DrawnRoutes,
): Record<string, Point> {
  const diagram = planDiagram(plan, figures);
  const moving = new Set(ids.filter((id) => diagram.byId.has(id)));
  const group = [...moving].map((id) => diagram.byId.get(id)!);
  if (group.length === 0) return {};
  const obstacles = obstaclesOf(diagram, moving, routes);
  const fits = (offset: Point) => group.every((box) => isClear({ ...box, x: box.x + offset.x, y: box.y + offset.y }, obstacles));
  let offset = nearest({ x: 0, y: 0 }, fits);
  if (!offset) {
    const left = Math.min(...group.map((b) => b.x));
    offset = { x: rightOfEverything(obstacles.boxes, 0, obstacles.segments).x - left, y: 0 };
  }
  const out: Record<string, Point> = {};
  for (const box of group) out[box.id] = { x: box.x + offset.x, y: box.y + offset.y };
  return out;
}

/**
 * The plan's layout with a position for every top-level box: those it has stay where they
 * are, the rest go in the grid below them (unplaced.ts). Importers call this.
 */
export function layOutPlan(plan: Plan, figures: DiagramFigures = engineFigures(plan)): Layout {
  const diagram = planDiagram(plan, figures);
  const nodes: Layout['nodes'] = { ...plan.layout.nodes };
  let added = false;
  for (const node of diagram.nodes) {
    if (nodes[node.id]) continue;
    nodes[node.id] = { x: node.x, y: node.y };
    added = true;
  }
  return added ? { ...plan.layout, nodes } : plan.layout;
}
