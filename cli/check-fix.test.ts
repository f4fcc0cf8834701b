/** `vpcplan check --fix`: writes the fixed plan atomically, prints each change, exits on what remains. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planWith, subnet, vpc } from '../shared/checks/fixture';
import { serializePlan } from '../shared/plan/load';
import { runCli } from './run';

function cli(args: string[], stdin = '') {
  return runCli(args, { readFile: (path) => readFile(path, 'utf8'), readStdin: async () => stdin });
}

const broken = planWith({
  vpcs: [vpc('erp', ['10.3.0.0/16'], { name: 'legacy-erp' })],
  subnets: [subnet('db', 'erp', '10.3.0.0/24'), subnet('app', 'erp', '10.3.0.0/24'), subnet('web', 'erp', '10.3.0.0/24')],
});

function tempPlan(text: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vpcplan-fix-'));
  const path = join(dir, 'plan.vpcplan.json');
  writeFileSync(path, text);
  return { dir, path };
}

describe('vpcplan check --fix', () => {
  it('moves the overlapping subnets to distinct free blocks, writes back to the input and exits 0', async () => {
    const { dir, path } = tempPlan(serializePlan(broken));
    const before = await cli(['check', path]);
    expect(before.code).toBe(1);
    const out = await cli(['check', path, '--fix']);
    expect(out.stderr).toContain('changed app ipv4Cidr: 10.3.0.0/24 → 10.3.1.0/24');
    expect(out.stderr).toContain('changed web ipv4Cidr: 10.3.0.0/24 → 10.3.2.0/24');
    expect(out.stderr).toContain('(2 changes)');
    expect(out.code).toBe(0);
    const written = JSON.parse(readFileSync(path, 'utf8')) as { subnets: Array<{ ipv4Cidr: string }> };
    expect(written.subnets.map((s) => s.ipv4Cidr)).toEqual(['10.3.0.0/24', '10.3.1.0/24', '10.3.2.0/24']);
    // Atomic write: no temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(['plan.vpcplan.json']);
    expect((await cli(['check', path])).code).toBe(0);
  });

  it("moves a peered VPC off its peer's block with its subnets, and adds the route the peering lacks, printing every change", async () => {
    const peered = planWith({
      vpcs: [vpc('a', ['10.0.0.0/16'], { name: 'alpha' }), vpc('b', ['10.0.0.0/16'], { name: 'bravo' })],
      subnets: [subnet('sa', 'a', '10.0.1.0/24', { routeTableId: 'rt-a' }), subnet('sb', 'b', '10.0.4.0/24', { name: 'bravo-app', routeTableId: 'rt-b' })],
      peerings: [{ id: 'ab', name: 'alpha-bravo', requesterVpcId: 'a', accepterVpcId: 'b' }],
      routeTables: [
        { id: 'rt-a', name: 'alpha-rt', vpcId: 'a', routes: [] },
        { id: 'rt-b', name: 'bravo-rt', vpcId: 'b', routes: [] },
      ],
    });
    const { dir, path } = tempPlan(serializePlan(peered));
    const out = await cli(['check', path, '--fix']);
    expect((out.stderr ?? '').split('\n')).toEqual([
      'changed bravo ipv4Cidrs[0]: 10.0.0.0/16 → 10.1.0.0/16',
      'changed bravo-app ipv4Cidr: 10.0.4.0/24 → 10.1.4.0/24',
      'added route 10.1.0.0/16 → peering alpha-bravo to route table alpha-rt',
      'added route 10.0.0.0/16 → peering alpha-bravo to route table bravo-rt',
      expect.stringContaining('(4 changes)'),
      '',
    ]);
    const written = JSON.parse(readFileSync(path, 'utf8')) as { routeTables: Array<{ routes: unknown[] }> };
    expect(written.routeTables.map((t) => t.routes)).toEqual([
      [{ destination: '10.1.0.0/16', target: 'peering', targetId: 'ab' }],
      [{ destination: '10.0.0.0/16', target: 'peering', targetId: 'ab' }],
    ]);
    expect(readdirSync(dir)).toEqual(['plan.vpcplan.json']);
    const again = await cli(['check', path]);
    expect(again.stdout).not.toContain('overlap/peered-vpcs');
    expect(again.stdout).not.toContain('routing/peering-unrouted');
  });

  it('-o writes elsewhere and leaves the input alone', async () => {
    const text = serializePlan(broken);
    const { dir, path } = tempPlan(text);
    const out = await cli(['check', path, '--fix', '-o', join(dir, 'fixed.json')]);
    expect(out.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readFileSync(join(dir, 'fixed.json'), 'utf8')).toContain('10.3.2.0/24');
  });

  it('exits 1 when errors without an automatic fix remain, and writes nothing when nothing can be fixed', async () => {
    const unfixable = planWith({ vpcs: [vpc('v', ['10.0.0.0/16'])], subnets: [subnet('s', 'v', '10.0.0.0/24', { availabilityZone: '' })] });
    const text = serializePlan(unfixable);
    const { path } = tempPlan(text);
    const out = await cli(['check', path, '--fix']);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('nothing to fix automatically\n');
    expect(out.stdout).toContain('subnet/no-availability-zone');
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses -o without --fix, and --fix on standard input without -o', async () => {
    const withoutFix = await cli(['check', 'x.json', '-o', 'y.json']);
    expect(withoutFix.code).toBe(2);
    expect(withoutFix.stderr).toContain('only with --fix');
    const stdin = await cli(['check', '-', '--fix'], serializePlan(broken));
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain('needs -o');
  });
});
