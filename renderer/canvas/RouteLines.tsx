/**
 * Route lines: for the selected subnet or route table, a line from each subnet to where its
 * routes go (the internet gateway at its VPC's edge, a NAT gateway, a transit gateway, a
 * peered VPC, an on-premises network), labelled with the destinations. The routes are the
 * engine's (shared/routing/route-lines.ts, the table each subnet really follows); the boxes
 * are the canvas's (shared geometry, through the derived nodes). Drawn over the nodes, in
 * the canvas's coordinates, so they move and zoom with it.
 */
import { memo, useMemo } from 'react';
import { ControlButton, ViewportPortal, type Node } from '@xyflow/react';
import type { RouteLine } from '../../shared/routing';
import type { Box, Point } from './edge-routes';
import { Icon } from './icons';

const TARGET_WORDS: Record<RouteLine['target'], string> = {
  'internet-gateway': 'internet gateway',
  'egress-only-gateway': 'egress-only internet gateway',
  'nat-gateway': 'NAT gateway',
  'transit-gateway': 'transit gateway',
  peering: 'peering',
  'vpn-gateway': 'VPN gateway',
};
/** How far above its VPC a line to the internet ends. */
const INTERNET_RISE = 48;

/** Every derived node's box in canvas coordinates (a subnet's position is its VPC's plus its own). */
function absoluteBoxes(nodes: readonly Node[]): Map<string, Box> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, Box>();
  for (const node of nodes) {
    const parent = node.parentId === undefined ? undefined : byId.get(node.parentId);
    out.set(node.id, {
      x: node.position.x + (parent?.position.x ?? 0),
      y: node.position.y + (parent?.position.y ?? 0),
      width: node.width ?? 0,
      height: node.height ?? 0,
    });
  }
  return out;
}

const centre = (box: Box): Point => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Where the straight line from `from` to the box's centre meets the box's border. */
function borderToward(from: Point, box: Box): Point {
  const c = centre(box);
  const dx = from.x - c.x;
  const dy = from.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(dx === 0 ? Infinity : box.width / 2 / Math.abs(dx), dy === 0 ? Infinity : box.height / 2 / Math.abs(dy));
  return scale >= 1 ? c : { x: c.x + dx * scale, y: c.y + dy * scale };
}

interface Drawn {
  key: string;
  from: Point;
  to: Point;
  label: string;
  kind: RouteLine['target'];
  subnetId: string;
  endId?: string;
  missing?: true /** Out of the top of the VPC: the label sits above the arrow, off the VPC's name. */;
  up?: true;
}

function destinationsText(destinations: readonly string[]): string {
  return destinations.length <= 3 ? destinations.join(', ') : `${destinations.slice(0, 2).join(', ')} +${destinations.length - 2}`;
}

function drawn(lines: readonly RouteLine[], boxes: ReadonlyMap<string, Box>): Drawn[] {
  const out: Drawn[] = [];
  lines.forEach((line, i) => {
    const subnet = boxes.get(line.subnetId);
    if (!subnet) return;
    const from = centre(subnet);
    const label = `${destinationsText(line.destinations)} → ${TARGET_WORDS[line.target]}`;
    if (line.ends.length === 0) {
      // Pointing at something not in the plan (or not this VPC's): a short broken stub says so.
      out.push({
        key: `${i}`,
        from,
        to: { x: from.x + 90, y: from.y - 70 },
        label: `${destinationsText(line.destinations)} → ${TARGET_WORDS[line.target]} not in the plan`,
        kind: line.target,
        subnetId: line.subnetId,
        missing: true,
      });
      return;
    }
    for (const end of line.ends) {
      const box = boxes.get(end.id);
      if (!box) continue;
      const to = end.kind === 'internet' ? { x: from.x, y: box.y - INTERNET_RISE } : borderToward(from, box);
      out.push({
        key: `${i}-${end.id}`,
        from,
        to,
        label,
        kind: line.target,
        subnetId: line.subnetId,
        endId: end.id,
        ...(end.kind === 'internet' ? { up: true as const } : {}),
      });
    }
  });
  return out;
}

