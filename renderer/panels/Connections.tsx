/**
 * The inspector's connections of the selected object: every peering, attachment,
 * association, VPN and route that joins it to something else, each with a button that goes
 * to the other end (selects and frames it); and pickers ("Peer with…", "Attach to…",
 * "Associate with…") that make the same edits as a drag on the canvas, offering only what
 * the engine's connect rule allows.
 */
import { useId, useState } from 'react';
import { connectionsOf, type PlanConnectionKind } from '../../shared/plan/connections';
import { canConnect, connect, findObject, nameOf, type ConnectionKind, type ObjectKind } from '../../shared/plan/edits';
import type { Plan } from '../../shared/plan/schema';
import { Icon } from '../canvas/icons';

type Edit = (change: (plan: Plan) => Plan) => void;

/** The objects a connection can end at: the diagram's top-level boxes. */
function connectable(plan: Plan): Array<{ id: string; name: string }> {
  return [...plan.vpcs, ...plan.transitGateways, ...plan.serviceNetworks, ...plan.externalNetworks].map((o) => ({ id: o.id, name: o.name || o.id }));
}

/** A picker's label, from the selected object's side of the connection. */
function pickerLabel(kind: ConnectionKind, selected: ObjectKind): string {
  switch (kind) {
    case 'peering':
      return 'Peer with…';
    case 'attachment':
      return selected === 'vpc' ? 'Attach to transit gateway…' : 'Attach a VPC…';
    case 'association':
      return selected === 'vpc' ? 'Associate with service network…' : 'Associate a VPC…';
    case 'vpn-attachment':
      return selected === 'externalNetwork' ? 'Attach to transit gateway by VPN…' : 'Attach a network by VPN…';
    case 'tgw-peering':
      return 'Peer with transit gateway…';
    case 'vpn-gateway':
      return selected === 'vpc' ? 'VPN to network (virtual private gateway)…' : 'VPN from VPC (virtual private gateway)…';
  }
}

/** The button that makes the connection picked. */
const PICKER_VERBS: Record<ConnectionKind, string> = {
  peering: 'Peer',
  attachment: 'Attach',
  association: 'Associate',
  'vpn-attachment': 'Attach',
  'tgw-peering': 'Peer',
  'vpn-gateway': 'Connect',
};

const PICKER_ORDER: readonly ConnectionKind[] = ['peering', 'attachment', 'association', 'tgw-peering', 'vpn-attachment', 'vpn-gateway'];
const PICKER_IDS: Record<ConnectionKind, string> = {
  peering: 'peer',
  attachment: 'attach',
  association: 'associate',
  'tgw-peering': 'tgw-peer',
  'vpn-attachment': 'vpn-attach',
  'vpn-gateway': 'vpn-gateway',
};

export function ConnectionPickers({ plan, id, edit, say }: { plan: Plan; id: string; edit: Edit; say(text: string): void }) {
  const found = findObject(plan, id);
  if (!found) return null;
  const byKind = new Map<ConnectionKind, Array<{ id: string; name: string }>>();
  for (const other of connectable(plan)) {
    const check = canConnect(plan, id, other.id);
    if (!check.ok) continue;
    const list = byKind.get(check.kind);
    if (list) list.push(other);
    else byKind.set(check.kind, [other]);
  }
  if (byKind.size === 0) return null;
  const make = (other: string) =>
    edit((p) => {
      const result = connect(p, id, other);
      if (!result.ok) {
        say(result.reason);
        return p;
      }
      return result.plan;
    });
  return (
    <div className="connection-pickers" data-testid="connection-pickers">
      {PICKER_ORDER.filter((kind) => byKind.has(kind)).map((kind) => (
        <Picker
          key={kind}
          label={pickerLabel(kind, found.kind)}
          verb={PICKER_VERBS[kind]}
          options={byKind.get(kind)!}
          testId={`connect-${PICKER_IDS[kind]}`}
          onPick={make}
        />
      ))}
    </div>
  );
}

/**
 * A choice, then the button that makes it: the arrow keys on a closed list change its value
 * as they go, so a pick that acted at once would make a connection for every option a
 * keyboard user passes.
 */
function Picker({
  label,
  verb,
  options,
  testId,
  onPick,
}: {
  label: string;
  verb: string;
  options: ReadonlyArray<{ id: string; name: string }>;
  testId: string;
  onPick(id: string): void;
}) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  // What was chosen may have gone from the list (connected another way, deleted).
  const picked = options.find((o) => o.id === chosen);
  return (
    <div className="field connection-picker">
      <label htmlFor={id}>{label}</label>
      <div className="connection-picker-row">
        <select id={id} value={picked ? chosen : ''} data-testid={testId} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!picked}
          data-testid={`${testId}-go`}
          aria-label={picked ? `${verb} ${picked.name}` : verb}
          onClick={() => {
            if (!picked) return;
            setChosen('');
            onPick(picked.id);
          }}
        >
          {verb}
        </button>
      </div>
    </div>
  );
}

const KIND_ICON: Record<PlanConnectionKind, 'vpc' | 'tgw' | 'serviceNetwork' | 'external' | 'route'> = {
  peering: 'vpc',
  attachment: 'tgw',
  'vpn-attachment': 'external',
  'tgw-peering': 'tgw',
  association: 'serviceNetwork',
  'vpn-gateway': 'external',
  route: 'route',
};

/** What the button that selects the connection itself says: the kind of thing it is. */
const VIA_WORDS: Record<PlanConnectionKind, string> = {
  peering: 'peering',
  attachment: 'attachment',
  'vpn-attachment': 'VPN attachment',
  'tgw-peering': 'peering attachment',
  association: 'association',
  'vpn-gateway': 'VPN gateway',
  route: 'route table',
};

export function ConnectionList({ plan, id, onGo }: { plan: Plan; id: string; onGo(id: string): void }) {
  const connections = connectionsOf(plan, id);
  const name = (objectId: string) => {
    const found = findObject(plan, objectId);
    return found ? nameOf(found) : objectId;
  };
  return (
    <section className="connections" aria-labelledby={`${id}-connections`} data-testid="connections">
      <h3 id={`${id}-connections`}>Connections {connections.length > 0 ? <span className="muted">({connections.length})</span> : null}</h3>
      {connections.length === 0 ? (
        <p className="muted small">None yet.</p>
      ) : (
        <ul className="connection-list">
          {connections.map((c) => (
            <li
              key={`${c.kind}-${c.via}-${c.otherId}`}
              className={`connection connection-${c.kind}`}
              data-testid="connection"
              data-kind={c.kind}
              data-other={c.otherId}
            >
              <Icon name={KIND_ICON[c.kind]} size={14} />
              <span className="connection-label">{c.label}</span>
              <span className="connection-actions">
                {c.via !== id ? (
                  <button
                    type="button"
                    className="link-button"
                    data-testid="connection-via"
                    aria-label={`Select the ${VIA_WORDS[c.kind]} to ${name(c.otherId)}`}
                    title={`Select the ${VIA_WORDS[c.kind]} itself: ${name(c.via)}`}
                    onClick={() => onGo(c.via)}
                  >
                    {VIA_WORDS[c.kind]}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="link-button connection-go"
                  data-testid="connection-go"
                  aria-label={`Go to ${name(c.otherId)}`}
                  title={`Select and show ${name(c.otherId)}`}
                  onClick={() => onGo(c.otherId)}
                >
                  Go to →
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
