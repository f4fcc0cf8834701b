/**
 * The React Flow canvas over the derived nodes and edges. It holds only what is transient
 * (positions while a drag is under way); a finished drag becomes one plan edit.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type CSSProperties } from 'react';
import {
  Background,
  ConnectionMode,
  Controls,
  getViewportForBounds,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import type { ConnectionCheck } from '../../shared/plan/edits';
import type { RouteLine } from '../../shared/routing';
import { useConnectByBody } from './connect-by-body';
import type { DerivedCanvas } from './derive';
import { labelsAlong, labelScale, type LabelledEdgeData } from './edge-labels';
import { edgeTypes, nodeTypes, VpcPlates } from './nodes';
import { RouteLinesLayer, RouteLinesToggle } from './RouteLines';
import { boundsOf, CONTROLS, fitPadding, MINIMAP, viewShowing } from './view-fit';
import { OverviewMap } from './OverviewMap';

export interface CanvasApi {
  /** Frame these plan objects (nodes, or the ends of edges) on screen; `coveredLeft`: pixels of the canvas's left edge a panel covers. */
  frame(ids: readonly string[], options?: { coveredLeft?: number }): void;
  fitAll(): void;
  /** The flow coordinates at the middle of the visible canvas, for placing new nodes. */
  center(): { x: number; y: number };
  /** Bring these objects into sight once the canvas holds them (a new node): the view moves only if they are not in sight. */
  reveal(ids: readonly string[]): void;
}

interface CanvasProps {
  derived: DerivedCanvas;
  /** The current selection, read fresh: node and edge select changes arrive in separate calls. */
  getSelection(): readonly string[];
  onSelect(ids: string[]): void;
  onMoved(positions: Record<string, { x: number; y: number }>): void;
  onConnect(sourceId: string, targetId: string): void;
  /** Whether (and as what) one node may connect to another: the engine's rule. */
  checkConnection(sourceId: string, targetId: string): ConnectionCheck;
  describeConnection(check: ConnectionCheck): string;
  /** The selection's route lines, when they are switched on (undefined: off). */
  routeLines: readonly RouteLine[] | undefined;
  onToggleRouteLines(): void;
}

/** Below this zoom a subnet's words would be under 11 px on screen: VPCs show their name, block and tiers only. */
const FAR_ZOOM = 0.45;
/** From this zoom every detail is drawn at its own size (none is under 11 px, so none is under 11 px on screen). */
const NEAR_ZOOM = 1;
const MIN_ZOOM = 0.01;
const MAX_ZOOM = 2.5;
/** Screen pixels kept round a fitted plan. */
const FIT_MARGIN = 24;
const MINIMAP_COLORS: Record<string, string> = { vpc: 'var(--vpc-border)', tgw: 'var(--tgw)', serviceNetwork: 'var(--lattice)', external: 'var(--external)' };
/*
 * Props given to React Flow keep their identity from render to render: a new function or
 * array would be written into its store on every render (each write re-runs every node's
 * selector), and a new minimap colour function re-renders every minimap node, which at
 * 2,000 subnets cost more than the edit itself.
 */
const minimapColor = (node: Node) => MINIMAP_COLORS[node.type ?? ''] ?? 'var(--subnet-border)';
const MULTI_SELECTION_KEYS = ['Meta', 'Control', 'Shift'];
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_STYLE = { width: MINIMAP.width, height: MINIMAP.height, margin: MINIMAP.margin };

