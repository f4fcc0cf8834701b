/**
 * File > Export: one dialog for every export. Pick a format (and, for pictures, the whole
 * plan or the selection and whether to draw a legend), and it is saved through the host
 * (native save dialog in the desktop app, a download in the browser). Terraform's warnings
 * and any failure stay in the dialog until it is closed.
 */
import { useId, useState } from 'react';
import type { VpcHost } from '../../shared/host';
import type { Plan } from '../../shared/plan/schema';
import { Modal } from '../panels/dialogs';
import { diagramSvg, svgSize, svgToPng, type DiagramPicture } from './diagram-image';
import { baseFileName, buildExport, EXPORT_FORMATS, type ExportFormat } from './exports';
import './export.css';

interface Outcome {
  kind: 'saved' | 'error' | 'info';
  text: string;
  warnings: string[];
}

export function ExportDialog({ plan, selection, host, onClose }: { plan: Plan; selection: readonly string[]; host: VpcHost; onClose(): void }) {
  const ids = { format: useId(), scope: useId(), legend: useId() };
  const [format, setFormat] = useState<ExportFormat>('png');
  const [scope, setScope] = useState<'plan' | 'selection'>(selection.length > 0 ? 'selection' : 'plan');
  const [legend, setLegend] = useState(true);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const info = EXPORT_FORMATS.find((f) => f.format === format)!;
  const chosenSelection = scope === 'selection' && selection.length > 0 ? selection : undefined;

  const run = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      if (format === 'png' || format === 'svg') {
        const svg = diagramSvg(plan, chosenSelection, legend);
        const picture: DiagramPicture = format === 'png' ? await svgToPng(svg) : { data: svg, ...svgSize(svg) };
        const name = `${baseFileName(plan)}${chosenSelection ? ' selection' : ''}.${format}`;
        const saved = await host.exportFile(name, picture.data, format === 'png' ? 'image/png' : 'image/svg+xml');
        setOutcome(
          saved.ok
            ? saved.value
              ? { kind: 'saved', text: `Saved ${saved.value} (${picture.width} × ${picture.height} pixels).`, warnings: [] }
              : undefined
            : { kind: 'error', text: saved.error, warnings: [] },
        );
        return;
      }
      // The report draws its diagram from these choices: a plan too large to page prints its overview.
      const diagram = info.image ? { diagram: { ...(chosenSelection ? { selection: chosenSelection } : {}), legend } } : {};
      const artifact = buildExport(plan, format, { ...diagram, generatedAt: new Date().toISOString() });
      const warnings = [...artifact.warnings];
      if (artifact.printHtml !== undefined) {
        const printed = await host.exportReportPdf(artifact.printHtml, artifact.fileName);
        if (!printed.ok) setOutcome({ kind: 'error', text: printed.error, warnings });
        else if (printed.value) setOutcome({ kind: 'saved', text: `Saved ${printed.value}.`, warnings });
        else if (host.kind === 'web')
          setOutcome({ kind: 'info', text: 'The browser’s print dialog opened on the report: choose “Save as PDF” as the destination.', warnings });
        else setOutcome(warnings.length ? { kind: 'info', text: 'Not saved.', warnings } : undefined);
        return;
      }
      const saved = await host.exportFile(artifact.fileName, artifact.data, artifact.mimeType);
      if (!saved.ok) setOutcome({ kind: 'error', text: saved.error, warnings });
      else if (saved.value) setOutcome({ kind: 'saved', text: `Saved ${saved.value}.`, warnings });
      else setOutcome(warnings.length ? { kind: 'info', text: 'Not saved.', warnings } : undefined);
    } catch (error) {
      setOutcome({ kind: 'error', text: `Could not export: ${message(error)}.`, warnings: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Export" onCancel={onClose} testId="export-dialog" wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset className="export-formats" aria-describedby={ids.format}>
          <legend>Format</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f.format} className={`export-format${f.format === format ? ' export-format-chosen' : ''}`}>
              <input
                type="radio"
                name="export-format"
                value={f.format}
                checked={f.format === format}
                onChange={() => {
                  setFormat(f.format);
                  setOutcome(undefined);
                }}
                data-testid={`export-format-${f.format}`}
                autoFocus={f.format === format}
              />
              <span className="export-format-label">{f.label}</span>
              <span className="export-format-detail muted small">{f.detail}</span>
            </label>
          ))}
        </fieldset>
        <p id={ids.format} className="muted small">
          Everything is made on this computer; nothing is sent anywhere.
        </p>
        {info.image ? (
          <div className="export-picture-options">
            <fieldset>
              <legend>Diagram</legend>
              <label>
                <input type="radio" name="export-scope" checked={scope === 'plan'} onChange={() => setScope('plan')} data-testid="export-scope-plan" /> The
                whole plan
              </label>
              <label className={selection.length === 0 ? 'muted' : ''}>
                <input
                  type="radio"
                  name="export-scope"
                  checked={scope === 'selection'}
                  disabled={selection.length === 0}
                  onChange={() => setScope('selection')}
                  data-testid="export-scope-selection"
                />{' '}
                The selection{selection.length ? ` (${selection.length} selected)` : ' (nothing is selected)'}
              </label>
            </fieldset>
            <label className="export-legend">
              <input type="checkbox" id={ids.legend} checked={legend} onChange={(e) => setLegend(e.target.checked)} data-testid="export-legend" /> Draw a legend
            </label>
          </div>
        ) : null}
        {outcome ? (
          <div className={`export-outcome export-outcome-${outcome.kind}`} role={outcome.kind === 'error' ? 'alert' : 'status'} data-testid="export-outcome">
            <p>{outcome.text}</p>
            {outcome.warnings.length ? (
              <>
                <p className="small">
                  <strong>
                    {outcome.warnings.length} warning{outcome.warnings.length === 1 ? '' : 's'}:
                  </strong>
                </p>
                <ul className="export-warnings" data-testid="export-warnings">
                  {outcome.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={busy} data-testid="export-confirm">
            {busy ? 'Exporting…' : format === 'pdf' && host.kind === 'web' ? 'Print to PDF…' : 'Export…'}
          </button>
          <button type="button" onClick={onClose} data-testid="export-close">
            Close
          </button>
        </div>
      </form>
    </Modal>
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
