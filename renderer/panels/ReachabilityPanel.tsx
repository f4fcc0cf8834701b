/**
 * "Can A talk to B?": pick two subnets; the engine's path (hops) is listed here and
 * highlighted on the canvas, or the reason there is none is shown.
 */
import { useId } from 'react';
import type { Plan } from '../../shared/plan/schema';
import type { ReachResult } from '../../shared/routing';

interface ReachabilityPanelProps {
  plan: Plan;
  from: string;
  to: string;
  result: ReachResult | undefined;
  onChange(from: string, to: string): void;
  onClear(): void;
}

export function ReachabilityPanel({ plan, from, to, result, onChange, onClear }: ReachabilityPanelProps) {
  const fromId = useId();
  const toId = useId();
  const options = plan.vpcs.map((vpc) => (
    <optgroup key={vpc.id} label={vpc.name || vpc.id}>
      {plan.subnets
        .filter((s) => s.vpcId === vpc.id)
        .map((s) => (
          <option key={s.id} value={s.id}>
            {s.name || s.id} ({s.ipv4Cidr ?? s.ipv6Cidr ?? 'no CIDR'})
          </option>
        ))}
    </optgroup>
  ));
  return (
    <div className="reachability" data-testid="reachability">
      <div className="field">
        <label htmlFor={fromId}>From subnet</label>
        <select id={fromId} value={from} data-testid="reach-from" onChange={(e) => onChange(e.target.value, to)}>
          <option value="">Choose a subnet…</option>
          {options}
        </select>
      </div>
      <div className="field">
        <label htmlFor={toId}>To subnet</label>
        <select id={toId} value={to} data-testid="reach-to" onChange={(e) => onChange(from, e.target.value)}>
          <option value="">Choose a subnet…</option>
          {options}
        </select>
      </div>
      {result ? (
        <div className={`reach-result ${result.reachable ? 'reach-yes' : 'reach-no'}`} data-testid="reach-result" role="status">
          <strong>{result.reachable ? 'Reachable, and the replies come back.' : 'Not reachable.'}</strong>
          {!result.reachable ? <p data-testid="reach-reason">{result.reason}</p> : null}
          {result.path.length > 0 ? (
            <ol className="hops">
              {result.path.map((hop, i) => (
                <li key={`${hop.id}-${i}`} className={`hop hop-${hop.kind}`}>
                  <span className="hop-kind">{hop.kind.replace(/-/g, ' ')}</span> {hop.label}
                  {hop.note ? <div className="hop-note">{hop.note}</div> : null}
                </li>
              ))}
            </ol>
          ) : null}
          <button type="button" onClick={onClear}>
            Clear
          </button>
        </div>
      ) : (
        <p className="muted small">The path is followed route by route, as AWS forwards a packet, and back again for the reply.</p>
      )}
    </div>
  );
}
