/**
 * In-app modal dialogs. A native <dialog> opened with showModal() keeps focus inside it and
 * makes the page behind inert; Escape closes it as Cancel.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PlanProblem } from '../../shared/plan/load';
import type { Plan, SubnetTier } from '../../shared/plan/schema';
import { proposeSubnetCidr, subnetSizeChoices } from '../../shared/plan/proposals';
import { SubnetPlacementFields } from '../forms/subnet-placement';

export function Modal({ title, onCancel, children, testId, wide }: { title: string; onCancel(): void; children: ReactNode; testId: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${wide ? ' modal-wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

export function LoadProblemsDialog({ summary, problems, onClose }: { summary: string; problems: readonly PlanProblem[]; onClose(): void }) {
  return (
    <Modal title="This file could not be opened" onCancel={onClose} testId="load-problems" wide>
      <p data-testid="load-summary">{summary}</p>
      <p className="muted small">Your current plan was not changed.</p>
      <ul className="problem-list">
        {problems.map((p, i) => (
          <li key={i}>
            <code>
              {p.path}
              {p.line !== undefined ? ` (line ${p.line}, column ${p.column})` : ''}
            </code>{' '}
            {p.message}
          </li>
        ))}
      </ul>
      <div className="modal-buttons">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          OK
        </button>
      </div>
    </Modal>
  );
}

const SIZE_CHOICES = subnetSizeChoices();

export interface NewSubnet {
  vpcId: string;
  name: string;
  prefix: number;
  cidr: string;
  availabilityZone: string;
  tier: SubnetTier;
}

/** Asks the size, AZ and tier; proposes the engine's next free block of that size, never an overlapping one. */
export function AddSubnetDialog({
  plan,
  initialVpcId,
  onAdd,
  onCancel,
}: {
  plan: Plan;
  initialVpcId: string;
  onAdd(subnet: NewSubnet): void;
  onCancel(): void;
}) {
  const ids = { vpc: useId(), prefix: useId() };
  const [vpcId, setVpcId] = useState(initialVpcId);
  const vpc = plan.vpcs.find((v) => v.id === vpcId);
  const zones = useMemo(() => {
    const region = vpc?.region ?? 'us-east-1';
    const used = plan.subnets.filter((s) => s.vpcId === vpcId).map((s) => s.availabilityZone);
    return [...new Set([...used, ...['a', 'b', 'c', 'd'].map((z) => `${region}${z}`)])].sort();
  }, [plan.subnets, vpc, vpcId]);
  const inVpc = plan.subnets.filter((s) => s.vpcId === vpcId);
  const [prefix, setPrefix] = useState(24);
  const [tier, setTier] = useState<SubnetTier>('private');
  // Spread new subnets over the AZs: the one with the fewest subnets of this tier.
  const [az, setAz] = useState(
    () => zones.slice().sort((a, b) => inVpc.filter((s) => s.availabilityZone === a).length - inVpc.filter((s) => s.availabilityZone === b).length)[0] ?? '',
  );
  const [name, setName] = useState('');
  const proposal = vpc ? proposeSubnetCidr(plan, vpc, prefix) : { ok: false as const, reason: 'Choose a VPC.' };
  const defaultName = `${tier}-${az.slice(-1)}`;
  const submit = () => {
    if (!proposal.ok || !vpc) return;
    onAdd({ vpcId, name: name.trim() || defaultName, prefix, cidr: proposal.cidr, availabilityZone: az, tier });
  };
  return (
    <Modal title="Add a subnet" onCancel={onCancel} testId="add-subnet-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <label htmlFor={ids.vpc}>VPC</label>
          <select id={ids.vpc} value={vpcId} onChange={(e) => setVpcId(e.target.value)} data-testid="add-subnet-vpc">
            {plan.vpcs.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name || v.id} ({v.ipv4Cidrs.join(', ') || 'no block'})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.prefix}>Size</label>
          <select id={ids.prefix} value={prefix} onChange={(e) => setPrefix(Number(e.target.value))} data-testid="add-subnet-prefix">
            {SIZE_CHOICES.map(({ prefix: p, usable }) => (
              <option key={p} value={p}>
                /{p} ({usable.toLocaleString('en-US')} usable)
              </option>
            ))}
          </select>
        </div>
        <SubnetPlacementFields
          testIdPrefix="add-subnet"
          zones={zones}
          az={az}
          onAz={setAz}
          tier={tier}
          onTier={setTier}
          name={name}
          onName={setName}
          defaultName={defaultName}
        />
        <div className={`proposal ${proposal.ok ? '' : 'proposal-none'}`} data-testid="add-subnet-proposal" role="status">
          {proposal.ok ? (
            <>
              Next free /{prefix}: <strong className="mono">{proposal.cidr}</strong>
            </>
          ) : (
            proposal.reason
          )}
        </div>
        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={!proposal.ok} data-testid="add-subnet-confirm">
            Add subnet
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
