/**
 * The React Flow canvas over the derived nodes and edges. It holds only what is transient
 * (positions while a drag is under way); a finished drag becomes one plan edit.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import {
  Background, ConnectionMode, Controls, MiniMap, ReactFlow, useReactFlow, useStore,
  type Connection, type Edge, type EdgeChange, type Node, type NodeChange,
} from '@xyflow/react';
import type { DerivedCanvas } from './derive';
import { edgeTypes, nodeTypes } from './nodes';
import { OverviewMap } from './OverviewMap';

export interface CanvasApi {
  /** Frame these plan objects (nodes, or the ends of edges) on screen. */
  frame(ids: readonly string[]): void;
  fitAll(): void;
  /** The flow coordinates at the middle of the visible canvas, for placing new nodes. */
  center(): { x: number; y: number };
}

interface CanvasProps {
  derived: DerivedCanvas;
  /** The current selection, read fresh: node and edge select changes arrive in separate calls. */
  getSelection(): readonly string[];
  onSelect(ids: string[]): void;
  onMoved(positions: Record<string, { x: number; y: number }>): void;
  onConnect(sourceId: string, targetId: string): void;
}

const FIT_OPTIONS = { padding: 0.04, duration: 0 } as const;
const MINIMAP_COLORS: Record<string, string> = { vpc: 'var(--vpc-border)', tgw: 'var(--tgw)', serviceNetwork: 'var(--lattice)', external: 'var(--external)' };
/*
 * Props given to React Flow keep their identity from render to render: a new function or
 * array would be written into its store on every render (each write re-runs every node's
 * selector), and a new minimap colour function re-renders every minimap node, which at
 * 2,000 subnets cost more than the edit itself.
 */
const minimapColor = (node: Node) => MINIMAP_COLORS[node.type ?? ''] ?? 'var(--subnet-border)';
const notToItself = (connection: Connection | Edge) => connection.source !== connection.target;
const MULTI_SELECTION_KEYS = ['Meta', 'Control', 'Shift'];
const PRO_OPTIONS = { hideAttribution: true };

