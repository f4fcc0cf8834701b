import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from '../shared/plan/load';
import type { Plan } from '../shared/plan/schema';
import { diffCommand, exportCommand, nodeExportIo, parseExportFormat } from './export-commands';
import { UsageError } from './output';

function example(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}
const io = { ...nodeExportIo, now: () => new Date('2026-03-04T05:06:07Z') };

describe('exportCommand', () => {
  it('writes the Terraform files and README into a new directory, and nothing else', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vpcplan-export-')), 'tf');
    const out = await exportCommand(example('hub-and-spoke.vpcplan.json'), 'terraform', dir, io);
    expect(out.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'README.md',
      'gateways.tf',
      'lattice.tf',
      'outputs.tf',
      'peering.tf',
      'providers.tf',
      'routing.tf',
      'sharing.tf',
      'transit-gateways.tf',
      'variables.tf',
      'versions.tf',
      'vpcs.tf',
      'vpn.tf',
    ]);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.tf'))) await parse(file, readFileSync(join(dir, file), 'utf8'));
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/customer_gateway_ext_dc_ip_address/);
    expect(out.stderr).toMatch(/wrote .*versions\.tf/);
  });

  it('prints Terraform to stdout as one parseable module without -o', async () => {
    const out = await exportCommand(example('three-tier.vpcplan.json'), 'terraform', undefined, io);
    const json = (await parse('all.tf', out.stdout)) as { resource: Record<string, unknown>; variable: Record<string, unknown> };
    expect(Object.keys(json.resource)).toContain('aws_nat_gateway');
    expect(Object.keys(json.variable)).toContain('region');
  });

  it('refuses a .tf file as the Terraform target, and a directory for a one-file format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcplan-export-'));
    const file = join(dir, 'x.tf');
    await expect(exportCommand(example('three-tier.vpcplan.json'), 'terraform', file, io)).rejects.toThrow(UsageError);
    await expect(exportCommand(example('three-tier.vpcplan.json'), 'csv', dir, io)).rejects.toThrow(/is a directory/);
  });

  it('replaces an existing file whole and leaves no temp file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcplan-export-'));
    const target = join(dir, 'plan.html');
    writeFileSync(target, 'old');
    const out = await exportCommand(example('three-tier.vpcplan.json'), 'html', target, io);
    expect(out.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*2026-03-04T05:06:07\.000Z/);
    expect(readdirSync(dir)).toEqual(['plan.html']);
  });

  it('prints json as the plan file itself, and svg, csv and markdown to stdout', async () => {
    const plan = example('three-tier.vpcplan.json');
    const json = await exportCommand(plan, 'json', undefined, io);
    const again = parsePlanText(json.stdout);
    expect(again.ok && again.plan).toEqual(plan);
    expect((await exportCommand(plan, 'svg', undefined, io)).stdout).toMatch(/^<svg /);
    expect((await exportCommand(plan, 'csv', undefined, io)).stdout).toMatch(/^vpc,vpc_id,/);
    expect((await exportCommand(plan, 'markdown', undefined, io)).stdout).toMatch(/^# Network review/);
  });

  it('names the allowed formats when given a wrong one', () => {
    expect(() => parseExportFormat('docx')).toThrow(/--format docx is not one of terraform, csv, json, markdown, html, svg, drawio, pdf, png/);
    expect(() => parseExportFormat(undefined)).toThrow(/export needs --format/);
    expect(parseExportFormat('svg')).toBe('svg');
    expect(parseExportFormat('pdf')).toBe('pdf');
    expect(parseExportFormat('png')).toBe('png');
  });
});

describe('diffCommand', () => {
  it('exits 0 for the same plan and 1 with the changes listed when they differ', () => {
    const before = example('three-tier.vpcplan.json');
    expect(diffCommand(before, structuredClone(before), false)).toEqual({ stdout: 'No differences (canvas positions are not compared).\n', code: 0 });
    const after = structuredClone(before);
    after.subnets[0]!.ipv4Cidr = '10.20.0.0/25';
    const out = diffCommand(before, after, false);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('IPv4 block: resized 10.20.0.0/26 -> 10.20.0.0/25');
    const json = JSON.parse(diffCommand(before, after, true).stdout);
    expect(json.changed[0].id).toBe('sn-public-a');
  });
});
