/**
 * "Size a VPC": from what the user knows (region, AZs, tiers and hosts per subnet, growth,
 * IPv6, ranges to avoid) to a VPC and its subnets, proposed by the engine (proposeVpc) and
 * shown with its explanations before anything is added. The plan's other VPCs and its
 * external ranges are avoided without being asked.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { USUAL_SUBNET_IPV6_PREFIX } from '../../shared/aws-limits';
import {
  MAX_AZS,
  networkForProposal,
  proposeVpc,
  rangesToAvoid,
  sizedVpcName,
  type ProposalNetwork,
  type SizingProposal,
  type SizingRequest,
} from '../../shared/sizing';
import type { Plan, SubnetTier } from '../../shared/plan/schema';
import './sizing.css';

interface TierRow {
  key: number;
  name: string;
  tier: SubnetTier;
  hosts: string;
}

const DEFAULT_TIERS: TierRow[] = [
  { key: 1, name: 'public', tier: 'public', hosts: '50' },
  { key: 2, name: 'app', tier: 'private', hosts: '500' },
  { key: 3, name: 'data', tier: 'isolated', hosts: '100' },
];

export interface SizingResult {
  proposal: SizingProposal;
  request: SizingRequest;
  name: string;
  /** Also add the internet gateway, NAT gateways, egress-only gateway and route tables (networkForProposal). */
  withNetwork: boolean;
}

