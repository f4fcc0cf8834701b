import { describe, expect, it } from 'vitest';
import { edgeCurve, pointOnCurve } from './diagram';
import { placeEdgeLabels, type EdgeLabel } from './edge-labels';
import type { Box } from './geometry';

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function labelBox(label: EdgeLabel, t: number): Box {
  const p = pointOnCurve(label.curve, t);
  return { x: p.x - label.width / 2, y: p.y - label.height / 2, width: label.width, height: label.height };
}

describe('placeEdgeLabels', () => {
  // A hub above two VPCs side by side, and a second hub beside the first: the curves from the
  // hubs to the VPCs meet in the gap between them, and so would their labels.
  const hub: Box = { x: 300, y: 0, width: 200, height: 60 };
  const other: Box = { x: 560, y: 0, width: 200, height: 60 };
  const left: Box = { x: 0, y: 260, width: 380, height: 200 };
  const right: Box = { x: 440, y: 260, width: 380, height: 200 };
  const boxes = [hub, other, left, right];
  const label = (id: string, a: Box, b: Box): EdgeLabel => ({ id, curve: edgeCurve(a, b), width: 120, height: 30 });
  const labels = [label('hub-left', hub, left), label('hub-right', hub, right), label('other-left', other, left), label('other-right', other, right)];

  it('moves a label along its curve off the labels before it and off the boxes', () => {
    // As drawn in the middles, two of them overlap.
    const middles = labels.map((l) => labelBox(l, 0.5));
    expect(middles.some((a, i) => middles.slice(i + 1).some((b) => overlap(a, b)))).toBe(true);
    const along = placeEdgeLabels(labels, boxes);
    const placed = labels.map((l) => labelBox(l, along.get(l.id)!));
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(overlap(a, b), `${labels[i]!.id} on another label`).toBe(false);
      for (const box of boxes) expect(overlap(a, box), `${labels[i]!.id} on a box`).toBe(false);
    }
    // The first stays in the middle; the others move no more than they must.
    expect(along.get('hub-left')).toBe(0.5);
    for (const t of along.values()) expect(t).toBeGreaterThanOrEqual(0.2);
  });

  it('leaves every label in the middle when the middles are clear', () => {
    const apart = [label('a', hub, left), label('b', { x: 2000, y: 0, width: 200, height: 60 }, { x: 2000, y: 400, width: 380, height: 200 })];
    expect([...placeEdgeLabels(apart, boxes).values()]).toEqual([0.5, 0.5]);
  });

  it('keeps a label off the others even where every spot is on a box, and in the middle where nothing is clear', () => {
    const under: Box = { x: -1000, y: -1000, width: 4000, height: 4000 };
    // hub-right and other-left: their middles overlap.
    const pair = labels.slice(1, 3);
    expect(overlap(labelBox(pair[0]!, 0.5), labelBox(pair[1]!, 0.5))).toBe(true);
    const along = placeEdgeLabels(pair, [under]);
    const [a, b] = pair.map((l) => labelBox(l, along.get(l.id)!));
    expect(overlap(a!, b!)).toBe(false);
    // Two labels on one short curve overlap wherever they go: the second stays in the middle.
    const short = { id: 'short', curve: edgeCurve({ x: 0, y: 0, width: 10, height: 10 }, { x: 0, y: 14, width: 10, height: 10 }), width: 90, height: 20 };
    const twice = placeEdgeLabels([short, { ...short, id: 'again' }], []);
    expect(twice.get('again')).toBe(0.5);
  });
});
