/**
 * The CIDR explorer: type or pick a block and see its bits, mask, first and last address,
 * size and usable addresses per cloud, its relatives, a prefix slider, the split/join bar,
 * and for an IPv6 VPC block its /64 slot map. Opened with two blocks (a finding's "Why?"),
 * it also shows the bits they share. Every fact is the engine's (shared/explorer); this
 * file only decides what to show.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { AMAZON_VPC_IPV6_PREFIX, USUAL_SUBNET_IPV6_PREFIX } from '../../shared/aws-limits';
import { contains, formatCidr, maxPrefix, parseAddress, parseCidr, type Cidr } from '../../shared/cidr';
import {
  CLOUD_NAMES,
  blockFacts,
  compareBlocks,
  enclosingBlock,
  explainBits,
  readPlanBlocks,
  relatives,
  type BitRole,
  type BitsExplanation,
} from '../../shared/explorer';
import type { Plan } from '../../shared/plan/schema';
import { BitLegend, BitRuler, type BitMark } from './BitRuler';
import type { ExplorerTarget } from './explorer-context';
import { SlotMap } from './SlotMap';
import { SplitBar } from './SplitBar';
import './explorer.css';

interface ExplorerDialogProps {
  target: ExplorerTarget;
  plan: Plan;
  edit(change: (plan: Plan) => Plan): boolean;
  onClose(): void;
}

const ROLE_WORDS: Record<string, string> = {
  network: 'network address',
  router: 'VPC router',
  dns: 'DNS server',
  future: 'reserved for future use',
  broadcast: 'broadcast',
  gateway: 'default gateway',
  last: 'last address',
};

function parse(text: string): Cidr | undefined {
  const result = parseCidr(text.trim());
  return result.ok ? result.cidr : undefined;
}

/**
 * "10.1.7.9/16", an address with its host bits set: the address and the prefix typed, so the
 * explorer shows the block around that address at that prefix (the slider and the bits say /16,
 * as the field does) while the field says what to write instead.
 */
function addressAndPrefix(text: string): { address: Cidr; prefix: number } | undefined {
  const result = parseCidr(text.trim());
  if (result.ok || result.error.code !== 'host-bits-set' || result.error.suggestion === undefined) return undefined;
  const block = parse(result.error.suggestion);
  const address = parseAddress(text.trim().split('/')[0] ?? '');
  if (!block || !address.ok) return undefined;
  return { address: { version: address.version, network: address.value, prefix: maxPrefix(address.version) }, prefix: block.prefix };
}

/** The single address at the start of a block: the slider keeps it and changes the prefix around it. */
function startAddress(c: Cidr): Cidr {
  return { version: c.version, network: c.network, prefix: maxPrefix(c.version) };
}