export function SizingDialog({ plan, onAdd, onCancel }: { plan: Plan; onAdd(result: SizingResult): void; onCancel(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), name: useId(), region: useId(), azs: useId(), growth: useId(), avoid: useId() };
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const [name, setName] = useState(`vpc-${plan.vpcs.length + 1}`);
  const [region, setRegion] = useState(plan.vpcs[0]?.region ?? 'us-east-1');
  const [azs, setAzs] = useState(3);
  const [tiers, setTiers] = useState<TierRow[]>(DEFAULT_TIERS);
  const [growth, setGrowth] = useState('50');
  const [ipv6, setIpv6] = useState(false);
  const [extraAvoid, setExtraAvoid] = useState('');
  const [withNetwork, setWithNetwork] = useState(true);
  const nextKey = useRef(4);

  const automatic = useMemo(() => rangesToAvoid(plan), [plan]);
  const extra = extraAvoid
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  const request: SizingRequest = {
    region: region.trim(),
    azs,
    growthPercent: growth.trim() === '' ? 0 : Number(growth),
    ipv6,
    tiers: tiers.map((t) => ({ name: t.name.trim(), tier: t.tier, hostsPerSubnet: t.hosts.trim() === '' ? Number.NaN : Number(t.hosts) })),
    avoid: [...automatic.map((a) => a.block), ...extra],
  };
  const result = proposeVpc(request);
  // The preview's ids are stand-ins: only names and explanations are shown; the real ids are given on adding.
  const network =
    result.ok && withNetwork
      ? networkForProposal(result, {
          vpcId: 'new-vpc',
          vpcName: sizedVpcName(plan, name),
          subnetIds: result.subnets.map((_, i) => `new-subnet-${i}`),
          newId: (() => {
            let n = 0;
            return (kind: string) => `new-${kind}-${++n}`;
          })(),
        })
      : undefined;

  const setTier = (key: number, patch: Partial<TierRow>) => setTiers((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <dialog
      ref={ref}
      className="modal sizing"
      aria-labelledby={ids.title}
      data-testid="sizing-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={ids.title}>Size a VPC</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (result.ok) onAdd({ proposal: result, request, name, withNetwork });
        }}
      >
        <div className="sizing-grid">
          <div className="field">
            <label htmlFor={ids.name}>VPC name</label>
            <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} data-testid="sizing-name" />
          </div>
          <div className="field">
            <label htmlFor={ids.region}>Region</label>
            <input id={ids.region} value={region} onChange={(e) => setRegion(e.target.value)} data-testid="sizing-region" />
          </div>
          <div className="field">
            <label htmlFor={ids.azs}>Availability zones</label>
            <select id={ids.azs} value={azs} onChange={(e) => setAzs(Number(e.target.value))} data-testid="sizing-azs">
              {Array.from({ length: MAX_AZS }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.growth}>Growth headroom (%)</label>
            <input id={ids.growth} inputMode="numeric" value={growth} onChange={(e) => setGrowth(e.target.value)} data-testid="sizing-growth" />
          </div>
          <label className="check-field sizing-ipv6">
            <input type="checkbox" checked={ipv6} onChange={(e) => setIpv6(e.target.checked)} data-testid="sizing-ipv6" /> IPv6 (a /{USUAL_SUBNET_IPV6_PREFIX}{' '}
            per subnet)
          </label>
          <label className="check-field sizing-network">
            <input type="checkbox" checked={withNetwork} onChange={(e) => setWithNetwork(e.target.checked)} data-testid="sizing-network" /> Add gateways and
            route tables
          </label>
        </div>

        <fieldset className="sizing-tiers">
          <legend>Tiers: hosts per subnet (one subnet per tier in every AZ)</legend>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Hosts per subnet</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tiers.map((t, i) => (
                <tr key={t.key} data-testid="sizing-tier">
                  <td>
                    <input
                      aria-label={`Tier ${i + 1} name`}
                      value={t.name}
                      onChange={(e) => setTier(t.key, { name: e.target.value })}
                      data-testid="sizing-tier-name"
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Tier ${i + 1} kind`}
                      value={t.tier}
                      onChange={(e) => setTier(t.key, { tier: e.target.value as SubnetTier })}
                      data-testid="sizing-tier-kind"
                    >
                      <option value="public">public</option>
                      <option value="private">private</option>
                      <option value="isolated">isolated</option>
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Tier ${i + 1} hosts per subnet`}
                      inputMode="numeric"
                      value={t.hosts}
                      onChange={(e) => setTier(t.key, { hosts: e.target.value })}
                      data-testid="sizing-tier-hosts"
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove tier ${t.name || i + 1}`}
                      onClick={() => setTiers((rows) => rows.filter((r) => r.key !== t.key))}
                      data-testid="sizing-tier-remove"
                    >
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="link-button"
            data-testid="sizing-add-tier"
            onClick={() => {
              const key = nextKey.current++;
              setTiers((rows) => [...rows, { key, name: `tier-${key}`, tier: 'private', hosts: '100' }]);
            }}
          >
            + Add a tier
          </button>
        </fieldset>

        <fieldset className="sizing-avoid">
          <legend>Ranges to avoid</legend>
          {automatic.length > 0 ? (
            <ul className="avoid-list" data-testid="sizing-avoid-auto">
              {automatic.map((a, i) => (
                <li key={i}>
                  <span className="mono">{a.cidr}</span> <span className="muted">({a.source}, avoided automatically)</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">The plan has no other VPC or external range.</p>
          )}
          <div className="field">
            <label htmlFor={ids.avoid}>More ranges to avoid (on-premises, partners; separated by spaces or commas)</label>
            <textarea id={ids.avoid} className="mono" rows={2} value={extraAvoid} onChange={(e) => setExtraAvoid(e.target.value)} data-testid="sizing-avoid" />
          </div>
        </fieldset>

        <section className="sizing-proposal" aria-labelledby={`${ids.title}-p`} data-testid="sizing-proposal" aria-live="polite">
          <h3 id={`${ids.title}-p`}>Proposal</h3>
          {result.ok ? (
            <ProposalView proposal={result} network={network} />
          ) : (
            <p className="field-error" role="alert" data-testid="sizing-error">
              {result.reason}
            </p>
          )}
        </section>

        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={!result.ok} data-testid="sizing-confirm">
            Add to the plan
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

function ProposalView({ proposal, network }: { proposal: SizingProposal; network: ProposalNetwork | undefined }) {
  return (
    <>
      <p>
        VPC block{' '}
        <strong className="mono" data-testid="sizing-vpc-cidr">
          {proposal.vpcCidr}
        </strong>
        {proposal.vpcIpv6Cidr ? (
          <>
            {' '}
            and IPv6 <span className="mono">{proposal.vpcIpv6Cidr}</span>
          </>
        ) : null}
      </p>
      {proposal.ipv6Note ? <p className="muted small">{proposal.ipv6Note}</p> : null}
      <div className="sizing-table-wrap">
        <table className="sizing-table" data-testid="sizing-subnets">
          <thead>
            <tr>
              <th scope="col">AZ</th>
              <th scope="col">Tier</th>
              <th scope="col">CIDR</th>
              <th scope="col">Hosts</th>
              <th scope="col">With growth</th>
              <th scope="col">Usable</th>
              {proposal.vpcIpv6Cidr ? <th scope="col">IPv6</th> : null}
            </tr>
          </thead>
          <tbody>
            {proposal.subnets.map((s) => (
              <tr key={`${s.az}-${s.tierName}`} data-testid="sizing-subnet">
                <td>{s.az}</td>
                <td>
                  {s.tierName} <span className="muted">({s.tier})</span>
                </td>
                <td className="mono">{s.cidr}</td>
                <td>{s.hostsNeeded.toLocaleString('en-US')}</td>
                <td>{s.addressesWithGrowth.toLocaleString('en-US')}</td>
                <td>{s.capacity.toLocaleString('en-US')}</td>
                {proposal.vpcIpv6Cidr ? <td className="mono">{s.ipv6Cidr}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small">
        <strong>Free space left:</strong>{' '}
        <span className="mono" data-testid="sizing-free">
          {proposal.free.join(', ') || 'none'}
        </span>
      </p>
      <ul className="sizing-explanations" data-testid="sizing-explanations">
        {proposal.explanations.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <h4 className="sizing-subhead">Gateways and route tables</h4>
      {network ? (
        <>
          <p className="small" data-testid="sizing-network-summary">
            {networkSummary(network)}
          </p>
          <ul className="sizing-explanations" data-testid="sizing-network-explanations">
            {network.explanations.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small" data-testid="sizing-network-off">
          Subnets only: no internet gateway, NAT gateway or route table is added, so the public and private subnets cannot reach the internet until you add
          them.
        </p>
      )}
    </>
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Adds 1 internet gateway, 3 NAT gateways and 5 route tables." */
function networkSummary(network: ProposalNetwork): string {
  const parts = [
    network.internetGateways.length ? count(network.internetGateways.length, 'internet gateway') : '',
    network.natGateways.length ? count(network.natGateways.length, 'NAT gateway') : '',
    network.egressOnlyGateways.length ? count(network.egressOnlyGateways.length, 'egress-only internet gateway') : '',
    count(network.routeTables.length, 'route table'),
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `Adds ${list}, each subnet associated with its table.`;
}
