/**
 * The inspector: the fields of whatever is selected. Every change is one plan edit.
 */
import { useState } from 'react';
import { NAT_GATEWAY_MAX_ADDRESSES, NAT_WARNING_UTILISATION, RESERVED_ADDRESSES_PER_SUBNET } from '../../shared/aws-limits';
import type { Finding } from '../../shared/checks/types';
import type {
  ExternalNetwork,
  NatGateway,
  PeeringConnection,
  Plan,
  ServiceNetwork,
  Subnet,
  TgwAttachment,
  TransitGateway,
  Vpc,
} from '../../shared/plan/schema';
import { applyFix, describeKind, findObject, renumberSubnets, updateAttachment, updateObject } from '../../shared/plan/edits';
import { prefixOf, proposeSubnetCidr } from '../../shared/plan/proposals';
import type { EngineViews } from '../canvas/derive';
import { Icon } from '../canvas/icons';
import { CheckField, CidrField, NumberField, SelectField, TextField } from './fields';
import { LatticeServices, NatDemandFields } from './DemandFields';
import { FindingList } from './finding-list';
import { RouteTableEditor, SubnetRouteTable, TgwRouting } from './RoutingFields';
import { ConnectionList, ConnectionPickers } from './Connections';
import { RightSize } from '../sizing/RightSize';

interface InspectorProps {
  plan: Plan;
  selection: readonly string[];
  engine: EngineViews;
  edit(change: (plan: Plan) => Plan): void;
  onDelete(): void;
  onFrame(ids: string[]): void;
  /** Select an object and show it on the canvas (the other end of a connection). */
  onGo(id: string): void;
  say(text: string): void;
  /** The open plan is one of the bundled examples (the first start opens one): say so, and how to start one's own. */
  example?: { onNew(): void; newKey?: string };
}

/** Kinds whose inspector lists their connections; the top-level ones also offer the pickers. */
const LISTS_CONNECTIONS = new Set([
  'vpc',
  'subnet',
  'transitGateway',
  'serviceNetwork',
  'externalNetwork',
  'peering',
  'tgwAttachment',
  'association',
  'vpnGateway',
]);
const PICKS_CONNECTIONS = new Set(['vpc', 'transitGateway', 'serviceNetwork', 'externalNetwork']);

