/**
 * The app: the editor window inside React Flow's provider (the canvas and the commands that
 * frame it share one React Flow instance).
 */
import { ReactFlowProvider } from '@xyflow/react';
import type { VpcHost } from '../shared/host';
import type { RecoveryOffer } from './editor/Banners';
import { Editor } from './editor/Editor';
import type { EditorStore } from './store/editor-store';

export function App({ store, host, recoveryOffer, startView }: { store: EditorStore; host: VpcHost; recoveryOffer?: RecoveryOffer; startView?: boolean }) {
  return (
    <ReactFlowProvider>
      <Editor store={store} host={host} recoveryOffer={recoveryOffer} startView={startView ?? false} />
    </ReactFlowProvider>
  );
}
