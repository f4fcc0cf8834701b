/**
 * Connecting by dropping anywhere on a node, not only on its 8 px handle: a drag starts from
 * a handle as React Flow has it, and where it ends is the node under the pointer (a subnet
 * or NAT gateway stands for its VPC). While the drag is under way, every node the source
 * may connect to is lit, the one under the pointer more so, and a hint by the pointer says
 * what the drop will do or why it cannot.
 *
 * Which pairs may connect is the engine's rule (canConnect in shared/plan/edits); this file
 * only finds the nodes and draws the state.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FinalConnectionState, Node } from '@xyflow/react';
import type { ConnectionCheck } from '../../shared/plan/edits';

export interface ConnectState {
  from: string;
  /** Top-level nodes the source may connect to. */
  targets: ReadonlySet<string>;
  /** The top-level node under the pointer, and what dropping there would do. */
  over?: { id: string; check: ConnectionCheck; text: string };
  pointer: { x: number; y: number };
}

/** The top-level node (VPC, gateway, network) under a screen point, if any. */
export function nodeAt(x: number, y: number, parentOf: ReadonlyMap<string, string>): string | undefined {
  for (const element of document.elementsFromPoint(x, y)) {
    const node = element.closest('.react-flow__node');
    const id = node?.getAttribute('data-id');
    if (id) return parentOf.get(id) ?? id;
  }
  return undefined;
}

function pointerOf(event: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('changedTouches' in event) {
    const touch = event.changedTouches[0];
    return touch ? { x: touch.clientX, y: touch.clientY } : { x: -1, y: -1 };
  }
  return { x: event.clientX, y: event.clientY };
}

export function useConnectByBody({
  nodes,
  check,
  describe,
  onConnect,
}: {
  nodes: readonly Node[];
  check(sourceId: string, targetId: string): ConnectionCheck;
  describe(check: ConnectionCheck): string;
  onConnect(sourceId: string, targetId: string): void;
}) {
  const [state, setState] = useState<ConnectState | undefined>();
  const parentOf = useMemo(() => new Map(nodes.filter((n) => n.parentId).map((n) => [n.id, n.parentId!])), [nodes]);

  const onConnectStart = useCallback(
    (event: MouseEvent | TouchEvent, params: { nodeId: string | null }) => {
      const from = params.nodeId;
      if (!from) return;
      const targets = new Set<string>();
      for (const node of nodes) if (!node.parentId && node.id !== from && check(from, node.id).ok) targets.add(node.id);
      setState({ from, targets, pointer: pointerOf(event) });
    },
    [nodes, check],
  );

  // Follow the pointer while connecting: which node is under it, and what a drop would do.
  const from = state?.from;
  useEffect(() => {
    if (from === undefined) return;
    const move = (event: MouseEvent | TouchEvent) => {
      const pointer = pointerOf(event);
      const id = nodeAt(pointer.x, pointer.y, parentOf);
      setState((current) => {
        if (!current) return current;
        if (id === undefined || id === current.from) return { ...current, over: undefined, pointer };
        if (current.over?.id === id) return { ...current, pointer };
        const result = check(current.from, id);
        return { ...current, over: { id, check: result, text: describe(result) }, pointer };
      });
    };
    document.addEventListener('mousemove', move);
    document.addEventListener('touchmove', move);
    return () => {
      document.removeEventListener('mousemove', move);
      document.removeEventListener('touchmove', move);
    };
  }, [from, parentOf, check, describe]);

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
      const source = state?.from ?? connection.fromNode?.id;
      setState(undefined);
      if (!source) return;
      const pointer = pointerOf(event);
      // The node under the pointer wins; else the handle React Flow snapped to (a drop just outside a node's edge).
      const target = nodeAt(pointer.x, pointer.y, parentOf) ?? (connection.toNode ? (parentOf.get(connection.toNode.id) ?? connection.toNode.id) : undefined);
      if (target === undefined || target === source) return;
      onConnect(source, target);
    },
    [state, parentOf, onConnect],
  );

  /** The class a node gets while a connection is being dragged: what it would do as the drop target. */
  const classFor = useCallback(
    (node: Node): string | undefined => {
      if (!state) return undefined;
      // A subnet or NAT gateway is dimmed with its VPC when the VPC cannot be the target.
      if (node.parentId) return node.parentId !== state.from && !state.targets.has(node.parentId) ? 'connect-other' : undefined;
      if (node.id === state.from) return 'connect-source';
      const over = state.over?.id === node.id;
      if (state.targets.has(node.id)) return over ? 'connect-target connect-over' : 'connect-target';
      return over ? 'connect-refused' : 'connect-other';
    },
    [state],
  );

  return { connecting: state, onConnectStart, onConnectEnd, classFor };
}