export function Inspector({ plan, selection, engine, edit, onDelete, onFrame, onGo, say, example }: InspectorProps) {
  if (selection.length === 0) {
    return (
      <section className="panel inspector" aria-labelledby="inspector-title" data-testid="inspector">
        <h2 id="inspector-title">Plan</h2>
        <TextField label="Plan name" value={plan.name} testId="plan-name" onCommit={(name) => edit((p) => (p.name === name ? p : { ...p, name }))} />
        <TextField
          label="Description"
          value={plan.description ?? ''}
          multiline
          onCommit={(text) => edit((p) => (text === (p.description ?? '') ? p : text ? { ...p, description: text } : withoutDescription(p)))}
        />
        <dl className="facts">
          <dt>VPCs</dt>
          <dd>{plan.vpcs.length}</dd>
          <dt>Subnets</dt>
          <dd>{plan.subnets.length}</dd>
          <dt>Transit gateways</dt>
          <dd>{plan.transitGateways.length}</dd>
          <dt>Peerings</dt>
          <dd>{plan.peerings.length}</dd>
        </dl>
        <p className="muted">Select a VPC, subnet, gateway or connection on the canvas to edit it.</p>
        {example ? (
          <div className="example-note" role="note" data-testid="example-note">
            <p>
              <strong>This is an example plan.</strong> Change what you like: saving asks for a file name of your own. To draw your own network, start a new
              plan
              {example.newKey ? (
                <>
                  {' '}
                  (<kbd>{example.newKey}</kbd>)
                </>
              ) : null}
              : an empty plan, the other examples and your recent files are there.
            </p>
            <button type="button" onClick={example.onNew} data-testid="example-new">
              <Icon name="new" /> New plan
            </button>
          </div>
        ) : null}
      </section>
    );
  }
  if (selection.length > 1) {
    return (
      <section className="panel inspector" aria-labelledby="inspector-title" data-testid="inspector">
        <h2 id="inspector-title">{selection.length} objects selected</h2>
        <ul className="plain-list">
          {selection.slice(0, 30).map((id) => {
            const found = findObject(plan, id);
            return <li key={id}>{found ? `${describeKind(found.kind)} ${'name' in found.object ? found.object.name || id : id}` : id}</li>;
          })}
        </ul>
        <div className="button-row">
          <button type="button" onClick={onDelete}>
            <Icon name="trash" /> Delete all
          </button>
          <button type="button" onClick={() => onFrame([...selection])}>
            <Icon name="fit" /> Frame
          </button>
        </div>
      </section>
    );
  }
  const id = selection[0] as string;
  const found = findObject(plan, id);
  if (!found) return null;
  const findings = engine.findings.filter((f) => f.subjects.includes(id));
  let body: React.ReactNode;
  switch (found.kind) {
    case 'vpc':
      body = <VpcFields plan={plan} vpc={found.object} edit={edit} />;
      break;
    case 'subnet':
      body = <SubnetFields plan={plan} subnet={found.object} edit={edit} engine={engine} usable={engine.usableAddresses(found.object)} />;
      break;
    case 'natGateway':
      body = <NatFields plan={plan} nat={found.object} edit={edit} engine={engine} />;
      break;
    case 'peering':
      body = <PeeringFields plan={plan} peering={found.object} edit={edit} />;
      break;
    case 'transitGateway':
      body = <TgwFields plan={plan} tgw={found.object} edit={edit} engine={engine} />;
      break;
    case 'tgwAttachment':
      body = <AttachmentFields plan={plan} attachment={found.object} tgw={found.transitGateway} edit={edit} />;
      break;
    case 'serviceNetwork':
      body = <ServiceNetworkFields plan={plan} network={found.object} edit={edit} />;
      break;
    case 'externalNetwork':
      body = <ExternalFields network={found.object} edit={edit} />;
      break;
    case 'routeTable': {
      const table = plan.routeTables.find((t) => t.id === id);
      body = table ? <RouteTableEditor plan={plan} table={table} engine={engine} edit={edit} /> : null;
      break;
    }
    case 'association': {
      const network = plan.serviceNetworks.find((n) => n.id === found.object.serviceNetworkId);
      const vpc = plan.vpcs.find((v) => v.id === found.object.vpcId);
      body = (
        <p>
          {vpc?.name ?? found.object.vpcId} is associated with the service network {network?.name ?? found.object.serviceNetworkId}: its clients can reach the
          network’s services, whatever their address ranges.
        </p>
      );
      break;
    }
    default: {
      const object = found.object;
      body = <TextField label="Name" value={object.name} onCommit={(name) => edit((p) => updateObject(p, found.kind, object.id, { name }))} />;
    }
  }
  const title = 'name' in found.object && found.object.name ? found.object.name : id;
  return (
    <section className="panel inspector" aria-labelledby="inspector-title" data-testid="inspector">
      <div className="inspector-kind">{describeKind(found.kind)}</div>
      <h2 id="inspector-title">{title}</h2>
      <div className="muted mono small">{id}</div>
      {findings.length > 0 ? <FindingList findings={findings} onApply={(fix) => edit((p) => applyFix(p, fix))} /> : null}
      <div key={id}>{body}</div>
      {LISTS_CONNECTIONS.has(found.kind) ? <ConnectionList plan={plan} id={id} onGo={onGo} /> : null}
      {PICKS_CONNECTIONS.has(found.kind) ? <ConnectionPickers key={`pick-${id}`} plan={plan} id={id} edit={edit} say={say} /> : null}
      {found.kind === 'vpc' || found.kind === 'subnet' ? <RightSize key={`right-size-${id}`} plan={plan} id={id} edit={edit} /> : null}
      <div className="button-row">
        <button type="button" onClick={onDelete} data-testid="inspector-delete">
          <Icon name="trash" /> Delete
        </button>
      </div>
    </section>
  );
}

