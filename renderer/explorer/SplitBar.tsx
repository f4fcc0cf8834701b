/**
 * The split/join bar, like a subnet calculator: the block as a bar, split into halves again
 * and again (splitBlock) and joined back (joinBlocks), each piece labelled with its CIDR and
 * size. A piece can become a subnet of the open plan; the engine's checks decide whether it
 * may (outside every VPC block, overlapping a subnet, a size AWS refuses): then the reason
 * is shown and the plan is not changed.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { contains, formatCidr, parseCidr, type Cidr } from '../../shared/cidr';
import { checkPlan } from '../../shared/checks';
import { blockFacts, joinBlocks, splitBlock } from '../../shared/explorer';
import type { Plan, SubnetTier, Vpc } from '../../shared/plan/schema';
import { SubnetPlacementFields } from '../forms/subnet-placement';
import { addSubnet, newId } from '../store/plan-edits';

/** Splits below the bar's block: 6 levels make 64 pieces, as many as stay legible in a bar. */
const MAX_DEPTH = 6;

interface SplitBarProps {
  block: Cidr;
  plan: Plan;
  edit(change: (plan: Plan) => Plan): boolean;
  onExplore(cidr: string): void;
}

export function SplitBar({ block, plan, edit, onExplore }: SplitBarProps) {
  const rootText = formatCidr(block);
  const [pieces, setPieces] = useState<Cidr[]>([block]);
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | undefined>();
  // A new block in the explorer starts a new bar.
  useEffect(() => { setPieces([block]); setSelected(0); setMessage(undefined); }, [rootText]); // eslint-disable-line react-hooks/exhaustive-deps

  const piece = pieces[selected] ?? pieces[0]!;
  const depth = piece.prefix - block.prefix;
  const canSplit = depth < MAX_DEPTH && piece.prefix < (piece.version === 4 ? 32 : 128);
  const partnerIndex = pieces.findIndex((other, i) => i !== selected && joinBlocks(piece, other).ok);
  const joinReason = partnerIndex < 0 && pieces.length > 1 ? whyNoJoin(piece, pieces, selected) : undefined;

  const split = () => {
    if (!canSplit) return;
    const [low, high] = splitBlock(piece);
    setPieces((list) => [...list.slice(0, selected), low, high, ...list.slice(selected + 1)]);
    setMessage(undefined);
  };
  const join = () => {
    const partner = pieces[partnerIndex];
    if (!partner) return;
    const result = joinBlocks(piece, partner);
    if (!result.ok) { setMessage({ kind: 'error', text: result.reason }); return; }
    const first = Math.min(selected, partnerIndex);
    setPieces((list) => [...list.slice(0, first), result.parent, ...list.slice(first + 2)]);
    setSelected(first);
    setMessage(undefined);
  };

  return (
    <section className="explorer-section" aria-labelledby="split-title">
      <h3 id="split-title">Split and join</h3>
      <p className="muted small">Split a piece into its two halves, again and again; join two halves back into one block. Select a piece to act on it.</p>
      <div className="split-bar" data-testid="split-bar" role="listbox" aria-label={`Pieces of ${rootText}`} aria-orientation="horizontal">
        {pieces.map((p, i) => {
          const text = formatCidr(p);
          const facts = blockFacts(p);
          return (
            <button key={`${text}-${i}`} type="button" role="option" aria-selected={i === selected}
              className={`split-piece${i === selected ? ' split-piece-selected' : ''}`} data-testid="split-piece" data-cidr={text}
              style={{ flexGrow: 2 ** (MAX_DEPTH - (p.prefix - block.prefix)) }}
              onClick={() => setSelected(i)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight' && i + 1 < pieces.length) { e.preventDefault(); setSelected(i + 1); focusPiece(i + 1); }
                if (e.key === 'ArrowLeft' && i > 0) { e.preventDefault(); setSelected(i - 1); focusPiece(i - 1); }
              }}>
              <span className="split-cidr mono">{text}</span>
              <span className="split-size">{BigInt(facts.size).toLocaleString('en-US')} addr.</span>
            </button>
          );
        })}
      </div>
      <div className="split-actions" role="group" aria-label={`Actions on ${formatCidr(piece)}`}>
        <span className="mono split-current" data-testid="split-selected">{formatCidr(piece)}</span>
        <button type="button" onClick={split} disabled={!canSplit} data-testid="split-piece-split">Split in two</button>
        <button type="button" onClick={join} disabled={partnerIndex < 0} data-testid="split-piece-join"
          title={joinReason}>Join with its other half</button>
        <button type="button" onClick={() => onExplore(formatCidr(piece))} data-testid="split-piece-explore">Explore this piece</button>
        <button type="button" onClick={() => { setPieces([block]); setSelected(0); setMessage(undefined); }} disabled={pieces.length === 1}>Reset</button>
      </div>
      {!canSplit ? <p className="muted small">{depth >= MAX_DEPTH ? `The bar splits ${MAX_DEPTH} levels deep; explore this piece to split it further.` : 'A single address cannot be split.'}</p> : null}
      {joinReason ? <p className="muted small" data-testid="split-join-reason">{joinReason}</p> : null}
      <MakeSubnet key={formatCidr(piece)} piece={piece} plan={plan} edit={edit} onResult={setMessage} />
      {message ? (
        <p className={message.kind === 'error' ? 'field-error' : 'explorer-ok'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="make-subnet-result">{message.text}</p>
      ) : null}
    </section>
  );
}

