/**
 * Inspector fields. A text field keeps what is being typed to itself and hands it to the
 * plan on Enter or when focus leaves (one undo step per change, not per key). CIDR fields
 * show the engine's parse message as you type, with its suggestion one click away.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { parseCidr, type IpVersion } from '../../shared/cidr';
import { useOpenExplorer } from '../explorer/explorer-context';
import '../explorer/affordances.css';

interface TextFieldProps {
  label: string;
  value: string;
  onCommit(value: string): void;
  placeholder?: string;
  testId?: string;
  multiline?: boolean;
  hint?: ReactNode;
}

function useDraft(value: string) {
  const [draft, setDraft] = useState(value);
  // The plan changed under the field (undo, another edit): show the plan's value.
  useEffect(() => setDraft(value), [value]);
  return [draft, setDraft] as const;
}

export function TextField({ label, value, onCommit, placeholder, testId, multiline, hint }: TextFieldProps) {
  const id = useId();
  const [draft, setDraft] = useDraft(value);
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} value={draft} placeholder={placeholder} data-testid={testId} rows={3} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
      ) : (
        <input
          id={id}
          value={draft}
          placeholder={placeholder}
          data-testid={testId}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
      )}
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  value: number | undefined;
  onCommit(value: number | undefined): void;
  min?: number;
  max?: number;
  testId?: string;
  optional?: boolean;
  hint?: ReactNode;
}

export function NumberField({ label, value, onCommit, min, max, testId, optional, hint }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useDraft(value === undefined ? '' : String(value));
  const parsed = draft.trim() === '' ? undefined : Number(draft);
  const problem =
    draft.trim() === ''
      ? optional
        ? undefined
        : 'Enter a number.'
      : !Number.isFinite(parsed) || !Number.isInteger(parsed)
        ? `“${draft}” is not a whole number.`
        : min !== undefined && (parsed as number) < min
          ? `At least ${min}.`
          : max !== undefined && (parsed as number) > max
            ? `At most ${max.toLocaleString('en-US')}.`
            : undefined;
  const commit = () => {
    if (!problem && parsed !== value) onCommit(parsed);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        value={draft}
        data-testid={testId}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(value === undefined ? '' : String(value));
        }}
      />
      {problem ? (
        <div className="field-error" role="alert">
          {problem}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}

interface CidrFieldProps {
  label: string;
  value: string;
  version?: IpVersion;
  onCommit(value: string): void;
  testId?: string;
  onRemove?: () => void;
  allowEmpty?: boolean;
  hint?: ReactNode;
}

export function CidrField({ label, value, version, onCommit, testId, onRemove, allowEmpty, hint }: CidrFieldProps) {
  const id = useId();
  const [draft, setDraft] = useDraft(value);
  const result = draft === '' && allowEmpty ? undefined : parseCidr(draft, version === undefined ? {} : { version });
  const error = result && !result.ok ? result.error : undefined;
  const commit = (text = draft) => {
    if (text !== value) onCommit(text);
  };
  const explore = useOpenExplorer();
  const explorable = draft.trim() !== '' && result?.ok === true;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          className="mono"
          value={draft}
          data-testid={testId}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
        {explore ? (
          <button
            type="button"
            className="explore-button"
            disabled={!explorable}
            data-testid={testId ? `${testId}-explore` : undefined}
            aria-label={`Explore ${label} ${draft} in the CIDR explorer`}
            title="See its bits, size and neighbours in the CIDR explorer"
            onClick={() => explore({ cidr: draft.trim() })}
          >
            Explore
          </button>
        ) : null}
        {onRemove ? (
          <button type="button" className="icon-button" aria-label={`Remove ${label}`} title={`Remove ${label}`} onClick={onRemove}>
            ×
          </button>
        ) : null}
      </div>
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error.message}
          {error.suggestion ? (
            <button
              type="button"
              className="link-button"
              data-testid={testId ? `${testId}-suggestion` : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setDraft(error.suggestion as string);
                commit(error.suggestion);
              }}
            >
              Use {error.suggestion}
            </button>
          ) : null}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onCommit(value: T): void;
  testId?: string;
}

export function SelectField<T extends string>({ label, value, options, onCommit, testId }: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} data-testid={testId} onChange={(e) => onCommit(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckField({ label, checked, onCommit, testId }: { label: string; checked: boolean; onCommit(value: boolean): void; testId?: string }) {
  return (
    <label className="check-field">
      <input type="checkbox" checked={checked} data-testid={testId} onChange={(e) => onCommit(e.target.checked)} />
      {label}
    </label>
  );
}
