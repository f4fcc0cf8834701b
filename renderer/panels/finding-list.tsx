/** The engine's findings about one object, as the inspector lists them. */
import type { Finding } from '../../shared/checks/types';
import type { FixAction } from '../../shared/plan/edits';
import { Icon } from '../canvas/icons';

/** One "Apply" button per fix the finding carries; each applies as one edit (one undo step). */
export function ApplyFixButtons({ finding, onApply }: { finding: Finding; onApply?: ((fix: FixAction) => void) | undefined }) {
  if (!onApply || !finding.fixes || finding.fixes.length === 0) return null;
  return (
    <span className="finding-apply">
      {finding.fixes.map((fix, i) => (
        <button
          key={i}
          type="button"
          className="apply-button"
          data-testid="finding-apply"
          title={fix.label}
          aria-label={`Apply: ${fix.label}`}
          onClick={(e) => {
            e.stopPropagation();
            onApply(fix);
          }}
        >
          Apply{finding.fixes!.length > 1 ? `: ${fix.label}` : ''}
        </button>
      ))}
    </span>
  );
}

export function FindingList({ findings, testId, onApply }: { findings: readonly Finding[]; testId?: string; onApply?: (fix: FixAction) => void }) {
  if (findings.length === 0) return null;
  return (
    <ul className="inspector-findings" data-testid={testId}>
      {findings.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`finding finding-${f.severity}`} data-code={f.code}>
          <Icon name={f.severity} size={14} />
          <div>
            <div>{f.message}</div>
            {f.fix ? <div className="finding-fix">{f.fix}</div> : null}
            <ApplyFixButtons finding={f} onApply={onApply} />
          </div>
        </li>
      ))}
    </ul>
  );
}
