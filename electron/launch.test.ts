import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseRunMode, isFirstStart, markStarted, planPathFromArgs } from './launch';

describe('planPathFromArgs', () => {
  it('finds the plan after the app folder in `electron . plan.json`, skipping switches', () => {
    expect(planPathFromArgs({ argv: ['/usr/bin/electron', '--inspect=0', '.', 'plans/a.json'], defaultApp: true, cwd: '/home/u' })).toBe(
      '/home/u/plans/a.json',
    );
    expect(planPathFromArgs({ argv: ['/usr/bin/electron', '.'], defaultApp: true, cwd: '/home/u' })).toBeUndefined();
  });

  it('takes the first argument of a packaged app', () => {
    expect(planPathFromArgs({ argv: ['/opt/VPC Planner/vpc-planner', '--no-sandbox', '/tmp/b.vpcplan.json'], defaultApp: false, cwd: '/' })).toBe(
      '/tmp/b.vpcplan.json',
    );
    expect(planPathFromArgs({ argv: ['/opt/VPC Planner/vpc-planner'], defaultApp: false, cwd: '/' })).toBeUndefined();
  });
});

describe('chooseRunMode', () => {
  const argv = ['/usr/bin/electron', '.'];

  it('is a production run unless --dev is given: no DevTools, no dev server', () => {
    expect(chooseRunMode({ argv, env: {}, isPackaged: false })).toEqual({ dev: false, notes: [] });
    const withServer = chooseRunMode({ argv, env: { VPCPLANNER_DEV_SERVER_URL: 'http://localhost:5173' }, isPackaged: false });
    expect(withServer).toEqual({ dev: false, notes: [expect.stringContaining('ignored without --dev')] });
  });

  it('--dev turns development on, with a localhost dev server if one is named', () => {
    expect(chooseRunMode({ argv: [...argv, '--dev'], env: {}, isPackaged: false })).toEqual({ dev: true, notes: [] });
    expect(chooseRunMode({ argv: [...argv, '--dev'], env: { VPCPLANNER_DEV_SERVER_URL: 'http://localhost:5173' }, isPackaged: false })).toEqual({
      dev: true,
      devServerUrl: 'http://localhost:5173',
      notes: [],
    });
    const remote = chooseRunMode({ argv: [...argv, '--dev'], env: { VPCPLANNER_DEV_SERVER_URL: 'https://evil.example' }, isPackaged: false });
    expect(remote).toEqual({ dev: true, notes: [expect.stringContaining('only a localhost')] });
  });

  it('an installed app never runs in development mode', () => {
    const packaged = chooseRunMode({
      argv: ['/opt/VPC Planner/vpc-planner', '--dev'],
      env: { VPCPLANNER_DEV_SERVER_URL: 'http://localhost:5173' },
      isPackaged: true,
    });
    expect(packaged.dev).toBe(false);
    expect(packaged.devServerUrl).toBeUndefined();
    expect(packaged.notes).toHaveLength(2);
  });

  it('--dev is not mistaken for a plan to open', () => {
    expect(planPathFromArgs({ argv: [...argv, '--dev'], defaultApp: true, cwd: '/home/u' })).toBeUndefined();
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
