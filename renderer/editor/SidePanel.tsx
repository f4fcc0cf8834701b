/**
 * The left panel: the engine's findings (with a count per severity on the tab) and the
 * reachability question, as two tabs.
 */
import type { Finding } from '../../shared/checks/types';
import type { FixAction } from '../../shared/plan/edits';
import type { Plan } from '../../shared/plan/schema';
import type { ReachResult } from '../../shared/routing';
import { Icon } from '../canvas/icons';
import { FindingsPanel } from '../panels/FindingsPanel';
import { ReachabilityPanel } from '../panels/ReachabilityPanel';
import { CollapseButton } from './panels';
import { NO_PAIR, type ReachPair } from './use-reach';

export type SideTab = 'findings' | 'reach';

export function SidePanel({
  tab,
  onTab,
  findings,
  checking,
  ready,
  onShowFinding,
  onApplyFix,
  plan,
  pair,
  onPair,
  result,
  onFold,
}: {
  tab: SideTab;
  onTab(tab: SideTab): void;
  findings: readonly Finding[];
  /** The findings shown are not yet the plan's: the worker is checking an edit (they are the previous plan's). */
  checking: boolean;
  /** Some plan has been checked: until then there is nothing to show, not "no findings". */
  ready: boolean;
  onShowFinding(finding: Finding): void;
  /** Applies a finding's fix as one edit. */
  onApplyFix(fix: FixAction): void;
  plan: Plan;
  pair: ReachPair;
  onPair(pair: ReachPair): void;
  result: ReachResult | undefined;
  onFold(): void;
}) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return (
    <aside className="side side-left" aria-label="Findings and reachability">
      <div className="tabs">
        <div className="tab-list" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'findings'} onClick={() => onTab('findings')} data-testid="tab-findings">
            Findings
            <span className="tab-counts">
              {checking ? (
                <span className="checking" data-testid="checking" role="status" aria-label="Checking">
                  …
                </span>
              ) : null}
              {counts.error ? <span className="pill pill-error">{counts.error}</span> : null}
              {counts.warning ? <span className="pill pill-warning">{counts.warning}</span> : null}
              {counts.info ? <span className="pill pill-info">{counts.info}</span> : null}
            </span>
          </button>
          <button type="button" role="tab" aria-selected={tab === 'reach'} onClick={() => onTab('reach')} data-testid="tab-reach">
            <Icon name="route" size={14} /> Reachability
          </button>
        </div>
        <CollapseButton side="left" name="findings" onClick={onFold} />
      </div>
      <div className="panel-body" role="tabpanel">
        {tab === 'findings' ? (
          ready ? (
            <FindingsPanel findings={findings} onShow={onShowFinding} onApply={onApplyFix} />
          ) : (
            <p className="all-clear" role="status" data-testid="findings-pending">
              Checking the plan…
            </p>
          )
        ) : (
          <ReachabilityPanel
            plan={plan}
            from={pair.from}
            to={pair.to}
            result={result}
            onChange={(from, to) => onPair({ from, to })}
            onClear={() => onPair(NO_PAIR)}
          />
        )}
      </div>
    </aside>
  );
}
