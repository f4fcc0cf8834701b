/**
 * Compare with…: pick another plan file and see, in plain words, what is only in this plan
 * (the open one), only in the other file, and different between them, with the problems the
 * engine finds in one and not the other. "Show on the canvas" marks the differences on this
 * plan's canvas and steps through them (CompareTray). The open plan is not touched. The
 * comparison can be saved as Markdown for a review.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { comparePlans, comparisonMarkdown, comparisonSummary, SIDES, WHERE_WORDS, type Difference, type Where } from '../../shared/export';
import type { Finding } from '../../shared/checks/types';
import type { VpcHost } from '../../shared/host';
import { parsePlanText, type PlanProblem } from '../../shared/plan/load';
import type { Plan } from '../../shared/plan/schema';
import { Modal } from '../panels/dialogs';
import { baseFileName } from '../export/exports';
import '../export/export.css';

type Picked = { ok: true; name: string; plan: Plan } | { ok: false; name: string; summary: string; problems: PlanProblem[] };

export function CompareDialog({
  plan,
  planName,
  host,
  onClose,
  onShow,
}: {
  plan: Plan;
  planName: string;
  host: VpcHost;
  onClose(): void;
  /** Mark the differences on the canvas and step through them. */
  onShow(other: Plan, name: string): void;
}) {
  const ids = { file: useId() };
  const [picked, setPicked] = useState<Picked | undefined>();
  const [saveNote, setSaveNote] = useState<string | undefined>();

  const comparison = useMemo(() => (picked?.ok ? comparePlans(plan, picked.plan) : undefined), [picked, plan]);

  const pick = async (file: File | undefined) => {
    setSaveNote(undefined);
    if (!file) {
      setPicked(undefined);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setPicked({
        ok: false,
        name: file.name,
        summary: `Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`,
        problems: [],
      });
      return;
    }
    const parsed = parsePlanText(text, file.name);
    setPicked(
      parsed.ok ? { ok: true, name: file.name, plan: parsed.plan } : { ok: false, name: file.name, summary: parsed.summary, problems: parsed.problems },
    );
  };

  const save = async () => {
    if (!comparison || !picked?.ok) return;
    const text = comparisonMarkdown(comparison, { here: planName, there: picked.name });
    const result = await host.exportFile(`${baseFileName(plan)} compared.md`, text, 'text/markdown');
    setSaveNote(result.ok ? (result.value ? `Saved ${result.value}.` : undefined) : result.error);
  };

  return (
    <Modal title="Compare with another plan" onCancel={onClose} testId="compare-dialog" wide>
      <div className="field">
        <label htmlFor={ids.file}>Plan file to compare this plan (“{planName}”) with</label>
        <input
          id={ids.file}
          type="file"
          accept=".json,application/json"
          onChange={(e) => void pick(e.target.files?.[0])}
          data-testid="compare-file"
          autoFocus
        />
      </div>
      {picked && !picked.ok ? (
        <div className="export-outcome export-outcome-error" role="alert" data-testid="compare-problems">
          <p>{picked.summary}</p>
          <ul className="import-problems">
            {picked.problems.map((p, i) => (
              <li key={i}>
                <code>
                  {p.path}
                  {p.line !== undefined ? ` (line ${p.line}, column ${p.column})` : ''}
                </code>{' '}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {comparison && picked?.ok ? (
        <>
          <p className="compare-sides" data-testid="compare-sides">
            <strong>This plan</strong> is the open plan, “{planName}”; <strong>the other file</strong> is “{picked.name}”.
          </p>
          <div className="compare-body" data-testid="compare-result" role="region" aria-label="Differences" tabIndex={0}>
            {comparison.identical ? (
              <p>No differences (canvas positions are not compared).</p>
            ) : (
              <>
                <p className="compare-summary" data-testid="compare-summary">
                  {comparisonSummary(comparison)}
                </p>
                {comparison.planDetails.length ? (
                  <Section title="The plan itself" testId="compare-plan">
                    {comparison.planDetails.map((d, i) => (
                      <li key={i}>{d}</li>
                    ))}
                  </Section>
                ) : null}
                <DifferenceSection where="only-here" list={comparison.differences} />
                <DifferenceSection where="only-there" list={comparison.differences} />
                <DifferenceSection where="different" list={comparison.differences} />
                <FindingSection title={`Problems only in ${SIDES.here}`} testId="compare-findings-here" findings={comparison.findings.onlyHere} />
                <FindingSection title={`Problems only in ${SIDES.there}`} testId="compare-findings-there" findings={comparison.findings.onlyThere} />
              </>
            )}
          </div>
        </>
      ) : null}
      {saveNote ? (
        <p role="status" className="small">
          {saveNote}
        </p>
      ) : null}
      <div className="modal-buttons">
        <button type="button" onClick={() => void save()} disabled={!comparison} data-testid="compare-save">
          Save as Markdown…
        </button>
        <button
          type="button"
          onClick={() => {
            if (picked?.ok) onShow(picked.plan, picked.name);
          }}
          disabled={!comparison || comparison.differences.length === 0}
          data-testid="compare-show"
        >
          Show on the canvas
        </button>
        <button type="button" className="primary" onClick={onClose} data-testid="compare-close">
          Close
        </button>
      </div>
    </Modal>
  );
}

const SECTION_IDS: Record<Where, string> = { 'only-here': 'compare-only-here', 'only-there': 'compare-only-there', different: 'compare-different' };

function DifferenceSection({ where, list }: { where: Where; list: readonly Difference[] }) {
  const mine = list.filter((d) => d.where === where);
  if (mine.length === 0) return null;
  return (
    <Section title={WHERE_WORDS[where]} testId={SECTION_IDS[where]}>
      {mine.map((d) => (
        <li key={d.key} className={`diff-${where}`} data-key={d.key}>
          <strong>{d.title}</strong>
          {d.name !== d.id ? <span className="muted"> ({d.id})</span> : null}
          {d.details.length > 0 ? (
            <ul>
              {d.details.map((line) => (
                <li key={line} data-testid="compare-detail">
                  {line}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </Section>
  );
}

function FindingSection({ title, testId, findings }: { title: string; testId: string; findings: readonly Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <Section title={title} testId={testId}>
      {findings.map((f, i) => (
        <li key={i}>
          <span className={`pill pill-${f.severity}`}>{f.severity}</span> {f.message} <code className="muted">{f.code}</code>
        </li>
      ))}
    </Section>
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
