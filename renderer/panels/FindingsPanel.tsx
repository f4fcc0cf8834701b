/** Every finding of the engine, grouped by severity; clicking one selects and frames its subjects. */
import { useState } from 'react';
import type { Finding, Severity } from '../../shared/checks/types';
import { whyBlocks } from '../../shared/explorer';
import type { FixAction } from '../../shared/plan/edits';
import { Icon } from '../canvas/icons';
import { ApplyFixButtons } from './finding-list';
import { useOpenExplorer } from '../explorer/explorer-context';
import '../explorer/affordances.css';

const GROUPS: ReadonlyArray<{ severity: Severity; title: string }> = [
  { severity: 'error', title: 'Errors' },
  { severity: 'warning', title: 'Warnings' },
  { severity: 'info', title: 'Notes' },
];

export function FindingsPanel({
  findings,
  onShow,
  onApply,
}: {
  findings: readonly Finding[];
  onShow(finding: Finding): void;
  onApply?: (fix: FixAction) => void;
}) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<Severity>>(new Set(['info']));
  const explore = useOpenExplorer();
  if (findings.length === 0) {
    return (
      <p className="all-clear" data-testid="findings-empty">
        No findings: the plan passes every check.
      </p>
    );
  }
  return (
    <div className="findings" data-testid="findings">
      {GROUPS.map(({ severity, title }) => {
        const group = findings.filter((f) => f.severity === severity);
        if (group.length === 0) return null;
        const open = !collapsed.has(severity);
        return (
          <section key={severity} className={`finding-group group-${severity}`} data-testid={`findings-${severity}`}>
            <h3>
              <button
                type="button"
                className="group-toggle"
                aria-expanded={open}
                onClick={() =>
                  setCollapsed((c) => {
                    const n = new Set(c);
                    if (open) n.add(severity);
                    else n.delete(severity);
                    return n;
                  })
                }
              >
                <span className="chevron" aria-hidden="true">
                  {open ? '▾' : '▸'}
                </span>
                <Icon name={severity} size={14} /> {title}{' '}
                <span className="count" data-testid={`count-${severity}`}>
                  {group.length}
                </span>
              </button>
            </h3>
            {open ? (
              <ul>
                {group.map((finding, i) => {
                  const why = explore ? whyBlocks(finding) : undefined;
                  return (
                    <li key={`${finding.code}:${finding.subjects.join(',')}:${i}`} className={why ? 'finding-with-why' : undefined}>
                      <button
                        type="button"
                        className={`finding finding-${severity}`}
                        data-testid="finding"
                        data-code={finding.code}
                        onClick={() => onShow(finding)}
                        title="Show on the canvas"
                      >
                        <span className="finding-message">{finding.message}</span>
                        {finding.fix ? <span className="finding-fix">{finding.fix}</span> : null}
                        <span className="finding-code">{finding.code}</span>
                      </button>
                      <ApplyFixButtons finding={finding} onApply={onApply} />
                      {explore && why ? (
                        // "Why?": the blocks involved, in the explorer, with the bits they share (a block against itself when two networks have the same one).
                        <button
                          type="button"
                          className="why-button"
                          data-testid="finding-why"
                          aria-label={`Why? Explain the bits of ${why.compare ? `${why.cidr} and ${why.compare}` : why.cidr}`}
                          onClick={() => explore({ ...why, reason: finding.message })}
                        >
                          Why?
                        </button>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
