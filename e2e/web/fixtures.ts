/**
 * Shared set-up for the web e2e specs. Following xyflow's own Playwright specs: select by
 * data-id / data-testid, no animations, drag with explicit mouse down / move(steps) / up,
 * and assert on the plan (window.__vpcPlanner) more than on pixels.
 *
 * The File System Access pickers are removed before the app loads, so Open and Save take
 * the <input type=file> and download paths, which Playwright can drive ('filechooser',
 * 'download'). The FS Access paths need a real user gesture and OS dialog.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { Finding } from '../../shared/checks/types';
import type { Plan } from '../../shared/plan/schema';

export const test = base.extend<{ editor: Editor }>({
  editor: async ({ page }, use) => {
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      delete w.showOpenFilePicker;
      delete w.showSaveFilePicker;
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/');
    await expect(page.locator('.react-flow__node-vpc').first()).toBeVisible();
    // Let the first fit-to-view settle before a test measures the viewport.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await use(new Editor(page));
    expect(errors, 'no page errors or console errors (CSP violations show up here)').toEqual([]);
  },
});
export { expect };

export class Editor {
  constructor(readonly page: Page) {}

  plan(): Promise<Plan> {
    return this.page.evaluate(() => window.__vpcPlanner!.getPlan());
  }
  planText(): Promise<string> {
    return this.page.evaluate(() => window.__vpcPlanner!.getPlanText());
  }
  findings(): Promise<Finding[]> {
    return this.page.evaluate(() => window.__vpcPlanner!.getFindings());
  }
  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }
  async select(ids: string[]) {
    await this.page.evaluate((list) => window.__vpcPlanner!.select(list), ids);
  }
  async frame(ids: string[]) {
    await this.page.evaluate((list) => window.__vpcPlanner!.frame(list), ids);
    await this.page.waitForTimeout(50);
  }
  async zoom(): Promise<number> {
    const transform = await this.page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
    const match = /matrix\(([-\d.e]+)/.exec(transform);
    return match ? Number(match[1]) : 1;
  }
  /** Drag with explicit steps, as xyflow's specs do. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }) {
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move(from.x + (to.x - from.x) / 4, from.y + (to.y - from.y) / 4, { steps: 5 });
    await mouse.move(to.x, to.y, { steps: 10 });
    await mouse.up();
  }
  async center(locator: Locator): Promise<{ x: number; y: number }> {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element is not on screen');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  /** Click a toolbar command, through the toolbar's More menu when a narrow window has put it there. */
  async clickTool(testId: string) {
    // A window just resized: let the toolbar settle which groups fit (a resize observer, then a layout effect) first.
    await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    if ((await this.page.getByTestId(testId).count()) === 0) {
      await this.page.getByTestId('toolbar-more').click();
      await this.page.getByTestId(`more-${testId}`).click();
    } else {
      await this.page.getByTestId(testId).click();
    }
  }
  async screenshot(name: string) {
    await this.page.screenshot({ path: `e2e/artifacts/${name}.png` });
  }
}
