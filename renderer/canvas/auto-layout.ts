/**
 * Automatic layout with ELK (layered): places VPCs, transit gateways, service networks and
 * external networks so that connections flow one way and nothing overlaps, and routes every
 * connection orthogonally around the boxes, with room kept for its label. The positions are
 * written to plan.layout as one edit, so it can be undone like any other; the routes are
 * drawn while their two ends stay where ELK put them (edge-routes.ts).
 *
 * The boxes are given to ELK whole, at the size the canvas draws them: a VPC's inside is the
 * AZ-by-tier grid (shared geometry), which ELK must not rearrange, and no connection ends
 * inside a VPC, so there is no hierarchy for ELK to handle.
 */
import type ELKType from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { EdgeRoute, Point } from './edge-routes';

export interface LayoutBox {
  id: string;
  width: number;
  height: number;
  kind?: 'vpc' | 'tgw' | 'serviceNetwork' | 'external';
}
export interface LayoutLink {
  id: string;
  source: string;
  target: string;
  label?: string;
}
export interface AutoLayout {
  positions: Record<string, Point>;
  /** By edge id: the orthogonal path ELK routed, and where its label goes. */
  routes: Record<string, Omit<EdgeRoute, 'source' | 'target'>>;
}

let elk: InstanceType<typeof ELKType> | undefined;

/** The room an edge label takes on the canvas (11 px semibold in a pill), for ELK to keep free. */
function labelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil(text.length * 6.6 + 20), height: 20 };
}

export async function autoLayout(boxes: readonly LayoutBox[], links: readonly LayoutLink[]): Promise<AutoLayout> {
  if (!elk) {
    // ELK is large (1.5 MB): loaded the first time a layout is asked for, not at start-up.
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elk = new ELK();
  }
  const ids = new Set(boxes.map((b) => b.id));
  const kept = links.filter((l) => ids.has(l.source) && ids.has(l.target) && l.source !== l.target);
  const downward = downwardLinks(boxes, kept);
  const edges: ElkExtendedEdge[] = kept.map((l) => ({
    // ELK puts an edge's source above its target; `downward` says which way round that is.
    id: l.id,
    sources: [downward.has(l.id) ? l.source : l.target],
    targets: [downward.has(l.id) ? l.target : l.source],
    ...(l.label ? { labels: [{ id: `${l.id}#label`, text: l.label, ...labelSize(l.label) }] } : {}),
  }));
  const graph: ElkNode = await elk.layout({
    id: 'plan',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '80',
      'elk.layered.spacing.nodeNodeBetweenLayers': '110',
      // Room between a route and the boxes it passes, and between parallel routes.
      'elk.spacing.edgeNode': '40',
      'elk.spacing.edgeEdge': '24',
      'elk.layered.spacing.edgeNodeBetweenLayers': '40',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '20',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.spacing.componentComponent': '140',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
    },
    children: boxes.map((b) => ({ id: b.id, width: b.width, height: b.height })),
    edges,
  });
  const positions: Record<string, Point> = {};
  for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  const routes: AutoLayout['routes'] = {};
  // Edges at the root: their sections are in the root's coordinates, which are the canvas's.
  for (const edge of (graph.edges ?? []) as ElkExtendedEdge[]) {
    const section = edge.sections?.[0];
    if (!section || (edge.sections?.length ?? 0) > 1) continue;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x, y: p.y }));
    // Turned round for ELK: the route runs from the link's target; give it back from its source.
    if (!downward.has(edge.id)) points.reverse();
    const label = edge.labels?.[0];
    routes[edge.id] = {
      points,
      ...(label && label.x !== undefined && label.y !== undefined
        ? { label: { x: label.x + (label.width ?? 0) / 2, y: label.y + (label.height ?? 0) / 2 } }
        : {}),
    };
  }
  return { positions, routes };
}

/**
 * Which links ELK should draw from their source down to their target. A hub (transit gateway,
 * service network) with many VPCs would otherwise get them all in one row above it, a strip
 * too wide to read when fitted to the screen: the VPCs joined to hubs take turns above and
 * below the hubs, external networks go below, and a peering runs from the upper VPC down.
 */
function downwardLinks(boxes: readonly LayoutBox[], links: readonly LayoutLink[]): Set<string> {
  const kind = new Map(boxes.map((b) => [b.id, b.kind]));
  const isHub = (id: string) => kind.get(id) === 'tgw' || kind.get(id) === 'serviceNetwork';
  const below = new Set<string>();
  let turn = 0;
  for (const box of boxes) {
    if (box.kind === 'external') {
      below.add(box.id);
      continue;
    }
    if (box.kind !== 'vpc') continue;
    const onHub = links.some((l) => (l.source === box.id && isHub(l.target)) || (l.target === box.id && isHub(l.source)));
    if (onHub && turn++ % 2 === 1) below.add(box.id);
  }
  const down = new Set<string>();
  for (const link of links) {
    const sourceBelow = below.has(link.source);
    const targetBelow = below.has(link.target);
    // Hub to a VPC below it, a VPC above down to its hub; between equals, as the link runs.
    if (isHub(link.source) && !isHub(link.target)) {
      if (targetBelow) down.add(link.id);
      continue;
    }
    if (isHub(link.target) && !isHub(link.source)) {
      if (!sourceBelow) down.add(link.id);
      continue;
    }
    if (sourceBelow && !targetBelow) continue;
    down.add(link.id);
  }
  return down;
}
