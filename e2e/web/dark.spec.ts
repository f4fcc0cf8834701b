import { test, expect } from './fixtures';

test.use({ colorScheme: 'dark' });

test('dark theme follows the OS', async ({ editor, page }) => {
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  // A dark background: every channel low.
  const channels = background.match(/\d+/g)!.slice(0, 3).map(Number);
  expect(Math.max(...channels)).toBeLessThan(60);
  await editor.screenshot('10-dark');
  await editor.frame(['vpc-egress', 'tgw-hub']);
  await editor.node('sn-egress-pub-a').click();
  await editor.screenshot('11-dark-zoomed');
});
