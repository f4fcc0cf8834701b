/**
 * Automatic layout with ELK (layered): places VPCs, transit gateways, service networks and
 * external networks so that connections flow one way and nothing overlaps. The result is
 * written to plan.layout as one edit, so it can be undone like any other.
 */
import type ELKType from 'elkjs/lib/elk.bundled.js';

export interface LayoutBox { id: string; width: number; height: number }
export interface LayoutLink { id: string; source: string; target: string }

let elk: InstanceType<typeof ELKType> | undefined;

export async function autoLayout(boxes: readonly LayoutBox[], links: readonly LayoutLink[]): Promise<Record<string, { x: number; y: number }>> {
  if (!elk) {
    // ELK is large (1.5 MB): loaded the first time a layout is asked for, not at start-up.
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elk = new ELK();
  }
  const ids = new Set(boxes.map((b) => b.id));
  const graph = await elk.layout({
    id: 'plan',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '80',
      'elk.layered.spacing.nodeNodeBetweenLayers': '120',
      'elk.spacing.componentComponent': '120',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
    },
    children: boxes.map((b) => ({ id: b.id, width: b.width, height: b.height })),
    edges: links.filter((l) => ids.has(l.source) && ids.has(l.target) && l.source !== l.target).map((l) => ({ id: l.id, sources: [l.source], targets: [l.target] })),
  });
  const positions: Record<string, { x: number; y: number }> = {};
  for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}
