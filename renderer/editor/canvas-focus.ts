/**
 * The diagram by keyboard: where the focus is, and moving it. React Flow puts every
 * connection before the first node in the DOM, so the browser's own Tab visits the edges
 * first (45 presses to the first node in the example); here Tab follows the diagram's reading
 * order instead (nodes top left to bottom right, each VPC's subnets after it, then the
 * connections) and leaves the diagram after the last one.
 *
 * "The diagram has the focus" decides whether the canvas keys (Delete, the arrows...) act:
 * the canvas area itself, its pane, a node or a connection, or something inside a node.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { readingOrder, type Placed } from './reading-order';

const NODE = '.react-flow__node';
const EDGE = '.react-flow__edge';
const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
const TEXT_ENTRY = 'input:not([type="checkbox"]):not([type="radio"]):not([type="range"]):not([type="button"]), textarea, [contenteditable="true"]';

export interface CanvasFocus {
  /** The canvas area (focusable itself, so a click on the empty diagram gives it the focus). */
  area: React.RefObject<HTMLElement | null>;
  hasFocus(): boolean;
  /** The plan object whose node or connection has the focus. */
  focusedObject(): string | undefined;
  /** Tab and Shift+Tab: the next or previous node or connection in reading order, else out of the diagram. */
  step(direction: 1 | -1): void;
  /** Into the diagram: its first node (or, going back, its last connection). */
  enter(direction: 1 | -1): void;
  /** Focus an object's node (or connection); false when it is not on the canvas. */
  focusObject(id: string): boolean;
  /** Keep the focus in the diagram when the focused node goes away (it was deleted). */
  keep(): void;
  /** Enter: into the inspector's first field; Escape there (in any field: it first puts back what the field had) comes back to `returnTo`. */
  enterInspector(returnTo: string | undefined): void;
}

function visible(element: Element): boolean {
  return element.getClientRects().length > 0;
}

