/**
 * Guided practice for students: one short exercise at a time (split a block, spot the overlaps,
 * count the pieces), generated from a seed a teacher can hand out, checked by the engine
 * (shared/practice), with the CIDR explorer as the hint. Keyboard: the answer field has focus,
 * Enter checks, and the buttons follow in order.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { checkAnswer, EXERCISE_KINDS, generateExercise, nextSeed, seedFromText, type AnswerCheck, type ExerciseKind } from '../../shared/practice';
import { useOpenExplorer } from '../explorer/explorer-context';
import { Modal } from '../panels/dialogs';
import './practice.css';

const KIND_WORDS: Record<ExerciseKind, string> = { split: 'Split a block', overlap: 'Spot the overlaps', count: 'Count addresses and blocks' };

/** A seed to start from when none is given: different each time the dialog opens. */
function freshSeed(): number {
  return Math.floor(Math.random() * 1_000_000);
}

export function PracticeDialog({ onClose, initialSeed }: { onClose(): void; initialSeed?: number }) {
  const ids = { answer: useId(), format: useId(), seed: useId(), kind: useId(), feedback: useId() };
  const explore = useOpenExplorer();
  const [seed, setSeed] = useState(() => initialSeed ?? freshSeed());
  const [seedText, setSeedText] = useState(String(seed));
  const [kind, setKind] = useState<ExerciseKind | 'any'>('any');
  const [number, setNumber] = useState(1);
  const [answer, setAnswer] = useState('');
  const [result, setResult] = useState<AnswerCheck | undefined>();
  const [showReference, setShowReference] = useState(false);
  const [hinted, setHinted] = useState(false);
  const [score, setScore] = useState({ right: 0, tried: 0 });
  const counted = useRef(false);
  const answerRef = useRef<HTMLInputElement>(null);
  const exercise = useMemo(() => generateExercise(seed, kind === 'any' ? undefined : kind), [seed, kind]);

  const reset = () => {
    setAnswer('');
    setResult(undefined);
    setShowReference(false);
    setHinted(false);
    counted.current = false;
  };
  // A new exercise puts the cursor in the answer field.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs because the exercise changed, though it does not read it
  useEffect(() => {
    answerRef.current?.focus();
  }, [exercise]);

  const check = () => {
    const checked = checkAnswer(exercise, answer);
    setResult(checked);
    // Each exercise counts once: right at the first check, or not.
    if (!counted.current && answer.trim() !== '') {
      counted.current = true;
      setScore((s) => ({ right: s.right + (checked.correct ? 1 : 0), tried: s.tried + 1 }));
    }
  };
  const next = () => {
    setSeed((s) => nextSeed(s));
    setNumber((n) => n + 1);
    reset();
  };
  const start = () => {
    const chosen = seedFromText(seedText);
    setSeed(chosen);
    setSeedText(String(chosen));
    setNumber(1);
    setScore({ right: 0, tried: 0 });
    reset();
  };
  const hint = () => {
    setHinted(true);
    explore?.({ cidr: exercise.hint.cidr, ...(exercise.hint.compare ? { compare: exercise.hint.compare } : {}), reason: exercise.hint.text });
  };

  return (
    <Modal title="Practice: CIDR maths" onCancel={onClose} testId="practice-dialog" wide>
      <div className="practice-setup">
        <div className="field">
          <label htmlFor={ids.kind}>Exercises</label>
          <select
            id={ids.kind}
            value={kind}
            data-testid="practice-kind"
            onChange={(e) => {
              setKind(e.target.value as ExerciseKind | 'any');
              reset();
            }}
          >
            <option value="any">All kinds</option>
            {EXERCISE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_WORDS[k]}
              </option>
            ))}
          </select>
        </div>
        <form
          className="field practice-seed"
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          <label htmlFor={ids.seed}>Seed (the same seed gives everyone the same exercises)</label>
          <div className="practice-row">
            <input
              id={ids.seed}
              value={seedText}
              onChange={(e) => setSeedText(e.target.value)}
              data-testid="practice-seed"
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" data-testid="practice-start">
              Start from this seed
            </button>
          </div>
        </form>
      </div>

      <section
        className="practice-exercise"
        aria-labelledby={`${ids.answer}-title`}
        data-testid="practice-exercise"
        data-kind={exercise.kind}
        data-seed={exercise.seed}
      >
        <h3 id={`${ids.answer}-title`}>
          Exercise {number} <span className="muted">· {KIND_WORDS[exercise.kind]}</span>
        </h3>
        <p className="practice-prompt" data-testid="practice-prompt">
          {exercise.prompt}
        </p>
        {exercise.kind === 'overlap' ? (
          <ul className="practice-blocks" aria-label="The blocks">
            {exercise.blocks.map((b) => (
              <li key={b.label}>
                <strong>{b.label}</strong> <span className="mono">{b.cidr}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <form
          className="practice-answer"
          onSubmit={(e) => {
            e.preventDefault();
            check();
          }}
        >
          <label htmlFor={ids.answer}>Your answer</label>
          <div className="practice-row">
            <input
              ref={answerRef}
              id={ids.answer}
              className="mono"
              value={answer}
              autoComplete="off"
              spellCheck={false}
              data-testid="practice-answer"
              aria-describedby={`${ids.format}${result ? ` ${ids.feedback}` : ''}`}
              aria-invalid={result && !result.correct ? true : undefined}
              onChange={(e) => {
                setAnswer(e.target.value);
                if (result) setResult(undefined);
              }}
            />
            <button type="submit" className="primary" data-testid="practice-check">
              Check
            </button>
          </div>
          <p id={ids.format} className="small muted">
            {exercise.answerFormat}
          </p>
        </form>

        <div id={ids.feedback} role="status" aria-live="polite" className="practice-feedback-region">
          {result ? (
            <div
              className={`practice-feedback ${result.correct ? 'practice-right' : 'practice-wrong'}`}
              data-testid="practice-feedback"
              data-correct={result.correct}
            >
              <p>
                <strong>{result.correct ? '✓ ' : '✗ '}</strong>
                {result.summary}
              </p>
              {result.problems.length > 1 ? (
                <ul>
                  {result.problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
        {hinted ? (
          <p className="practice-hint" data-testid="practice-hint-text">
            <strong>Hint:</strong> {exercise.hint.text}
          </p>
        ) : null}
        {showReference ? (
          <p className="practice-reference" data-testid="practice-reference">
            One correct answer: <span className="mono">{exercise.reference}</span>
          </p>
        ) : null}
      </section>

      <div className="modal-buttons practice-buttons">
        <span className="practice-score" data-testid="practice-score">
          {score.tried === 0 ? 'No answers checked yet' : `${score.right} of ${score.tried} right at the first try`}
        </span>
        <button type="button" onClick={hint} disabled={!explore} data-testid="practice-hint">
          Hint: open the explorer
        </button>
        <button type="button" onClick={() => setShowReference(true)} disabled={!result || result.correct || showReference} data-testid="practice-show">
          Show an answer
        </button>
        <button type="button" onClick={next} data-testid="practice-next">
          Next exercise
        </button>
        <button type="button" onClick={onClose} data-testid="practice-close">
          Close
        </button>
      </div>
    </Modal>
  );
}
