/**
 * The editor window: the toolbar, the findings and reachability on the left, the canvas,
 * the inspector on the right, and the dialogs. It holds the window's state (which tab, which
 * dialog, the latest notice, which panels are folded, the start view) and wires the parts to
 * the store; what the commands do is in use-commands, the file handling in use-document, the
 * keys in use-keyboard, the diagram's keyboard focus in canvas-focus.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Finding } from '../../shared/checks/types';
import type { VpcHost } from '../../shared/host';
import { shownShortcut } from '../../shared/commands';
import {
  applyFix,
  canConnect,
  connect,
  describeConnection,
  findObject,
  moveNodes,
  newSubnet,
  updateSettings,
  type ConnectionCheck,
} from '../../shared/plan/edits';
import { addSizedVpc, sizedVpc } from '../../shared/sizing';
import { parsePlanText, type PlanProblem } from '../../shared/plan/load';
import type { Plan, PlanSettings } from '../../shared/plan/schema';
import { routeLines } from '../../shared/routing';
import { Canvas, type CanvasApi } from '../canvas/Canvas';
import { createCanvasDeriver } from '../canvas/derive';
import { layOutVpc } from '../../shared/layout';
import type { EdgeRoutes } from '../canvas/edge-routes';
import { createEngineViews } from '../canvas/engine-views';
import { checkClient, useFindings } from '../checks/use-findings';
import { ExplorerContext, type ExplorerTarget } from '../explorer/explorer-context';
import { CompareTray } from '../import/CompareTray';
import { useComparison } from '../import/use-comparison';
import { CompareDialog, ExplorerDialog, ExportDialog, ImportDialog, PracticeDialog, SizingDialog } from '../lazy-dialogs';
import { AddSubnetDialog, LoadProblemsDialog, type NewSubnet } from '../panels/dialogs';
import { Inspector } from '../panels/Inspector';
import type { SizingResult } from '../sizing/SizingDialog';
import { isDirty, useEditor, type EditorStore } from '../store/editor-store';
import { installTestHandle } from '../test-handle';
import { NoticeBanner, RecoveryBanner, ToastMessage, type RecoveryOffer } from './Banners';
import { useCanvasFocus } from './canvas-focus';
import type { Notice, Say, Toast } from './notices';
import { CollapseButton, PanelRail, usePanels } from './panels';
import { PLATFORM } from './platform';
import { SettingsDialog } from './SettingsDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SidePanel, type SideTab } from './SidePanel';
import { EmptyCanvasHint, EXAMPLES, StartView } from './StartView';
import { Toolbar } from './Toolbar';
import { placeNewNode, useCommands } from './use-commands';
import { useDocument } from './use-document';
import { useKeyboardAndMenu } from './use-keyboard';
import { NO_PAIR, useReach } from './use-reach';
import './chrome.css';

type EditorDialog = 'export' | 'import' | 'compare' | 'practice' | 'settings' | 'shortcuts';

/** Nothing on the diagram: no VPC, gateway or network (a plan name and settings do not count). */
function isEmptyPlan(plan: Plan): boolean {
  return plan.vpcs.length + plan.transitGateways.length + plan.serviceNetworks.length + plan.externalNetworks.length === 0;
}

