/**
 * The canvas as a network engineer uses it: connecting by dropping on a node's body with the
 * valid targets lit, placement of new nodes, semantic zoom, the minimap, automatic layout
 * and route lines.
 */
import { expect, test } from './fixtures';

test('connect by body: drop anywhere on a VPC peers it; valid targets are lit while dragging', async ({ editor, page }) => {
  const before = await editor.plan();
  await editor.frame(['vpc-prod', 'vpc-dev']);
  const source = editor.node('vpc-prod');
  await source.locator('.vpc-header').hover();
  const from = await editor.center(source.locator('.react-flow__handle-right'));
  // Onto a subnet in the middle of the other VPC: nowhere near its handles.
  const subnet = before.subnets.find((s) => s.vpcId === 'vpc-dev')!;
  const to = await editor.center(editor.node(subnet.id));
  const mouse = page.mouse;
  await mouse.move(from.x, from.y);
  await mouse.down();
  await mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await mouse.move(to.x, to.y, { steps: 10 });
  await expect(editor.node('vpc-dev')).toHaveClass(/connect-over/);
  await expect(page.getByTestId('connect-hint')).toHaveText('Peer prod-app with dev-app');
  // Already attached: the transit gateway is not a target; a VPC it could peer with is.
  await expect(editor.node('tgw-hub')).toHaveClass(/connect-other/);
  await expect(editor.node('vpc-analytics')).toHaveClass(/connect-target/);
  await editor.screenshot('canvas-connect-drag');
  await mouse.up();
  await expect.poll(async () => (await editor.plan()).peerings.length).toBe(before.peerings.length + 1);
  const peering = (await editor.plan()).peerings.find((p) => !before.peerings.some((b) => b.id === p.id))!;
  expect([peering.requesterVpcId, peering.accepterVpcId]).toEqual(['vpc-prod', 'vpc-dev']);
  await expect(page.locator('.connect-target, .connect-other, .connect-over')).toHaveCount(0);
});

test('connect by body: a drop on a node that cannot take the connection changes nothing and says why', async ({ editor, page }) => {
  const before = await editor.planText();
  await editor.frame(['vpc-prod', 'tgw-hub']);
  const source = editor.node('vpc-prod');
  await source.locator('.vpc-header').hover();
  const from = await editor.center(source.locator('.react-flow__handle-bottom'));
  const to = await editor.center(editor.node('tgw-hub'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await expect(editor.node('tgw-hub')).toHaveClass(/connect-refused/);
  await expect(page.getByTestId('connect-hint')).toContainText('already attached');
  await page.mouse.up();
  await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'already attached' }).first()).toBeVisible();
  expect(await editor.planText()).toBe(before);
});
