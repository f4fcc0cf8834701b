/**
 * The banners above the canvas: the offer to restore an autosaved draft, and the latest
 * notice; and the toast over the canvas that offers Undo.
 */
import { useEffect, useState } from 'react';
import type { Notice, Toast } from './notices';

export interface RecoveryOffer {
  text: string;
  savedAt: string;
  displayName?: string;
}

export function RecoveryBanner({ offer, onRestore, onDiscard }: { offer: RecoveryOffer; onRestore(): void; onDiscard(): void }) {
  return (
    <div className="banner" role="alert" data-testid="recovery-offer">
      Unsaved work{offer.displayName ? ` on ${offer.displayName}` : ''} from {new Date(offer.savedAt).toLocaleString()} was found.
      <button type="button" className="primary" onClick={onRestore} data-testid="recovery-restore">
        Restore it
      </button>
      <button type="button" onClick={onDiscard}>
        Discard it
      </button>
    </div>
  );
}

export function NoticeBanner({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  return (
    <div className={`banner banner-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      {notice.text}
      {notice.actions?.map((a) => (
        <button key={a.label} type="button" onClick={a.run}>
          {a.label}
        </button>
      ))}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

/** How long a toast stays unless the pointer or the focus is on it. */
const TOAST_MS = 10_000;

/** A short-lived message over the canvas with one action (Undo after a bulk delete). */
export function ToastMessage({ toast, onDismiss }: { toast: Toast; onDismiss(): void }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(onDismiss, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, held, onDismiss]);
  return (
    <div
      className="toast"
      role="status"
      data-testid="toast"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span>{toast.text}</span>
      <button
        type="button"
        className="toast-action"
        data-testid="toast-action"
        onClick={() => {
          toast.action.run();
          onDismiss();
        }}
      >
        {toast.action.label}
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
