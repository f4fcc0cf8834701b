/**
 * Practice mode: exercises from a seed, checked by the engine, the explorer as the hint, all
 * by keyboard, and axe clean. The expected exercises and verdicts are the engine's
 * (shared/practice) for the same seed, never typed in.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { formatCidr, cidr } from '../../shared/cidr';
import { checkAnswer, generateExercise, nextSeed, type Exercise } from '../../shared/practice';
import { test, expect } from './fixtures';

const SEED = 4242;

async function openPractice(page: Page, kind: Exercise['kind'], seed = SEED): Promise<Exercise> {
  await page.getByTestId('practice').click();
  const dialog = page.getByRole('dialog', { name: 'Practice: CIDR maths' });
  await expect(dialog).toBeVisible();
  await page.getByTestId('practice-kind').selectOption(kind);
  await page.getByTestId('practice-seed').fill(String(seed));
  await page.getByTestId('practice-start').click();
  const exercise = generateExercise(seed, kind);
  await expect(page.getByTestId('practice-prompt')).toHaveText(exercise.prompt);
  return exercise;
}

test('practice: a split from a seed, a wrong answer explained, a right one in another order, the explorer as the hint', async ({ editor, page }) => {
  const exercise = await openPractice(page, 'split');
  if (exercise.kind !== 'split') throw new Error('a split was asked for');
  const pieces = exercise.reference.split(', ');

  // One piece short: wrong, and the engine says why.
  const short = pieces.slice(1).join(', ');
  await page.getByTestId('practice-answer').fill(short);
  await page.getByTestId('practice-answer').press('Enter');
  const feedback = page.getByTestId('practice-feedback');
  await expect(feedback).toHaveAttribute('data-correct', 'false');
  await expect(feedback).toContainText(checkAnswer(exercise, short).summary);
  await expect(page.getByTestId('practice-answer')).toHaveAttribute('aria-invalid', 'true');
  await editor.screenshot('practice-wrong');

  // The hint opens the explorer on the block to split; closing it comes back to the exercise.
  await page.getByTestId('practice-hint').click();
  await expect(page.getByTestId('explorer')).toBeVisible();
  await expect(page.getByTestId('explorer-cidr')).toHaveText(exercise.parent);
  await expect(page.getByTestId('split-piece')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('explorer')).toHaveCount(0);
  await expect(page.getByTestId('practice-dialog')).toBeVisible();
  await expect(page.getByTestId('practice-hint-text')).toContainText(exercise.hint.text);

  // Right, in reverse order with extra spaces.
  const reversed = `  ${[...pieces].reverse().join(' ,  ')} `;
  await page.getByTestId('practice-answer').fill(reversed);
  await page.getByTestId('practice-check').click();
  await expect(feedback).toHaveAttribute('data-correct', 'true');
  await expect(feedback).toContainText(checkAnswer(exercise, reversed).summary);
  // Counted once, at the first try: wrong.
  await expect(page.getByTestId('practice-score')).toHaveText('0 of 1 right at the first try');
  await editor.screenshot('practice-right');

  // Next: the seed's next exercise.
  await page.getByTestId('practice-next').click();
  await expect(page.getByTestId('practice-prompt')).toHaveText(generateExercise(nextSeed(SEED), 'split').prompt);
  await expect(page.getByTestId('practice-feedback')).toHaveCount(0);
  await expect(page.getByTestId('practice-answer')).toBeFocused();
});

test('practice: overlaps and counts, by keyboard only; a wrong count shows the working and, on request, an answer', async ({ editor, page }) => {
  const overlap = await openPractice(page, 'overlap', 7);
  if (overlap.kind !== 'overlap') throw new Error('an overlap was asked for');
  for (const b of overlap.blocks) await expect(page.getByTestId('practice-exercise')).toContainText(`${b.label} ${b.cidr}`);
  // Pairs written the other way round and in lower case are still right.
  const written = overlap.pairs.length === 0 ? 'none' : overlap.pairs.map(([x, y]) => `${y.toLowerCase()}-${x.toLowerCase()}`).join('; ');
  await expect(page.getByTestId('practice-answer')).toBeFocused();
  await page.keyboard.type(written);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('practice-feedback')).toHaveAttribute('data-correct', 'true');
  await expect(page.getByTestId('practice-score')).toHaveText('1 of 1 right at the first try');

  // The hint of an overlap compares two of the blocks in the explorer.
  await page.getByTestId('practice-hint').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('explorer-why')).toBeVisible();
  await expect(page.getByTestId('explorer-compare')).toHaveValue(overlap.hint.compare!);
  await page.keyboard.press('Escape');

  await page.getByTestId('practice-kind').selectOption('count');
  const count = generateExercise(SEED, 'count');
  await page.getByTestId('practice-seed').fill(String(SEED));
  await page.getByTestId('practice-seed').press('Enter');
  await expect(page.getByTestId('practice-prompt')).toHaveText(count.prompt);
  if (count.kind !== 'count') throw new Error('a count was asked for');
  const wrong = (BigInt(count.answer) * 2n).toString();
  await page.getByTestId('practice-answer').fill(wrong);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('practice-feedback')).toHaveAttribute('data-correct', 'false');
  await expect(page.getByTestId('practice-feedback')).toContainText(checkAnswer(count, wrong).summary);
  await page.getByTestId('practice-show').click();
  await expect(page.getByTestId('practice-reference')).toContainText(count.reference);
  // The hint's block is the exercise's size.
  expect(cidr(count.hint.cidr).prefix).toBe(count.from);
  await page.getByTestId('practice-hint').click();
  await expect(page.getByTestId('explorer-cidr')).toHaveText(formatCidr(cidr(count.hint.cidr)));
  await page.keyboard.press('Escape');
  await editor.screenshot('practice-count');

  await page.getByTestId('practice-close').click();
  await expect(page.getByTestId('practice-dialog')).toHaveCount(0);
});

test('axe: the practice dialog has no violations, before and after an answer', async ({ editor, page }) => {
  await openPractice(page, 'overlap');
  const before = await new AxeBuilder({ page }).include('[data-testid=practice-dialog]').analyze();
  expect(before.passes.length).toBeGreaterThan(0);
  expect(before.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.getByTestId('practice-answer').fill('A-Z');
  await page.getByTestId('practice-check').click();
  await expect(page.getByTestId('practice-feedback')).toBeVisible();
  await page.getByTestId('practice-show').click();
  await editor.screenshot('practice-overlap-wrong');
  const after = await new AxeBuilder({ page }).include('[data-testid=practice-dialog]').analyze();
  expect(after.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
