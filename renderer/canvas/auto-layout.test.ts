import { describe, expect, it } from 'vitest';
import hubAndSpoke from '../../examples/hub-and-spoke.vpcplan.json';
import { boxesOverlap, planDiagram, segmentCrossesBox } from '../../shared/layout';
import { validatePlan } from '../../shared/plan/load';
import { autoLayout } from './auto-layout';
import { currentRoute, roundedPath, routeMiddle } from './edge-routes';

function example() {
  const result = validatePlan(hubAndSpoke);
  if (!result.ok) throw new Error(result.summary);
  return result.plan;
}

describe('automatic layout (ELK)', () => {
  it('routes every connection orthogonally, into no box but its two ends, and overlaps no boxes', async () => {
    const diagram = planDiagram(example());
    const boxes = diagram.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height, kind: n.kind }));
    const links = diagram.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, label: e.label }));
    const { positions, routes } = await autoLayout(boxes, links);
    const placed = boxes.map((b) => ({ ...b, ...positions[b.id]! }));
    for (const a of placed) for (const b of placed) if (a !== b) expect(boxesOverlap(a, b), `${a.id} on ${b.id}`).toBe(false);
    expect(Object.keys(routes).sort()).toEqual(links.map((l) => l.id).sort());
    for (const link of links) {
      const points = routes[link.id]!.points;
      // From the source's border to the target's, whichever way ELK was asked to draw it.
      const source = placed.find((b) => b.id === link.source)!;
      const target = placed.find((b) => b.id === link.target)!;
      const onBorder = (p: { x: number; y: number }, b: typeof source) =>
        p.x >= b.x - 1 && p.x <= b.x + b.width + 1 && p.y >= b.y - 1 && p.y <= b.y + b.height + 1;
      expect(onBorder(points[0]!, source), `${link.id} starts at ${link.source}`).toBe(true);
      expect(onBorder(points.at(-1)!, target), `${link.id} ends at ${link.target}`).toBe(true);
      for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1]!, points[i]!];
        expect(Math.abs(a.x - b.x) < 0.01 || Math.abs(a.y - b.y) < 0.01, `${link.id} segment ${i} is orthogonal`).toBe(true);
        for (const box of placed) {
          if (box.id === link.source || box.id === link.target) continue;
          expect(segmentCrossesBox({ from: a, to: b }, box), `${link.id} through ${box.id}`).toBe(false);
        }
      }
    }
    // The VPCs on the hub take turns above and below it: not all in one row.
    const hub = placed.find((b) => b.id === 'tgw-hub')!;
    const attached = placed.filter((b) => diagram.edges.some((e) => e.target === 'tgw-hub' && e.source === b.id && b.kind === 'vpc'));
    expect(attached.some((b) => b.y < hub.y)).toBe(true);
    expect(attached.some((b) => b.y > hub.y)).toBe(true);
  }, 30_000);
});

describe('edge routes', () => {
  const source = { x: 0, y: 0, width: 100, height: 50 };
  const target = { x: 300, y: 200, width: 100, height: 50 };
  const route = {
    points: [
      { x: 100, y: 25 },
      { x: 200, y: 25 },
      { x: 200, y: 225 },
      { x: 300, y: 225 },
    ],
    source,
    target,
  };

  it('is drawn while both ends stay where they were and no box sits on it', () => {
    expect(currentRoute(route, source, target, [])).toBe(route);
    expect(currentRoute(route, { ...source, x: 10 }, target, [])).toBeUndefined();
    expect(currentRoute(route, source, target, [{ x: 180, y: 100, width: 40, height: 40 }])).toBeUndefined();
    expect(currentRoute(route, source, target, [{ x: 500, y: 500, width: 40, height: 40 }])).toBe(route);
  });

  it('rounds its corners and finds its middle by length', () => {
    expect(roundedPath(route.points, 10)).toBe('M 100 25 L 190 25 Q 200 25 200 35 L 200 215 Q 200 225 210 225 L 300 225');
    expect(routeMiddle(route.points)).toEqual({ x: 200, y: 125 });
  });
});
