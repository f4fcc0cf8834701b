/**
 * NAT gateway demand (instances, peak connections, destinations and their shares) and a
 * Lattice service network's services. The shares are checked by the engine's
 * natDemandProblems as you type; a change that would break them is not written.
 */
import { NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION } from '../../shared/aws-limits';
import { useEffect, useId, useState } from 'react';
import { natDemandProblems, unassignedShare } from '../../shared/plan/nat-demand';
import type { NatDemand, NatGateway, Plan, ServiceNetwork } from '../../shared/plan/schema';
import { newId, updateObject } from '../../shared/plan/edits';
import { NumberField, SelectField, TextField } from './fields';
import './routing-fields.css';

type Edit = (change: (plan: Plan) => Plan) => void;

const EMPTY_DEMAND: NatDemand = { instances: 0, peakConnectionsPerInstance: 0, destinations: [] };

export function NatDemandFields({ nat, edit }: { nat: NatGateway; edit: Edit }) {
  const demand = nat.demand ?? EMPTY_DEMAND;
  const setDemand = (next: NatDemand | undefined) => edit((p) => updateObject(p, 'natGateway', nat.id, { demand: next }));
  const problems = natDemandProblems(demand);
  const free = unassignedShare(demand);
  return (
    <fieldset data-testid="nat-demand">
      <legend>Demand</legend>
      <NumberField
        label="Instances behind it"
        value={nat.demand?.instances}
        optional
        min={0}
        max={1e9}
        testId="nat-instances"
        onCommit={(instances) => setDemand({ ...demand, instances: instances ?? 0 })}
      />
      <NumberField
        label="Peak connections per instance"
        value={nat.demand?.peakConnectionsPerInstance}
        optional
        min={0}
        max={1e9}
        testId="nat-peak"
        onCommit={(peak) => setDemand({ ...demand, peakConnectionsPerInstance: peak ?? 0 })}
      />
      <div className="small muted">
        Destinations (one IP, port and protocol each): a NAT address holds {NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION.toLocaleString('en-US')} connections to
        each.
      </div>
      <ol className="route-list">
        {demand.destinations.map((d, i) => (
          <li key={i} className="route-row" data-testid="nat-destination">
            <div className="route-row-head">
              <span>Destination {i + 1}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove destination ${d.name}`}
                title="Remove this destination"
                onClick={() => setDemand({ ...demand, destinations: demand.destinations.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </div>
            <TextField
              label="Name"
              value={d.name}
              onCommit={(name) => setDemand({ ...demand, destinations: demand.destinations.map((x, j) => (j === i ? { ...x, name } : x)) })}
            />
            <ShareField
              value={d.share}
              testId={`nat-share-${i}`}
              problemFor={(share) =>
                natDemandProblems({ ...demand, destinations: demand.destinations.map((x, j) => (j === i ? { ...x, share } : x)) })[0]?.message
              }
              onCommit={(share) => setDemand({ ...demand, destinations: demand.destinations.map((x, j) => (j === i ? { ...x, share } : x)) })}
            />
          </li>
        ))}
      </ol>
      {problems.length > 0 ? (
        <div className="field-error" role="alert">
          {problems[0]?.message}
        </div>
      ) : null}
      <div className="share-total" data-testid="nat-share-free">
        {demand.destinations.length === 0
          ? 'No destinations listed: all connections are assumed to go to one (the worst case).'
          : `${free} % of the connections not assigned to a destination.`}
      </div>
      <div className="button-row tight">
        <button
          type="button"
          className="link-button"
          data-testid="nat-destination-add"
          disabled={demand.destinations.length > 0 && free === 0}
          onClick={() =>
            setDemand({
              ...demand,
              destinations: [
                ...demand.destinations,
                { name: `destination ${demand.destinations.length + 1}`, share: demand.destinations.length === 0 ? 100 : free },
              ],
            })
          }
        >
          + Add a destination
        </button>
        {nat.demand ? (
          <button type="button" className="link-button" onClick={() => setDemand(undefined)}>
            Clear the demand
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

/** A percentage 0..100 (decimals allowed); the engine says whether the shares still fit. */
function ShareField({
  value,
  onCommit,
  problemFor,
  testId,
}: {
  value: number;
  onCommit(value: number): void;
  problemFor(share: number): string | undefined;
  testId: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const parsed = draft.trim() === '' ? Number.NaN : Number(draft);
  const problem = Number.isNaN(parsed) ? `“${draft}” is not a number.` : problemFor(parsed);
  const commit = () => {
    if (!problem && parsed !== value) onCommit(parsed);
  };
  return (
    <div className="field">
      <label htmlFor={id}>Share of the connections (%)</label>
      <input
        id={id}
        inputMode="decimal"
        value={draft}
        data-testid={testId}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(String(value));
        }}
      />
      {problem ? (
        <div className="field-error" role="alert" data-testid={`${testId}-error`}>
          {problem}
        </div>
      ) : null}
    </div>
  );
}

export function LatticeServices({ plan, network, edit }: { plan: Plan; network: ServiceNetwork; edit: Edit }) {
  const setServices = (services: ServiceNetwork['services']) => edit((p) => updateObject(p, 'serviceNetwork', network.id, { services }));
  const vpcOptions = [{ value: '', label: 'Not placed in a VPC' }, ...plan.vpcs.map((v) => ({ value: v.id, label: v.name || v.id }))];
  return (
    <fieldset data-testid="lattice-services">
      <legend>Services</legend>
      <ol className="route-list">
        {network.services.map((service, i) => (
          <li key={service.id} className="route-row" data-testid="lattice-service">
            <div className="route-row-head">
              <span className="mono">{service.id}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove service ${service.name}`}
                title="Remove this service"
                onClick={() => setServices(network.services.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
            <TextField label="Name" value={service.name} onCommit={(name) => setServices(network.services.map((s, j) => (j === i ? { ...s, name } : s)))} />
            <SelectField
              label="Runs in"
              value={service.vpcId ?? ''}
              options={vpcOptions}
              onCommit={(vpcId) =>
                setServices(
                  network.services.map((s, j) => {
                    if (j !== i) return s;
                    const next = { ...s };
                    if (vpcId) next.vpcId = vpcId;
                    else delete next.vpcId;
                    return next;
                  }),
                )
              }
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="link-button"
        data-testid="lattice-service-add"
        onClick={() =>
          edit((p) =>
            updateObject(p, 'serviceNetwork', network.id, {
              services: [...network.services, { id: newId('svc', p), name: `service-${network.services.length + 1}` }],
            }),
          )
        }
      >
        + Add a service
      </button>
    </fieldset>
  );
}
