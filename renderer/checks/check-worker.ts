/**
 * The checker's Web Worker: requests in, findings out, in order. Bundled by Vite as a module
 * worker (its own chunk), so the engine's checks stay out of the editor's first bundle.
 */
import type { CheckRequest } from './check-client';
import { createCheckerHost } from './checker-host';

const handle = createCheckerHost();
const scope = self as unknown as { onmessage: ((event: MessageEvent<CheckRequest>) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (event) => {
  scope.postMessage(handle(event.data));
};
