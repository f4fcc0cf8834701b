/**
 * Start-up: pick the host (the Electron preload's, else the browser one), open the first
 * document (a file given to the app, or the bundled example on first start), offer any
 * autosaved draft, and mount the editor.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app.css';
import { parsePlanText } from '../shared/plan/load';
import { emptyPlan, type Plan } from '../shared/plan/schema';
import { App } from './App';
import { createWebHost } from './host/web-host';
import { createEditorStore, type DocumentInfo } from './store/editor-store';

async function start() {
  const host = globalThis.vpcHost ?? createWebHost();
  globalThis.vpcHost = host;

  let plan: Plan = emptyPlan();
  let documentInfo: DocumentInfo = { displayName: 'Untitled plan' };
  let startupProblem: string | undefined;
  const initial = await host.initialDocument().catch(() => undefined);
  if (initial) {
    const result = parsePlanText(initial.text, initial.displayName);
    if (result.ok) {
      plan = result.plan;
      documentInfo = initial.handle ? { handle: initial.handle, displayName: initial.displayName } : { displayName: initial.displayName };
    } else {
      startupProblem = result.summary;
    }
  }
  let recovery = await host.readRecovery().catch(() => undefined);
  const store = createEditorStore(plan, documentInfo);
  // The desktop shell reloads a crashed window with ?restore=draft: the autosaved work comes
  // straight back (still unsaved) instead of waiting behind a "Restore it" offer.
  if (recovery && new URLSearchParams(location.search).get('restore') === 'draft') {
    const restored = parsePlanText(recovery.text, 'the recovered draft');
    if (restored.ok) {
      store.replaceDocument(restored.plan, { displayName: recovery.displayName ?? 'Recovered plan' }, { dirty: true });
      recovery = undefined;
    }
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App store={store} host={host} recoveryOffer={recovery} />
    </StrictMode>,
  );
  if (startupProblem) console.error(startupProblem);
}

void start();