function withoutDescription(plan: Plan): Plan {
  const copy = { ...plan };
  delete copy.description;
  return copy;
}

type Edit = (change: (plan: Plan) => Plan) => void;

function VpcFields({ plan, vpc, edit }: { plan: Plan; vpc: Vpc; edit: Edit }) {
  // The primary block as it was before the user changed it here: its subnets' offsets in it
  // are what renumbering keeps.
  const [readdressed, setReaddressed] = useState<{ vpcId: string; from: string; to: string } | undefined>(undefined);
  const set = (patch: Partial<Vpc>) => edit((p) => updateObject(p, 'vpc', vpc.id, patch));
  const setBlock = (key: 'ipv4Cidrs' | 'ipv6Cidrs', index: number, text: string) => {
    const blocks = [...vpc[key]];
    const before = blocks[index];
    blocks[index] = text.trim();
    if (key === 'ipv4Cidrs' && index === 0 && before !== undefined && before !== blocks[0]) setReaddressed({ vpcId: vpc.id, from: before, to: blocks[0]! });
    set({ [key]: blocks });
  };
  const renumber =
    readdressed && readdressed.vpcId === vpc.id && readdressed.to === vpc.ipv4Cidrs[0]
      ? renumberSubnets(vpc.id, plan.subnets, readdressed.from, readdressed.to)
      : undefined;
  return (
    <>
      {renumber ? (
        <div className="renumber-offer" data-testid="renumber-offer">
          <span>
            {renumber.moves.length} subnet{renumber.moves.length === 1 ? '' : 's'} now lie outside {vpc.ipv4Cidrs[0]}.
          </span>
          <button
            type="button"
            className="apply-button"
            data-testid="renumber-subnets"
            onClick={() => {
              edit((p) => applyFix(p, { ...renumber, label: 'Renumber' }));
              setReaddressed(undefined);
            }}
          >
            Renumber {renumber.moves.length} subnet{renumber.moves.length === 1 ? '' : 's'} into {vpc.ipv4Cidrs[0]}
          </button>
        </div>
      ) : null}
      <TextField label="Name" value={vpc.name} testId="vpc-name" onCommit={(name) => set({ name })} />
      <TextField label="Region" value={vpc.region} onCommit={(region) => set({ region })} />
      <TextField
        label="Account"
        value={vpc.accountId ?? ''}
        placeholder="12-digit account id"
        onCommit={(accountId) => set({ accountId: accountId || undefined })}
      />
      <fieldset>
        <legend>IPv4 blocks</legend>
        {vpc.ipv4Cidrs.map((block, i) => (
          <CidrField
            key={i}
            label={i === 0 ? 'Primary' : `Secondary ${i}`}
            value={block}
            version={4}
            testId={`vpc-ipv4-${i}`}
            onCommit={(text) => setBlock('ipv4Cidrs', i, text)}
            onRemove={vpc.ipv4Cidrs.length > 1 ? () => set({ ipv4Cidrs: vpc.ipv4Cidrs.filter((_, j) => j !== i) }) : undefined}
          />
        ))}
        <button type="button" className="link-button" onClick={() => set({ ipv4Cidrs: [...vpc.ipv4Cidrs, ''] })}>
          + Add an IPv4 block
        </button>
      </fieldset>
      <fieldset>
        <legend>IPv6 blocks</legend>
        {vpc.ipv6Cidrs.map((block, i) => (
          <CidrField
            key={i}
            label={`IPv6 ${i + 1}`}
            value={block}
            version={6}
            testId={`vpc-ipv6-${i}`}
            onCommit={(text) => setBlock('ipv6Cidrs', i, text)}
            onRemove={() => set({ ipv6Cidrs: vpc.ipv6Cidrs.filter((_, j) => j !== i) })}
          />
        ))}
        <button type="button" className="link-button" onClick={() => set({ ipv6Cidrs: [...vpc.ipv6Cidrs, ''] })}>
          + Add an IPv6 block
        </button>
      </fieldset>
      <TextField label="Notes" value={vpc.notes ?? ''} multiline onCommit={(notes) => set({ notes: notes || undefined })} />
    </>
  );
}

