/**
 * Fitting the plan to the screen without putting any of it under the minimap and the zoom
 * buttons, which share the bottom-right corner: the fit keeps clear either a strip along the
 * bottom or a strip down the right side, whichever leaves the plan bigger.
 */
/** The minimap's size and the gap around it (as drawn by Canvas.tsx). */
export const MINIMAP = { width: 180, height: 120, margin: 12 } as const;
/** The zoom buttons, in a row above the minimap. */
export const CONTROLS = { height: 30, gap: 8 } as const;
/** The corner they take, measured from the pane's bottom-right. */
export const CORNER = {
  width: MINIMAP.width + 2 * MINIMAP.margin,
  height: MINIMAP.height + 2 * MINIMAP.margin + CONTROLS.height + CONTROLS.gap,
} as const;

export interface Size { width: number; height: number }
export interface Padding { top: number; right: number; bottom: number; left: number }

/** The zoom that fits `bounds` into `pane` inside `padding`. */
export function zoomInside(pane: Size, bounds: Size, padding: Padding): number {
  const width = Math.max(1, pane.width - padding.left - padding.right);
  const height = Math.max(1, pane.height - padding.top - padding.bottom);
  return Math.min(width / Math.max(1, bounds.width), height / Math.max(1, bounds.height));
}

/**
 * Padding (in screen pixels) for fitting `bounds` (flow units) into `pane` with `margin` all
 * round, keeping the bottom-right corner's strip free: the bottom strip or the right strip,
 * whichever gives the larger zoom.
 */
export function cornerFreePadding(pane: Size, bounds: Size, margin: number): Padding {
  const bottom = { top: margin, left: margin, right: margin, bottom: Math.max(margin, CORNER.height) };
  const right = { top: margin, left: margin, bottom: margin, right: Math.max(margin, CORNER.width) };
  return zoomInside(pane, bounds, bottom) >= zoomInside(pane, bounds, right) ? bottom : right;
}

/** The same, as React Flow takes padding. */
export function fitPadding(pane: Size, bounds: Size, margin: number): { top: `${number}px`; right: `${number}px`; bottom: `${number}px`; left: `${number}px` } {
  const p = cornerFreePadding(pane, bounds, margin);
  return { top: `${p.top}px`, right: `${p.right}px`, bottom: `${p.bottom}px`, left: `${p.left}px` };
}

interface Placed { id: string; position: { x: number; y: number }; parentId?: string; width?: number; height?: number }

/** The box (flow units) round these nodes, or round every top-level node; a child's position is its parent's plus its own. */
export function boundsOf(nodes: readonly Placed[], ids?: ReadonlySet<string>): { x: number; y: number; width: number; height: number } | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    if (ids ? !ids.has(node.id) : node.parentId !== undefined) continue;
    const parent = node.parentId === undefined ? undefined : byId.get(node.parentId);
    const x = node.position.x + (parent?.position.x ?? 0);
    const y = node.position.y + (parent?.position.y ?? 0);
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + (node.width ?? 0));
    bottom = Math.max(bottom, y + (node.height ?? 0));
  }
  return left === Infinity ? undefined : { x: left, y: top, width: right - left, height: bottom - top };
}
