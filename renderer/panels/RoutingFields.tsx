/**
 * Route tables in the inspector: a subnet's VPC route table (choose one, create one, edit its
 * routes, write out the routes the engine derives) and a transit gateway's route tables with
 * each attachment's association and propagations. Each change is one plan edit; the
 * findings shown are the engine's for the table, so they re-check as you edit.
 */
import { useId, useState } from 'react';
import { parseCidr } from '../../shared/cidr';
import { choiceOf, routeTargetChoices, routeTargetKindLabel, type RouteTargetChoice } from '../../shared/plan/route-targets';
import type { Plan, Route, RouteTable, Subnet, TgwRoute, TransitGateway } from '../../shared/plan/schema';
import { withDerivedRoutes } from '../../shared/routing/suggested-routes';
import type { EngineViews } from '../canvas/derive';
import {
  addRouteTableFor,
  addTgwRouteTable,
  newId,
  removeTgwRouteTable,
  setRoutes,
  setTgwRoutes,
  updateAttachment,
  updateObject,
  updateTransitGateway,
} from '../../shared/plan/edits';
import { CidrField, SelectField, TextField } from './fields';
import { FindingList } from './finding-list';
import './routing-fields.css';

type Edit = (change: (plan: Plan) => Plan) => void;

const choiceKey = (route: Pick<Route, 'target' | 'targetId'>) => `${route.target}|${route.target === 'local' ? '' : (route.targetId ?? '')}`;

/** The subnets that follow a table: associated with it, or (for the main table) with none of their own. */
function subnetsFollowing(plan: Plan, table: RouteTable): Subnet[] {
  return plan.subnets.filter((s) => s.vpcId === table.vpcId && (s.routeTableId === table.id || (table.main && s.routeTableId === undefined)));
}

export function SubnetRouteTable({ plan, subnet, engine, edit }: { plan: Plan; subnet: Subnet; engine: EngineViews; edit: Edit }) {
  const tables = plan.routeTables.filter((t) => t.vpcId === subnet.vpcId);
  const main = tables.find((t) => t.main);
  const own = tables.find((t) => t.id === subnet.routeTableId);
  const followed = own ?? main;
  const create = () =>
    edit((p) => {
      const id = newId('rtb', p);
      return addRouteTableFor(p, subnet.id, { id, name: `${subnet.name || subnet.id}-rt`, vpcId: subnet.vpcId, main: false, routes: [] });
    });
  return (
    <fieldset data-testid="subnet-route-table">
      <legend>Routing</legend>
      <SelectField
        label="Route table"
        value={subnet.routeTableId ?? ''}
        testId="subnet-route-table-select"
        options={[
          { value: '', label: main ? `The VPC main route table (${main.name || main.id})` : 'None (only the local route)' },
          ...tables.filter((t) => !t.main || t.id === subnet.routeTableId).map((t) => ({ value: t.id, label: t.name || t.id })),
        ]}
        onCommit={(routeTableId) => edit((p) => updateObject(p, 'subnet', subnet.id, { routeTableId: routeTableId || undefined }))}
      />
      <button type="button" className="link-button" data-testid="route-table-new" onClick={create}>
        + New route table for this subnet
      </button>
      {followed ? <RouteTableEditor key={followed.id} plan={plan} table={followed} engine={engine} edit={edit} /> : null}
    </fieldset>
  );
}

