/**
 * The split/join bar, like a subnet calculator: the block as a bar, split into halves again
 * and again (splitBlock) and joined back (joinBlocks), each piece labelled with its CIDR, its
 * size and what the plan uses of it. The parts the plan's subnets use are shaded (blockUsage);
 * a piece is offered as a new subnet only when it is free in the chosen VPC (pieceAvailability),
 * and otherwise the one-line reason stands where the button would be.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { formatCidr, type Cidr } from '../../shared/cidr';
import { checkPlan } from '../../shared/checks';
import {
  blockFacts,
  blockUsage,
  joinBlocks,
  pieceAvailability,
  splitBlock,
  type BlockUsage,
  type PieceAvailability,
  type PlanBlocks,
} from '../../shared/explorer';
import type { Plan, SubnetTier, Vpc } from '../../shared/plan/schema';
import { SubnetPlacementFields } from '../forms/subnet-placement';
import { addSubnet, newId } from '../../shared/plan/edits';

/** Splits below the bar's block: 6 levels make 64 pieces, as many as stay legible in a bar. */
const MAX_DEPTH = 6;

interface SplitBarProps {
  block: Cidr;
  plan: Plan;
  /** The plan's blocks, read once per plan. */
  planBlocks: PlanBlocks;
  edit(change: (plan: Plan) => Plan): boolean;
  onExplore(cidr: string): void;
}

