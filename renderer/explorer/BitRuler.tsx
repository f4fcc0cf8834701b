/**
 * A block's bits, grouped in octets (IPv4) or hextets (IPv6). Network and host bits differ
 * in colour and also in pattern and underline (solid + underlined vs hatched), so the
 * difference does not rest on colour alone; the legend names both. Every value shown is the
 * engine's (explainBits); this only lays them out.
 */
import type { BitsExplanation } from '../../shared/explorer';

/** Marks for a comparison: bits both blocks share, bits that place the inner block inside the outer one, the first bit where they differ. */
export type BitMark = 'common' | 'place' | 'differ';

const MARK_WORDS: Record<BitMark, string> = { common: 'shared', place: 'places it inside the other block', differ: 'differs' };

interface BitRulerProps {
  bits: BitsExplanation;
  /** Marks for a comparison ("Why?"). */
  marks?: ReadonlyMap<number, BitMark>;
  testId?: string;
  label: string;
}

export function BitRuler({ bits, marks, testId, label }: BitRulerProps) {
  const v6 = bits.version === 6;
  const summary = `${label}: ${bits.groups.map((g) => g.binary).join(' ')}; bits 1 to ${bits.prefix} are network bits, the other ${bits.hostBits} host bits`;
  return (
    <div className={`bit-ruler${v6 ? ' bit-ruler-v6' : ''}`} data-testid={testId} data-prefix={bits.prefix} role="img" aria-label={summary}>
      {bits.groups.map((group) => (
        <div key={group.index} className={`bit-group bit-group-${group.part}`}>
          <div className="bit-cells">
            {bits.bits.slice(group.firstBit, group.firstBit + group.width).map((bit) => {
              const mark = marks?.get(bit.index);
              const nibbleStart = v6 && bit.index % 4 === 0 && bit.index % 16 !== 0;
              return (
                <span
                  key={bit.index}
                  className={`bit bit-${bit.part}${mark ? ` bit-${mark}` : ''}${nibbleStart ? ' bit-nibble' : ''}${bit.index === bits.prefix && bits.prefix > 0 ? ' bit-boundary' : ''}`}
                  title={`bit ${bit.index + 1}: ${bit.value} (${bit.part}${mark ? `, ${MARK_WORDS[mark]}` : ''})`}
                >
                  {bit.value}
                </span>
              );
            })}
          </div>
          <div className="bit-group-value mono">{v6 ? group.hex : group.decimal}</div>
        </div>
      ))}
    </div>
  );
}

/** The legend; in a comparison, only the marks that relation uses. */
export function BitLegend({ compare }: { compare?: 'identical' | 'nested' | 'disjoint' }) {
  return (
    <ul className="bit-legend" aria-label="Legend">
      {compare ? (
        <li>
          <span className="bit bit-network bit-common" aria-hidden="true">
            1
          </span>{' '}
          {compare === 'identical' ? 'prefix bit both blocks share: all of them match' : 'prefix bit both blocks share (same value)'}
        </li>
      ) : null}
      {compare === 'nested' ? (
        <li>
          <span className="bit bit-network bit-place" aria-hidden="true">
            1
          </span>{' '}
          places the smaller block inside the bigger one
        </li>
      ) : null}
      {compare === 'disjoint' ? (
        <li>
          <span className="bit bit-network bit-differ" aria-hidden="true">
            1
          </span>{' '}
          the first bit where they differ: it keeps them apart
        </li>
      ) : null}
      <li>
        <span className="bit bit-network" aria-hidden="true">
          1
        </span>{' '}
        network bit (solid, underlined): the same for every address in the block
      </li>
      <li>
        <span className="bit bit-host" aria-hidden="true">
          0
        </span>{' '}
        host bit (hatched): varies from address to address
      </li>
      <li>
        <span className="bit-boundary-sample" aria-hidden="true" /> where the prefix ends
      </li>
    </ul>
  );
}