export function ExplorerDialog({ target, plan, edit, onClose }: ExplorerDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), input: useId(), pick: useId(), slider: useId(), compare: useId() };
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first control (the close button); the block is what one came to change.
    inputRef.current?.focus();
    return () => dialog?.close();
  }, []);

  const initial = parse(target.cidr);
  const [text, setText] = useState(target.cidr);
  const [address, setAddress] = useState<Cidr | undefined>(initial && startAddress(initial));
  const [prefix, setPrefix] = useState(initial?.prefix ?? 24);
  const [compareText, setCompareText] = useState(target.compare ?? '');
  const [reason, setReason] = useState(target.reason);

  const parsed = parseCidr(text.trim());
  const block = address ? enclosingBlock(address, Math.min(prefix, maxPrefix(address.version))) : undefined;
  const blockText = block ? formatCidr(block) : '';

  const go = (cidrText: string) => {
    const next = parse(cidrText);
    if (!next) return;
    setText(formatCidr(next));
    setAddress(startAddress(next));
    setPrefix(next.prefix);
  };
  const commitText = (value = text) => {
    const next = parse(value);
    if (next) go(value);
  };

  const choices = useMemo(() => pickableBlocks(plan), [plan]);

  return (
    <dialog
      ref={ref}
      className="modal explorer"
      aria-labelledby={ids.title}
      data-testid="explorer"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="explorer-head">
        <h2 id={ids.title}>CIDR explorer</h2>
        <button type="button" className="icon-button" aria-label="Close the explorer" onClick={onClose} data-testid="explorer-close">
          ×
        </button>
      </div>

      <div className="explorer-inputs">
        <div className="field">
          <label htmlFor={ids.input}>CIDR block</label>
          <input
            ref={inputRef}
            id={ids.input}
            className="mono"
            value={text}
            spellCheck={false}
            autoComplete="off"
            data-testid="explorer-input"
            aria-invalid={parsed.ok ? undefined : true}
            aria-describedby={parsed.ok ? undefined : `${ids.input}-error`}
            onChange={(e) => {
              const value = e.target.value;
              setText(value);
              if (parse(value)) go(value);
              else {
                const typed = addressAndPrefix(value);
                if (typed) {
                  setAddress(typed.address);
                  setPrefix(typed.prefix);
                }
              }
            }}
            onBlur={() => commitText()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitText();
            }}
          />
          {!parsed.ok ? (
            <div className="field-error" id={`${ids.input}-error`} role="alert" data-testid="explorer-input-error">
              {parsed.error.message}
              {parsed.error.suggestion ? (
                <button type="button" className="link-button" onClick={() => go(parsed.error.suggestion as string)}>
                  Use {parsed.error.suggestion}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={ids.pick}>Or pick a block of the plan</label>
          <select
            id={ids.pick}
            value=""
            onChange={(e) => {
              if (e.target.value) go(e.target.value);
            }}
            data-testid="explorer-pick"
          >
            <option value="">Choose…</option>
            {choices.map((c, i) => (
              <option key={`${c.cidr}-${i}`} value={c.cidr}>
                {c.label}: {c.cidr}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.compare}>Compare with (optional)</label>
          <input
            id={ids.compare}
            className="mono"
            value={compareText}
            spellCheck={false}
            autoComplete="off"
            placeholder="e.g. 10.0.128.0/17"
            data-testid="explorer-compare"
            onChange={(e) => {
              setCompareText(e.target.value);
              setReason(undefined);
            }}
          />
        </div>
      </div>

      {block ? (
        <ExplorerBody
          block={block}
          address={address!}
          prefix={prefix}
          sliderId={ids.slider}
          setPrefix={(next) => {
            // The field always shows the block the slider and the bits show.
            setPrefix(next);
            if (address) setText(formatCidr(enclosingBlock(address, Math.min(next, maxPrefix(address.version)))));
          }}
          compareText={compareText}
          reason={reason}
          plan={plan}
          edit={edit}
          go={go}
          blockText={blockText}
        />
      ) : (
        <p className="muted">Type a CIDR block such as 10.0.0.0/16 or 2001:db8::/56.</p>
      )}
    </dialog>
  );
}

interface BodyProps {
  block: Cidr;
  address: Cidr;
  blockText: string;
  prefix: number;
  setPrefix(p: number): void;
  sliderId: string;
  compareText: string;
  reason?: string;
  plan: Plan;
  edit: ExplorerDialogProps['edit'];
  go(cidr: string): void;
}

function ExplorerBody({ block, address, blockText, prefix, setPrefix, sliderId, compareText, reason, plan, edit, go }: BodyProps) {
  const bits = explainBits(block);
  const facts = blockFacts(block, 'aws');
  const family = relatives(block);
  const width = maxPrefix(block.version);
  const sizeText = BigInt(facts.size).toLocaleString('en-US');
  const other = compareText.trim() ? parseCidr(compareText.trim()) : undefined;
  const slotVpcs =
    block.version === 6 && block.prefix >= AMAZON_VPC_IPV6_PREFIX && block.prefix <= USUAL_SUBNET_IPV6_PREFIX ? slotSubnets(plan, block) : undefined;
  const planBlocks = useMemo(() => readPlanBlocks(plan), [plan]);

  return (
    <div className="explorer-body">
      {/* A comparison (a finding's "Why?") comes first: it is what the user asked about. */}
      {other ? <WhySection a={block} other={other} reason={reason} go={go} /> : null}
      <section className="explorer-section" aria-labelledby="bits-title">
        <h3 id="bits-title">
          Bits of{' '}
          <span className="mono" data-testid="explorer-cidr">
            {blockText}
          </span>
        </h3>
        <div className="field explorer-slider">
          <label htmlFor={sliderId}>Prefix length</label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={width}
            value={prefix}
            data-testid="explorer-prefix"
            aria-valuetext={`/${prefix}: ${sizeText} addresses`}
            onChange={(e) => setPrefix(Number(e.target.value))}
          />
          <output htmlFor={sliderId} className="mono" data-testid="explorer-prefix-value">
            /{prefix}
          </output>
        </div>
        <BitRuler bits={bits} testId="explorer-bits" label={`Bits of ${blockText}`} />
        <BitLegend />
        <p data-testid="explorer-bits-explanation">{bits.explanation}</p>
        <AddressViews bits={bits} address={address} />
      </section>

      <section className="explorer-section" aria-labelledby="facts-title">
        <h3 id="facts-title">The block</h3>
        <dl className="explorer-facts">
          {bits.netmask ? (
            <>
              <dt>Netmask</dt>
              <dd className="mono" data-testid="explorer-netmask">
                {bits.netmask}
              </dd>
              <dt>Wildcard</dt>
              <dd className="mono">{bits.wildcard}</dd>
            </>
          ) : null}
          <dt>First address</dt>
          <dd className="mono" data-testid="explorer-first">
            {facts.first}
          </dd>
          <dt>Last address</dt>
          <dd className="mono" data-testid="explorer-last">
            {facts.last}
          </dd>
          <dt>Size</dt>
          <dd data-testid="explorer-size">
            {sizeText} addresses (2<sup>{facts.hostBits}</sup>)
          </dd>
        </dl>
        <ul className="explorer-explanation" data-testid="explorer-explanation">
          {facts.explanation.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
        <table className="explorer-clouds" data-testid="explorer-clouds">
          <caption>Usable addresses as a subnet, per cloud</caption>
          <thead>
            <tr>
              <th scope="col">Cloud</th>
              <th scope="col">Usable</th>
              <th scope="col">Reserved</th>
            </tr>
          </thead>
          <tbody>
            {Object.values(facts.clouds).map((usage) => (
              <tr key={usage.cloud} data-cloud={usage.cloud}>
                <th scope="row">{CLOUD_NAMES[usage.cloud]}</th>
                <td data-testid={`usable-${usage.cloud}`}>{BigInt(usage.usable).toLocaleString('en-US')}</td>
                <td>
                  {usage.reserved.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    <ul className="reserved-list">
                      {usage.reserved.map((r) => (
                        <li key={`${r.role}-${r.address}`}>
                          <span className="mono">{r.address}</span> <strong>{ROLE_WORDS[r.role] ?? r.role}</strong>: {r.why}
                        </li>
                      ))}
                    </ul>
                  )}
                  {usage.subnetLimit ? <div className="muted small">{usage.subnetLimit}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="explorer-section" aria-labelledby="family-title">
        <h3 id="family-title">Around it</h3>
        <div className="relatives" data-testid="explorer-relatives">
          {family.parent ? <Relative label="Parent (one bit shorter)" cidr={family.parent} go={go} testId="relative-parent" /> : null}
          {family.sibling ? <Relative label="Sibling (the parent's other half)" cidr={family.sibling} go={go} testId="relative-sibling" /> : null}
          {family.children ? (
            <>
              <Relative label="Lower half" cidr={family.children[0]} go={go} testId="relative-child-0" />
              <Relative label="Upper half" cidr={family.children[1]} go={go} testId="relative-child-1" />
            </>
          ) : null}
          {family.enclosing.map((e) => (
            <Relative key={e.prefix} label={`Inside the /${e.prefix}`} cidr={e.cidr} go={go} />
          ))}
        </div>
      </section>

      {slotVpcs ? <SlotMap block={block} subnets={slotVpcs} onExplore={go} /> : null}

      <SplitBar block={block} plan={plan} planBlocks={planBlocks} edit={edit} onExplore={go} />
    </div>
  );
}

function Relative({ label, cidr, go, testId }: { label: string; cidr: string; go(c: string): void; testId?: string }) {
  return (
    <button type="button" className="relative" onClick={() => go(cidr)} data-testid={testId}>
      <span className="relative-label">{label}</span>
      <span className="mono">{cidr}</span>
    </button>
  );
}

/** Hex and binary (and decimal for IPv4) of each octet or hextet; IPv6 nibbles marked. */
function AddressViews({ bits, address }: { bits: BitsExplanation; address: Cidr }) {
  const start = explainBits(address);
  return (
    <details className="address-views" open={bits.version === 6}>
      <summary>Hex and binary of {bits.version === 4 ? 'each octet' : 'each hextet (4 hex digits, each digit a nibble of 4 bits)'}</summary>
      <table className="groups-table" data-testid="explorer-groups">
        <thead>
          <tr>
            <th scope="col">{bits.version === 4 ? 'Octet' : 'Hextet'}</th>
            {bits.version === 4 ? <th scope="col">Decimal</th> : null}
            <th scope="col">Hex</th>
            <th scope="col">Binary</th>
            <th scope="col">Network bits</th>
          </tr>
        </thead>
        <tbody>
          {start.groups.map((g, i) => (
            <tr key={g.index} className={`group-row group-${bits.groups[i]!.part}`}>
              <th scope="row">{g.index + 1}</th>
              {bits.version === 4 ? <td className="mono">{g.decimal}</td> : null}
              <td className="mono">{g.hex}</td>
              <td className="mono">{bits.version === 6 ? g.nibbles.map((n) => n.binary).join(' ') : g.binary}</td>
              <td>
                {bits.groups[i]!.networkBits} of {g.width}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {bits.version === 6 ? (
        <p className="small" data-testid="explorer-nibble">
          {bits.onNibbleBoundary
            ? `/${bits.prefix} ends on a nibble boundary (a multiple of 4), as AWS IPv6 sizes must: it is written with whole hex digits.`
            : `/${bits.prefix} ends inside a hex digit (not a multiple of 4): AWS IPv6 subnets and IPAM pools need a multiple of 4.`}
        </p>
      ) : null}
    </details>
  );
}

const ROLE_MARKS: Record<BitRole, BitMark> = { match: 'common', place: 'place', differ: 'differ' };

/**
 * "Why?": the two blocks' bits aligned one above the other, the bits that decide how they
 * relate marked (shared, placing the inner block, the first difference), and the engine's
 * sentence. Two identical blocks are the most common overlap: all their prefix bits match.
 */
function WhySection({ a, other, reason, go }: { a: Cidr; other: ReturnType<typeof parseCidr>; reason?: string; go(c: string): void }) {
  if (!other.ok)
    return (
      <p className="field-error" role="alert">
        Compare with: {other.error.message}
      </p>
    );
  const b = other.cidr;
  const compared = compareBlocks(a, b);
  return (
    <section
      className="explorer-section why"
      aria-labelledby="why-title"
      data-testid="explorer-why"
      data-relation={compared.ok ? compared.relation : 'versions'}
    >
      <h3 id="why-title">
        Why? <span className="mono">{formatCidr(a)}</span> and <span className="mono">{formatCidr(b)}</span>
      </h3>
      {reason ? <p className="why-reason">{reason}</p> : null}
      {!compared.ok ? (
        <p data-testid="why-explanation">{compared.reason}</p>
      ) : (
        <>
          <p data-testid="why-shared">
            <strong className="why-verdict" data-testid="why-verdict">
              {compared.verdict}
            </strong>{' '}
            Matching leading bits: <strong data-testid="why-common">{compared.matchingBits}</strong> of the shorter prefix /{compared.shorterPrefix}
            {' — '}
            {compared.overlap ? 'they overlap' : 'they do not overlap'}.
          </p>
          <div className="why-grid">
            {[compared.a, compared.b].map((side, i) => {
              const marks = new Map<number, BitMark>();
              for (const [index, role] of side.roles) marks.set(index, ROLE_MARKS[role]);
              const block = i === 0 ? a : b;
              return (
                <div key={i} className="why-row">
                  <button type="button" className="link-button mono" onClick={() => go(side.cidr)}>
                    {side.cidr}
                  </button>
                  <BitRuler bits={explainBits(block)} marks={marks} testId={`why-bits-${i}`} label={`Bits of ${side.cidr} compared`} />
                </div>
              );
            })}
          </div>
          <BitLegend compare={compared.relation} />
          <p data-testid="why-explanation">{compared.explanation}</p>
        </>
      )}
    </section>
  );
}

/** Every VPC and subnet block of the plan, for "pick a block". */
function pickableBlocks(plan: Plan): Array<{ label: string; cidr: string }> {
  const out: Array<{ label: string; cidr: string }> = [];
  for (const vpc of plan.vpcs) for (const cidr of [...vpc.ipv4Cidrs, ...vpc.ipv6Cidrs]) if (cidr) out.push({ label: `VPC ${vpc.name || vpc.id}`, cidr });
  for (const subnet of plan.subnets)
    for (const cidr of [subnet.ipv4Cidr, subnet.ipv6Cidr]) if (cidr) out.push({ label: `Subnet ${subnet.name || subnet.id}`, cidr });
  for (const network of plan.externalNetworks) for (const cidr of network.cidrs) if (cidr) out.push({ label: network.name || network.id, cidr });
  return out;
}

/** The subnets to draw on an IPv6 block's slot map: those inside it, of the VPCs whose IPv6 block it is part of. */
function slotSubnets(plan: Plan, block: Cidr): Array<{ id: string; name: string; cidr: string }> {
  const vpcIds = new Set(
    plan.vpcs
      .filter((v) =>
        v.ipv6Cidrs.some((t) => {
          const r = parseCidr(t);
          return r.ok && (contains(r.cidr, block) || contains(block, r.cidr));
        }),
      )
      .map((v) => v.id),
  );
  const subnets = plan.subnets
    .filter((s) => vpcIds.has(s.vpcId) && s.ipv6Cidr)
    .filter((s) => {
      const r = parseCidr(s.ipv6Cidr!);
      return r.ok && r.cidr.version === 6 && contains(block, r.cidr);
    })
    .map((s) => ({ id: s.id, name: s.name, cidr: s.ipv6Cidr! }));
  return subnets;
}
