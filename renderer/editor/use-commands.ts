/**
 * What each command does, whether it comes from the toolbar, a key, the native menu or the
 * test handle: one handler per command of the table (shared/commands.ts). The plan edits
 * themselves, and the AWS rules they apply, are the engine's (shared/plan/edits); a handler
 * picks the edit, runs it as one undo step, selects what it made and says what went wrong.
 */
import { useCallback, useRef, type RefObject } from 'react';
import type { CommandId } from '../../shared/commands';
import type { MenuCommandDetail, VpcHost } from '../../shared/host';
import {
  connect,
  deleteObjects,
  describeKind,
  describeRemoval,
  extractFragment,
  findObject,
  isEmptyFragment,
  moveNodes,
  nameOf,
  newExternalNetwork,
  newInternetGateway,
  newNatGateway,
  newServiceNetwork,
  newTransitGateway,
  newVpc,
  pasteFragment,
  vpcForNewSubnet,
  type AddResult,
  type Fragment,
  type Point,
} from '../../shared/plan/edits';
import { emptyPlan, type Plan } from '../../shared/plan/schema';
import type { CanvasApi } from '../canvas/Canvas';
import { autoLayout, type LayoutBox } from '../canvas/auto-layout';
import type { EdgeRoute, EdgeRoutes } from '../canvas/edge-routes';
import type { DerivedCanvas, PlanEdgeData } from '../canvas/derive';
import { placeAddedNodes, placeNewNode as placeInFreeSpace, type NodeKind, type Size } from '../../shared/layout';
import type { EditorStore } from '../store/editor-store';
import type { CanvasFocus } from './canvas-focus';
import type { DocumentCommands } from './use-document';
import type { Say, Toast } from './notices';

/** How a command was asked for: Open Recent's file, or the key press (Shift for the far move, a held key's repeats). */
export interface CommandDetail extends Partial<MenuCommandDetail> {
  far?: boolean;
  repeat?: boolean;
}

export type RunCommand = (command: CommandId | 'open-document', detail?: CommandDetail) => Promise<void>;

/** An arrow key moves the selection this far on the diagram; with Shift, the far step. */
export const MOVE_STEP = 10;
export const FAR_MOVE_STEP = 50;

const MOVES: Record<'move-left' | 'move-right' | 'move-up' | 'move-down', { dx: number; dy: number }> = {
  'move-left': { dx: -1, dy: 0 },
  'move-right': { dx: 1, dy: 0 },
  'move-up': { dx: 0, dy: -1 },
  'move-down': { dx: 0, dy: 1 },
};

/**
 * Where a new node of this kind or size goes: beside what is selected (a box, the VPC of a
 * subnet or gateway, the middle of a connection), else in the middle of the view; clear of
 * every other box and every connection as drawn (shared/layout decides; this only says
 * what the user is looking at). The one place the editor decides a position for something new.
 */
export function placeNewNode(canvas: CanvasApi | null, plan: Plan, what: NodeKind | Size, selection: readonly string[] = [], derived?: DerivedCanvas): Point {
  const routes = new Map<string, Point[]>();
  for (const edge of derived?.edges ?? []) {
    const route = (edge.data as PlanEdgeData | undefined)?.route;
    if (route) routes.set(edge.id, route.points);
  }
  return placeInFreeSpace(plan, what, besideSelection(plan, selection, derived) ?? canvas?.center() ?? { x: 0, y: 0 }, undefined, routes);
}

/** The boxes a new node is placed beside (besideSelection), which the view keeps in sight with it. */
function besideIds(plan: Plan, selection: readonly string[], derived: DerivedCanvas): string[] {
  const beside = besideSelection(plan, selection, derived);
  if (typeof beside === 'string') return [beside];
  if (beside === undefined) return [];
  const edge = derived.edges.find((e) => (e.data as PlanEdgeData | undefined)?.objectId === selection[0]);
  return edge ? [edge.source, edge.target] : [];
}

