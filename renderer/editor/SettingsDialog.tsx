/**
 * The plan's settings: whether the engine derives the obvious routes for subnets without a
 * route table, whether the canvas draws the route tables' paths, and the AWS quotas the
 * checks hold the plan to. The labels are the names the findings quote
 * (shared/plan/settings.ts). Each change is one plan edit, undone like any other.
 */
import { useId } from 'react';
import type { Plan, PlanSettings } from '../../shared/plan/schema';
import { SETTING_LABELS } from '../../shared/plan/settings';
import { NumberField } from '../panels/fields';
import { Modal } from '../panels/dialogs';

type Quotas = PlanSettings['quotas'];

const QUOTAS: ReadonlyArray<{ key: keyof Quotas; label: string; min: number; max: number }> = [
  { key: 'ipv4BlocksPerVpc', label: 'IPv4 blocks per VPC', min: 1, max: 50 },
  { key: 'ipv6BlocksPerVpc', label: 'IPv6 blocks per VPC', min: 1, max: 50 },
  { key: 'subnetsPerVpc', label: 'Subnets per VPC', min: 1, max: 10000 },
  { key: 'peeringsPerVpc', label: 'Active peerings per VPC', min: 1, max: 125 },
  { key: 'serviceNetworkVpcAssociations', label: 'VPC associations per service network', min: 1, max: 10000 },
];

export function SettingsDialog({ plan, onChange, onClose }: { plan: Plan; onChange(patch: Partial<PlanSettings>): void; onClose(): void }) {
  const ids = { derive: useId(), lines: useId() };
  const { settings } = plan;
  return (
    <Modal title="Plan settings" onCancel={onClose} testId="settings-dialog" wide>
      <p className="muted small">Saved with the plan. Each change can be undone.</p>
      <fieldset>
        <legend>Routing</legend>
        <div className="setting">
          <input
            type="checkbox"
            id={ids.derive}
            checked={settings.deriveRoutes}
            data-testid="setting-derive-routes"
            aria-describedby={`${ids.derive}-hint`}
            onChange={(e) => onChange({ deriveRoutes: e.target.checked })}
          />
          <div>
            <label htmlFor={ids.derive}>{SETTING_LABELS.deriveRoutes}</label>
            <div className="field-hint" id={`${ids.derive}-hint`}>
              Subnets without a route table (in a VPC without a main route table) follow the routes the design implies: the local route; public subnets to the
              internet gateway; private subnets to a NAT gateway of their VPC, in their AZ where there is one; peering and transit gateway routes to the
              networks connected. Off: such subnets have only the local route, as a new AWS route table does.
            </div>
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>Canvas</legend>
        <div className="setting">
          <input
            type="checkbox"
            id={ids.lines}
            checked={settings.showRouteLines}
            data-testid="setting-show-route-lines"
            aria-describedby={`${ids.lines}-hint`}
            onChange={(e) => onChange({ showRouteLines: e.target.checked })}
          />
          <div>
            <label htmlFor={ids.lines}>{SETTING_LABELS.showRouteLines}</label>
            <div className="field-hint" id={`${ids.lines}-hint`}>
              Lines from each subnet along the routes its route table sends traffic. It changes no routing.
            </div>
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>AWS quotas</legend>
        <p className="field-hint">The defaults of a new AWS account. Raise one where your account has had it raised; the checks then hold the plan to it.</p>
        <div className="quota-grid">
          {QUOTAS.map(({ key, label, min, max }) => (
            <NumberField
              key={key}
              label={label}
              value={settings.quotas[key]}
              min={min}
              max={max}
              testId={`setting-quota-${key}`}
              onCommit={(value) => {
                if (value !== undefined) onChange({ quotas: { ...settings.quotas, [key]: value } });
              }}
            />
          ))}
        </div>
      </fieldset>
      <div className="modal-buttons">
        <button type="button" className="primary" onClick={onClose} data-testid="settings-close">
          Done
        </button>
      </div>
    </Modal>
  );
}
