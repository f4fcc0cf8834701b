/**
 * The editor window: toolbar and palette, findings and reachability on the left, the canvas,
 * the inspector on the right. All commands (toolbar, keyboard, host menu) go through one
 * `run(command)` so they behave the same wherever they come from.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { Finding } from '../shared/checks/types';
import type { MenuCommand, MenuCommandDetail, VpcHost } from '../shared/host';
import { parsePlanText, serializePlan, type PlanProblem } from '../shared/plan/load';
import { emptyPlan, type Plan } from '../shared/plan/schema';
import { reach, type ReachResult } from '../shared/routing';
import { Canvas, type CanvasApi } from './canvas/Canvas';
import { autoLayout } from './canvas/auto-layout';
import { createCanvasDeriver, freeSpot, type Highlight } from './canvas/derive';
import { createEngineViews } from './canvas/engine-views';
import { checkClient, useFindings } from './checks/use-findings';
import { Icon, type IconName } from './canvas/icons';
import { isDirty, useEditor, type EditorStore } from './store/editor-store';
import { extractFragment, isEmptyFragment, pasteFragment, type Fragment } from './store/fragments';
import {
  addExternalNetwork, addInternetGateway, addNatGateway, addServiceNetwork, addSubnet, addTransitGateway, addVpc, connect,
  deleteObjects, findObject, moveNodes, newId,
} from './store/plan-edits';
import { proposeVpcCidr } from '../shared/plan/proposals';
import { AddSubnetDialog, LoadProblemsDialog, type NewSubnet } from './panels/dialogs';
import { FindingsPanel } from './panels/FindingsPanel';
import { Inspector } from './panels/Inspector';
import { ReachabilityPanel } from './panels/ReachabilityPanel';
import { installTestHandle } from './test-handle';
import { CompareDialog, ExplorerDialog, ExportDialog, ImportDialog, SizingDialog } from './lazy-dialogs';
import { askToOverwrite } from './host/confirm-dialog';
import { saveDocument } from './host/save-flow';
import { FileMenu } from './panels/FileMenu';
import { layOutVpc } from './canvas/derive';
import { ExplorerContext, type ExplorerTarget } from './explorer/explorer-context';
import type { SizingResult } from './sizing/SizingDialog';
import { addSizedVpc, sizedVpc } from './sizing/sized-vpc';

export type Command = MenuCommand | 'add-vpc' | 'add-subnet' | 'add-nat' | 'add-igw' | 'add-tgw' | 'add-service-network' | 'add-external';

interface Notice { kind: 'error' | 'info'; text: string; actions?: Array<{ label: string; run(): void }> }

const AUTOSAVE_MS = 3000;
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

export function App({ store, host, recoveryOffer }: { store: EditorStore; host: VpcHost; recoveryOffer?: { text: string; savedAt: string; displayName?: string } }) {
  return (
    <ReactFlowProvider>
      <Editor store={store} host={host} recoveryOffer={recoveryOffer} />
    </ReactFlowProvider>
  );
}

function Editor({ store, host, recoveryOffer }: { store: EditorStore; host: VpcHost; recoveryOffer?: { text: string; savedAt: string; displayName?: string } }) {
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
  const engine = useMemo(() => engineViews.views(checked.findings), [engineViews, checked.findings]);

  const [notice, setNotice] = useState<Notice | undefined>();
  const [loadProblems, setLoadProblems] = useState<{ summary: string; problems: PlanProblem[] } | undefined>();
  const [addingSubnet, setAddingSubnet] = useState<string | undefined>();
  const [fileDialog, setFileDialog] = useState<'export' | 'import' | 'compare' | undefined>();
  const [recovery, setRecovery] = useState(recoveryOffer);
  const [tab, setTab] = useState<'findings' | 'reach'>('findings');
  const [reachPair, setReachPair] = useState({ from: '', to: '' });
  const [explorer, setExplorer] = useState<ExplorerTarget & { key: number } | undefined>();
  const [sizing, setSizing] = useState(false);
  const openExplorer = useCallback((target: ExplorerTarget) => setExplorer((e) => ({ ...target, key: (e?.key ?? 0) + 1 })), []);
  const clipboard = useRef<Fragment | undefined>(undefined);

  const reachResult: ReachResult | undefined = useMemo(
    () => (reachPair.from && reachPair.to ? reach(plan, reachPair.from, reachPair.to) : undefined),
    [plan, reachPair],
  );
  const highlight: Highlight | undefined = useMemo(() => {
    if (!reachResult || tab !== 'reach') return undefined;
    const ids = new Set<string>();
    for (const hop of [...reachResult.path, ...(reachResult.reachable ? reachResult.returnPath ?? [] : [])]) ids.add(hop.id);
    for (const hop of reachResult.path) {
      if (hop.kind === 'subnet') { const s = plan.subnets.find((x) => x.id === hop.id); if (s) ids.add(s.vpcId); }
    }
    return { nodes: ids, edges: ids };
  }, [reachResult, tab, plan.subnets]);

  // Frame the path when another pair is picked (not after every edit).
  const highlightRef = useRef(highlight);
  highlightRef.current = highlight;
  useEffect(() => {
    const current = highlightRef.current;
    if (!current || current.nodes.size === 0) return;
    const ids = [...current.nodes];
    requestAnimationFrame(() => canvas.current?.frame(ids));
  }, [reachPair.from, reachPair.to, tab]);

  const selectionSet = useMemo(() => new Set(selection), [selection]);
  const derived = useMemo(() => deriver(plan, engine, selectionSet, highlight), [deriver, plan, engine, selectionSet, highlight]);

  const edit = useCallback((change: (plan: Plan) => Plan) => { store.edit(change); }, [store]);
  const say = useCallback((text: string, kind: Notice['kind'] = 'info') => setNotice({ kind, text }), []);

  // ---- the document: title, autosave
  useEffect(() => { host.setDocumentState({ displayName: documentInfo.displayName, dirty }); }, [host, documentInfo.displayName, dirty]);
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => { void host.writeRecovery(serializePlan(store.getState().plan), documentInfo.displayName); }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [host, store, plan, dirty, documentInfo.displayName]);

  // ---- file commands
  const save = useCallback(async (as: boolean): Promise<boolean> => {
    const state = store.getState();
    const text = serializePlan(state.plan);
    const suggested = state.document.displayName.endsWith('.json') ? state.document.displayName : `${state.document.displayName || 'plan'}.vpcplan.json`;
    const request = { text, suggestedName: suggested, as, ...(state.document.handle ? { handle: state.document.handle } : {}) };
    const outcome = await saveDocument(host, request, askToOverwrite);
    if (outcome.kind === 'failed') { say(outcome.error, 'error'); return false; }
    if (outcome.kind === 'cancelled') return false;
    // Saved what was serialized: if the user edited during the save, those edits stay dirty.
    if (store.getState().plan === state.plan) store.markSaved({ handle: outcome.handle, displayName: outcome.displayName });
    else store.replaceDocument(store.getState().plan, { handle: outcome.handle, displayName: outcome.displayName }, { dirty: true });
    await host.writeRecovery(undefined);
    say(`Saved ${outcome.displayName}.`);
    return true;
  }, [host, store, say]);

  /** Unsaved work is never dropped without asking. */
  const mayDiscard = useCallback(async (): Promise<boolean> => {
    if (!isDirty(store.getState())) return true;
    const answer = await host.confirmDiscardChanges(store.getState().document.displayName);
    if (answer === 'cancel') return false;
    if (answer === 'save') return save(false);
    return true;
  }, [host, store, save]);

  const loadText = useCallback((text: string, displayName: string, handle?: string): boolean => {
    const result = parsePlanText(text, displayName);
    if (!result.ok) {
      setLoadProblems({ summary: result.summary, problems: result.problems });
      return false;
    }
    store.replaceDocument(result.plan, handle ? { handle, displayName } : { displayName });
    setReachPair({ from: '', to: '' });
    canvas.current?.fitAll();
    if (result.migratedFrom !== undefined) say(`${displayName} was written by an older version (format ${result.migratedFrom}); it is upgraded when you save.`);
    return true;
  }, [store, say]);

  const open = useCallback(async (handle?: string) => {
    if (!(await mayDiscard())) return;
    const result = handle ? await host.openRecent(handle) : await host.openPlanFile();
    if (!result.ok) { say(result.error, 'error'); return; }
    if (!result.value) return;
    if (loadText(result.value.text, result.value.displayName, result.value.handle)) await host.writeRecovery(undefined);
  }, [host, mayDiscard, loadText, say]);

  // ---- editing commands
  /** Where a new node of this size goes: near the middle of the view, clear of every other node. */
  const place = (size: { width: number; height: number }) => {
    const middle = canvas.current?.center() ?? { x: 0, y: 0 };
    return freeSpot(derived.nodes, { x: middle.x - size.width / 2, y: middle.y - size.height / 2 }, size);
  };
  const selectedVpcId = (): string | undefined => {
    const state = store.getState();
    for (const id of state.selection) {
      const found = findObject(state.plan, id);
      if (found?.kind === 'vpc') return found.object.id;
      if (found?.kind === 'subnet') return found.object.vpcId;
    }
    return undefined;
  };

  const run = useCallback(async (command: Command, detail?: MenuCommandDetail) => {
    const state = store.getState();
    switch (command) {
      case 'new':
        if (await mayDiscard()) { store.replaceDocument(emptyPlan(), { displayName: 'Untitled plan' }); await host.writeRecovery(undefined); }
        return;
      case 'open': return open();
      case 'open-document': return detail ? open(detail.handle) : undefined;
      case 'save': await save(false); return;
      case 'save-as': await save(true); return;
      case 'export':
      case 'import':
      case 'compare': setFileDialog(command); return;
      case 'undo': store.undo(); return;
      case 'redo': store.redo(); return;
      case 'select-all': store.select([...state.plan.vpcs, ...state.plan.transitGateways, ...state.plan.serviceNetworks, ...state.plan.externalNetworks].map((o) => o.id)); return;
      case 'delete':
        if (state.selection.length > 0) store.edit((p) => deleteObjects(p, state.selection));
        return;
      case 'cut':
      case 'copy': {
        const fragment = extractFragment(state.plan, state.selection);
        if (isEmptyFragment(fragment)) { say('Select what to copy first.'); return; }
        clipboard.current = fragment;
        if (command === 'cut') store.edit((p) => deleteObjects(p, state.selection));
        return;
      }
      case 'paste':
      case 'duplicate': {
        const fragment = command === 'paste' ? clipboard.current : extractFragment(state.plan, state.selection);
        if (!fragment || isEmptyFragment(fragment)) { say(command === 'paste' ? 'Nothing has been copied yet.' : 'Select what to duplicate first.'); return; }
        const result = pasteFragment(state.plan, fragment);
        if (store.edit(() => result.plan)) store.select(result.pastedIds);
        if (result.notes.length) say(result.notes.join(' '));
        return;
      }
      case 'zoom-to-fit': canvas.current?.fitAll(); return;
      case 'auto-layout': {
        const plan = state.plan;
        const boxes = [...derived.sizes].map(([id, size]) => ({ id, ...size }));
        const links = derived.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
        try {
          const positions = await autoLayout(boxes, links);
          // Only if nothing changed while ELK worked; otherwise the layout would undo those edits.
          if (store.getState().plan === plan) { store.edit((p) => moveNodes(p, positions)); canvas.current?.fitAll(); }
        } catch (error) {
          say(`Automatic layout failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
        }
        return;
      }
      case 'add-vpc': {
        const cidr = proposeVpcCidr(state.plan);
        const id = newId('vpc', state.plan);
        // Room for a VPC of two AZs and two tiers, so its first subnets do not run into a neighbour.
        const at = place({ width: 560, height: 330 });
        const count = state.plan.vpcs.length + 1;
        store.edit((p) => addVpc(p, { id, name: `vpc-${count}`, region: p.vpcs[0]?.region ?? 'us-east-1', ipv4Cidrs: cidr ? [cidr] : [], ipv6Cidrs: [], ipv6Source: 'amazon' }, at));
        store.select([id]);
        if (!cidr) say('No free /16 is left in the private ranges (10/8, 172.16/12, 192.168/16); give the new VPC a block in the inspector.', 'error');
        return;
      }
      case 'add-subnet': {
        const vpcId = selectedVpcId() ?? state.plan.vpcs[0]?.id;
        if (!vpcId) { say('Add a VPC first: a subnet lives in a VPC.', 'error'); return; }
        setAddingSubnet(vpcId);
        return;
      }
      case 'add-nat': {
        const selected = state.selection.map((id) => findObject(state.plan, id)).find((f) => f?.kind === 'subnet');
        const vpcId = selectedVpcId();
        const subnet = selected?.kind === 'subnet' ? selected.object : state.plan.subnets.find((s) => s.vpcId === vpcId && s.tier === 'public');
        if (!subnet) { say('Select a public subnet (or its VPC) for the NAT gateway.', 'error'); return; }
        const id = newId('nat', state.plan);
        store.edit((p) => addNatGateway(p, { id, name: `nat-${subnet.availabilityZone.slice(-1) || subnet.name}`, subnetId: subnet.id, connectivity: subnet.tier === 'public' ? 'public' : 'private', addresses: 1 }));
        store.select([id]);
        return;
      }
      case 'add-igw': {
        const vpcId = selectedVpcId();
        if (!vpcId) { say('Select the VPC that gets the internet gateway.', 'error'); return; }
        // AWS: a VPC has at most one internet gateway attached.
        if (state.plan.internetGateways.some((g) => g.vpcId === vpcId)) { say('That VPC already has an internet gateway; a VPC takes only one.', 'error'); return; }
        const vpc = state.plan.vpcs.find((v) => v.id === vpcId);
        store.edit((p) => addInternetGateway(p, vpcId, `${vpc?.name ?? vpcId}-igw`));
        return;
      }
      case 'add-tgw': {
        const id = newId('tgw', state.plan);
        const at = place({ width: 200, height: 90 });
        store.edit((p) => addTransitGateway(p, {
          id, name: `tgw-${p.transitGateways.length + 1}`, region: p.vpcs[0]?.region ?? 'us-east-1',
          routeTables: [{ id: newId('tgw-rtb', p), name: 'default', routes: [] }], attachments: [],
        }, at));
        store.select([id]);
        return;
      }
      case 'add-service-network': {
        const id = newId('svcnet', state.plan);
        const at = place({ width: 240, height: 90 });
        store.edit((p) => addServiceNetwork(p, { id, name: `service-network-${p.serviceNetworks.length + 1}`, vpcIds: [], services: [] }, at));
        store.select([id]);
        return;
      }
      case 'add-external': {
        const id = newId('ext', state.plan);
        const at = place({ width: 240, height: 90 });
        store.edit((p) => addExternalNetwork(p, { id, name: 'datacenter', kind: 'on-premises', cidrs: [] }, at));
        store.select([id]);
        return;
      }
    }
  }, [store, host, mayDiscard, open, save, say, derived]);

  const runRef = useRef(run);
  runRef.current = run;

  // ---- host menu and keyboard
  useEffect(() => host.onMenuCommand((command, detail) => { void runRef.current(command, detail); }), [host]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (document.querySelector('dialog[open]')) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let command: Command | undefined;
      if (mod && !event.altKey) {
        if (key === 's') command = event.shiftKey ? 'save-as' : 'save';
        else if (key === 'o') command = 'open';
        else if (key === 'e' && !event.shiftKey) command = 'export';
        else if (key === 'i' && !event.shiftKey) command = 'import';
        else if (typing) return;
        else if (key === 'z') command = event.shiftKey ? 'redo' : 'undo';
        else if (key === 'y') command = 'redo';
        else if (key === 'd') command = 'duplicate';
        else if (key === 'c') command = 'copy';
        else if (key === 'x') command = 'cut';
        else if (key === 'v') command = 'paste';
        else if (key === 'a') command = 'select-all';
      } else if (event.altKey && !mod && event.code === 'KeyN') command = 'new';
      else if (!typing && !mod && !event.altKey) {
        if (key === 'delete' || key === 'backspace') command = 'delete';
        else if (!event.shiftKey) command = ({ v: 'add-vpc', s: 'add-subnet', n: 'add-nat', i: 'add-igw', t: 'add-tgw', l: 'add-service-network', e: 'add-external', f: 'zoom-to-fit' } as Record<string, Command>)[key];
        else if (key === 'l') command = 'auto-layout';
      }
      if (!command) return;
      event.preventDefault();
      void runRef.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // ---- test handle
  useEffect(() => installTestHandle({
    store,
    getFindings: () => checkClient().findingsOf(store.getState().plan),
    loadPlanText: (text, name = 'test.vpcplan.json') => loadText(text, name),
    run: (command) => runRef.current(command),
    frame: (ids) => canvas.current?.frame(ids),
  }), [store, loadText]);

  const showFinding = useCallback((finding: Finding) => {
    const ids = finding.subjects.filter((id) => findObject(store.getState().plan, id));
    store.select(ids);
    requestAnimationFrame(() => canvas.current?.frame(ids));
  }, [store]);

  const addSubnetConfirmed = (subnet: NewSubnet) => {
    const id = newId('subnet', store.getState().plan);
    store.edit((p) => addSubnet(p, { id, name: subnet.name, vpcId: subnet.vpcId, availabilityZone: subnet.availabilityZone, tier: subnet.tier, ipv4Cidr: subnet.cidr }));
    store.select([id]);
    setAddingSubnet(undefined);
  };

  const restore = () => {
    if (!recovery) return;
    const result = parsePlanText(recovery.text, 'the recovered draft');
    if (!result.ok) { setLoadProblems({ summary: result.summary, problems: result.problems }); setRecovery(undefined); return; }
    store.replaceDocument(result.plan, { displayName: recovery.displayName ?? 'Recovered plan' }, { dirty: true });
    setRecovery(undefined);
    canvas.current?.fitAll();
  };

  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of engine.findings) counts[f.severity]++;

  /** The sizing assistant's VPC, subnets and (if asked) gateways and route tables, placed clear of every other node, as one undo step. */
  const addSized = ({ proposal, request, name, withNetwork }: SizingResult) => {
    const sized = sizedVpc(store.getState().plan, proposal, request, name, { network: withNetwork });
    const { width, height } = layOutVpc(sized.subnets, sized.network?.natGateways ?? []);
    const at = place({ width, height });
    if (store.edit((p) => addSizedVpc(p, sized, at))) store.select([sized.vpc.id]);
    setSizing(false);
    requestAnimationFrame(() => canvas.current?.frame([sized.vpc.id]));
  };
  const exploreSelection = () => {
    const state = store.getState();
    const found = state.selection.length === 1 ? findObject(state.plan, state.selection[0]!) : undefined;
    const cidr = found?.kind === 'vpc' ? found.object.ipv4Cidrs[0] ?? found.object.ipv6Cidrs[0]
      : found?.kind === 'subnet' ? found.object.ipv4Cidr ?? found.object.ipv6Cidr : undefined;
    openExplorer({ cidr: cidr || state.plan.vpcs[0]?.ipv4Cidrs[0] || '10.0.0.0/16' });
  };

  return (
    <ExplorerContext.Provider value={openExplorer}>
    <div className="app">
      <header className="toolbar" role="toolbar" aria-label="Plan commands">
        <div className="brand" aria-hidden="true"><Icon name="vpc" size={18} /> <span className="brand-name">VPC Planner</span></div>
        <div className="doc-name" data-testid="document-name" title={documentInfo.displayName}>
          {documentInfo.displayName}{dirty ? <span className="dirty-dot" data-testid="dirty" aria-label="unsaved changes"> ●</span> : null}
        </div>
        <FileMenu host={host} mod={MOD} run={(command, detail) => void run(command, detail)} />
        <div className="tool-group">
          <ToolButton icon="new" label="New" shortcut="Alt+N" onClick={() => void run('new')} />
          <ToolButton icon="open" label="Open" shortcut={`${MOD}O`} onClick={() => void run('open')} testId="open" />
          <ToolButton icon="save" label="Save" shortcut={`${MOD}S`} onClick={() => void run('save')} testId="save" />
          <ToolButton icon="save" label="Save As" shortcut={`${MOD}Shift+S`} onClick={() => void run('save-as')} testId="save-as" text="Save As" />
        </div>
        <div className="tool-group">
          <ToolButton icon="undo" label="Undo" shortcut={`${MOD}Z`} onClick={() => void run('undo')} disabled={!canUndo} testId="undo" />
          <ToolButton icon="redo" label="Redo" shortcut={`${MOD}Shift+Z`} onClick={() => void run('redo')} disabled={!canRedo} testId="redo" />
          <ToolButton icon="copy" label="Duplicate" shortcut={`${MOD}D`} onClick={() => void run('duplicate')} disabled={selection.length === 0} testId="duplicate" />
          <ToolButton icon="trash" label="Delete" shortcut="Delete" onClick={() => void run('delete')} disabled={selection.length === 0} testId="delete" />
        </div>
        <div className="tool-group">
          <ToolButton icon="fit" label="Zoom to fit" shortcut="F" onClick={() => void run('zoom-to-fit')} testId="fit" />
          <ToolButton icon="layout" label="Automatic layout" shortcut="Shift+L" onClick={() => void run('auto-layout')} testId="auto-layout" />
        </div>
        {/* In narrow windows this group gives way: the File menu and Ctrl+I / Ctrl+E reach the same commands. */}
        <div className="tool-group tool-group-exchange" role="group" aria-label="Exchange with other tools">
          <ToolButton icon="open" label="Import AWS CLI output or CSV" shortcut={`${MOD}I`} onClick={() => void run('import')} testId="import" text="Import" />
          <ToolButton icon="save" label="Export image, report, Terraform, CSV" shortcut={`${MOD}E`} onClick={() => void run('export')} testId="export" text="Export" />
          <ToolButton icon="copy" label="Compare with another plan" onClick={() => void run('compare')} testId="compare" text="Compare" />
        </div>
        <div className="tool-group" role="group" aria-label="Learn and size">
          <ToolButton icon="subnet" label="CIDR explorer" onClick={exploreSelection} testId="open-explorer" text="Explore CIDR" />
          <ToolButton icon="vpc" label="Size a VPC" onClick={() => setSizing(true)} testId="size-vpc" text="Size a VPC" />
        </div>
        <div className="tool-group palette" role="group" aria-label="Add to the plan">
          <ToolButton icon="vpc" label="VPC" shortcut="V" onClick={() => void run('add-vpc')} testId="add-vpc" text="VPC" />
          <ToolButton icon="subnet" label="Subnet" shortcut="S" onClick={() => void run('add-subnet')} testId="add-subnet" text="Subnet" />
          <ToolButton icon="nat" label="NAT gateway" shortcut="N" onClick={() => void run('add-nat')} testId="add-nat" text="NAT" />
          <ToolButton icon="igw" label="Internet gateway" shortcut="I" onClick={() => void run('add-igw')} testId="add-igw" text="IGW" />
          <ToolButton icon="tgw" label="Transit gateway" shortcut="T" onClick={() => void run('add-tgw')} testId="add-tgw" text="TGW" />
          <ToolButton icon="serviceNetwork" label="Lattice service network" shortcut="L" onClick={() => void run('add-service-network')} testId="add-service-network" text="Lattice" />
          <ToolButton icon="external" label="On-premises or other-cloud network" shortcut="E" onClick={() => void run('add-external')} testId="add-external" text="External" />
        </div>
      </header>

      {recovery ? (
        <div className="banner" role="alert" data-testid="recovery-offer">
          Unsaved work{recovery.displayName ? ` on ${recovery.displayName}` : ''} from {new Date(recovery.savedAt).toLocaleString()} was found.
          <button type="button" className="primary" onClick={restore} data-testid="recovery-restore">Restore it</button>
          <button type="button" onClick={() => { setRecovery(undefined); void host.writeRecovery(undefined); }}>Discard it</button>
        </div>
      ) : null}
      {notice ? (
        <div className={`banner banner-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          {notice.text}
          {notice.actions?.map((a) => <button key={a.label} type="button" onClick={a.run}>{a.label}</button>)}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(undefined)}>×</button>
        </div>
      ) : null}

      <aside className="side side-left" aria-label="Findings and reachability">
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'findings'} onClick={() => setTab('findings')} data-testid="tab-findings">
            Findings
            <span className="tab-counts">
              {checked.checking ? <span className="checking" data-testid="checking" role="status" aria-label="Checking">…</span> : null}
              {counts.error ? <span className="pill pill-error">{counts.error}</span> : null}
              {counts.warning ? <span className="pill pill-warning">{counts.warning}</span> : null}
              {counts.info ? <span className="pill pill-info">{counts.info}</span> : null}
            </span>
          </button>
          <button type="button" role="tab" aria-selected={tab === 'reach'} onClick={() => setTab('reach')} data-testid="tab-reach">
            <Icon name="route" size={14} /> Reachability
          </button>
        </div>
        <div className="panel-body" role="tabpanel">
          {tab === 'findings'
            ? checked.ready
              ? <FindingsPanel findings={engine.findings} onShow={showFinding} />
              : <p className="all-clear" role="status" data-testid="findings-pending">Checking the plan…</p>
            : <ReachabilityPanel plan={plan} from={reachPair.from} to={reachPair.to} result={reachResult}
                onChange={(from, to) => setReachPair({ from, to })} onClear={() => setReachPair({ from: '', to: '' })} />}
        </div>
      </aside>

      <main className="canvas-area" aria-label="Diagram">
        <Canvas
          ref={canvas}
          derived={derived}
          getSelection={() => store.getState().selection}
          onSelect={(ids) => store.select(ids)}
          onMoved={(positions) => store.edit((p) => moveNodes(p, positions))}
          onConnect={(source, target) => {
            const result = connect(store.getState().plan, source, target);
            if (!result.ok) { say(result.reason, 'error'); return; }
            store.edit(() => result.plan);
            store.select([result.created]);
          }}
        />
      </main>

      <aside className="side side-right" aria-label="Inspector">
        <Inspector plan={plan} selection={selection} engine={engine} edit={edit}
          onDelete={() => void run('delete')} onFrame={(ids) => canvas.current?.frame(ids)} />
      </aside>

      {addingSubnet ? <AddSubnetDialog plan={plan} initialVpcId={addingSubnet} onAdd={addSubnetConfirmed} onCancel={() => setAddingSubnet(undefined)} /> : null}
      {loadProblems ? <LoadProblemsDialog summary={loadProblems.summary} problems={loadProblems.problems} onClose={() => setLoadProblems(undefined)} /> : null}
      {fileDialog === 'export' ? <ExportDialog plan={plan} selection={selection} host={host} onClose={() => setFileDialog(undefined)} /> : null}
      {fileDialog === 'import' ? (
        <ImportDialog mayDiscard={mayDiscard} onClose={() => setFileDialog(undefined)}
          onOpen={(imported, displayName) => { store.replaceDocument(imported, { displayName }, { dirty: true }); setReachPair({ from: '', to: '' }); canvas.current?.fitAll(); }} />
      ) : null}
      {fileDialog === 'compare' ? <CompareDialog plan={plan} planName={documentInfo.displayName} host={host} onClose={() => setFileDialog(undefined)} /> : null}
      {explorer ? <ExplorerDialog key={explorer.key} target={explorer} plan={plan} edit={(change) => store.edit(change)} onClose={() => setExplorer(undefined)} /> : null}
      {sizing ? <SizingDialog plan={plan} onAdd={addSized} onCancel={() => setSizing(false)} /> : null}
    </div>
    </ExplorerContext.Provider>
  );
}

function ToolButton({ icon, label, shortcut, onClick, disabled, testId, text }: { icon: IconName; label: string; shortcut?: string; onClick(): void; disabled?: boolean; testId?: string; text?: string }) {
  const title = shortcut ? `${label} (${shortcut})` : label;
  return (
    <button type="button" className="tool" onClick={onClick} disabled={disabled} title={title} aria-label={label} aria-keyshortcuts={shortcut} data-testid={testId}>
      <Icon name={icon} size={16} />
      {text ? <span>{text}</span> : null}
    </button>
  );
}