/** What "beside the selection" means for placing: a top-level box's id, or a point (the middle of a selected connection). */
function besideSelection(plan: Plan, selection: readonly string[], derived: DerivedCanvas | undefined): string | Point | undefined {
  const id = selection[0];
  if (id === undefined) return undefined;
  const found = findObject(plan, id);
  if (!found) return undefined;
  switch (found.kind) {
    case 'vpc':
    case 'transitGateway':
    case 'serviceNetwork':
    case 'externalNetwork':
      return id;
    case 'subnet':
    case 'internetGateway':
    case 'egressOnlyGateway':
    case 'vpnGateway':
    case 'routeTable':
      return found.object.vpcId;
    case 'natGateway':
      return plan.subnets.find((s) => s.id === found.object.subnetId)?.vpcId;
    default: {
      // A connection: the middle between its two ends.
      const edge = derived?.edges.find((e) => (e.data as PlanEdgeData | undefined)?.objectId === id);
      const a = edge && derived?.nodes.find((n) => n.id === edge.source);
      const b = edge && derived?.nodes.find((n) => n.id === edge.target);
      if (!a || !b) return undefined;
      const middle = (n: typeof a) => ({ x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + (n.height ?? 0) / 2 });
      return { x: (middle(a).x + middle(b).x) / 2, y: (middle(a).y + middle(b).y) / 2 };
    }
  }
}

