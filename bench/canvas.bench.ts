/**
 * Canvas benchmark: the built web app in Chromium with a generated plan of 200 VPCs and
 * 2,000 subnets. Prints
 *   - time to first render: loadPlanText -> every VPC node in the DOM (parse, check, derive, paint)
 *   - frames per second during a scripted mouse pan (requestAnimationFrame callbacks counted
 *     in the page), fitted to the whole plan and at 100 % zoom.
 * Targets: under 2 s, at least 30 fps. Exit code 1 when a target is missed.
 *
 *   npm run bench:canvas            (builds first unless --no-build)
 */
import { execFileSync, spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { serializePlan } from '../shared/plan/load';
import { generatePlan } from '../shared/plan/generate-plan';

const PORT = 4183;
const VPCS = 200;
const SUBNETS_PER_VPC = 10;
const TARGET_RENDER_MS = 2000;
const TARGET_FPS = 30;

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try { return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined; } catch { return undefined; }
}

async function waitForServer(url: string, timeoutMs: number) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the preview server did not answer at ${url} within ${timeoutMs} ms`);
}

async function main() {
  if (!process.argv.includes('--no-build')) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  const stop = () => { try { if (server.pid) process.kill(-server.pid); } catch { /* already gone */ } };
  process.on('exit', stop);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`, 30_000);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx keeps function names with an `__name` helper that the page does not have.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForSelector('.react-flow__node-vpc');

    const plan = generatePlan({ vpcs: VPCS, subnetsPerVpc: SUBNETS_PER_VPC, seed: 1 });
    const text = serializePlan(plan);
    console.log(`plan: ${plan.vpcs.length} VPCs, ${plan.subnets.length} subnets, ${plan.peerings.length} peerings, ${(text.length / 1e6).toFixed(1)} MB`);

    const renderMs = await page.evaluate(async ({ text, vpcs }) => {
      const start = performance.now();
      if (!window.__vpcPlanner!.loadPlanText(text, 'bench.vpcplan.json')) throw new Error('the generated plan did not load');
      await new Promise<void>((resolve, reject) => {
        const deadline = start + 30_000;
        const poll = () => {
          if (document.querySelectorAll('.react-flow__node-vpc').length >= vpcs) resolve();
          else if (performance.now() > deadline) reject(new Error(`only ${document.querySelectorAll('.react-flow__node-vpc').length} VPC nodes after 30 s`));
          else requestAnimationFrame(poll);
        };
        poll();
      });
      return performance.now() - start;
    }, { text, vpcs: plan.vpcs.length });
    console.log(`time to first render: ${renderMs.toFixed(0)} ms (target < ${TARGET_RENDER_MS} ms)`);

    const pan = async (label: string) => {
      // An empty spot of the pane to grab (a press on a node would drag the node).
      const grab = await page.evaluate(() => {
        const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
        for (let y = pane.top + 40; y < pane.bottom - 40; y += 15) {
          for (let x = pane.left + 40; x < pane.right - 200; x += 15) {
            if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
          }
        }
        return undefined;
      });
      if (!grab) throw new Error('no empty spot of the pane to pan from');
      await page.evaluate(() => {
        const w = window as unknown as { __frames: number; __counting: boolean };
        w.__frames = 0;
        w.__counting = true;
        const tick = () => { if (!w.__counting) return; w.__frames++; requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      });
      const started = Date.now();
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
      let i = 0;
      while (Date.now() - started < 2500) {
        const t = i++ / 40;
        await page.mouse.move(grab.x + Math.sin(t) * 150, grab.y + Math.cos(t) * 80 - 80);
      }
      await page.mouse.up();
      const elapsed = Date.now() - started;
      const frames = await page.evaluate(() => {
        const w = window as unknown as { __frames: number; __counting: boolean };
        w.__counting = false;
        return w.__frames;
      });
      const fps = (frames * 1000) / elapsed;
      console.log(`pan (${label}): ${fps.toFixed(1)} fps over ${(elapsed / 1000).toFixed(1)} s, ${i} mouse moves (target >= ${TARGET_FPS} fps)`);
      return fps;
    };

    const fpsFitted = await pan('whole plan in view');
    await page.evaluate(() => window.__vpcPlanner!.frame(['vpc-0001', 'vpc-0002']));
    await page.waitForTimeout(300);
    const fpsClose = await pan('zoomed in');
    const ok = renderMs < TARGET_RENDER_MS && fpsFitted >= TARGET_FPS && fpsClose >= TARGET_FPS;
    console.log(ok ? 'all targets met' : 'TARGET MISSED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await browser.close();
    stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
