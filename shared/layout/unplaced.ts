/**
 * Where the boxes go that the plan's layout has no position for (an imported plan, a
 * hand-written file, objects added by a CSV import): a tidy grid below everything that is
 * placed. VPCs in rows of three, the transit gateways and service networks on a band under
 * the first row (where their edges to the VPCs are short), external networks on a row at
 * the bottom. Every step uses the boxes' real sizes, so a VPC of four or six AZs never
 * runs into its neighbour. Deterministic: the same plan always gets the same picture.
 */
import type { Layout } from '../plan/schema';
import type { Box, NodeKind, Point } from './geometry';

const VPCS_PER_ROW = 3;
const HUBS_PER_ROW = 6;
/** Between boxes side by side: room for an edge label between them. */
export const COLUMN_GAP = 120;
/** Between rows. */
export const ROW_GAP = 120;
/** Between what was placed before and the grid below it. */
const BELOW_PLACED = 160;

export interface SizedNode {
  id: string;
  kind: NodeKind;
  width: number;
  height: number;
}

/** Positions (top-left) for every node that `placed` has none for. */
export function positionUnplaced(placed: Layout['nodes'], nodes: readonly SizedNode[]): Map<string, Point> {
  const out = new Map<string, Point>();
  const missing = nodes.filter((n) => !placed[n.id]);
  if (missing.length === 0) return out;

  let left = 0;
  let top = 0;
  let anyPlaced = false;
  for (const node of nodes) {
    const at = placed[node.id];
    if (!at) continue;
    if (!anyPlaced) {
      left = at.x;
      top = at.y + node.height;
      anyPlaced = true;
    }
    left = Math.min(left, at.x);
    top = Math.max(top, at.y + node.height);
  }
  let y = anyPlaced ? top + BELOW_PLACED : 0;

  /** Lays one row out from `left`; returns its width and height. */
  const row = (items: readonly SizedNode[], start: number, at: number): Box => {
    let x = start;
    let height = 0;
    for (const item of items) {
      out.set(item.id, { x, y: at });
      x += item.width + COLUMN_GAP;
      height = Math.max(height, item.height);
    }
    return { x: start, y: at, width: x - COLUMN_GAP - start, height };
  };
  const chunks = <T>(items: readonly T[], size: number): T[][] => {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  };
  const rowWidth = (items: readonly SizedNode[]) => items.reduce((sum, n) => sum + n.width, 0) + COLUMN_GAP * Math.max(0, items.length - 1);

  const vpcs = missing.filter((n) => n.kind === 'vpc');
  const hubs = missing.filter((n) => n.kind === 'tgw' || n.kind === 'serviceNetwork');
  const externals = missing.filter((n) => n.kind === 'external');
  const hubRows = chunks(hubs, HUBS_PER_ROW);
  const vpcRows = chunks(vpcs, VPCS_PER_ROW);
  const firstRowWidth = vpcRows[0] ? rowWidth(vpcRows[0]) : 0;

  const placeHubs = () => {
    for (const items of hubRows) {
      // Centred under the first row of VPCs, whose edges they collect.
      const start = left + Math.max(0, (firstRowWidth - rowWidth(items)) / 2);
      y += row(items, start, y).height + ROW_GAP;
    }
  };
  vpcRows.forEach((items, i) => {
    y += row(items, left, y).height + ROW_GAP;
    if (i === 0) placeHubs();
  });
  if (vpcRows.length === 0) placeHubs();
  for (const items of chunks(externals, HUBS_PER_ROW)) y += row(items, left, y).height + ROW_GAP;
  return out;
}
