/**
 * Where objects sit on the canvas (plan.layout.nodes). Every position an edit writes goes
 * through here: the network model never holds a coordinate.
 */
import type { Plan } from '../schema';

export interface Point {
  x: number;
  y: number;
}

/** The layout with these nodes moved to whole-pixel positions; the same layout when nothing moved. */
export function withPositions(layout: Plan['layout'], positions: Record<string, Point>): Plan['layout'] {
  const nodes = { ...layout.nodes };
  let changed = false;
  for (const [id, { x, y }] of Object.entries(positions)) {
    const before = nodes[id];
    const rx = Math.round(x);
    const ry = Math.round(y);
    if (before && before.x === rx && before.y === ry) continue;
    nodes[id] = { ...before, x: rx, y: ry };
    changed = true;
  }
  return changed ? { ...layout, nodes } : layout;
}

export function moveNodes(plan: Plan, positions: Record<string, Point>): Plan {
  const layout = withPositions(plan.layout, positions);
  return layout === plan.layout ? plan : { ...plan, layout };
}

/** How far a pasted copy sits from its original, so both stay visible. */
export const PASTE_OFFSET: Point = { x: 48, y: 48 };

/**
 * Where the copies of pasted nodes go: each original's position (as it was when copied)
 * moved by `offset`, keyed by the copy's id. Nodes copied without a position get none, and
 * the canvas places them.
 */
export function pastedPositions(copied: Record<string, Point>, copyIds: ReadonlyMap<string, string>, offset: Point): Record<string, Point> {
  const out: Record<string, Point> = {};
  for (const [original, at] of Object.entries(copied)) {
    const id = copyIds.get(original);
    if (id) out[id] = { x: at.x + offset.x, y: at.y + offset.y };
  }
  return out;
}
