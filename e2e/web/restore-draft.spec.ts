/**
 * The renderer's half of crash recovery: after the desktop renderer dies, main reloads the
 * page with ?restore=draft (electron/unsaved-work.ts), and the page opens the autosaved
 * draft at once, as unsaved work, instead of offering it. The browser host keeps its draft
 * in localStorage, so the same page can be driven here without an Electron binary.
 */
import { expect, test } from './fixtures';

test('a page opened with ?restore=draft opens the autosaved draft at once, still unsaved', async ({ editor, page }) => {
  await page.getByTestId('add-tgw').click();
  const draft = await editor.planText();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('vpc-planner:recovery')), { timeout: 8000 }).not.toBeNull();

  await page.goto('/?restore=draft');
  await expect.poll(() => editor.planText()).toBe(draft);
  await expect(page.getByTestId('recovery-offer')).toHaveCount(0);
  await expect(page).toHaveTitle(/^● /);
  // Still a draft until saved: it stays on disk (here, storage) for another crash.
  expect(await page.evaluate(() => localStorage.getItem('vpc-planner:recovery'))).not.toBeNull();
  await editor.screenshot('restore-draft');
});

test('without the flag the draft is only offered, as before', async ({ editor, page }) => {
  await page.getByTestId('add-tgw').click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('vpc-planner:recovery')), { timeout: 8000 }).not.toBeNull();
  await page.goto('/');
  await expect(page.getByTestId('recovery-offer')).toBeVisible();
  expect((await editor.plan()).transitGateways ?? []).toHaveLength(0);
});
