/**
 * The differences of Compare with… beside the canvas: where each one is (only in this plan,
 * only in the other file, different), what differs in words, Previous / Next to step through
 * them (each framed on the canvas), and the whole list to jump to one. Not modal: the canvas
 * stays usable, and the marks follow edits.
 */
import { useEffect, useId, useRef } from 'react';
import { comparisonSummary, WHERE_WORDS } from '../../shared/export';
import type { ShownComparison } from './use-comparison';
import './compare.css';

export function CompareTray({ shown, onStep, onClose }: { shown: ShownComparison; onStep(index: number): void; onClose(): void }) {
  const titleId = useId();
  const nextRef = useRef<HTMLButtonElement>(null);
  const { comparison, step, name } = shown;
  const list = comparison.differences;
  const current = list[step];
  // Opened from the dialog: keyboard focus comes here, to the control one uses next.
  useEffect(() => {
    nextRef.current?.focus();
  }, []);

  return (
    <section
      className="compare-tray"
      aria-labelledby={titleId}
      data-testid="compare-tray"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="compare-tray-head">
        <h2 id={titleId}>Compared with “{name}”</h2>
        <button type="button" className="icon-button" aria-label="Stop comparing (clear the marks)" onClick={onClose} data-testid="compare-tray-close">
          ×
        </button>
      </div>
      <p className="small muted">{comparisonSummary(comparison)}</p>
      {list.length === 0 ? (
        <p data-testid="compare-tray-none">No differences left: this plan and “{name}” now match.</p>
      ) : (
        <>
          <div className="compare-step" role="group" aria-label="Step through the differences">
            <button type="button" onClick={() => onStep(step - 1)} data-testid="compare-prev" disabled={list.length < 2}>
              ‹ Previous
            </button>
            <span data-testid="compare-position" aria-live="polite">
              {step + 1} of {list.length}
            </span>
            <button type="button" ref={nextRef} onClick={() => onStep(step + 1)} data-testid="compare-next" disabled={list.length < 2}>
              Next ›
            </button>
          </div>
          {current ? (
            <div className={`compare-current where-${current.where}`} data-testid="compare-current" data-key={current.key}>
              <span className={`where-pill where-pill-${current.where}`}>{WHERE_WORDS[current.where]}</span>
              <strong>{current.title}</strong>
              <ul>
                {current.details.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
              {current.canvasIds.length === 0 ? (
                <p className="small muted">Not on this canvas: nothing of this plan holds it.</p>
              ) : !current.marksItself ? (
                <p className="small muted">Marked on the canvas: {current.where === 'only-there' ? 'where it would be' : 'what holds or joins it'}.</p>
              ) : null}
            </div>
          ) : null}
          <ol className="compare-list" aria-label="All differences">
            {list.map((d, i) => (
              <li key={d.key}>
                <button
                  type="button"
                  className={`compare-item${i === step ? ' compare-item-current' : ''}`}
                  aria-current={i === step ? 'true' : undefined}
                  onClick={() => onStep(i)}
                  data-testid="compare-item"
                  data-key={d.key}
                >
                  <span className={`where-dot where-pill-${d.where}`} aria-hidden="true" />
                  <span className="sr-only">{WHERE_WORDS[d.where]}: </span>
                  {d.title}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      <ul className="compare-legend" aria-label="Marks on the canvas">
        <li>
          <span className="legend-swatch diff-swatch-only-here" aria-hidden="true" /> only in this plan
        </li>
        <li>
          <span className="legend-swatch diff-swatch-different" aria-hidden="true" /> different in the other file
        </li>
        <li>
          <span className="legend-swatch diff-swatch-holds" aria-hidden="true" /> holds or joins a difference
        </li>
      </ul>
    </section>
  );
}
