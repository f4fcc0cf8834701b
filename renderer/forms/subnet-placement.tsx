/** Where a new subnet goes and what it is called: the fields the Add-subnet dialog and the explorer's "Make it a subnet" share. */
import { useId } from 'react';
import type { SubnetTier } from '../../shared/plan/schema';

interface SubnetPlacementFieldsProps {
  /** Prefix of the fields' data-testids, e.g. "add-subnet" gives "add-subnet-az". */
  testIdPrefix: string;
  zones: readonly string[];
  az: string;
  onAz: (az: string) => void;
  tier: SubnetTier;
  onTier: (tier: SubnetTier) => void;
  name: string;
  onName: (name: string) => void;
  /** Shown greyed in the name field and used when it is left empty. */
  defaultName: string;
}

export function SubnetPlacementFields({ testIdPrefix, zones, az, onAz, tier, onTier, name, onName, defaultName }: SubnetPlacementFieldsProps) {
  const ids = { az: useId(), tier: useId(), name: useId() };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.az}>Availability zone</label>
        <select id={ids.az} value={az} onChange={(e) => onAz(e.target.value)} data-testid={`${testIdPrefix}-az`}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.tier}>Tier</label>
        <select id={ids.tier} value={tier} onChange={(e) => onTier(e.target.value as SubnetTier)} data-testid={`${testIdPrefix}-tier`}>
          <option value="public">Public</option>
          <option value="private">Private</option>
          <option value="isolated">Isolated</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} value={name} placeholder={defaultName} onChange={(e) => onName(e.target.value)} data-testid={`${testIdPrefix}-name`} />
      </div>
    </>
  );
}