export const Canvas = forwardRef<CanvasApi, CanvasProps>(function Canvas(
  { derived, getSelection, onSelect, onMoved, onConnect, checkConnection, describeConnection, routeLines, onToggleRouteLines },
  ref,
) {
  const flow = useReactFlow();
  const [dragging, setDragging] = useState<ReadonlyMap<string, { x: number; y: number }>>(new Map());
  const overlay = useRef(new Map<string, { base: Node; at: { x: number; y: number }; node: Node }>());

  // Level of detail for big plans: far out, subnets and NAT gateways are specks, so only the
  // top-level nodes are drawn and edges are plain lines (software rasterising is the cost).
  const large = derived.nodes.length > 400;
  const overview = useStore((s) => s.transform[2] < 0.3) && large;
  // Semantic zoom (app.css): far out a VPC is its name and block in big type (VpcPlates) over
  // its subnets drawn as plain tier-coloured cells; between, names and blocks; close in, every
  // detail. Type that must stay readable is sized by --inverse-zoom, so it keeps its size on
  // screen as the view zooms out.
  // Rounded down, so type sized by the inverse is never under its size on screen; in steps, so zooming re-renders seldom.
  const zoom = useStore((s) => Math.floor(s.transform[2] * 100) / 100 || 0.01);
  const level = zoom < FAR_ZOOM ? 'zoom-far' : zoom < NEAR_ZOOM ? 'zoom-mid' : 'zoom-near';
  const zoomStyle = useMemo(() => ({ '--inverse-zoom': String(1 / zoom) }) as CSSProperties, [zoom]);
  const far = level === 'zoom-far';
  const visibleNodes = useMemo(() => (overview ? derived.nodes.filter((n) => !n.parentId) : derived.nodes), [derived.nodes, overview]);
  const simpleEdges = useRef(new WeakMap<Edge, Edge>());
  // Labels kept off each other and off the boxes, for the zoom's step (edge-labels.ts); far out none are drawn.
  const scale = labelScale(zoom);
  const labelTs = useMemo(
    () => (scale > 0 && !overview ? labelsAlong(derived.nodes, derived.edges, scale) : undefined),
    [derived.nodes, derived.edges, scale, overview],
  );
  const labelledEdges = useRef(new WeakMap<Edge, { t: number; edge: Edge }>());
  const edges = useMemo(() => {
    if (!overview) {
      if (!labelTs || labelTs.size === 0) return derived.edges;
      return derived.edges.map((edge) => {
        const t = labelTs.get(edge.id);
        if (t === undefined) return edge;
        const cached = labelledEdges.current.get(edge);
        if (cached?.t === t) return cached.edge;
        const moved = { ...edge, data: { ...(edge.data as LabelledEdgeData), labelT: t } };
        labelledEdges.current.set(edge, { t, edge: moved });
        return moved;
      });
    }
    return derived.edges.map((edge) => {
      let simple = simpleEdges.current.get(edge);
      if (!simple) {
        simple = { ...edge, type: 'straight', className: `${edge.className ?? ''} overview-edge` };
        simpleEdges.current.set(edge, simple);
      }
      return simple;
    });
  }, [derived.edges, overview, labelTs]);

  const connect = useConnectByBody({ nodes: derived.nodes, check: checkConnection, describe: describeConnection, onConnect });
  const { classFor } = connect;
  const connecting = connect.connecting !== undefined;

  const nodes = useMemo(() => {
    if (dragging.size === 0 && !connecting) return visibleNodes;
    return visibleNodes.map((node) => {
      const role = classFor(node);
      if (role) return { ...node, className: `${node.className ?? ''} ${role}` };
      const at = dragging.get(node.id);
      if (!at) return node;
      const cached = overlay.current.get(node.id);
      if (cached && cached.base === node && cached.at === at) return cached.node;
      const moved = { ...node, position: at };
      overlay.current.set(node.id, { base: node, at, node: moved });
      return moved;
    });
  }, [visibleNodes, dragging, connecting, classFor]);

  /**
   * Fit these nodes (or the whole plan) to the pane, clear of the minimap's corner
   * (view-fit.ts). `margin` is in screen pixels.
   */
  const store = useStoreApi();
  // From the derived nodes, not React Flow's: far out the subnets are not drawn, but can be framed.
  const derivedRef = useRef(derived);
  derivedRef.current = derived;
  const fitTo = useCallback(
    (ids?: ReadonlySet<string>, margin = FIT_MARGIN, maxZoom = MAX_ZOOM) => {
      const { width, height } = store.getState();
      if (width === 0 || height === 0) return;
      const bounds = boundsOf(derivedRef.current.nodes, ids);
      // Nothing to fit (a new, empty plan): full size, the origin in the middle, where the first node goes.
      if (!bounds) {
        if (!ids) void flow.setViewport({ x: width / 2, y: height / 2, zoom: 1 }, { duration: 0 });
        return;
      }
      void flow.setViewport(getViewportForBounds(bounds, width, height, MIN_ZOOM, maxZoom, fitPadding({ width, height }, bounds, margin)), { duration: 0 });
    },
    [flow, store],
  );
  const fitAllNow = useCallback(() => fitTo(), [fitTo]);

  // Fitting waits for React Flow to hold the new nodes: its store takes them in an effect of a
  // child component, which runs before this component's effects in the same commit.
  const fitRequested = useRef(true);
  const [fitTick, setFitTick] = useState(0);
  const paneReady = useStore((s) => s.width > 0 && s.height > 0);
  useEffect(() => {
    if (!fitRequested.current || !paneReady) return;
    fitRequested.current = false;
    fitTo();
    // And once more after React Flow has painted the new positions: a fit queued in the same
    // frame as a large position change can measure the old bounds.
    requestAnimationFrame(() => requestAnimationFrame(() => fitTo()));
  }, [derived.nodes, fitTick, fitTo, paneReady]);

  // Revealing waits, like fitting, for the derived nodes to hold what was just added.
  const toReveal = useRef<ReadonlySet<string> | undefined>(undefined);
  const [revealTick, setRevealTick] = useState(0);
  useEffect(() => {
    const ids = toReveal.current;
    if (!ids || !paneReady) return;
    const bounds = boundsOf(derived.nodes, ids);
    if (!bounds) return;
    toReveal.current = undefined;
    const { width, height, transform } = store.getState();
    const view = { x: transform[0], y: transform[1], zoom: transform[2] };
    // A new subnet or NAT gateway is not drawn far out: show its VPC close enough to see it.
    const parents = new Set(derived.nodes.filter((n) => ids.has(n.id) && n.parentId).map((n) => n.parentId!));
    if (parents.size > 0 && view.zoom < FAR_ZOOM) {
      fitTo(parents, 80, 1);
      return;
    }
    const next = viewShowing(view, { width, height }, bounds, FIT_MARGIN);
    if (!next) fitTo(ids, 80, view.zoom);
    else if (next !== view) void flow.setViewport(next, { duration: 0 });
  }, [derived.nodes, revealTick, paneReady, store, flow, fitTo]);

  const edgeObject = useMemo(() => new Map(derived.edges.map((e) => [e.id, (e.data as { objectId: string }).objectId])), [derived.edges]);

  /** Selection is the editor's, not React Flow's: turn its select changes into a new selection. */
  const applySelect = useCallback(
    (changes: ReadonlyArray<{ id: string; selected: boolean }>, toObject: (id: string) => string) => {
      if (changes.length === 0) return;
      const next = new Set(getSelection());
      for (const change of changes) {
        const id = toObject(change.id);
        if (change.selected) next.add(id);
        else next.delete(id);
      }
      onSelect([...next]);
    },
    [getSelection, onSelect],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      let moved: Map<string, { x: number; y: number }> | undefined;
      const selects: Array<{ id: string; selected: boolean }> = [];
      for (const change of changes) {
        if (change.type === 'position' && change.position && change.dragging) {
          moved ??= new Map(dragging);
          moved.set(change.id, change.position);
        } else if (change.type === 'select') selects.push(change);
      }
      if (moved) setDragging(moved);
      applySelect(selects, (id) => id);
    },
    [dragging, applySelect],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      // Edges change only through the plan; here only their selection is taken.
      applySelect(
        changes.filter((c): c is EdgeChange & { type: 'select' } => c.type === 'select'),
        (id) => edgeObject.get(id) ?? id,
      );
    },
    [applySelect, edgeObject],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: Node, draggedNodes: Node[]) => {
      const positions: Record<string, { x: number; y: number }> = {};
      for (const node of draggedNodes) {
        if (node.parentId) continue;
        positions[node.id] = dragging.get(node.id) ?? node.position;
      }
      setDragging(new Map());
      overlay.current.clear();
      if (Object.keys(positions).length > 0) onMoved(positions);
    },
    [dragging, onMoved],
  );

  const isValidConnection = useCallback((c: Edge | Connection) => checkConnection(c.source, c.target).ok, [checkConnection]);

  useImperativeHandle(
    ref,
    () => ({
      frame(ids, options) {
        const nodeIds = new Set<string>();
        const present = new Set(derived.nodes.map((n) => n.id));
        for (const id of ids) {
          if (present.has(id)) {
            nodeIds.add(id);
            continue;
          }
          for (const edge of derived.edges) {
            if ((edge.data as { objectId: string }).objectId === id || edge.id === id) {
              nodeIds.add(edge.source);
              nodeIds.add(edge.target);
            }
          }
        }
        const covered = options?.coveredLeft ?? 0;
        // A panel over the canvas's left edge (the compare list): keep the framed objects clear of it.
        if (covered > 0 && nodeIds.size > 0)
          void flow.fitView({
            nodes: [...nodeIds].map((id) => ({ id })),
            padding: { y: 0.35, right: 0.35, left: `${Math.round(covered + 32)}px` },
            maxZoom: 1.2,
            duration: 0,
          });
        else if (nodeIds.size > 0) fitTo(nodeIds, 80, 1.2);
      },
      fitAll() {
        fitRequested.current = true;
        setFitTick((n) => n + 1);
      },
      reveal(ids) {
        toReveal.current = new Set(ids);
        setRevealTick((n) => n + 1);
      },
      center() {
        const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
        if (!pane) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
      },
    }),
    [derived, flow, fitTo],
  );

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeDragStop={onNodeDragStop}
      onConnectStart={connect.onConnectStart}
      onConnectEnd={connect.onConnectEnd}
      isValidConnection={isValidConnection}
      connectionMode={ConnectionMode.Loose}
      deleteKeyCode={null}
      // The editor's command table owns the diagram's keys (editor/use-keyboard, editor/canvas-focus).
      disableKeyboardA11y
      selectionKeyCode="Shift"
      multiSelectionKeyCode={MULTI_SELECTION_KEYS}
      selectNodesOnDrag={false}
      elevateNodesOnSelect={false}
      elevateEdgesOnSelect
      onlyRenderVisibleElements={large}
      minZoom={MIN_ZOOM}
      maxZoom={MAX_ZOOM}
      colorMode="system"
      proOptions={PRO_OPTIONS}
      className={`${level}${connecting ? ' connecting-by-body' : ''}`}
      style={zoomStyle}
      data-testid="canvas"
      aria-label="Network diagram"
    >
      <Background gap={24} size={1} />
      {/* The minimap and the zoom buttons share the bottom-right corner, which fitting keeps free. */}
      {/* React Flow's minimap subscribes once per node: for a large plan, a lighter one of the top-level boxes. */}
      {large ? (
        <OverviewMap nodes={derived.nodes} sizes={derived.sizes} />
      ) : (
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Overview of the diagram" style={MINIMAP_STYLE} />
      )}
      <Controls
        showInteractive={false}
        position="bottom-right"
        orientation="horizontal"
        onFitView={fitAllNow}
        style={{ margin: MINIMAP.margin, marginBottom: MINIMAP.height + 2 * MINIMAP.margin + CONTROLS.gap, height: CONTROLS.height }}
      >
        <RouteLinesToggle on={routeLines !== undefined} onToggle={onToggleRouteLines} count={routeLines?.length ?? 0} />
      </Controls>
      {far ? <VpcPlates nodes={derived.nodes} /> : null}
      {routeLines ? <RouteLinesLayer lines={routeLines} nodes={derived.nodes} /> : null}
      {connect.connecting?.over ? (
        <div
          className={`connect-hint ${connect.connecting.over.check.ok ? 'connect-hint-ok' : 'connect-hint-refused'}`}
          role="status"
          data-testid="connect-hint"
          style={{ left: connect.connecting.pointer.x + 16, top: connect.connecting.pointer.y + 16 }}
        >
          {connect.connecting.over.text}
        </div>
      ) : null}
    </ReactFlow>
  );
});
