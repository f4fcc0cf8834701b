/**
 * The reachability question the left panel asks (from one object to another), the engine's
 * answer, and the path it lights up on the canvas while the Reachability tab is open.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Plan } from '../../shared/plan/schema';
import { reach, type ReachResult } from '../../shared/routing';
import type { CanvasApi } from '../canvas/Canvas';
import type { Highlight } from '../canvas/derive';

export interface ReachPair {
  from: string;
  to: string;
}
export const NO_PAIR: ReachPair = { from: '', to: '' };

export function useReach(plan: Plan, showing: boolean, canvas: RefObject<CanvasApi | null>) {
  const [pair, setPair] = useState<ReachPair>(NO_PAIR);
  const result: ReachResult | undefined = useMemo(() => (pair.from && pair.to ? reach(plan, pair.from, pair.to) : undefined), [plan, pair]);
  const highlight: Highlight | undefined = useMemo(() => {
    if (!result || !showing) return undefined;
    const ids = new Set<string>();
    for (const hop of [...result.path, ...(result.reachable ? (result.returnPath ?? []) : [])]) ids.add(hop.id);
    for (const hop of result.path) {
      if (hop.kind === 'subnet') {
        const s = plan.subnets.find((x) => x.id === hop.id);
        if (s) ids.add(s.vpcId);
      }
    }
    return { nodes: ids, edges: ids };
  }, [result, showing, plan.subnets]);

  // Frame the path when another pair is picked (not after every edit).
  const highlightRef = useRef(highlight);
  highlightRef.current = highlight;
  useEffect(() => {
    const current = highlightRef.current;
    if (!current || current.nodes.size === 0) return;
    const ids = [...current.nodes];
    requestAnimationFrame(() => canvas.current?.frame(ids));
  }, [pair.from, pair.to, showing, canvas]);

  return { pair, setPair, result, highlight };
}
