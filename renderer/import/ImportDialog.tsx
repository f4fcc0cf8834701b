/**
 * File > Import: pick AWS CLI JSON outputs, Terraform state and CSV spreadsheets (several at once), and they
 * become a new, laid-out, unsaved plan. Any problem in any file is listed (file, line, JSON
 * path or column, what was expected) and the open plan is left as it was; unsaved work is
 * only replaced after the host's "save changes?" question.
 */
import { useId, useState } from 'react';
import type { Plan } from '../../shared/plan/schema';
import { describeImportedPlan, type ImportProblem } from '../../shared/import';
import { Modal } from '../panels/dialogs';
import { importFiles, isCsvFile, isTerraformState, layOutForCanvas, problemWhere, type CsvTarget, type PickedFile } from './import-files';
import '../export/export.css';

type State = { step: 'choose' } | { step: 'problems'; problems: ImportProblem[] } | { step: 'done'; summary: string; notes: string[] };

export function ImportDialog({
  mayDiscard,
  onOpen,
  onClose,
}: {
  /** Resolves false when the user keeps their unsaved work. */
  mayDiscard(): Promise<boolean>;
  onOpen(plan: Plan, displayName: string): void;
  onClose(): void;
}) {
  const ids = { files: useId(), hint: useId() };
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [readError, setReadError] = useState<string | undefined>();
  const [csvInto, setCsvInto] = useState<CsvTarget>('subnets');
  const [state, setState] = useState<State>({ step: 'choose' });
  const [busy, setBusy] = useState(false);
  const hasCsv = files.some(isCsvFile);

  const pick = async (list: FileList | null) => {
    setState({ step: 'choose' });
    setReadError(undefined);
    const chosen = [...(list ?? [])];
    try {
      setFiles(await Promise.all(chosen.map(async (file) => ({ name: file.name, text: await file.text() }))));
    } catch (error) {
      setFiles([]);
      setReadError(`Could not read the files: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const run = async () => {
    setBusy(true);
    try {
      const result = importFiles(files, csvInto);
      if (!result.ok) {
        setState({ step: 'problems', problems: result.problems });
        return;
      }
      if (!(await mayDiscard())) return;
      const notes = [...result.notes];
      let plan = result.plan;
      try {
        plan = await layOutForCanvas(result.plan);
      } catch (error) {
        notes.push(`Automatic layout failed (${error instanceof Error ? error.message : String(error)}); the importer's own arrangement was kept.`);
      }
      const displayName = files.length === 1 ? `Imported from ${files[0]!.name}` : `Imported from ${files.length} files`;
      onOpen(plan, displayName);
      setState({ step: 'done', summary: `Imported ${describeImportedPlan(plan)} into a new plan. It is not saved yet.`, notes });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Import existing networks" onCancel={onClose} testId="import-dialog" wide>
      <div className="import-dialog">
        {state.step === 'done' ? (
          <div role="status" data-testid="import-done">
            <p>{state.summary}</p>
            {state.notes.length ? (
              <>
                <p className="small">
                  <strong>What the importer decided or skipped ({state.notes.length}):</strong>
                </p>
                <ul className="import-notes" data-testid="import-notes">
                  {state.notes.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              </>
            ) : null}
            <div className="modal-buttons">
              <button type="button" className="primary" onClick={onClose} autoFocus data-testid="import-close">
                Close
              </button>
            </div>
          </div>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            <div className="field">
              <label htmlFor={ids.files}>Files to import</label>
              <input
                id={ids.files}
                type="file"
                multiple
                accept=".json,.csv,.tsv,.txt,application/json,text/csv"
                aria-describedby={ids.hint}
                onChange={(e) => void pick(e.target.files)}
                data-testid="import-files"
                autoFocus
              />
            </div>
            <p id={ids.hint} className="muted small">
              AWS CLI output (<code>aws ec2 describe-vpcs</code>, <code>describe-subnets</code>, <code>describe-route-tables</code>… with
              <code> --output json</code>), one command per file or several in one; Terraform state (<code>terraform show -json</code>); and CSV files of CIDR
              blocks (name, cidr, and vpc, az, tier for subnets).
            </p>
            {files.length ? (
              <ul className="import-files" data-testid="import-file-list">
                {files.map((f) => (
                  <li key={f.name}>
                    {f.name} <span className="muted small">({isCsvFile(f) ? 'CSV' : isTerraformState(f) ? 'Terraform state' : 'AWS CLI JSON'})</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {hasCsv ? (
              <fieldset>
                <legend>CSV rows become</legend>
                <label>
                  <input type="radio" name="csv-into" checked={csvInto === 'subnets'} onChange={() => setCsvInto('subnets')} data-testid="import-csv-subnets" />{' '}
                  Subnets (rows name their VPC; missing VPCs are created)
                </label>
                <label>
                  <input
                    type="radio"
                    name="csv-into"
                    checked={csvInto === 'external-networks'}
                    onChange={() => setCsvInto('external-networks')}
                    data-testid="import-csv-external"
                  />{' '}
                  External networks (on-premises or other-cloud ranges)
                </label>
              </fieldset>
            ) : null}
            {readError ? (
              <p role="alert" className="export-outcome export-outcome-error">
                {readError}
              </p>
            ) : null}
            {state.step === 'problems' ? (
              <div className="export-outcome export-outcome-error" role="alert" data-testid="import-problems">
                <p>
                  <strong>Nothing was imported</strong>: {state.problems.length} problem{state.problems.length === 1 ? '' : 's'} to fix first. Your current plan
                  was not changed.
                </p>
                <ul className="import-problems">
                  {state.problems.map((p, i) => (
                    <li key={i}>
                      <code>{problemWhere(p)}</code> {p.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="modal-buttons">
              <button type="submit" className="primary" disabled={busy || files.length === 0} data-testid="import-confirm">
                {busy ? 'Importing…' : 'Import'}
              </button>
              <button type="button" onClick={onClose}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </div>
    </Modal>
  );
}
