/**
 * Compare with…: pick another plan file and see, in network terms, what the open plan adds,
 * removes and changes against it (a CIDR that grew or shrank is "resized", one at other
 * addresses "moved") and which findings appear or go away. The open plan is not touched.
 * The comparison can be saved as Markdown for a review.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { diffPlans, formatPlanDiff, type CidrChange, type FieldChange, type ObjectRef } from '../../shared/export';
import type { VpcHost } from '../../shared/host';
import { parsePlanText, type PlanProblem } from '../../shared/plan/load';
import type { Plan } from '../../shared/plan/schema';
import { Modal } from '../panels/dialogs';
import { baseFileName } from '../export/exports';
import '../export/export.css';

type Picked =
  | { ok: true; name: string; plan: Plan }
  | { ok: false; name: string; summary: string; problems: PlanProblem[] };

export function CompareDialog({ plan, planName, host, onClose }: { plan: Plan; planName: string; host: VpcHost; onClose(): void }) {
  const ids = { file: useId() };
  const [picked, setPicked] = useState<Picked | undefined>();
  // true: the picked file is the earlier version, and the open plan the later one.
  const [openIsLater, setOpenIsLater] = useState(true);
  const [saveNote, setSaveNote] = useState<string | undefined>();

  const diff = useMemo(() => {
    if (!picked?.ok) return undefined;
    return openIsLater ? diffPlans(picked.plan, plan) : diffPlans(plan, picked.plan);
  }, [picked, plan, openIsLater]);

  const pick = async (file: File | undefined) => {
    setSaveNote(undefined);
    if (!file) { setPicked(undefined); return; }
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setPicked({ ok: false, name: file.name, summary: `Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`, problems: [] });
      return;
    }
    const parsed = parsePlanText(text, file.name);
    setPicked(parsed.ok ? { ok: true, name: file.name, plan: parsed.plan } : { ok: false, name: file.name, summary: parsed.summary, problems: parsed.problems });
  };

  const before = picked ? (openIsLater ? picked.name : planName) : '';
  const after = picked ? (openIsLater ? planName : picked.name) : '';

  const save = async () => {
    if (!diff) return;
    const text = `<!-- ${before} -> ${after} -->\n${formatPlanDiff(diff, 'markdown')}`;
    const result = await host.exportFile(`${baseFileName(plan)} changes.md`, text, 'text/markdown');
    setSaveNote(result.ok ? (result.value ? `Saved ${result.value}.` : undefined) : result.error);
  };

  return (
    <Modal title="Compare with another plan" onCancel={onClose} testId="compare-dialog" wide>
      <div className="field">
        <label htmlFor={ids.file}>Plan file to compare with “{planName}”</label>
        <input id={ids.file} type="file" accept=".json,application/json" onChange={(e) => void pick(e.target.files?.[0])} data-testid="compare-file" autoFocus />
      </div>
      {picked && !picked.ok ? (
        <div className="export-outcome export-outcome-error" role="alert" data-testid="compare-problems">
          <p>{picked.summary}</p>
          <ul className="import-problems">
            {picked.problems.map((p, i) => <li key={i}><code>{p.path}{p.line !== undefined ? ` (line ${p.line}, column ${p.column})` : ''}</code> {p.message}</li>)}
          </ul>
        </div>
      ) : null}
      {diff ? (
        <>
          <div className="compare-controls">
            <span>From <strong>{before}</strong> to <strong>{after}</strong></span>
            <button type="button" onClick={() => setOpenIsLater((v) => !v)} data-testid="compare-swap">Swap direction</button>
          </div>
          <div className="compare-body" data-testid="compare-result" role="region" aria-label="Differences" tabIndex={0}>
            {diff.identical ? <p>No differences (canvas positions are not compared).</p> : (
              <>
                <p className="compare-summary" data-testid="compare-summary">
                  {diff.added.length} added, {diff.removed.length} removed, {diff.changed.length} changed; findings: {diff.findings.appeared.length} new, {diff.findings.resolved.length} resolved.
                </p>
                {diff.plan.length ? <Section title="Plan" testId="compare-plan">{diff.plan.map((f, i) => <li key={i}>{fieldText(f)}</li>)}</Section> : null}
                {diff.added.length ? <Section title="Added" testId="compare-added">{diff.added.map((r) => <li key={`${r.kind}:${r.id}`} className="diff-added"><Ref r={r} /></li>)}</Section> : null}
                {diff.removed.length ? <Section title="Removed" testId="compare-removed">{diff.removed.map((r) => <li key={`${r.kind}:${r.id}`} className="diff-removed"><Ref r={r} /></li>)}</Section> : null}
                {diff.changed.length ? (
                  <Section title="Changed" testId="compare-changed">
                    {diff.changed.map((c) => {
                      const cidrFields = new Set(c.cidrs.map((x) => x.field));
                      return (
                        <li key={`${c.kind}:${c.id}`}>
                          <Ref r={c} />
                          <ul>
                            {c.cidrs.map((x, i) => <li key={`c${i}`} data-testid="compare-cidr">{cidrText(x)}</li>)}
                            {c.fields.filter((f) => !cidrFields.has(f.field)).map((f, i) => <li key={`f${i}`}>{fieldText(f)}</li>)}
                          </ul>
                        </li>
                      );
                    })}
                  </Section>
                ) : null}
                {diff.findings.appeared.length ? (
                  <Section title="New findings" testId="compare-findings-new">
                    {diff.findings.appeared.map((f, i) => <li key={i}><span className={`pill pill-${f.severity}`}>{f.severity}</span> <code>{f.code}</code> {f.message}</li>)}
                  </Section>
                ) : null}
                {diff.findings.resolved.length ? (
                  <Section title="Findings that go away" testId="compare-findings-resolved">
                    {diff.findings.resolved.map((f, i) => <li key={i}><span className={`pill pill-${f.severity}`}>{f.severity}</span> <code>{f.code}</code> {f.message}</li>)}
                  </Section>
                ) : null}
              </>
            )}
          </div>
        </>
      ) : null}
      {saveNote ? <p role="status" className="small">{saveNote}</p> : null}
      <div className="modal-buttons">
        <button type="button" onClick={() => void save()} disabled={!diff} data-testid="compare-save">Save as Markdown…</button>
        <button type="button" className="primary" onClick={onClose} data-testid="compare-close">Close</button>
      </div>
    </Modal>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId}>
      <h3>{title}</h3>
      <ul>{children}</ul>
    </section>
  );
}

const KIND_WORDS: Record<ObjectRef['kind'], string> = {
  vpc: 'VPC', subnet: 'subnet', 'internet-gateway': 'internet gateway', 'egress-only-gateway': 'egress-only gateway', 'vpn-gateway': 'VPN gateway',
  'nat-gateway': 'NAT gateway', 'route-table': 'route table', peering: 'peering', 'transit-gateway': 'transit gateway', 'tgw-route-table': 'TGW route table',
  'tgw-attachment': 'TGW attachment', 'service-network': 'service network', 'external-network': 'external network',
};

function Ref({ r }: { r: ObjectRef }) {
  return <><span className="diff-kind">{KIND_WORDS[r.kind]}</span>{r.name && r.name !== r.id ? <>{r.name} <span className="muted">({r.id})</span></> : r.id}</>;
}

const CIDR_VERBS: Record<CidrChange['kind'], string> = { resized: 'resized', moved: 'moved to other addresses', added: 'block added', removed: 'block removed', edited: 'edited' };

function cidrText(c: CidrChange): string {
  const range = c.before !== undefined && c.after !== undefined ? `${c.before} → ${c.after}` : c.after ?? c.before ?? '';
  return `${c.field}: ${CIDR_VERBS[c.kind]} ${range}`;
}

function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

function fieldText(f: FieldChange): string {
  if (f.added !== undefined || f.removed !== undefined) {
    const parts = [...(f.added ?? []).map((x) => `+ ${x}`), ...(f.removed ?? []).map((x) => `− ${x}`)];
    return `${f.field}: ${parts.length > 0 ? parts.join('; ') : 'reordered'}`;
  }
  return `${f.field}: ${show(f.before)} → ${show(f.after)}`;
}