const TIER_OPTIONS = [
  { value: 'public', label: 'Public (route to an internet gateway)' },
  { value: 'private', label: 'Private (egress through NAT)' },
  { value: 'isolated', label: 'Isolated (no internet route)' },
] as const;

function SubnetFields({ plan, subnet, edit, engine, usable }: { plan: Plan; subnet: Subnet; edit: Edit; engine: EngineViews; usable: string | undefined }) {
  const set = (patch: Partial<Subnet>) => edit((p) => updateObject(p, 'subnet', subnet.id, patch));
  const vpc = plan.vpcs.find((v) => v.id === subnet.vpcId);
  const prefix = prefixOf(subnet.ipv4Cidr) ?? 24;
  const proposal = vpc ? proposeSubnetCidr(plan, vpc, prefix, [subnet.id]) : undefined;
  return (
    <>
      <TextField label="Name" value={subnet.name} testId="subnet-name" onCommit={(name) => set({ name })} />
      <div className="muted small">In {vpc?.name ?? subnet.vpcId}</div>
      <CidrField
        label="IPv4 CIDR"
        value={subnet.ipv4Cidr ?? ''}
        version={4}
        testId="subnet-ipv4"
        allowEmpty
        onCommit={(text) => set({ ipv4Cidr: text.trim() || undefined })}
        hint={usable !== undefined ? `${usable} usable addresses (AWS reserves ${RESERVED_ADDRESSES_PER_SUBNET})` : undefined}
      />
      {proposal?.ok && proposal.cidr !== subnet.ipv4Cidr ? (
        <button type="button" className="link-button" data-testid="subnet-use-free" onClick={() => set({ ipv4Cidr: proposal.cidr })}>
          Use the next free /{prefix}: {proposal.cidr}
        </button>
      ) : null}
      <CidrField label="IPv6 CIDR" value={subnet.ipv6Cidr ?? ''} version={6} allowEmpty onCommit={(text) => set({ ipv6Cidr: text.trim() || undefined })} />
      <TextField label="Availability zone" value={subnet.availabilityZone} testId="subnet-az" onCommit={(availabilityZone) => set({ availabilityZone })} />
      <SelectField label="Tier" value={subnet.tier} options={TIER_OPTIONS} testId="subnet-tier" onCommit={(tier) => set({ tier })} />
      <NumberField
        label="Hosts needed"
        value={subnet.hostsNeeded}
        optional
        min={0}
        max={1e9}
        testId="subnet-hosts"
        onCommit={(hostsNeeded) => set({ hostsNeeded })}
      />
      <NumberField label="Growth headroom (%)" value={subnet.growthPercent} optional min={0} max={10000} onCommit={(growthPercent) => set({ growthPercent })} />
      <CheckField label="BYOIP range (AWS reserves no addresses)" checked={subnet.byoip ?? false} onCommit={(byoip) => set({ byoip: byoip || undefined })} />
      <CheckField label="Holds a bastion host" checked={subnet.bastion ?? false} onCommit={(bastion) => set({ bastion: bastion || undefined })} />
      <SubnetRouteTable plan={plan} subnet={subnet} engine={engine} edit={edit} />
    </>
  );
}

/** The subnets a NAT gateway can be in: those of its subnet's VPC (every subnet, if its own is gone). */
function natSubnets(plan: Plan, nat: NatGateway): Subnet[] {
  const vpcId = plan.subnets.find((s) => s.id === nat.subnetId)?.vpcId;
  return vpcId === undefined ? plan.subnets : plan.subnets.filter((s) => s.vpcId === vpcId);
}