export const Canvas = forwardRef<CanvasApi, CanvasProps>(function Canvas({ derived, getSelection, onSelect, onMoved, onConnect }, ref) {
  const flow = useReactFlow();
  const [dragging, setDragging] = useState<ReadonlyMap<string, { x: number; y: number }>>(new Map());
  const overlay = useRef(new Map<string, { base: Node; at: { x: number; y: number }; node: Node }>());

  // Level of detail for big plans: far out, subnets and NAT gateways are specks, so only the
  // top-level nodes are drawn and edges are plain lines (software rasterising is the cost).
  const large = derived.nodes.length > 400;
  const overview = useStore((s) => s.transform[2] < 0.3) && large;
  const visibleNodes = useMemo(() => (overview ? derived.nodes.filter((n) => !n.parentId) : derived.nodes), [derived.nodes, overview]);
  const simpleEdges = useRef(new WeakMap<Edge, Edge>());
  const edges = useMemo(() => {
    if (!overview) return derived.edges;
    return derived.edges.map((edge) => {
      let simple = simpleEdges.current.get(edge);
      if (!simple) { simple = { ...edge, type: 'straight', className: `${edge.className ?? ''} overview-edge` }; simpleEdges.current.set(edge, simple); }
      return simple;
    });
  }, [derived.edges, overview]);

  const nodes = useMemo(() => {
    if (dragging.size === 0) return visibleNodes;
    return visibleNodes.map((node) => {
      const at = dragging.get(node.id);
      if (!at) return node;
      const cached = overlay.current.get(node.id);
      if (cached && cached.base === node && cached.at === at) return cached.node;
      const moved = { ...node, position: at };
      overlay.current.set(node.id, { base: node, at, node: moved });
      return moved;
    });
  }, [visibleNodes, dragging]);

  // Fitting waits for React Flow to hold the new nodes: its store takes them in an effect of a
  // child component, which runs before this component's effects in the same commit.
  const fitRequested = useRef(false);
  const [fitTick, setFitTick] = useState(0);
  useEffect(() => {
    if (!fitRequested.current) return;
    fitRequested.current = false;
    void flow.fitView(FIT_OPTIONS);
    // And once more after React Flow has painted the new positions: a fit queued in the same
    // frame as a large position change can measure the old bounds.
    requestAnimationFrame(() => requestAnimationFrame(() => void flow.fitView(FIT_OPTIONS)));
  }, [derived.nodes, fitTick, flow]);

  const edgeObject = useMemo(() => new Map(derived.edges.map((e) => [e.id, (e.data as { objectId: string }).objectId])), [derived.edges]);

  /** Selection is the editor's, not React Flow's: turn its select changes into a new selection. */
  const applySelect = useCallback((changes: ReadonlyArray<{ id: string; selected: boolean }>, toObject: (id: string) => string) => {
    if (changes.length === 0) return;
    const next = new Set(getSelection());
    for (const change of changes) {
      const id = toObject(change.id);
      if (change.selected) next.add(id);
      else next.delete(id);
    }
    onSelect([...next]);
  }, [getSelection, onSelect]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
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
  }, [dragging, applySelect]);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    // Edges change only through the plan; here only their selection is taken.
    applySelect(changes.filter((c): c is EdgeChange & { type: 'select' } => c.type === 'select'), (id) => edgeObject.get(id) ?? id);
  }, [applySelect, edgeObject]);

  const onNodeDragStop = useCallback((_event: unknown, _node: Node, draggedNodes: Node[]) => {
    const positions: Record<string, { x: number; y: number }> = {};
    for (const node of draggedNodes) {
      if (node.parentId) continue;
      positions[node.id] = dragging.get(node.id) ?? node.position;
    }
    setDragging(new Map());
    overlay.current.clear();
    if (Object.keys(positions).length > 0) onMoved(positions);
  }, [dragging, onMoved]);

  const handleConnect = useCallback((connection: Connection) => {
    if (connection.source && connection.target) onConnect(connection.source, connection.target);
  }, [onConnect]);

  useImperativeHandle(ref, () => ({
    frame(ids) {
      const nodeIds = new Set<string>();
      const present = new Set(derived.nodes.map((n) => n.id));
      for (const id of ids) {
        if (present.has(id)) { nodeIds.add(id); continue; }
        for (const edge of derived.edges) {
          if ((edge.data as { objectId: string }).objectId === id || edge.id === id) { nodeIds.add(edge.source); nodeIds.add(edge.target); }
        }
      }
      if (nodeIds.size > 0) void flow.fitView({ nodes: [...nodeIds].map((id) => ({ id })), padding: 0.35, maxZoom: 1.2, duration: 0 });
    },
    fitAll() {
      fitRequested.current = true;
      setFitTick((n) => n + 1);
    },
    center() {
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!pane) return { x: 0, y: 0 };
      return flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
    },
  }), [derived, flow]);

  // Semantic zoom: far out, nodes show only their name and block, in type big enough to read.
  const far = useStore((s) => s.transform[2] < 0.5);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeDragStop={onNodeDragStop}
      onConnect={handleConnect}
      isValidConnection={notToItself}
      connectionMode={ConnectionMode.Loose}
      deleteKeyCode={null}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={MULTI_SELECTION_KEYS}
      selectNodesOnDrag={false}
      elevateNodesOnSelect={false}
      elevateEdgesOnSelect
      onlyRenderVisibleElements={large}
      fitView
      fitViewOptions={FIT_OPTIONS}
      minZoom={0.01}
      maxZoom={2.5}
      colorMode="system"
      proOptions={PRO_OPTIONS}
      className={far ? 'zoom-far' : 'zoom-near'}
      data-testid="canvas"
      aria-label="Network diagram"
    >
      <Background gap={24} size={1} />
      {/* React Flow's minimap subscribes once per node: for a large plan, a lighter one of the top-level boxes. */}
      {large ? <OverviewMap nodes={derived.nodes} sizes={derived.sizes} /> : <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Overview of the diagram" />}
      <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} />
    </ReactFlow>
  );
});
