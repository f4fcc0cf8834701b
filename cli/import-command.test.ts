import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlanText } from '../shared/plan/load';
import { importCommand, parseImportSource, parseInto } from './import-command';

const coherent = new URL('../shared/import/fixtures/coherent/', import.meta.url);
const files = readdirSync(coherent).map((f) => ({ name: f, text: readFileSync(new URL(f, coherent), 'utf8') }));
const dir = mkdtempSync(join(tmpdir(), 'vpcplan-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importCommand', () => {
  it('prints a loadable plan on stdout and the notes on stderr', async () => {
    const out = await importCommand(files, 'aws-cli');
    expect(out.code).toBe(0);
    const loaded = parsePlanText(out.stdout);
    expect(loaded.ok && loaded.plan.vpcs.map((v) => v.name)).toEqual(['prod', 'dev', 'legacy']);
    expect(out.stderr).toMatch(/^note: /m);
  });

  it('writes --output atomically and leaves no temp file', async () => {
    const target = join(dir, 'plan.json');
    const out = await importCommand(files, 'aws-cli', { output: target });
    expect(out).toMatchObject({ code: 0, stdout: '' });
    expect(parsePlanText(readFileSync(target, 'utf8')).ok).toBe(true);
    expect(readdirSync(dir)).toEqual(['plan.json']);
  });

  it('exits 2 with the problems and writes nothing on bad input', async () => {
    const target = join(dir, 'never.json');
    const out = await importCommand([{ name: 'bad.csv', text: 'name,cidr\nx,10.0.0.0/33\n' }], 'csv', { output: target });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('bad.csv, line 2, column "cidr"');
    expect(readdirSync(dir)).not.toContain('never.json');
  });

  it('imports CSV into a base plan', async () => {
    const base = (await importCommand(files, 'aws-cli')).stdout;
    const out = await importCommand([{ name: 'dc.csv', text: 'name,cidr\nDC,192.168.0.0/16\n' }], 'csv', { base: { name: 'base.json', text: base } });
    const loaded = parsePlanText(out.stdout);
    // The Direct Connect attachment's gateway is kept as an external network (without ranges).
    expect(loaded.ok && loaded.plan.externalNetworks.map((n) => n.name)).toEqual([
      'datacenter',
      'Direct Connect gateway 5f1c2e3d-4ac1-4fd3-bdb2-00599EXAMPLE',
      'DC',
    ]);
  });

  it('counts every kind in the summary', async () => {
    const target = join(dir, 'counted.json');
    const out = await importCommand(files, 'aws-cli', { output: target });
    expect(out.stderr).toMatch(
      /^wrote .*counted\.json: 3 VPCs, 10 subnets, 1 internet gateway, 1 NAT gateway, \d+ route tables, 2 peerings, 1 transit gateway, 1 transit gateway route table, 4 transit gateway attachments, 2 external networks$/m,
    );
    rmSync(target);
  });

  it('reports a file it does not understand and imports the rest; --strict refuses it', async () => {
    const stray = { name: 'instances.json', text: '{"Reservations": []}' };
    const out = await importCommand([...files, stray], 'aws-cli');
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^note: Skipped instances\.json, line 1: an object with the keys "Reservations"/m);
    const target = join(dir, 'strict.json');
    const strict = await importCommand([...files, stray], 'aws-cli', { strict: true, output: target });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/nothing imported \(--strict\); 1 input was not understood:\n  instances\.json, line 1, \$: /);
    expect(readdirSync(dir)).not.toContain('strict.json');
  });

  it('imports Terraform state (terraform show -json)', async () => {
    const state = readFileSync(new URL('../shared/import/fixtures/terraform/terraform-show.json', import.meta.url), 'utf8');
    const out = await importCommand([{ name: 'state.json', text: state }], 'terraform-state');
    expect(out.code).toBe(0);
    const loaded = parsePlanText(out.stdout);
    expect(loaded.ok && loaded.plan.vpcs.map((v) => v.name)).toEqual(['core', 'edge']);
    expect(out.stderr).toMatch(/^imported 2 VPCs, 6 subnets, .*1 Lattice service, 1 external network$/m);
    expect((await importCommand([{ name: 'state.json', text: state }], 'terraform-state', { into: 'subnets' })).code).toBe(2);
  });

  it('checks its options', async () => {
    expect(() => parseImportSource('terraform')).toThrow(/aws-cli, csv, terraform-state/);
    expect(() => parseInto('vpcs')).toThrow(/external-networks/);
    expect((await importCommand(files, 'aws-cli', { into: 'subnets' })).code).toBe(2);
    expect((await importCommand([], 'csv')).code).toBe(2);
  });
});