export function useCanvasFocus(): CanvasFocus {
  const flow = useReactFlow();
  const area = useRef<HTMLElement | null>(null);
  /** The last Tab press, to tell a Tab into the diagram from a click into it. */
  const lastTab = useRef<{ at: number; back: boolean }>({ at: 0, back: false });
  const inspectorReturn = useRef<string | undefined>(undefined);

  const api = useMemo<CanvasFocus>(() => {
    const objectOf = (element: Element | null): string | undefined => {
      const node = element?.closest<HTMLElement>(NODE);
      if (node?.dataset.id) return node.dataset.id;
      const edge = element?.closest<HTMLElement>(EDGE);
      if (!edge?.dataset.id) return undefined;
      const data = flow.getEdge(edge.dataset.id)?.data as { objectId?: string } | undefined;
      return data?.objectId ?? edge.dataset.id;
    };

    /** Nodes in reading order (by their place on the diagram), then the connections in reading order on screen. */
    const order = (): HTMLElement[] => {
      const root = area.current;
      if (!root) return [];
      const nodes = new Map<string, HTMLElement>();
      const placed: Placed[] = [];
      for (const element of root.querySelectorAll<HTMLElement>(NODE)) {
        const id = element.dataset.id;
        const internal = id ? flow.getInternalNode(id) : undefined;
        if (!id || !internal || !visible(element)) continue;
        nodes.set(id, element);
        const { x, y } = internal.internals.positionAbsolute;
        placed.push({
          id,
          x,
          y,
          width: internal.measured.width ?? 0,
          height: internal.measured.height ?? 0,
          ...(internal.parentId ? { parentId: internal.parentId } : {}),
        });
      }
      const edges = new Map<string, HTMLElement>();
      const edgeBoxes: Placed[] = [];
      for (const element of root.querySelectorAll<HTMLElement>(EDGE)) {
        const id = element.dataset.id;
        if (!id || element.tabIndex < 0 || !visible(element)) continue;
        const box = element.getBoundingClientRect();
        edges.set(id, element);
        edgeBoxes.push({ id, x: box.left, y: box.top, width: box.width, height: box.height });
      }
      return [...readingOrder(placed).map((id) => nodes.get(id)!), ...readingOrder(edgeBoxes).map((id) => edges.get(id)!)];
    };

    /** Pans so the element shows, at the same zoom (the browser's own scrolling would shift the whole diagram). */
    const reveal = (element: HTMLElement) => {
      const root = area.current;
      if (!root) return;
      const view = root.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      const inside = box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom;
      if (inside) return;
      const middle = flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      void flow.setCenter(middle.x, middle.y, { zoom: flow.getZoom(), duration: 0 });
    };

    const focus = (element: HTMLElement) => {
      element.focus({ preventScroll: true });
      reveal(element);
    };

    /** Out of the diagram: the first tabbable element after it (or the last before it). */
    const leave = (direction: 1 | -1) => {
      const root = area.current;
      const viewport = root?.querySelector('.react-flow__viewport');
      if (!root || !viewport) return;
      const all = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => visible(el) && !viewport.contains(el) && !el.closest('[inert]'));
      const after = (el: HTMLElement) => (viewport.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      const target = direction === 1 ? all.find(after) : [...all].reverse().find((el) => !after(el) && !root.contains(el));
      target?.focus();
    };

    return {
      area,
      hasFocus() {
        const root = area.current;
        const active = document.activeElement;
        if (!root || !active || !root.contains(active)) return false;
        if (active === root || active.matches('.react-flow, .react-flow__pane, .react-flow__renderer')) return true;
        return active.closest(`${NODE}, ${EDGE}`) !== null && !active.matches(TEXT_ENTRY);
      },
      focusedObject: () => objectOf(document.activeElement),
      step(direction) {
        const list = order();
        const active = document.activeElement;
        const at = list.findIndex((el) => el === active || el.contains(active));
        const next = at < 0 ? (direction === 1 ? 0 : list.length - 1) : at + direction;
        const target = list[next];
        if (target && !(at < 0 && direction === -1 && active === area.current)) focus(target);
        else leave(direction);
      },
      enter(direction) {
        const list = order();
        const target = direction === 1 ? list[0] : list[list.length - 1];
        if (target) focus(target);
      },
      focusObject(id) {
        const root = area.current;
        if (!root) return false;
        const element =
          root.querySelector<HTMLElement>(`${NODE}[data-id="${CSS.escape(id)}"]`) ??
          [...root.querySelectorAll<HTMLElement>(EDGE)].find((el) => objectOf(el) === id);
        if (!element) return false;
        focus(element);
        return true;
      },
      keep() {
        const root = area.current;
        if (root && (!document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected))
          root.focus({ preventScroll: true });
      },
      enterInspector(returnTo) {
        inspectorReturn.current = returnTo;
        // After React has shown the object's fields.
        requestAnimationFrame(() => {
          const inspector = document.querySelector<HTMLElement>('[data-testid="inspector"]');
          const field =
            inspector?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ??
            inspector?.querySelector<HTMLElement>(TABBABLE);
          field?.focus();
        });
      },
    };
  }, [flow]);

  useEffect(() => {
    // Any other key since (Escape out of the inspector, Enter...) means the next focus change is not that Tab's.
    const onTab = (event: KeyboardEvent) => {
      lastTab.current = event.key === 'Tab' ? { at: performance.now(), back: event.shiftKey } : { at: 0, back: false };
    };
    // Escape in the inspector goes back to the object on the diagram. After the field has had
    // the key (a text field puts back what it had), so leaving it does not commit the typing.
    const onEscape = (event: KeyboardEvent) => {
      const back = inspectorReturn.current;
      const target = event.target as HTMLElement | null;
      if (event.key !== 'Escape' || event.defaultPrevented || !back || !target?.closest('[data-testid="inspector"]') || document.querySelector('dialog[open]'))
        return;
      event.preventDefault();
      setTimeout(() => {
        if (document.activeElement === target || target.contains(document.activeElement)) api.focusObject(back);
      }, 0);
    };
    // A Tab from outside lands on the first node or edge in the DOM: send it to the first (or, going back, the last) in reading order.
    const onFocusIn = (event: FocusEvent) => {
      const root = area.current;
      const target = event.target as HTMLElement | null;
      const from = event.relatedTarget as Node | null;
      if (!root || !target || !root.contains(target) || (from && root.contains(from))) return;
      if (performance.now() - lastTab.current.at > 500 || !target.matches(`${NODE}, ${EDGE}`)) return;
      api.enter(lastTab.current.back ? -1 : 1);
    };
    window.addEventListener('keydown', onTab, true);
    window.addEventListener('keydown', onEscape);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      window.removeEventListener('keydown', onTab, true);
      window.removeEventListener('keydown', onEscape);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [api]);

  return api;
}
