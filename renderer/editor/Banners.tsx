/**
 * The banners above the canvas: the offer to restore an autosaved draft, and the latest notice.
 */
import type { Notice } from './notices';

export interface RecoveryOffer { text: string; savedAt: string; displayName?: string }

export function RecoveryBanner({ offer, onRestore, onDiscard }: { offer: RecoveryOffer; onRestore(): void; onDiscard(): void }) {
  return (
    <div className="banner" role="alert" data-testid="recovery-offer">
      Unsaved work{offer.displayName ? ` on ${offer.displayName}` : ''} from {new Date(offer.savedAt).toLocaleString()} was found.
      <button type="button" className="primary" onClick={onRestore} data-testid="recovery-restore">Restore it</button>
      <button type="button" onClick={onDiscard}>Discard it</button>
    </div>
  );
}

export function NoticeBanner({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  return (
    <div className={`banner banner-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      {notice.text}
      {notice.actions?.map((a) => <button key={a.label} type="button" onClick={a.run}>{a.label}</button>)}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>×</button>
    </div>
  );
}