export function useCommands({
  store,
  host,
  canvas,
  focus,
  derived,
  documents,
  say,
  toast,
  openDialog,
  addSubnetTo,
  onNewPlan,
  showInspector,
  onRoutes,
  toggleRouteLines,
}: {
  store: EditorStore;
  host: VpcHost;
  canvas: RefObject<CanvasApi | null>;
  focus: CanvasFocus;
  derived: DerivedCanvas;
  documents: DocumentCommands;
  say: Say;
  toast(toast: Toast): void;
  openDialog(dialog: 'export' | 'import' | 'compare' | 'practice' | 'settings' | 'shortcuts'): void;
  /** Open the Add subnet form for this VPC. */
  addSubnetTo(vpcId: string): void;
  /** After New: the start view, with the examples and recent files. */
  onNewPlan(): void;
  /** Make sure the inspector panel is open (it may be collapsed). */
  showInspector(): void;
  /** The connections' routes from an automatic layout. */
  onRoutes(routes: EdgeRoutes): void;
  /** Show or hide the route lines of the selection. */
  toggleRouteLines(): void;
}): RunCommand {
  const clipboard = useRef<Fragment | undefined>(undefined);
  /** The arrow-key burst under way: its key presses make one undo step. */
  const moveBurst = useRef(0);

  const run = useCallback<RunCommand>(
    async (command, detail) => {
      const state = store.getState();
      const place = (what: NodeKind | Size) => placeNewNode(canvas.current, state.plan, what, state.selection, derived);
      /** Apply a palette command's result: one undo step, the new object selected and in sight with what it was put beside, or why not. */
      const added = (result: AddResult) => {
        if (!result.ok) {
          say(result.reason, 'error');
          return;
        }
        const beside = besideIds(state.plan, state.selection, derived);
        store.edit(() => result.plan);
        store.select([result.created]);
        canvas.current?.reveal([result.created, ...beside]);
        if (result.problem) say(result.problem, 'error');
        else if (result.note) say(result.note);
      };
      /**
       * Deletes the selection as one undo step. When that takes more than one object (a VPC
       * takes its subnets, gateways and connections), a toast says what went, with Undo.
       */
      const remove = (verb: 'Deleted' | 'Cut') => {
        if (state.selection.length === 0) return;
        const hadFocus = focus.hasFocus();
        const before = state.plan;
        if (!store.edit((p) => deleteObjects(p, state.selection))) return;
        const after = store.getState().plan;
        const removal = describeRemoval(before, after);
        if (removal.count > 1) {
          toast({
            text: `${verb} ${removal.text}.`,
            action: {
              label: 'Undo',
              // Only while that delete is the latest edit: an older undo step is not this delete's.
              run: () => {
                if (store.getState().plan === after) store.undo();
                else say('Undo the later changes first (Ctrl+Z) to bring the deleted objects back.');
              },
            },
          });
        }
        if (hadFocus) requestAnimationFrame(() => focus.keep());
      };
      const copy = (cut: boolean) => {
        const fragment = extractFragment(state.plan, state.selection);
        if (isEmptyFragment(fragment)) {
          say('Select what to copy first.');
          return;
        }
        clipboard.current = fragment;
        if (cut) remove('Cut');
      };
      /** The arrows: the selected VPCs, gateways and networks move; subnets keep their place in the VPC's grid. */
      const move = (direction: keyof typeof MOVES) => {
        const movable = state.selection.filter((id) => state.plan.layout.nodes[id] !== undefined);
        if (movable.length === 0) {
          if (state.selection.length > 0) say("Subnets and NAT gateways keep their place in their VPC's grid: select the VPC to move it.");
          return;
        }
        if (!detail?.repeat) moveBurst.current += 1;
        const step = detail?.far ? FAR_MOVE_STEP : MOVE_STEP;
        const { dx, dy } = MOVES[direction];
        const positions: Record<string, Point> = {};
        for (const id of movable) {
          const at = state.plan.layout.nodes[id]!;
          positions[id] = { x: at.x + dx * step, y: at.y + dy * step };
        }
        store.edit((p) => moveNodes(p, positions), { burst: `move-${moveBurst.current}` });
      };
      /** Connect the two selected objects the way a drag between them would (peering, attachment...). */
      const connectSelected = () => {
        const ends = state.selection.filter((id) => state.plan.layout.nodes[id] !== undefined);
        if (ends.length !== 2) {
          say('Select two objects to connect: two VPCs (peering), a VPC and a transit gateway, service network or external network.', 'error');
          return;
        }
        const result = connect(state.plan, ends[0]!, ends[1]!);
        if (!result.ok) {
          say(result.reason, 'error');
          return;
        }
        store.edit(() => result.plan);
        store.select([result.created]);
        const [a, b] = ends.map((id) => findObject(state.plan, id));
        const made = findObject(store.getState().plan, result.created);
        const what = made ? describeKind(made.kind) : 'connection';
        say(`Connected ${a ? nameOf(a) : ends[0]} and ${b ? nameOf(b) : ends[1]}: ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}.`);
      };
      const toggleFocused = (add: boolean) => {
        const id = focus.focusedObject();
        if (!id) return;
        if (!add) {
          store.select([id]);
          return;
        }
        store.select(state.selection.includes(id) ? state.selection.filter((s) => s !== id) : [...state.selection, id]);
      };
      const paste = (fragment: Fragment | undefined, nothing: string) => {
        if (!fragment || isEmptyFragment(fragment)) {
          say(nothing);
          return;
        }
        const result = pasteFragment(state.plan, fragment);
        // The copy lands beside its original, clear of every other box.
        if (store.edit(() => moveNodes(result.plan, placeAddedNodes(result.plan, result.pastedIds)))) {
          store.select(result.pastedIds);
          canvas.current?.reveal(result.pastedIds);
        }
        if (result.notes.length) say(result.notes.join(' '));
      };

      const handlers: Record<CommandId | 'open-document', () => void | Promise<unknown>> = {
        'new': async () => {
          if (!(await documents.mayDiscard())) return;
          store.replaceDocument(emptyPlan(), { displayName: 'Untitled plan' });
          canvas.current?.fitAll();
          onNewPlan();
          await host.writeRecovery(undefined);
        },
        open: () => documents.open(),
        'open-document': () => (detail?.handle ? documents.open(detail.handle) : undefined),
        save: () => documents.save(false),
        'save-as': () => documents.save(true),
        export: () => openDialog('export'),
        import: () => openDialog('import'),
        compare: () => openDialog('compare'),
        practice: () => openDialog('practice'),
        settings: () => openDialog('settings'),
        'show-shortcuts': () => openDialog('shortcuts'),
        'connect-selected': connectSelected,
        undo: () => store.undo(),
        redo: () => store.redo(),
        'select-all': () =>
          store.select([...state.plan.vpcs, ...state.plan.transitGateways, ...state.plan.serviceNetworks, ...state.plan.externalNetworks].map((o) => o.id)),
        delete: () => remove('Deleted'),
        cut: () => copy(true),
        copy: () => copy(false),
        paste: () => paste(clipboard.current, 'Nothing has been copied yet.'),
        duplicate: () => paste(extractFragment(state.plan, state.selection), 'Select what to duplicate first.'),
        'zoom-to-fit': () => canvas.current?.fitAll(),
        'auto-layout': async () => {
          const plan = state.plan;
          const kinds = new Map(derived.nodes.map((n) => [n.id, n.type]));
          const boxes = [...derived.sizes].map(([id, size]) => ({ id, ...size, kind: kinds.get(id) as LayoutBox['kind'] }));
          const links = derived.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, label: (e.data as { label?: string } | undefined)?.label }));
          try {
            const { positions, routes } = await autoLayout(boxes, links);
            // Only if nothing changed while ELK worked; otherwise the layout would undo those edits.
            if (store.getState().plan !== plan) return;
            // The plan keeps whole pixels (withPositions): a route's ends are checked against those.
            const boxAt = (id: string) => {
              const at = positions[id];
              const size = derived.sizes.get(id);
              return at && size ? { x: Math.round(at.x), y: Math.round(at.y), ...size } : undefined;
            };
            const kept = new Map<string, EdgeRoute>();
            for (const edge of derived.edges) {
              const route = routes[edge.id];
              const source = boxAt(edge.source);
              const target = boxAt(edge.target);
              if (route && source && target) kept.set(edge.id, { ...route, source, target });
            }
            onRoutes(kept);
            store.edit((p) => moveNodes(p, positions));
            canvas.current?.fitAll();
          } catch (error) {
            say(`Automatic layout failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
          }
        },
        'route-lines': () => toggleRouteLines(),
        'add-vpc': () => added(newVpc(state.plan, place('vpc'))),
        'add-subnet': () => {
          const target = vpcForNewSubnet(state.plan, state.selection);
          if (target.ok) addSubnetTo(target.vpcId);
          else say(target.reason, 'error');
        },
        'add-nat': () => added(newNatGateway(state.plan, state.selection)),
        'add-igw': () => {
          const result = newInternetGateway(state.plan, state.selection);
          // The gateway shows inside its VPC: the VPC stays selected.
          if (result.ok) store.edit(() => result.plan);
          else say(result.reason, 'error');
        },
        'add-tgw': () => added(newTransitGateway(state.plan, place('tgw'))),
        'add-service-network': () => added(newServiceNetwork(state.plan, place('serviceNetwork'))),
        'add-external': () => added(newExternalNetwork(state.plan, place('external'))),
        'focus-next': () => focus.step(1),
        'focus-previous': () => focus.step(-1),
        'select-focused': () => toggleFocused(false),
        'add-focused-to-selection': () => toggleFocused(true),
        'select-none': () => store.select([]),
        'open-inspector': () => {
          const id = focus.focusedObject();
          if (id && !state.selection.includes(id)) store.select([id]);
          showInspector();
          focus.enterInspector(id ?? state.selection[0]);
        },
        'move-left': () => move('move-left'),
        'move-right': () => move('move-right'),
        'move-up': () => move('move-up'),
        'move-down': () => move('move-down'),
      };
      await handlers[command]();
    },
    [store, host, canvas, focus, derived, documents, say, toast, openDialog, addSubnetTo, onNewPlan, showInspector, onRoutes, toggleRouteLines],
  );

  return run;
}