function NatFields({ plan, nat, edit, engine }: { plan: Plan; nat: NatGateway; edit: Edit; engine: EngineViews }) {
  const set = (patch: Partial<NatGateway>) => edit((p) => updateObject(p, 'natGateway', nat.id, patch));
  const gauge = engine.natGauge(nat);
  return (
    <>
      <TextField label="Name" value={nat.name} onCommit={(name) => set({ name })} />
      {/* A NAT gateway moves between the subnets of its own VPC. */}
      <SelectField
        label="Subnet"
        value={nat.subnetId}
        testId="nat-subnet"
        options={natSubnets(plan, nat).map((s) => ({ value: s.id, label: `${s.name || s.id} · ${s.availabilityZone} (${s.tier})` }))}
        onCommit={(subnetId) => set({ subnetId })}
      />
      <SelectField
        label="Connectivity"
        value={nat.connectivity}
        options={[
          { value: 'public', label: 'Public' },
          { value: 'private', label: 'Private' },
        ]}
        onCommit={(connectivity) => set({ connectivity })}
      />
      <NumberField
        label={`IPv4 addresses (1 to ${NAT_GATEWAY_MAX_ADDRESSES})`}
        value={nat.addresses}
        min={1}
        max={NAT_GATEWAY_MAX_ADDRESSES}
        testId="nat-addresses"
        onCommit={(addresses) => set({ addresses: addresses ?? 1 })}
      />
      {gauge ? (
        <div className="nat-capacity" data-testid="nat-capacity">
          <div className={`gauge gauge-${gauge.utilisation >= 1 ? 'over' : gauge.utilisation >= NAT_WARNING_UTILISATION ? 'high' : 'ok'}`}>
            <div className="gauge-bar">
              <div className="gauge-fill" style={{ width: `${Math.min(100, gauge.utilisation * 100)}%` }} />
            </div>
            <span className="gauge-label">{gauge.label}</span>
          </div>
          <p className="small">{gauge.detail}</p>
        </div>
      ) : (
        <p className="muted small">Give the instances and their peak connections to see the port capacity.</p>
      )}
      <NatDemandFields nat={nat} edit={edit} />
    </>
  );
}

function PeeringFields({ plan, peering, edit }: { plan: Plan; peering: PeeringConnection; edit: Edit }) {
  const set = (patch: Partial<PeeringConnection>) => edit((p) => updateObject(p, 'peering', peering.id, patch));
  const nameOf = (id: string) => plan.vpcs.find((v) => v.id === id)?.name ?? id;
  return (
    <>
      <TextField label="Name" value={peering.name} onCommit={(name) => set({ name })} />
      <p className="small">
        Requester {nameOf(peering.requesterVpcId)} → accepter {nameOf(peering.accepterVpcId)}. Peering is not transitive: traffic goes only between these two
        VPCs.
      </p>
      <SelectField
        label="Status"
        value={peering.status}
        options={[
          { value: 'active', label: 'Active' },
          { value: 'pending', label: 'Pending acceptance' },
        ]}
        onCommit={(status) => set({ status })}
      />
    </>
  );
}

function TgwFields({ plan, tgw, edit, engine }: { plan: Plan; tgw: TransitGateway; edit: Edit; engine: EngineViews }) {
  const set = (patch: Partial<TransitGateway>) => edit((p) => updateObject(p, 'transitGateway', tgw.id, patch));
  return (
    <>
      <TextField label="Name" value={tgw.name} onCommit={(name) => set({ name })} />
      <TextField label="Region" value={tgw.region} onCommit={(region) => set({ region })} />
      <NumberField label="ASN" value={tgw.asn} optional min={1} max={4294967295} onCommit={(asn) => set({ asn })} />
      <TgwRouting plan={plan} tgw={tgw} engine={engine} edit={edit} />
    </>
  );
}

const ATTACHMENT_WORDS: Record<TgwAttachment['type'], string> = { vpc: 'VPC', vpn: 'site-to-site VPN', 'direct-connect': 'Direct Connect', peering: 'peering' };