export function Editor({
  store,
  host,
  recoveryOffer,
  startView = false,
}: {
  store: EditorStore;
  host: VpcHost;
  recoveryOffer?: RecoveryOffer;
  /** Open on the start view (the editor started with no document to show). */
  startView?: boolean;
}) {
  const plan = useEditor(store, (s) => s.plan);
  const selection = useEditor(store, (s) => s.selection);
  const documentInfo = useEditor(store, (s) => s.document);
  const dirty = useEditor(store, isDirty);
  const canUndo = useEditor(store, (s) => s.past.length > 0);
  const canRedo = useEditor(store, (s) => s.future.length > 0);

  const canvas = useRef<CanvasApi>(null);
  const engineViews = useMemo(() => createEngineViews(), []);
  const deriver = useMemo(() => createCanvasDeriver(), []);
  // Checked in a worker: the findings follow the edit, and `checking` says they are on their way.
  const checked = useFindings(plan);
  const engine = useMemo(() => engineViews.views(checked.findings, plan), [engineViews, checked.findings, plan]);

  const [notice, setNotice] = useState<Notice | undefined>();
  const [loadProblems, setLoadProblems] = useState<{ summary: string; problems: PlanProblem[] } | undefined>();
  const [addingSubnet, setAddingSubnet] = useState<string | undefined>();
  const [fileDialog, setFileDialog] = useState<EditorDialog | undefined>();
  const [toast, setToast] = useState<Toast | undefined>();
  const [starting, setStarting] = useState(startView);
  const [panels, setPanel] = usePanels();
  const focus = useCanvasFocus();
  const [recovery, setRecovery] = useState(recoveryOffer);
  const [tab, setTab] = useState<SideTab>('findings');
  const [explorer, setExplorer] = useState<(ExplorerTarget & { key: number }) | undefined>();
  const [sizing, setSizing] = useState(false);
  const openExplorer = useCallback((target: ExplorerTarget) => setExplorer((e) => ({ ...target, key: (e?.key ?? 0) + 1 })), []);

  const reach = useReach(plan, tab === 'reach', canvas);
  const selectionSet = useMemo(() => new Set(selection), [selection]);
  const compared = useComparison(plan, canvas);
  const [edgeRoutes, setEdgeRoutes] = useState<EdgeRoutes>(new Map());
  const derived = useMemo(
    () => deriver(plan, engine, selectionSet, reach.highlight, compared.marks, edgeRoutes),
    [deriver, plan, engine, selectionSet, reach.highlight, compared.marks, edgeRoutes],
  );

  const say = useCallback<Say>((text, kind = 'info') => setNotice({ kind, text }), []);
  const edit = useCallback(
    (change: (plan: Plan) => Plan) => {
      store.edit(change);
    },
    [store],
  );
  const { setPair } = reach;
  const stopComparing = compared.close;
  /** Another document is open: frame it, and the old reachability question, comparison and layout routes no longer apply. */
  const onDocumentChanged = useCallback(() => {
    setPair(NO_PAIR);
    stopComparing();
    setEdgeRoutes(new Map());
    setStarting(false);
    canvas.current?.fitAll();
  }, [setPair, stopComparing]);
  const onNewPlan = useCallback(() => {
    setPair(NO_PAIR);
    stopComparing();
    setEdgeRoutes(new Map());
    setStarting(true);
  }, [setPair, stopComparing]);
  const showInspector = useCallback(() => setPanel('right', true), [setPanel]);

  const documents = useDocument({ store, host, say, onLoaded: onDocumentChanged, onLoadProblems: setLoadProblems });
  // Route lines are a plan setting (Settings › Draw route-table paths), so the toggle key, the menu and the dialog agree.
  const routeLinesOn = plan.settings.showRouteLines ?? false;
  const toggleRouteLines = useCallback(() => {
    store.edit((p) => updateSettings(p, { showRouteLines: !(p.settings.showRouteLines ?? false) }));
  }, [store]);
  const selectedRouteLines = useMemo(() => (routeLinesOn ? routeLines(plan, selection) : undefined), [routeLinesOn, plan, selection]);
  const run = useCommands({
    store,
    host,
    canvas,
    focus,
    derived,
    documents,
    say,
    toast: setToast,
    openDialog: setFileDialog,
    addSubnetTo: setAddingSubnet,
    onNewPlan,
    showInspector,
    onRoutes: setEdgeRoutes,
    toggleRouteLines,
  });
  useKeyboardAndMenu(host, run, focus);
  const changeSettings = useCallback(
    (patch: Partial<PlanSettings>) => {
      store.edit((p) => updateSettings(p, patch));
    },
    [store],
  );
  const dismissToast = useCallback(() => setToast(undefined), []);

  // The latest run for the test handle, which is installed once per document loader.
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(
    () =>
      installTestHandle({
        store,
        getFindings: () => checkClient().findingsOf(store.getState().plan),
        loadPlanText: (text, name = 'test.vpcplan.json') => documents.loadText(text, name),
        run: (command) => runRef.current(command),
        frame: (ids) => canvas.current?.frame(ids),
      }),
    [store, documents],
  );

  // The connect rule over the current plan, stable across renders (the canvas asks it while dragging).
  const checkConnection = useCallback((source: string, target: string) => canConnect(store.getState().plan, source, target), [store]);
  const describe = useCallback((check: ConnectionCheck) => describeConnection(store.getState().plan, check), [store]);

  const showFinding = useCallback(
    (finding: Finding) => {
      const ids = finding.subjects.filter((id) => findObject(store.getState().plan, id));
      store.select(ids);
      requestAnimationFrame(() => canvas.current?.frame(ids));
    },
    [store],
  );

  const addSubnetConfirmed = (subnet: NewSubnet) => {
    const result = newSubnet(store.getState().plan, subnet);
    if (result.ok) {
      store.edit(() => result.plan);
      store.select([result.created]);
      canvas.current?.reveal([result.created]);
    } else {
      say(result.reason, 'error');
    }
    setAddingSubnet(undefined);
  };

  const restore = () => {
    if (!recovery) return;
    const result = parsePlanText(recovery.text, 'the recovered draft');
    if (!result.ok) {
      setLoadProblems({ summary: result.summary, problems: result.problems });
      setRecovery(undefined);
      return;
    }
    store.replaceDocument(result.plan, { displayName: recovery.displayName ?? 'Recovered plan' }, { dirty: true });
    setRecovery(undefined);
    canvas.current?.fitAll();
  };

  /** The sizing assistant's VPC, subnets and (if asked) gateways and route tables, placed clear of every other node, as one undo step. */
  const addSized = ({ proposal, request, name, withNetwork }: SizingResult) => {
    const sized = sizedVpc(store.getState().plan, proposal, request, name, { network: withNetwork });
    const { width, height } = layOutVpc(sized.vpc, sized.subnets, sized.network?.natGateways ?? [], (sized.network?.internetGateways.length ?? 0) > 0);
    const at = placeNewNode(canvas.current, store.getState().plan, { width, height }, store.getState().selection, derived);
    if (store.edit((p) => addSizedVpc(p, sized, at))) store.select([sized.vpc.id]);
    setSizing(false);
    requestAnimationFrame(() => canvas.current?.frame([sized.vpc.id]));
  };
  const exploreSelection = () => {
    const state = store.getState();
    const found = state.selection.length === 1 ? findObject(state.plan, state.selection[0]!) : undefined;
    const cidr =
      found?.kind === 'vpc'
        ? (found.object.ipv4Cidrs[0] ?? found.object.ipv6Cidrs[0])
        : found?.kind === 'subnet'
          ? (found.object.ipv4Cidr ?? found.object.ipv6Cidr)
          : undefined;
    openExplorer({ cidr: cidr || state.plan.vpcs[0]?.ipv4Cidrs[0] || '10.0.0.0/16' });
  };

  const empty = isEmptyPlan(plan);
  // A bundled example, opened on the first start or from the start view (a file of the user's has a handle or another name).
  const isExample = !documentInfo.handle && EXAMPLES.some((e) => e.fileName === documentInfo.displayName);
  const counts = { error: 0, warning: 0 };
  for (const f of engine.findings) if (f.severity !== 'info') counts[f.severity]++;
  const appClass = `app${panels.left ? '' : ' left-folded'}${panels.right ? '' : ' right-folded'}`;

  return (
    <ExplorerContext.Provider value={openExplorer}>
      <div className={appClass}>
        <Toolbar
          host={host}
          documentName={documentInfo.displayName}
          dirty={dirty}
          run={run}
          state={{ canUndo, canRedo, hasSelection: selection.length > 0 }}
          onExplore={exploreSelection}
          onSize={() => setSizing(true)}
        />

        {recovery ? (
          <RecoveryBanner
            offer={recovery}
            onRestore={restore}
            onDiscard={() => {
              setRecovery(undefined);
              void host.writeRecovery(undefined);
            }}
          />
        ) : null}
        {notice ? <NoticeBanner notice={notice} onDismiss={() => setNotice(undefined)} /> : null}

        {panels.left ? (
          <SidePanel
            tab={tab}
            onTab={setTab}
            findings={engine.findings}
            checking={checked.checking}
            ready={checked.ready}
            onShowFinding={showFinding}
            onApplyFix={(fix) => edit((p) => applyFix(p, fix))}
            plan={plan}
            pair={reach.pair}
            onPair={setPair}
            result={reach.result}
            onFold={() => setPanel('left', false)}
          />
        ) : (
          <PanelRail side="left" name="findings" label="Findings and reachability (hidden)" onOpen={() => setPanel('left', true)}>
            {counts.error ? (
              <span className="pill pill-error">
                {counts.error}
                <span className="visually-hidden"> errors</span>
              </span>
            ) : null}
            {counts.warning ? (
              <span className="pill pill-warning">
                {counts.warning}
                <span className="visually-hidden"> warnings</span>
              </span>
            ) : null}
          </PanelRail>
        )}

        <main className="canvas-area" aria-label="Diagram" ref={focus.area} tabIndex={-1} aria-describedby="canvas-keys">
          <p id="canvas-keys" className="visually-hidden">
            Tab moves through the objects, nodes first in reading order, then connections. Space selects, Enter edits in the inspector, the arrow keys move the
            selection, Delete deletes it. Question mark lists every shortcut.
          </p>
          {compared.shown ? <CompareTray shown={compared.shown} onStep={compared.go} onClose={compared.close} /> : null}
          <Canvas
            ref={canvas}
            derived={derived}
            getSelection={() => store.getState().selection}
            onSelect={(ids) => store.select(ids)}
            onMoved={(positions) => store.edit((p) => moveNodes(p, positions))}
            onConnect={(source, target) => {
              const result = connect(store.getState().plan, source, target);
              if (!result.ok) {
                say(result.reason, 'error');
                return;
              }
              store.edit(() => result.plan);
              store.select([result.created]);
            }}
            checkConnection={checkConnection}
            describeConnection={describe}
            routeLines={selectedRouteLines}
            onToggleRouteLines={toggleRouteLines}
          />
          {empty && starting ? (
            <StartView
              host={host}
              onExample={(example) => {
                void (async () => {
                  if (await documents.mayDiscard()) documents.loadText(example.text, example.fileName);
                })();
              }}
              onRecent={(file) => void run('open-document', { handle: file.handle })}
              onOpen={() => void run('open')}
              onEmpty={() => {
                setStarting(false);
                requestAnimationFrame(() => focus.area.current?.focus());
              }}
            />
          ) : null}
          {empty && !starting ? (
            <EmptyCanvasHint onAddVpc={() => void run('add-vpc')} onShowStart={() => setStarting(true)} addKey={shownShortcut('add-vpc', PLATFORM)} />
          ) : null}
          {toast ? <ToastMessage toast={toast} onDismiss={dismissToast} /> : null}
        </main>

        {panels.right ? (
          <aside className="side side-right" aria-label="Inspector">
            <div className="panel-header">
              <CollapseButton side="right" name="inspector" onClick={() => setPanel('right', false)} />
            </div>
            <Inspector
              plan={plan}
              selection={selection}
              engine={engine}
              edit={edit}
              onDelete={() => void run('delete')}
              onFrame={(ids) => canvas.current?.frame(ids)}
              onGo={(id) => {
                store.select([id]);
                // A route table or gateway has no box of its own: show its VPC.
                const found = findObject(store.getState().plan, id);
                const boxless =
                  found?.kind === 'routeTable' || found?.kind === 'internetGateway' || found?.kind === 'egressOnlyGateway' || found?.kind === 'vpnGateway';
                const shown = boxless ? found.object.vpcId : id;
                requestAnimationFrame(() => canvas.current?.frame([shown]));
              }}
              say={(text) => say(text, 'error')}
              example={isExample ? { onNew: () => void run('new'), newKey: shownShortcut('new', PLATFORM) } : undefined}
            />
          </aside>
        ) : (
          <PanelRail side="right" name="inspector" label="Inspector (hidden)" onOpen={() => setPanel('right', true)} />
        )}

        {addingSubnet ? (
          <AddSubnetDialog plan={plan} initialVpcId={addingSubnet} onAdd={addSubnetConfirmed} onCancel={() => setAddingSubnet(undefined)} />
        ) : null}
        {loadProblems ? (
          <LoadProblemsDialog summary={loadProblems.summary} problems={loadProblems.problems} onClose={() => setLoadProblems(undefined)} />
        ) : null}
        {fileDialog === 'export' ? <ExportDialog plan={plan} selection={selection} host={host} onClose={() => setFileDialog(undefined)} /> : null}
        {fileDialog === 'import' ? (
          <ImportDialog
            mayDiscard={documents.mayDiscard}
            onClose={() => setFileDialog(undefined)}
            onOpen={(imported, displayName) => {
              store.replaceDocument(imported, { displayName }, { dirty: true });
              onDocumentChanged();
            }}
          />
        ) : null}
        {fileDialog === 'compare' ? (
          <CompareDialog
            plan={plan}
            planName={documentInfo.displayName}
            host={host}
            onClose={() => setFileDialog(undefined)}
            onShow={(other, name) => {
              setFileDialog(undefined);
              compared.show(other, name);
            }}
          />
        ) : null}
        {fileDialog === 'practice' ? <PracticeDialog onClose={() => setFileDialog(undefined)} /> : null}
        {fileDialog === 'settings' ? <SettingsDialog plan={plan} onChange={changeSettings} onClose={() => setFileDialog(undefined)} /> : null}
        {fileDialog === 'shortcuts' ? <ShortcutsDialog desktop={host.kind === 'electron'} onClose={() => setFileDialog(undefined)} /> : null}
        {explorer ? (
          <ExplorerDialog key={explorer.key} target={explorer} plan={plan} edit={(change) => store.edit(change)} onClose={() => setExplorer(undefined)} />
        ) : null}
        {sizing ? <SizingDialog plan={plan} onAdd={addSized} onCancel={() => setSizing(false)} /> : null}
      </div>
    </ExplorerContext.Provider>
  );
}
