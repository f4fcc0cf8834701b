import type { Edge, Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { labelsAlong, labelScale } from './edge-labels';

describe('edge labels on the canvas', () => {
  it('are placed as big as the farthest zoom of their step, and not at all far out', () => {
    expect(labelScale(2)).toBe(1);
    expect(labelScale(1)).toBe(1);
    expect(labelScale(0.9)).toBe(1 / 0.8);
    expect(labelScale(0.5)).toBe(1 / 0.45);
    expect(labelScale(0.44)).toBe(0);
  });

  // A transit gateway above two VPCs, a service network beside it, each joined to both VPCs.
  const box = (id: string, x: number, y: number, width: number, height: number, type: string): Node => ({
    id,
    type,
    position: { x, y },
    width,
    height,
    data: {},
  });
  const nodes = [
    box('tgw', 300, 0, 200, 60, 'tgw'),
    box('sn', 560, 0, 200, 60, 'serviceNetwork'),
    box('left', 0, 260, 380, 200, 'vpc'),
    box('right', 440, 260, 380, 200, 'vpc'),
    // A subnet is inside its VPC: not a box of its own for the labels.
    { id: 'subnet', type: 'subnet', parentId: 'left', position: { x: 20, y: 60 }, width: 100, height: 60, data: {} },
  ];
  const edge = (id: string, source: string, target: string, label: string, route?: boolean): Edge => ({
    id,
    source,
    target,
    sourceHandle: 'b',
    targetHandle: 't',
    type: 'plan',
    data: { kind: 'attachment', objectId: id, label, ...(route ? { route: { points: [] } } : {}) },
  });

  it('moves the labels that would lie on one another along their curves, more so the bigger they are drawn', () => {
    const edges = [
      edge('tgw-left', 'tgw', 'left', 'attachment'),
      edge('tgw-right', 'tgw', 'right', 'attachment'),
      edge('sn-left', 'sn', 'left', 'association'),
      edge('sn-right', 'sn', 'right', 'association'),
    ];
    const near = labelsAlong(nodes, edges, 1);
    const far = labelsAlong(nodes, edges, labelScale(0.7));
    // Only the moved ones are listed; the first stays in the middle.
    expect(near.has('tgw-left')).toBe(false);
    expect(far.size).toBeGreaterThan(0);
    expect(far.size).toBeGreaterThan(near.size);
    for (const t of [...near.values(), ...far.values()]) expect(t === 0.5 || t < 0.2 || t > 0.8).toBe(false);
  });

  it('leaves a routed edge to its route', () => {
    const edges = [edge('tgw-left', 'tgw', 'left', 'attachment', true), edge('sn-left', 'sn', 'left', 'association', true)];
    expect(labelsAlong(nodes, edges, 2).size).toBe(0);
  });
});
