/**
 * "Right-size" in the inspector: the smallest block for what a subnet or VPC holds
 * (rightSizeSubnet / rightSizeVpc), what that frees, and — when the engine says it can stay
 * at its start address — applying it as one undo step. Otherwise the engine's reason.
 */
import { useState } from 'react';
import { planIndexOf, subnetBlock, vpcBlocksWithField } from '../../shared/plan/plan-index';
import { rightSizeSubnet, rightSizeVpc } from '../../shared/sizing';
import type { Plan, Subnet, Vpc } from '../../shared/plan/schema';
import { updateObject } from '../../shared/plan/edits';
import './sizing.css';

type Edit = (change: (plan: Plan) => Plan) => void;

function count(n: number): string {
  return Math.abs(n).toLocaleString('en-US');
}

export function RightSize({ plan, id, edit }: { plan: Plan; id: string; edit: Edit }) {
  const [open, setOpen] = useState(false);
  const subnet = plan.subnets.find((s) => s.id === id);
  const vpc = plan.vpcs.find((v) => v.id === id);
  if (!subnet && !vpc) return null;
  return (
    <section className="right-size" aria-label="Right-size" data-testid="right-size">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="right-size-toggle">
        Right-size…
      </button>
      {open ? subnet ? <SubnetRightSizeView plan={plan} subnet={subnet} edit={edit} /> : <VpcRightSizeView plan={plan} vpc={vpc!} edit={edit} /> : null}
    </section>
  );
}

function SubnetRightSizeView({ plan, subnet, edit }: { plan: Plan; subnet: Subnet; edit: Edit }) {
  if (!subnet.ipv4Cidr) return <p className="muted small">Right-sizing works on the subnet's IPv4 block; it has none.</p>;
  if (subnet.hostsNeeded === undefined)
    return (
      <p className="muted small" data-testid="right-size-result">
        Enter “Hosts needed” above: the right size follows from the hosts the subnet must hold.
      </p>
    );
  // The blocks as the plan index read them; a field that is not a valid IPv4 block goes as its text, so the engine says what is wrong with it.
  const index = planIndexOf(plan);
  const asRead = (s: Subnet) => subnetBlock(index, s, 4) ?? s.ipv4Cidr!;
  const vpc = index.vpcById.get(subnet.vpcId);
  const vpcRead = new Map((vpc ? vpcBlocksWithField(index, vpc, 4) : []).map((read) => [read.index, read.block]));
  const vpcBlocks = vpc?.ipv4Cidrs.map((text, i) => vpcRead.get(i) ?? text).filter((block) => block !== '');
  const others = (index.subnetsByVpc.get(subnet.vpcId) ?? []).filter((s) => s.id !== subnet.id && s.ipv4Cidr).map(asRead);
  const result = rightSizeSubnet(asRead(subnet), subnet.hostsNeeded, subnet.growthPercent ?? 0, {
    byoip: subnet.byoip === true,
    vpcBlocks,
    otherSubnets: others,
  });
  if (!result.ok)
    return (
      <p className="field-error" role="alert" data-testid="right-size-result">
        {result.reason}
      </p>
    );
  const canApply = result.change !== 'none' && result.inPlace !== undefined && result.inPlace !== result.current;
  return (
    <div className="right-size-result" data-testid="right-size-result">
      <p>
        Smallest block for {count(result.addressesNeeded)} addresses: a <strong>/{result.prefix}</strong>.{' '}
        {result.freedAddresses >= 0 ? `Frees ${count(result.freedAddresses)} addresses.` : `Takes ${count(result.freedAddresses)} more addresses.`}
      </p>
      <p>{result.explanation}</p>
      {canApply ? (
        <button
          type="button"
          className="primary"
          data-testid="right-size-apply"
          onClick={() => edit((p) => updateObject(p, 'subnet', subnet.id, { ipv4Cidr: result.inPlace }))}
        >
          Change to {result.inPlace}
        </button>
      ) : result.change !== 'none' ? (
        <p className="muted small" data-testid="right-size-why-not">
          It cannot be changed in place{result.moveTo ? `; moving it to ${result.moveTo} is a change you make yourself (its addresses change)` : ''}.
        </p>
      ) : null}
    </div>
  );
}

function VpcRightSizeView({ plan, vpc, edit }: { plan: Plan; vpc: Vpc; edit: Edit }) {
  const results = rightSizeVpc(planIndexOf(plan), vpc);
  if (results.length === 0)
    return (
      <p className="muted small" data-testid="right-size-result">
        The VPC has no valid IPv4 block to right-size.
      </p>
    );
  return (
    <div className="right-size-result" data-testid="right-size-result">
      {results.map((r) => {
        const canApply = r.inPlace !== undefined && r.inPlace !== r.block && r.freedInPlace > 0;
        return (
          <div key={r.block}>
            <p>
              <span className="mono">{r.block}</span>: the smallest block is <strong className="mono">{r.smallest}</strong>
              {r.freedAddresses > 0 ? `, freeing ${count(r.freedAddresses)} addresses` : ''}.
            </p>
            <p>{r.explanation}</p>
            {canApply ? (
              <button
                type="button"
                className="primary"
                data-testid="right-size-apply"
                onClick={() => edit((p) => updateObject(p, 'vpc', vpc.id, { ipv4Cidrs: vpc.ipv4Cidrs.map((b) => (b === r.block ? r.inPlace! : b)) }))}
              >
                Change {r.block} to {r.inPlace} (frees {count(r.freedInPlace)})
              </button>
            ) : r.change === 'shrink' ? (
              <p className="muted small" data-testid="right-size-why-not">
                No smaller block at the same start holds its subnets where they are.
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
