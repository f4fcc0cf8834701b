/**
 * Where the checker runs: a module worker (the web build and Electron alike load it from
 * the app's own origin, which the CSP allows as worker-src 'self'), or, when no worker can
 * start, this thread, loaded on demand and answering a task after each request.
 */
import type { CheckReply, CheckRequest, CheckTransport } from './check-client';

export function workerTransport(): CheckTransport {
  const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module', name: 'vpc-planner-checks' });
  let onReply: (reply: CheckReply) => void = () => {};
  let onFailure: (reason: string) => void = () => {};
  worker.onmessage = (event: MessageEvent<CheckReply>) => onReply(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onFailure(event.message || 'the worker could not be loaded');
  };
  worker.onmessageerror = () => onFailure('a reply could not be read');
  return {
    send(request) {
      // The token lists are handed over, not copied.
      const transfer = request.update?.lists.map((l) => l.tokens.buffer as ArrayBuffer) ?? [];
      worker.postMessage(request, transfer);
    },
    onReply: (handler) => {
      onReply = handler;
    },
    onFailure: (handler) => {
      onFailure = handler;
    },
    close: () => worker.terminate(),
  };
}

/** The checker on this thread, each request answered in a task of its own (after the edit has painted). */
export function inThreadTransport(): CheckTransport {
  const host = import('./checker-host').then((m) => m.createCheckerHost());
  let onReply: (reply: CheckReply) => void = () => {};
  let closed = false;
  let queue = Promise.resolve();
  return {
    send(request: CheckRequest) {
      queue = queue.then(async () => {
        const handle = await host;
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (!closed) onReply(handle(request));
      });
    },
    onReply: (handler) => {
      onReply = handler;
    },
    onFailure: () => {},
    close: () => {
      closed = true;
    },
  };
}

/** A worker when one can be made, else this thread; a worker that fails later hands over to this thread too. */
export function checkTransport(): { transport: CheckTransport; fallback: () => CheckTransport } {
  try {
    return { transport: workerTransport(), fallback: inThreadTransport };
  } catch (error) {
    console.warn(`No worker for the checks (${error instanceof Error ? error.message : String(error)}); checking on the editor's thread.`);
    return { transport: inThreadTransport(), fallback: inThreadTransport };
  }
}
