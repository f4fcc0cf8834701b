/**
 * The dialogs the editor opens on request rather than shows at start (export, import,
 * compare, CIDR explorer, sizing, practice). Each is a chunk of its own, fetched the first time it
 * opens, so the bundle that must load before the editor appears holds only the editor: the
 * Terraform and report writers, the importers and the sizing engine wait until asked for.
 */
import { lazy, Suspense, type ComponentType } from 'react';

function onFirstOpen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  // biome-ignore lint/correctness/noComponentHookFactories: each dialog's component is made once, at module load, never during a render
  return function Deferred(props: P) {
    // Nothing while the chunk arrives (a few milliseconds from the app's own origin).
    return (
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}

export const ExportDialog = onFirstOpen(() => import('./export/ExportDialog').then((m) => m.ExportDialog));
export const ImportDialog = onFirstOpen(() => import('./import/ImportDialog').then((m) => m.ImportDialog));
export const CompareDialog = onFirstOpen(() => import('./import/CompareDialog').then((m) => m.CompareDialog));
export const ExplorerDialog = onFirstOpen(() => import('./explorer/ExplorerDialog').then((m) => m.ExplorerDialog));
export const SizingDialog = onFirstOpen(() => import('./sizing/SizingDialog').then((m) => m.SizingDialog));
export const PracticeDialog = onFirstOpen(() => import('./practice/PracticeDialog').then((m) => m.PracticeDialog));