function AttachmentFields({ plan, attachment, tgw, edit }: { plan: Plan; attachment: TgwAttachment; tgw: TransitGateway; edit: Edit }) {
  const set = (patch: Partial<TgwAttachment>) => edit((p) => updateAttachment(p, attachment.id, patch));
  const subnets = attachment.vpcId ? plan.subnets.filter((s) => s.vpcId === attachment.vpcId) : [];
  return (
    <>
      <TextField label="Name" value={attachment.name} onCommit={(name) => set({ name })} />
      <p className="small" data-testid="attachment-kind">
        A {ATTACHMENT_WORDS[attachment.type]} attachment on {tgw.name || tgw.id}.
      </p>
      <SelectField
        label="Associated route table"
        value={attachment.associatedRouteTableId ?? ''}
        options={[{ value: '', label: 'None (traffic from it is dropped)' }, ...tgw.routeTables.map((t) => ({ value: t.id, label: t.name || t.id }))]}
        onCommit={(value) => set({ associatedRouteTableId: value || undefined })}
      />
      <fieldset>
        <legend>Propagates to</legend>
        {tgw.routeTables.map((t) => (
          <CheckField
            key={t.id}
            label={t.name || t.id}
            checked={attachment.propagatedRouteTableIds.includes(t.id)}
            onCommit={(on) =>
              set({
                propagatedRouteTableIds: on ? [...attachment.propagatedRouteTableIds, t.id] : attachment.propagatedRouteTableIds.filter((x) => x !== t.id),
              })
            }
          />
        ))}
      </fieldset>
      {subnets.length > 0 ? (
        <fieldset>
          <legend>Attachment subnets (one per AZ)</legend>
          {subnets.map((s) => (
            <CheckField
              key={s.id}
              label={`${s.name || s.id} · ${s.availabilityZone}`}
              checked={attachment.subnetIds.includes(s.id)}
              onCommit={(on) => set({ subnetIds: on ? [...attachment.subnetIds, s.id] : attachment.subnetIds.filter((x) => x !== s.id) })}
            />
          ))}
        </fieldset>
      ) : null}
    </>
  );
}

function ServiceNetworkFields({ plan, network, edit }: { plan: Plan; network: ServiceNetwork; edit: Edit }) {
  const set = (patch: Partial<ServiceNetwork>) => edit((p) => updateObject(p, 'serviceNetwork', network.id, patch));
  return (
    <>
      <TextField label="Name" value={network.name} onCommit={(name) => set({ name })} />
      <fieldset>
        <legend>Associated VPCs</legend>
        {plan.vpcs.map((v) => (
          <CheckField
            key={v.id}
            label={v.name || v.id}
            checked={network.vpcIds.includes(v.id)}
            onCommit={(on) => set({ vpcIds: on ? [...network.vpcIds, v.id] : network.vpcIds.filter((x) => x !== v.id) })}
          />
        ))}
      </fieldset>
      <LatticeServices plan={plan} network={network} edit={edit} />
    </>
  );
}

const EXTERNAL_KINDS = [
  { value: 'on-premises', label: 'On-premises' },
  { value: 'azure', label: 'Azure' },
  { value: 'gcp', label: 'Google Cloud' },
  { value: 'other-cloud', label: 'Other cloud' },
] as const;

function ExternalFields({ network, edit }: { network: ExternalNetwork; edit: Edit }) {
  const set = (patch: Partial<ExternalNetwork>) => edit((p) => updateObject(p, 'externalNetwork', network.id, patch));
  return (
    <>
      <TextField label="Name" value={network.name} onCommit={(name) => set({ name })} />
      <SelectField label="Kind" value={network.kind} options={EXTERNAL_KINDS} onCommit={(kind) => set({ kind })} />
      <fieldset>
        <legend>Address ranges</legend>
        {network.cidrs.map((block, i) => (
          <CidrField
            key={i}
            label={`Range ${i + 1}`}
            value={block}
            testId={`external-cidr-${i}`}
            onCommit={(text) => {
              const cidrs = [...network.cidrs];
              cidrs[i] = text.trim();
              set({ cidrs });
            }}
            onRemove={() => set({ cidrs: network.cidrs.filter((_, j) => j !== i) })}
          />
        ))}
        <button type="button" className="link-button" onClick={() => set({ cidrs: [...network.cidrs, ''] })}>
          + Add a range
        </button>
      </fieldset>
    </>
  );
}
