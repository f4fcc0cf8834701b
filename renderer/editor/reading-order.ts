/**
 * The order Tab visits the diagram in: the way one reads it, top left to bottom right, row by
 * row, and everything inside a VPC right after the VPC (its subnets in their AZ-by-tier grid),
 * before the next VPC. React Flow's DOM order (edges first, then nodes in array order) is not
 * an order anyone reads a diagram in.
 */

export interface Placed {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The box it sits inside (a subnet's VPC); its own position counts only among its siblings. */
  parentId?: string;
}

/**
 * Rows first: a box belongs to the row of the box above it when it starts above that box's
 * middle (so boxes of one row that are a few pixels off still read left to right).
 */
function rows(items: readonly Placed[]): Placed[] {
  const byTop = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const ordered: Placed[] = [];
  let row: Placed[] = [];
  let rowLimit = -Infinity;
  for (const item of byTop) {
    if (row.length > 0 && item.y >= rowLimit) {
      ordered.push(...row.sort((a, b) => a.x - b.x));
      row = [];
    }
    if (row.length === 0) rowLimit = item.y + item.height / 2;
    else rowLimit = Math.min(rowLimit, item.y + item.height / 2);
    row.push(item);
  }
  ordered.push(...row.sort((a, b) => a.x - b.x));
  return ordered;
}

/** The ids in reading order, each parent followed by its children (in reading order among themselves). */
export function readingOrder(items: readonly Placed[]): string[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | undefined, Placed[]>();
  for (const item of items) {
    // A child whose parent is not in the list (not rendered) is read at the top level.
    const parent = item.parentId !== undefined && ids.has(item.parentId) ? item.parentId : undefined;
    const list = children.get(parent);
    if (list) list.push(item);
    else children.set(parent, [item]);
  }
  const out: string[] = [];
  const visit = (parent: string | undefined) => {
    for (const item of rows(children.get(parent) ?? [])) {
      out.push(item.id);
      visit(item.id);
    }
  };
  visit(undefined);
  return out;
}
