import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFirstStart, markStarted, planPathFromArgs } from './launch';

describe('planPathFromArgs', () => {
  it('finds the plan after the app folder in `electron . plan.json`, skipping switches', () => {
    expect(planPathFromArgs({ argv: ['/usr/bin/electron', '--inspect=0', '.', 'plans/a.json'], defaultApp: true, cwd: '/home/u' })).toBe('/home/u/plans/a.json');
    expect(planPathFromArgs({ argv: ['/usr/bin/electron', '.'], defaultApp: true, cwd: '/home/u' })).toBeUndefined();
  });

  it('takes the first argument of a packaged app', () => {
    expect(planPathFromArgs({ argv: ['/opt/VPC Planner/vpc-planner', '--no-sandbox', '/tmp/b.vpcplan.json'], defaultApp: false, cwd: '/' })).toBe('/tmp/b.vpcplan.json');
    expect(planPathFromArgs({ argv: ['/opt/VPC Planner/vpc-planner'], defaultApp: false, cwd: '/' })).toBeUndefined();
  });
});

describe('first start', () => {
  it('is first only until marked', async () => {
    const userData = await mkdtemp(path.join(tmpdir(), 'vpcplanner-launch-'));
    try {
      expect(await isFirstStart(path.join(userData, 'new'))).toBe(true);
      await markStarted(path.join(userData, 'new'));
      expect(await isFirstStart(path.join(userData, 'new'))).toBe(false);
    } finally {
      await rm(userData, { recursive: true, force: true });
    }
  });
});
