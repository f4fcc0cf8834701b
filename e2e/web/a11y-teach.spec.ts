/**
 * Axe over what the teaching and compare work added: "Why?" on two identical blocks, the split
 * bar with the plan's subnets shaded and a piece refused with its reason, the Compare dialog
 * and the tray of differences beside the marked canvas. No violation of any impact.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function violations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  // An include that matched nothing would pass nothing.
  expect(results.passes.length, selector).toBeGreaterThan(0);
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe: "Why?" on identical blocks and the split bar with used blocks', async ({ editor, page }) => {
  const finding = (await editor.findings()).find((f) => f.code.startsWith('overlap/') && f.cidrs?.length === 1)!;
  await page.getByTestId('open-explorer').click();
  await page.getByTestId('explorer-input').fill(finding.cidrs![0]!);
  await page.getByTestId('explorer-compare').fill(finding.cidrs![0]!);
  await expect(page.getByTestId('explorer-why')).toHaveAttribute('data-relation', 'identical');
  // A VPC block with subnets: shaded, and the whole block refused with its reason.
  await expect(page.getByTestId('split-used').first()).toBeAttached();
  await expect(page.getByTestId('piece-reason')).toBeVisible();
  await page.getByTestId('split-piece-split').click();
  expect(await violations(page, '[data-testid=explorer]')).toEqual([]);
});

test('axe: the Compare dialog and the tray of differences', async ({ editor, page }) => {
  const plan = await editor.plan();
  const copy = structuredClone(plan);
  copy.subnets = copy.subnets.slice(1);
  copy.subnets[0]!.availabilityZone = 'us-east-1f';
  copy.externalNetworks.push({ id: 'ext-branch', name: 'branch-office', kind: 'on-premises', cidrs: ['10.3.0.0/24'] });
  const folder = await mkdtemp(path.join(tmpdir(), 'vpc-compare-'));
  const file = path.join(folder, 'other.vpcplan.json');
  await writeFile(file, JSON.stringify(copy));
  await page.getByTestId('compare').click();
  await page.getByTestId('compare-file').setInputFiles(file);
  await expect(page.getByTestId('compare-summary')).toBeVisible();
  expect(await violations(page, '[data-testid=compare-dialog]')).toEqual([]);
  await page.getByTestId('compare-show').click();
  await expect(page.getByTestId('compare-tray')).toBeVisible();
  await page.getByTestId('compare-next').click();
  expect(await violations(page, '[data-testid=compare-tray]')).toEqual([]);
  // The dark theme has its own colours: contrast checked there too.
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  expect(await violations(page, '[data-testid=compare-tray]')).toEqual([]);
  await editor.screenshot('compare-tray-dark');
});

test("axe: practice and the explorer's comparison in the dark theme", async ({ editor, page }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.getByTestId('practice').click();
  await page.getByTestId('practice-kind').selectOption('split');
  await page.getByTestId('practice-answer').fill('10.0.0.0/33');
  await page.getByTestId('practice-check').click();
  await expect(page.getByTestId('practice-feedback')).toBeVisible();
  expect(await violations(page, '[data-testid=practice-dialog]')).toEqual([]);
  await editor.screenshot('practice-dark');
  await page.getByTestId('practice-close').click();
  await page.getByTestId('open-explorer').click();
  await page.getByTestId('explorer-input').fill('10.1.0.0/16');
  await page.getByTestId('explorer-compare').fill('10.1.64.0/18');
  await expect(page.getByTestId('explorer-why')).toHaveAttribute('data-relation', 'nested');
  expect(await violations(page, '[data-testid=explorer-why]')).toEqual([]);
});
