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
    expect(loaded.ok && loaded.plan.externalNetworks.map((n) => n.name)).toEqual(['datacenter', 'DC']);
  });

  it('checks its options', async () => {
    expect(() => parseImportSource('terraform')).toThrow(/aws-cli, csv/);
    expect(() => parseInto('vpcs')).toThrow(/external-networks/);
    expect((await importCommand(files, 'aws-cli', { into: 'subnets' })).code).toBe(2);
    expect((await importCommand([], 'csv')).code).toBe(2);
  });
});
