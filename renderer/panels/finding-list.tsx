/** The engine's findings about one object, as the inspector lists them. */
import type { Finding } from '../../shared/checks/types';
import { Icon } from '../canvas/icons';

export function FindingList({ findings, testId }: { findings: readonly Finding[]; testId?: string }) {
  if (findings.length === 0) return null;
  return (
    <ul className="inspector-findings" data-testid={testId}>
      {findings.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`finding finding-${f.severity}`} data-code={f.code}>
          <Icon name={f.severity} size={14} />
          <div>
            <div>{f.message}</div>
            {f.fix ? <div className="finding-fix">{f.fix}</div> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