function focusPiece(index: number) {
  requestAnimationFrame(() => (document.querySelectorAll<HTMLElement>('[data-testid=split-piece]')[index])?.focus());
}

/** The engine's reason the piece has no partner among the pieces (its sibling was split further). */
function whyNoJoin(piece: Cidr, pieces: readonly Cidr[], selected: number): string | undefined {
  const neighbour = pieces[selected + 1] ?? pieces[selected - 1];
  if (!neighbour) return undefined;
  const result = joinBlocks(piece, neighbour);
  return result.ok ? undefined : `Cannot join: ${result.reason}.`;
}

function MakeSubnet({ piece, plan, edit, onResult }: { piece: Cidr; plan: Plan; edit: SplitBarProps['edit']; onResult(m: { kind: 'error' | 'ok'; text: string }): void }) {
  const ids = { vpc: useId() };
  const text = formatCidr(piece);
  const key = piece.version === 4 ? 'ipv4Cidrs' : 'ipv6Cidrs';
  const holder = plan.vpcs.find((v) => v[key].some((b) => { const r = parseCidr(b); return r.ok && contains(r.cidr, piece); }));
  const [vpcId, setVpcId] = useState(holder?.id ?? plan.vpcs[0]?.id ?? '');
  const vpc: Vpc | undefined = plan.vpcs.find((v) => v.id === vpcId);
  const zones = useMemo(() => {
    const region = vpc?.region ?? 'us-east-1';
    const used = plan.subnets.filter((s) => s.vpcId === vpcId).map((s) => s.availabilityZone);
    return [...new Set([...used, ...['a', 'b', 'c', 'd'].map((z) => `${region}${z}`)])].sort();
  }, [plan.subnets, vpc, vpcId]);
  const [az, setAz] = useState(zones[0] ?? '');
  const [tier, setTier] = useState<SubnetTier>('private');
  const [name, setName] = useState('');
  if (plan.vpcs.length === 0) return <p className="muted small">Add a VPC to the plan to turn a piece into a subnet.</p>;
  const defaultName = `${tier}-${az.slice(-1)}`;

  const submit = () => {
    if (!vpc) return;
    const id = newId('subnet', plan);
    const subnet = { id, name: name.trim() || defaultName, vpcId: vpc.id, availabilityZone: az || zones[0] || '', tier, ...(piece.version === 4 ? { ipv4Cidr: text } : { ipv6Cidr: text }) };
    const candidate = addSubnet(plan, subnet);
    // The engine's own errors about the new subnet (its id is new, so none were there before) are the reasons to refuse it.
    const refusals = checkPlan(candidate).filter((f) => f.severity === 'error' && f.subjects.includes(id));
    if (refusals.length > 0) {
      onResult({ kind: 'error', text: `${text} cannot be a subnet of ${vpc.name || vpc.id}: ${refusals.map((f) => f.message).join(' ')}` });
      return;
    }
    edit(() => candidate);
    onResult({ kind: 'ok', text: `Added ${subnet.name} (${text}) to ${vpc.name || vpc.id}.` });
  };

  return (
    <form className="make-subnet" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label={`Make ${text} a subnet`}>
      <div className="field">
        <label htmlFor={ids.vpc}>VPC</label>
        <select id={ids.vpc} value={vpcId} onChange={(e) => setVpcId(e.target.value)} data-testid="make-subnet-vpc">
          {plan.vpcs.map((v) => <option key={v.id} value={v.id}>{v.name || v.id} ({v[key].join(', ') || 'no block'})</option>)}
        </select>
      </div>
      <SubnetPlacementFields testIdPrefix="make-subnet" zones={zones} az={az} onAz={setAz} tier={tier} onTier={setTier} name={name} onName={setName} defaultName={defaultName} />
      <button type="submit" className="primary" data-testid="make-subnet">Make {text} a subnet</button>
    </form>
  );
}

