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

export interface Size {
  width: number;
  height: number;
}
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

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

interface Placed {
  id: string;
  position: { x: number; y: number };
  parentId?: string;
  width?: number;
  height?: number;
}

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

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The view after something new appears at `bounds` (flow units): the same view when it is
 * already in sight (inside `margin` and clear of the minimap's corner); else the same zoom
 * moved so it sits in the middle; else, when it is too big for the screen at this zoom,
 * undefined (the caller fits it, zooming out).
 */
export function viewShowing(view: Viewport, pane: Size, bounds: Rect, margin: number): Viewport | undefined {
  const screen = { x: bounds.x * view.zoom + view.x, y: bounds.y * view.zoom + view.y, width: bounds.width * view.zoom, height: bounds.height * view.zoom };
  const inside = screen.x >= margin && screen.y >= margin && screen.x + screen.width <= pane.width - margin && screen.y + screen.height <= pane.height - margin;
  const corner = { x: pane.width - CORNER.width, y: pane.height - CORNER.height };
  const underCorner = screen.x + screen.width > corner.x && screen.y + screen.height > corner.y;
  if (inside && !underCorner) return view;
  const free = { width: pane.width - 2 * Math.max(margin, CORNER.width), height: pane.height - 2 * Math.max(margin, CORNER.height) };
  if (screen.width > free.width || screen.height > free.height) return undefined;
  return { zoom: view.zoom, x: pane.width / 2 - (bounds.x + bounds.width / 2) * view.zoom, y: pane.height / 2 - (bounds.y + bounds.height / 2) * view.zoom };
}