/**
 * One label for the lines that say the same thing to the same end (the subnets of one route
 * table all sending 0.0.0.0/0 to the hub), at the middle of where each line's label would be.
 */
function labelGroups(items: readonly Drawn[]): Array<{ key: string; label: string; kind: Drawn['kind']; missing?: true; up?: true; at: Point }> {
  const groups = new Map<string, { key: string; label: string; kind: Drawn['kind']; missing?: true; up?: true; points: Point[] }>();
  for (const item of items) {
    const key = `${item.kind}|${item.endId ?? item.key}|${item.label}`;
    const at = item.up ? item.to : { x: item.from.x + (item.to.x - item.from.x) * 0.6, y: item.from.y + (item.to.y - item.from.y) * 0.6 };
    const group = groups.get(key);
    if (group) group.points.push(at);
    else
      groups.set(key, {
        key,
        label: item.label,
        kind: item.kind,
        ...(item.missing ? { missing: true as const } : {}),
        ...(item.up ? { up: true as const } : {}),
        points: [at],
      });
  }
  return [...groups.values()].map(({ points, ...group }) => ({
    ...group,
    at: { x: points.reduce((sum, p) => sum + p.x, 0) / points.length, y: points.reduce((sum, p) => sum + p.y, 0) / points.length },
  }));
}

export const RouteLinesLayer = memo(function RouteLinesLayer({ lines, nodes }: { lines: readonly RouteLine[]; nodes: readonly Node[] }) {
  const boxes = useMemo(() => absoluteBoxes(nodes), [nodes]);
  const items = useMemo(() => drawn(lines, boxes), [lines, boxes]);
  const labels = useMemo(() => labelGroups(items), [items]);
  if (items.length === 0) return null;
  return (
    <ViewportPortal>
      <svg className="route-lines" aria-hidden="true" width="1" height="1">
        <defs>
          {/* One arrowhead per kind: a marker takes its colour from its own class, not from the line. */}
          {(Object.keys(TARGET_WORDS) as Array<RouteLine['target']>).map((kind) => (
            <marker
              key={kind}
              id={`route-line-arrow-${kind}`}
              className={`route-line-${kind}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="5"
              markerHeight="5"
              orient="auto"
              markerUnits="strokeWidth"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" />
            </marker>
          ))}
        </defs>
        {items.map((item) => (
          <g key={item.key} className={`route-line route-line-${item.kind}${item.missing ? ' route-line-missing' : ''}`}>
            <circle cx={item.from.x} cy={item.from.y} r={5} />
            <path
              d={`M ${item.from.x} ${item.from.y} L ${item.to.x} ${item.to.y}`}
              markerEnd={`url(#route-line-arrow-${item.kind})`}
              data-testid="route-line"
              data-subnet={item.subnetId}
              data-target={item.kind}
              data-end={item.endId ?? ''}
            />
          </g>
        ))}
      </svg>
      {labels.map((group) => (
        <div
          key={group.key}
          className={`route-line-label route-line-${group.kind}${group.missing ? ' route-line-missing' : ''}`}
          data-testid="route-line-label"
          style={{ transform: `translate(${group.at.x}px, ${group.at.y}px) translate(-50%, ${group.up ? '-125%' : '-50%'})` }}
        >
          {group.label}
        </div>
      ))}
    </ViewportPortal>
  );
});

/**
 * The toggle, as a button of the zoom buttons' row (the corner fitting keeps free), and, while
 * it is on with nothing that has routes selected, a hint above the row saying what to select.
 */
export function RouteLinesToggle({ on, onToggle, count }: { on: boolean; onToggle(): void; count: number }) {
  return (
    <>
      <ControlButton
        className={`route-lines-toggle${on ? ' on' : ''}`}
        aria-pressed={on}
        onClick={onToggle}
        data-testid="route-lines-toggle"
        title="Route lines: draw where the selected subnet's or route table's routes go (R)"
        aria-label="Route lines"
      >
        <Icon name="route" size={14} />
        <span>Routes</span>
      </ControlButton>
      {on && count === 0 ? (
        <div className="route-lines-hint" role="status">
          Select a subnet or a route table to see where its routes go.
        </div>
      ) : null}
    </>
  );
}