export function RouteTableEditor({ plan, table, engine, edit }: { plan: Plan; table: RouteTable; engine: EngineViews; edit: Edit }) {
  const choices = routeTargetChoices(plan, table.vpcId);
  const findings = engine.findings.filter((f) => f.subjects.includes(table.id));
  const users = subnetsFollowing(plan, table);
  const derived = withDerivedRoutes(
    plan,
    table,
    users.map((s) => s.id),
  );
  const write = (routes: Route[]) => edit((p) => setRoutes(p, table.id, routes));
  const replace = (i: number, route: Route) => write(table.routes.map((r, j) => (j === i ? route : r)));
  return (
    <div className="route-table" data-testid="route-table" data-id={table.id}>
      <TextField
        label={table.main ? 'Main route table' : 'Route table name'}
        value={table.name}
        testId="route-table-name"
        onCommit={(name) => edit((p) => updateObject(p, 'routeTable', table.id, { name }))}
      />
      <div className="muted small">
        Followed by {users.length} subnet{users.length === 1 ? '' : 's'}
        {users.length
          ? `: ${users
              .slice(0, 6)
              .map((s) => s.name || s.id)
              .join(', ')}${users.length > 6 ? '…' : ''}`
          : ''}
        .
      </div>
      <FindingList findings={findings} testId="route-table-findings" />
      <ol className="route-list" data-testid="routes">
        {table.routes.map((route, i) => (
          <li key={i} className="route-row" data-testid="route" data-destination={route.destination}>
            <div className="route-row-head">
              <span>Route {i + 1}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove route ${route.destination}`}
                title="Remove this route"
                data-testid={`route-remove-${i}`}
                onClick={() => write(table.routes.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
            <CidrField
              label="Destination"
              value={route.destination}
              testId={`route-destination-${i}`}
              onCommit={(destination) => replace(i, { ...route, destination: destination.trim() })}
            />
            <TargetSelect
              choices={choices}
              route={route}
              testId={`route-target-${i}`}
              onChange={(target) => replace(i, target)}
              destination={route.destination}
            />
          </li>
        ))}
      </ol>
      <NewRouteForm choices={choices} onAdd={(route) => write([...table.routes, route])} />
      <div className="button-row tight">
        <button
          type="button"
          data-testid="route-table-derive"
          disabled={derived === table}
          title={
            derived === table
              ? 'Every route the engine derives for these subnets is already in the table.'
              : `Adds ${derived.routes.length - table.routes.length} route(s) the design implies: local, internet or NAT by tier, peerings, transit gateway, VPN.`
          }
          onClick={() =>
            edit((p) => {
              const current = p.routeTables.find((t) => t.id === table.id);
              return current
                ? setRoutes(
                    p,
                    table.id,
                    withDerivedRoutes(
                      p,
                      current,
                      subnetsFollowing(p, current).map((s) => s.id),
                    ).routes,
                  )
                : p;
            })
          }
        >
          Derive the obvious routes{derived === table ? '' : ` (+${derived.routes.length - table.routes.length})`}
        </button>
      </div>
    </div>
  );
}

function TargetSelect({
  choices,
  route,
  onChange,
  testId,
  destination,
}: {
  choices: readonly RouteTargetChoice[];
  route: Pick<Route, 'target' | 'targetId'>;
  onChange(route: Route): void;
  testId: string;
  destination: string;
}) {
  const id = useId();
  const current = choiceOf(choices, route);
  const options = current
    ? choices
    : [
        {
          target: route.target,
          ...(route.targetId !== undefined ? { targetId: route.targetId } : {}),
          label: `${routeTargetKindLabel(route.target)} ${route.targetId ?? '(none named)'}: not a target of this VPC`,
        },
        ...choices,
      ];
  return (
    <div className="field">
      <label htmlFor={id}>Target</label>
      <select
        id={id}
        value={choiceKey(route)}
        data-testid={testId}
        aria-invalid={current ? undefined : true}
        onChange={(e) => {
          const choice = options.find((c) => choiceKey(c) === e.target.value);
          if (!choice) return;
          const next: Route = { destination, target: choice.target };
          if (choice.target !== 'local' && choice.targetId !== undefined) next.targetId = choice.targetId;
          onChange(next);
        }}
      >
        {options.map((c) => (
          <option key={choiceKey(c)} value={choiceKey(c)}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A destination (checked by the engine's parser as you type) and a target; Add only once the block is valid. */
function NewRouteForm({ choices, onAdd }: { choices: readonly RouteTargetChoice[]; onAdd(route: Route): void }) {
  const id = useId();
  const [destination, setDestination] = useState('');
  const [targetKey, setTargetKey] = useState(() => choiceKey(choices.find((c) => c.target !== 'local') ?? choices[0]!));
  const parsed = destination.trim() ? parseCidr(destination.trim()) : undefined;
  const error = parsed && !parsed.ok ? parsed.error : undefined;
  const choice = choices.find((c) => choiceKey(c) === targetKey) ?? choices[0];
  const add = () => {
    if (!parsed?.ok || !choice) return;
    const route: Route = { destination: destination.trim(), target: choice.target };
    if (choice.target !== 'local' && choice.targetId !== undefined) route.targetId = choice.targetId;
    onAdd(route);
    setDestination('');
  };
  return (
    <div className="route-new" data-testid="route-new">
      <div className="field">
        <label htmlFor={id}>New route: destination</label>
        <input
          id={id}
          className="mono"
          value={destination}
          placeholder="e.g. 0.0.0.0/0 or 10.20.0.0/16"
          data-testid="route-new-destination"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          onChange={(e) => setDestination(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        {error ? (
          <div className="field-error" role="alert" data-testid="route-new-destination-error">
            {error.message}
            {error.suggestion ? (
              <button type="button" className="link-button" onClick={() => setDestination(error.suggestion as string)}>
                Use {error.suggestion}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <SelectField
        label="Target"
        value={choice ? choiceKey(choice) : ''}
        testId="route-new-target"
        options={choices.map((c) => ({ value: choiceKey(c), label: c.label }))}
        onCommit={setTargetKey}
      />
      <button type="button" data-testid="route-new-add" disabled={!parsed?.ok} onClick={add}>
        Add route
      </button>
    </div>
  );
}

// ---------------------------------------------------------------- transit gateways

const BLACKHOLE = '__blackhole';

export function TgwRouting({ plan, tgw, engine, edit }: { plan: Plan; tgw: TransitGateway; engine: EngineViews; edit: Edit }) {
  const attachmentLabel = (id: string) => {
    const a = tgw.attachments.find((x) => x.id === id);
    return a ? `${a.name || a.id} (${a.type})` : `${id} (not an attachment of ${tgw.name || tgw.id})`;
  };
  const addTable = () => edit((p) => addTgwRouteTable(p, tgw.id, newId('tgw-rtb', p)));
  return (
    <>
      <div className="section-title">
        <h3>Route tables</h3>
        <button type="button" className="link-button" data-testid="tgw-table-add" onClick={addTable}>
          + Add a route table
        </button>
      </div>
      {tgw.routeTables.map((table) => {
        const findings = engine.findings.filter((f) => f.subjects.includes(table.id));
        const write = (routes: TgwRoute[]) => edit((p) => setTgwRoutes(p, tgw.id, table.id, routes));
        return (
          <fieldset key={table.id} data-testid="tgw-table" data-id={table.id}>
            <legend>{table.name || table.id}</legend>
            <div className="field-row">
              <div style={{ flex: 1 }}>
                <TextField
                  label="Name"
                  value={table.name}
                  onCommit={(name) =>
                    edit((p) =>
                      updateTransitGateway(p, tgw.id, (t) => ({ ...t, routeTables: t.routeTables.map((x) => (x.id === table.id ? { ...x, name } : x)) })),
                    )
                  }
                />
              </div>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove route table ${table.name || table.id}`}
                title="Remove this route table"
                data-testid={`tgw-table-remove-${table.id}`}
                onClick={() => edit((p) => removeTgwRouteTable(p, tgw.id, table.id))}
              >
                ×
              </button>
            </div>
            <FindingList findings={findings} />
            <ol className="route-list">
              {table.routes.map((route, i) => (
                <li key={i} className="route-row" data-testid="tgw-route" data-destination={route.destination}>
                  <div className="route-row-head">
                    <span>{route.kind === 'blackhole' ? 'Blackhole route' : 'Static route'}</span>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove route ${route.destination}`}
                      title="Remove this route"
                      onClick={() => write(table.routes.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  </div>
                  <CidrField
                    label="Destination"
                    value={route.destination}
                    onCommit={(destination) => write(table.routes.map((r, j) => (j === i ? { ...r, destination: destination.trim() } : r)))}
                  />
                  <SelectField
                    label="Sends to"
                    value={route.kind === 'blackhole' ? BLACKHOLE : (route.attachmentId ?? '')}
                    options={[
                      { value: BLACKHOLE, label: 'Blackhole (drop)' },
                      ...(route.kind === 'static' && !tgw.attachments.some((a) => a.id === route.attachmentId)
                        ? [{ value: route.attachmentId ?? '', label: route.attachmentId ? attachmentLabel(route.attachmentId) : 'No attachment named' }]
                        : []),
                      ...tgw.attachments.map((a) => ({ value: a.id, label: attachmentLabel(a.id) })),
                    ]}
                    onCommit={(value) =>
                      write(
                        table.routes.map((r, j) =>
                          j !== i
                            ? r
                            : value === BLACKHOLE
                              ? { destination: r.destination, kind: 'blackhole' }
                              : { destination: r.destination, kind: 'static', attachmentId: value },
                        ),
                      )
                    }
                  />
                </li>
              ))}
            </ol>
            <NewTgwRouteForm tgw={tgw} tableId={table.id} onAdd={(route) => write([...table.routes, route])} />
          </fieldset>
        );
      })}
      <h3>Attachments</h3>
      {tgw.attachments.length === 0 ? (
        <p className="muted small">Nothing is attached yet: drag from a VPC or an external network to this transit gateway.</p>
      ) : (
        <table className="tgw-matrix" data-testid="tgw-matrix">
          <thead>
            <tr>
              <th>Attachment</th>
              {tgw.routeTables.map((t) => (
                <th key={t.id}>{t.name || t.id}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tgw.attachments.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.name || a.id}
                  <div className="muted">{a.type}</div>
                </td>
                {tgw.routeTables.map((t) => (
                  <td key={t.id}>
                    <label title="Traffic from this attachment is routed by this table (exactly one)">
                      <input
                        type="radio"
                        name={`assoc-${a.id}`}
                        checked={a.associatedRouteTableId === t.id}
                        data-testid={`tgw-assoc-${a.id}-${t.id}`}
                        onChange={() => edit((p) => updateAttachment(p, a.id, { associatedRouteTableId: t.id }))}
                      />
                      associated
                    </label>
                    <label title="This table learns the attachment's CIDRs">
                      <input
                        type="checkbox"
                        checked={a.propagatedRouteTableIds.includes(t.id)}
                        data-testid={`tgw-prop-${a.id}-${t.id}`}
                        onChange={(e) =>
                          edit((p) =>
                            updateAttachment(p, a.id, {
                              propagatedRouteTableIds: e.target.checked
                                ? [...a.propagatedRouteTableIds, t.id]
                                : a.propagatedRouteTableIds.filter((x) => x !== t.id),
                            }),
                          )
                        }
                      />
                      propagates
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function NewTgwRouteForm({ tgw, tableId, onAdd }: { tgw: TransitGateway; tableId: string; onAdd(route: TgwRoute): void }) {
  const id = useId();
  const [destination, setDestination] = useState('');
  const [target, setTarget] = useState<string>(tgw.attachments[0]?.id ?? BLACKHOLE);
  const parsed = destination.trim() ? parseCidr(destination.trim()) : undefined;
  const error = parsed && !parsed.ok ? parsed.error : undefined;
  const add = () => {
    if (!parsed?.ok) return;
    onAdd(
      target === BLACKHOLE ? { destination: destination.trim(), kind: 'blackhole' } : { destination: destination.trim(), kind: 'static', attachmentId: target },
    );
    setDestination('');
  };
  return (
    <div className="route-new" data-testid={`tgw-route-new-${tableId}`}>
      <div className="field">
        <label htmlFor={id}>New route: destination</label>
        <input
          id={id}
          className="mono"
          value={destination}
          placeholder="e.g. 10.0.0.0/8"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          data-testid={`tgw-route-new-destination-${tableId}`}
          onChange={(e) => setDestination(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        {error ? (
          <div className="field-error" role="alert">
            {error.message}
          </div>
        ) : null}
      </div>
      <SelectField
        label="Sends to"
        value={target}
        onCommit={setTarget}
        options={[...tgw.attachments.map((a) => ({ value: a.id, label: `${a.name || a.id} (${a.type})` })), { value: BLACKHOLE, label: 'Blackhole (drop)' }]}
      />
      <button type="button" disabled={!parsed?.ok} onClick={add} data-testid={`tgw-route-new-add-${tableId}`}>
        Add route
      </button>
    </div>
  );
}
