/**
 * A VPC's IPv6 /56 as its 256 /64 slots, 16 by 16: the row is the higher hex digit of the
 * slot number, the column the lower, so each row starts on a nibble boundary (where a /60
 * could begin). Used slots carry their subnet's number as well as a colour; the slots and
 * problems are the engine's (ipv6SlotMap).
 */
import { USUAL_SUBNET_IPV6_PREFIX } from '../../shared/aws-limits';
import type { Cidr } from '../../shared/cidr';
import { ipv6SlotMap, type SlotSubnet } from '../../shared/explorer';

const HEX = '0123456789abcdef'.split('');

export function SlotMap({ block, subnets, onExplore }: { block: Cidr; subnets: readonly SlotSubnet[]; onExplore(cidr: string): void }) {
  const map = ipv6SlotMap(block, subnets);
  const order = subnets.map((s) => s.id);
  const rows: Array<typeof map.slots> = [];
  for (let i = 0; i < map.slots.length; i += 16) rows.push(map.slots.slice(i, i + 16));
  const wide = map.slots.length >= 16;
  return (
    <section className="explorer-section" aria-labelledby="slots-title" data-testid="slot-map">
      <h3 id="slots-title">IPv6 slots of {map.block}</h3>
      <p className="small">
        {map.slots.length} slots of /{USUAL_SUBNET_IPV6_PREFIX}: <strong data-testid="slot-used">{map.usedSlots}</strong> used, <strong>{map.freeSlots}</strong>{' '}
        free. The slot number is the hex digits just before the /{USUAL_SUBNET_IPV6_PREFIX} boundary; every row of 16 starts a new higher digit (a nibble
        boundary).
      </p>
      <table className="slot-grid" aria-label={`Slot map of ${map.block}`}>
        {wide ? (
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">higher digit</span>
              </th>
              {HEX.map((h) => (
                <th key={h} scope="col" className="mono">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
        ) : null}
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              <th scope="row" className="mono">
                {wide ? `${row[0]!.hex.slice(0, -1)}·` : ''}
              </th>
              {row.map((slot) => {
                const owners = slot.subnetIds.map((id) => order.indexOf(id) + 1);
                const overlap = owners.length > 1;
                const label =
                  owners.length === 0
                    ? `${slot.cidr} free`
                    : `${slot.cidr} used by ${slot.subnetIds.map((id) => subnets.find((s) => s.id === id)?.name || id).join(' and ')}`;
                return (
                  <td
                    key={slot.index}
                    className={`slot${owners.length ? ` slot-used slot-c${(owners[0]! - 1) % 6}` : ''}${overlap ? ' slot-overlap' : ''}`}
                    title={label}
                    data-slot={slot.hex}
                    aria-label={label}
                  >
                    {owners.length ? (overlap ? '!' : owners[0]) : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {subnets.length > 0 ? (
        <ul className="slot-legend">
          {subnets.map((s, i) => (
            <li key={s.id}>
              <span className={`slot slot-used slot-c${i % 6} slot-swatch`} aria-hidden="true">
                {i + 1}
              </span>
              <button type="button" className="link-button mono" onClick={() => onExplore(s.cidr)}>
                {s.name || s.id}: {s.cidr}
              </button>
            </li>
          ))}
          <li>
            <span className="slot slot-used slot-overlap slot-swatch" aria-hidden="true">
              !
            </span>{' '}
            a slot used by more than one subnet
          </li>
        </ul>
      ) : (
        <p className="muted small">No subnet of the plan uses this block yet.</p>
      )}
      {map.problems.length > 0 ? (
        <ul className="slot-problems" data-testid="slot-problems">
          {map.problems.map((p, i) => (
            <li key={i} className="field-error">
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
