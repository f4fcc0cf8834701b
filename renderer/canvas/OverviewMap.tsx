/**
 * The minimap of a large plan: the top-level boxes (VPCs, transit gateways, service and
 * external networks) and the part of the plan in view; click or drag in it to look there.
 *
 * React Flow's own MiniMap keeps a store subscription per node, so with 2,000 subnets every
 * change to the canvas re-ran 2,000 selectors, which cost more than the edit. This one
 * draws from the derived nodes, re-renders when the top-level boxes or the viewport move,
 * and skips the subnets, which are specks at minimap scale anyway.
 */
import { memo, useMemo, useRef, type PointerEvent } from 'react';
import { Panel, useReactFlow, useStore, type Node } from '@xyflow/react';
import { MINIMAP } from './view-fit';

/** The corner React Flow's minimap takes (view-fit keeps it free when framing): the zoom buttons sit above it. */
const WIDTH = MINIMAP.width;
const HEIGHT = MINIMAP.height;
const COLORS: Record<string, string> = { vpc: 'var(--vpc-border)', tgw: 'var(--tgw)', serviceNetwork: 'var(--lattice)', external: 'var(--external)' };

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

export const OverviewMap = memo(function OverviewMap({
  nodes,
  sizes,
}: {
  nodes: readonly Node[];
  sizes: ReadonlyMap<string, { width: number; height: number }>;
}) {
  const flow = useReactFlow();
  // The boxes change only when a top-level node moves or is resized, not on every edit.
  const previous = useRef<Box[]>([]);
  const boxes = useMemo(() => {
    const next: Box[] = [];
    for (const node of nodes) {
      if (node.parentId) continue;
      const size = sizes.get(node.id) ?? { width: node.width ?? 200, height: node.height ?? 90 };
      next.push({
        id: node.id,
        x: node.position.x,
        y: node.position.y,
        width: size.width,
        height: size.height,
        color: COLORS[node.type ?? ''] ?? 'var(--subnet-border)',
      });
    }
    const old = previous.current;
    const same =
      old.length === next.length &&
      old.every((b, i) => b.id === next[i]!.id && b.x === next[i]!.x && b.y === next[i]!.y && b.width === next[i]!.width && b.height === next[i]!.height);
    if (!same) previous.current = next;
    return previous.current;
  }, [nodes, sizes]);

  const [tx, ty, zoom] = useStore((s) => s.transform);
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  const view = { x: -tx / zoom, y: -ty / zoom, width: paneWidth / zoom, height: paneHeight / zoom };

  // What the map shows: every box and the view, with a margin.
  let minX = view.x;
  let minY = view.y;
  let maxX = view.x + view.width;
  let maxY = view.y + view.height;
  for (const b of boxes) {
    if (b.x < minX) minX = b.x;
    if (b.y < minY) minY = b.y;
    if (b.x + b.width > maxX) maxX = b.x + b.width;
    if (b.y + b.height > maxY) maxY = b.y + b.height;
  }
  // One scale for both axes, the content centred in the map.
  const scale = Math.max((maxX - minX) / WIDTH, (maxY - minY) / HEIGHT, 1e-6) * 1.06;
  const left = (minX + maxX - WIDTH * scale) / 2;
  const top = (minY + maxY - HEIGHT * scale) / 2;
  const viewBox = `${left} ${top} ${WIDTH * scale} ${HEIGHT * scale}`;

  const svg = useRef<SVGSVGElement>(null);
  const lookAt = (event: PointerEvent<SVGSVGElement>) => {
    const rect = svg.current?.getBoundingClientRect();
    if (!rect) return;
    const x = left + ((event.clientX - rect.left) / rect.width) * WIDTH * scale;
    const y = top + ((event.clientY - rect.top) / rect.height) * HEIGHT * scale;
    void flow.setCenter(x, y, { zoom, duration: 0 });
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap overview-map" style={{ margin: MINIMAP.margin }}>
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={viewBox}
        role="img"
        aria-label="Overview of the diagram (click to look there)"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          lookAt(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1) lookAt(e);
        }}
      >
        <Boxes boxes={boxes} />
        <rect className="overview-view" x={view.x} y={view.y} width={view.width} height={view.height} strokeWidth={2 * scale} />
      </svg>
    </Panel>
  );
});

/** The boxes, drawn again only when they change (a pan moves only the view's frame). */
const Boxes = memo(function Boxes({ boxes }: { boxes: readonly Box[] }) {
  return (
    <>
      {boxes.map((b) => (
        <rect key={b.id} x={b.x} y={b.y} width={b.width} height={b.height} rx={4} fill={b.color} />
      ))}
    </>
  );
});
