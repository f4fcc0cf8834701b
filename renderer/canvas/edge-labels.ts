/**
 * Keeping the connections' labels off each other and off the boxes on the canvas. A label
 * is type of a fixed size on screen (11 px, app.css), so in flow units it grows as the view
 * zooms out: where it can sit depends on the zoom. The zoom is taken in a few steps, each
 * sized for its farthest zoom, so labels move seldom while zooming and never overlap within
 * a step. Far out (semantic zoom) there are no labels to place.
 *
 * Where along its curve each label goes is shared/layout's placeEdgeLabels; the edge then
 * draws its label at that point of its own curve (nodes.tsx, PlanEdge).
 */
import type { Edge, Node } from '@xyflow/react';
import { curveBetween, placeEdgeLabels, sideMiddle, textWidth, type Box, type EdgeLabel, type Point, type Side } from '../../shared/layout';
import type { PlanEdgeData } from './derive';

/** An edge's data with where along its curve its label sits, when not in the middle. */
export type LabelledEdgeData = PlanEdgeData & { labelT?: number };

/** The label's type and room at full size (app.css .edge-label: 11 px semi-bold, padding and border; a findings badge beside). */
const LABEL = { style: { size: 11, bold: true }, padding: 16, badge: 34, height: 20 } as const;
/** Handles are this big (derive.ts); a curve starts at the middle of the handle's outer side. */
const HANDLE = 10;
/** The zoom steps: from each of these zooms up to the next, labels are placed as big as at this one. */
const STEPS = [1, 0.8, 0.65, 0.55, 0.45] as const;

/** How much bigger than at full size (in flow units) labels are placed at this zoom; 0 below the last step (no labels drawn). */
export function labelScale(zoom: number): number {
  const step = STEPS.find((s) => zoom >= s);
  return step === undefined ? 0 : 1 / step;
}

function handlePoint(box: Box, side: Side): Point {
  const p = sideMiddle(box, side);
  const out = HANDLE / 2;
  if (side === 't') return { x: p.x, y: p.y - out };
  if (side === 'b') return { x: p.x, y: p.y + out };
  if (side === 'l') return { x: p.x - out, y: p.y };
  return { x: p.x + out, y: p.y };
}

/**
 * Where along its curve each edge's label goes, at labels `scale` times their full size:
 * only the edges drawn as curves (a routed edge's label is placed with its route) whose
 * label leaves the middle.
 */
export function labelsAlong(nodes: readonly Node[], edges: readonly Edge[], scale: number): Map<string, number> {
  const boxes = new Map<string, Box>();
  for (const node of nodes) {
    if (node.parentId) continue;
    boxes.set(node.id, { x: node.position.x, y: node.position.y, width: node.width ?? 0, height: node.height ?? 0 });
  }
  const labels: EdgeLabel[] = [];
  for (const edge of edges) {
    const data = edge.data as PlanEdgeData | undefined;
    const a = boxes.get(edge.source);
    const b = boxes.get(edge.target);
    if (!data || data.route || !a || !b) continue;
    const sideA = edge.sourceHandle as Side;
    const sideB = edge.targetHandle as Side;
    labels.push({
      id: edge.id,
      curve: curveBetween(handlePoint(a, sideA), sideA, handlePoint(b, sideB), sideB),
      width: (textWidth(data.label, LABEL.style) + LABEL.padding + (data.badge ? LABEL.badge : 0)) * scale,
      height: LABEL.height * scale,
    });
  }
  const out = new Map<string, number>();
  if (labels.length < 2) return out;
  for (const [id, t] of placeEdgeLabels(labels, [...boxes.values()])) if (t !== 0.5) out.set(id, t);
  return out;
}