export function SplitBar({ block, plan, planBlocks, edit, onExplore }: SplitBarProps) {
  const rootText = formatCidr(block);
  const [pieces, setPieces] = useState<Cidr[]>([block]);
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | undefined>();
  // A new block in the explorer starts a new bar.
  useEffect(() => {
    setPieces([block]);
    setSelected(0);
    setMessage(undefined);
  }, [rootText]); // eslint-disable-line react-hooks/exhaustive-deps

  const piece = pieces[selected] ?? pieces[0]!;
  const depth = piece.prefix - block.prefix;
  const canSplit = depth < MAX_DEPTH && piece.prefix < (piece.version === 4 ? 32 : 128);
  const partnerIndex = pieces.findIndex((other, i) => i !== selected && joinBlocks(piece, other).ok);
  const joinReason = partnerIndex < 0 && pieces.length > 1 ? whyNoJoin(piece, pieces, selected) : undefined;

  const usage = useMemo(() => pieces.map((p) => blockUsage(p, planBlocks)), [pieces, planBlocks]);
  const uses = useMemo(() => pieces.map((p) => pieceAvailability(p, planBlocks)), [pieces, planBlocks]);
  const whole = blockUsage(block, planBlocks);

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
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.reason });
      return;
    }
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
          const used = usage[i]!;
          const use = uses[i]!;
          const state = used.usedFraction >= 1 ? 'taken' : used.usedFraction > 0 ? 'partly-used' : 'free';
          return (
            <button
              key={`${text}-${i}`}
              type="button"
              role="option"
              aria-selected={i === selected}
              className={`split-piece split-piece-${state}${i === selected ? ' split-piece-selected' : ''}`}
              data-testid="split-piece"
              data-cidr={text}
              data-status={use.status}
              style={{ flexGrow: 2 ** (MAX_DEPTH - (p.prefix - block.prefix)) }}
              onClick={() => setSelected(i)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight' && i + 1 < pieces.length) {
                  e.preventDefault();
                  setSelected(i + 1);
                  focusPiece(i + 1);
                }
                if (e.key === 'ArrowLeft' && i > 0) {
                  e.preventDefault();
                  setSelected(i - 1);
                  focusPiece(i - 1);
                }
              }}
            >
              {used.spans.map((span, k) => (
                <span
                  key={k}
                  className="split-used"
                  data-testid="split-used"
                  aria-hidden="true"
                  style={{ left: `${span.start * 100}%`, width: `max(3px, ${(span.end - span.start) * 100}%)` }}
                  title={span.subnets.map((s) => `${s.name} ${s.cidr}`).join(', ')}
                />
              ))}
              <span className="split-cidr mono">{text}</span>
              <span className="split-size">{BigInt(facts.size).toLocaleString('en-US')} addr.</span>
              <span className="split-use">{pieceWords(use, used)}</span>
            </button>
          );
        })}
      </div>
      <p className="small split-usage" data-testid="split-usage">
        <span className="split-used-swatch" aria-hidden="true" /> {usageWords(whole, planBlocks)}
      </p>
      <div className="split-actions" role="group" aria-label={`Actions on ${formatCidr(piece)}`}>
        <span className="mono split-current" data-testid="split-selected">
          {formatCidr(piece)}
        </span>
        <button type="button" onClick={split} disabled={!canSplit} data-testid="split-piece-split">
          Split in two
        </button>
        <button type="button" onClick={join} disabled={partnerIndex < 0} data-testid="split-piece-join" title={joinReason}>
          Join with its other half
        </button>
        <button type="button" onClick={() => onExplore(formatCidr(piece))} data-testid="split-piece-explore">
          Explore this piece
        </button>
        <button
          type="button"
          onClick={() => {
            setPieces([block]);
            setSelected(0);
            setMessage(undefined);
          }}
          disabled={pieces.length === 1}
        >
          Reset
        </button>
      </div>
      {!canSplit ? (
        <p className="muted small">
          {depth >= MAX_DEPTH ? `The bar splits ${MAX_DEPTH} levels deep; explore this piece to split it further.` : 'A single address cannot be split.'}
        </p>
      ) : null}
      {joinReason ? (
        <p className="muted small" data-testid="split-join-reason">
          {joinReason}
        </p>
      ) : null}
      <MakeSubnet
        key={formatCidr(piece)}
        piece={piece}
        plan={plan}
        planBlocks={planBlocks}
        edit={edit}
        onResult={setMessage}
        freePiece={pieces.find((_piece, i) => i !== selected && uses[i]!.status === 'free')}
        onSelectPiece={(p) => {
          const i = pieces.indexOf(p);
          setSelected(i);
          focusPiece(i);
        }}
      />
      {message ? (
        <p
          className={message.kind === 'error' ? 'field-error' : 'explorer-ok'}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="make-subnet-result"
        >
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

function focusPiece(index: number) {
  requestAnimationFrame(() => document.querySelectorAll<HTMLElement>('[data-testid=split-piece]')[index]?.focus());
}

/** The engine's reason the piece has no partner among the pieces (its sibling was split further). */
function whyNoJoin(piece: Cidr, pieces: readonly Cidr[], selected: number): string | undefined {
  const neighbour = pieces[selected + 1] ?? pieces[selected - 1];
  if (!neighbour) return undefined;
  const result = joinBlocks(piece, neighbour);
  return result.ok ? undefined : `Cannot join: ${result.reason}.`;
}

/** What the plan makes of a piece, in a word or two, for its label in the bar. */
function pieceWords(use: PieceAvailability, used: BlockUsage): string {
  const count = used.spans.reduce((n, span) => n + span.subnets.length, 0);
  switch (use.status) {
    case 'is-subnet':
      return used.coveredBy[0]?.name ?? 'a subnet';
    case 'inside-subnet':
      return `in ${used.coveredBy[0]?.name ?? 'a subnet'}`;
    case 'holds-subnets':
      return `${count} subnet${count === 1 ? '' : 's'}`;
    case 'outside-vpc':
      return used.usedFraction > 0 ? `${count} subnet${count === 1 ? '' : 's'}` : 'outside the VPCs';
    default:
      return 'free';
  }
}

function usageWords(whole: BlockUsage, planBlocks: PlanBlocks): string {
  const count = whole.spans.reduce((n, span) => n + span.subnets.length, 0);
  if (whole.coveredBy.length > 0) return `Shaded: all of ${whole.cidr} is in subnet ${whole.coveredBy.map((s) => `${s.name} (${s.cidr})`).join(' and ')}.`;
  if (count === 0) return `No subnet of the plan uses ${whole.cidr} yet.`;
  const percent = whole.usedFraction * 100;
  return `Shaded: ${count} subnet${count === 1 ? '' : 's'} of the plan use ${BigInt(whole.usedAddresses).toLocaleString('en-US')} addresses of ${whole.cidr} (${percent < 1 ? percent.toPrecision(1) : Math.round(percent)} %)${byVpc(whole, planBlocks)}.`;
}

/**
 * "; 9 in prod-app, 2 in partner-analytics" when the shaded subnets belong to more than one VPC
 * (VPCs whose blocks overlap): a piece's reason counts only its own VPC's subnets, which AWS
 * checks a new subnet against, so the two numbers would otherwise seem to disagree.
 */
function byVpc(whole: BlockUsage, planBlocks: PlanBlocks): string {
  const vpcOf = new Map(planBlocks.subnets.map((s) => [s.id, s.vpcId]));
  const counts = new Map<string, number>();
  for (const span of whole.spans) for (const s of span.subnets) counts.set(vpcOf.get(s.id) ?? '', (counts.get(vpcOf.get(s.id) ?? '') ?? 0) + 1);
  if (counts.size < 2) return '';
  const name = (id: string) => planBlocks.vpcs.find((v) => v.id === id)?.name ?? id;
  return `; ${[...counts].map(([id, n]) => `${n} in ${name(id)}`).join(', ')}`;
}

interface MakeSubnetProps {
  piece: Cidr;
  plan: Plan;
  planBlocks: PlanBlocks;
  edit: SplitBarProps['edit'];
  onResult(m: { kind: 'error' | 'ok'; text: string }): void;
  /** Another piece of the bar that is free, to offer when this one is not. */
  freePiece?: Cidr;
  onSelectPiece(piece: Cidr): void;
}

function MakeSubnet({ piece, plan, planBlocks, edit, onResult, freePiece, onSelectPiece }: MakeSubnetProps) {
  const ids = { vpc: useId() };
  const text = formatCidr(piece);
  const key = piece.version === 4 ? 'ipv4Cidrs' : 'ipv6Cidrs';
  const holder = pieceAvailability(piece, planBlocks);
  const [vpcId, setVpcId] = useState(
    holder.vpcId ?? planBlocks.vpcs.find((v) => v.blocks.some((b) => b.version === piece.version))?.id ?? plan.vpcs[0]?.id ?? '',
  );
  const vpc: Vpc | undefined = plan.vpcs.find((v) => v.id === vpcId);
  const use = pieceAvailability(piece, planBlocks, vpcId);
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
    if (!vpc || use.status !== 'free') return;
    const id = newId('subnet', plan);
    const subnet = {
      id,
      name: name.trim() || defaultName,
      vpcId: vpc.id,
      availabilityZone: az || zones[0] || '',
      tier,
      ...(piece.version === 4 ? { ipv4Cidr: text } : { ipv6Cidr: text }),
    };
    const candidate = addSubnet(plan, subnet);
    // The engine has the last word: its own errors about the new subnet (its id is new, so none were there before) refuse it.
    const refusals = checkPlan(candidate).filter((f) => f.severity === 'error' && f.subjects.includes(id));
    if (refusals.length > 0) {
      onResult({ kind: 'error', text: `${text} cannot be a subnet of ${vpc.name || vpc.id}: ${refusals.map((f) => f.message).join(' ')}` });
      return;
    }
    edit(() => candidate);
    onResult({ kind: 'ok', text: `Added ${subnet.name} (${text}) to ${vpc.name || vpc.id}.` });
  };

  return (
    <form
      className="make-subnet"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-label={`Make ${text} a subnet`}
    >
      <div className="field">
        <label htmlFor={ids.vpc}>VPC</label>
        <select id={ids.vpc} value={vpcId} onChange={(e) => setVpcId(e.target.value)} data-testid="make-subnet-vpc">
          {plan.vpcs.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name || v.id} ({v[key].join(', ') || 'no block'})
            </option>
          ))}
        </select>
      </div>
      {use.status === 'free' ? (
        <>
          <SubnetPlacementFields
            testIdPrefix="make-subnet"
            zones={zones}
            az={az}
            onAz={setAz}
            tier={tier}
            onTier={setTier}
            name={name}
            onName={setName}
            defaultName={defaultName}
          />
          <button type="submit" className="primary" data-testid="make-subnet">
            Make {text} a subnet
          </button>
        </>
      ) : (
        // Not offered: the reason, in one line, where the button would be.
        <p className="piece-reason" data-testid="piece-reason" data-status={use.status} role="status">
          {use.reason}
          {freePiece ? (
            <>
              {' '}
              <button type="button" className="link-button" data-testid="select-free-piece" onClick={() => onSelectPiece(freePiece)}>
                Select {formatCidr(freePiece)}, which is free
              </button>
            </>
          ) : null}
        </p>
      )}
    </form>
  );
}
