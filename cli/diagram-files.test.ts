/**
 * The diagram files other tools open: the SVG and the draw.io file, validated by xmllint
 * (libxml2, the parser Inkscape uses) and read back with its XPath, so the checks are made
 * by a real XML parser and not by patterns over our own output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../shared/plan/generate-plan';
import { requirePrerequisite } from '../e2e/prerequisites';
import { planDiagram } from '../shared/layout';
import { planToDrawio, planToSvg } from '../shared/export';
import { parsePlanText } from '../shared/plan/load';
import type { Plan } from '../shared/plan/schema';

const HAS_XMLLINT = requirePrerequisite(
  'xmllint, for the SVG and draw.io file tests',
  spawnSync('xmllint', ['--version']).status === 0,
  'apt-get install libxml2-utils',
);

function example(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

const dir = mkdtempSync(join(tmpdir(), 'vpcplan-xml-'));

function save(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** xmllint's verdict: '' when well-formed, its complaint otherwise. */
function lint(path: string): string {
  const out = spawnSync('xmllint', ['--noout', path], { encoding: 'utf8' });
  return out.status === 0 ? '' : out.stderr;
}

/** The values an XPath selects (attributes), one a line. */
function xpath(path: string, expression: string): string[] {
  const out = spawnSync('xmllint', ['--xpath', expression, path], { encoding: 'utf8' });
  if (out.status !== 0) return [];
  return [...out.stdout.matchAll(/="([^"]*)"/g)].map((m) =>
    m[1]!
      .replace(/&#10;/g, '\n')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

/** A plan whose names have everything XML and Markdown treat specially. */
function awkward(): Plan {
  const plan = example('hub-and-spoke.vpcplan.json');
  return {
    ...plan,
    name: 'Plan <A> & "B" (prod) | x',
    vpcs: plan.vpcs.map((v, i) => (i === 0 ? { ...v, name: 'shared) ]( <svg> & "x" | y' } : v)),
  };
}

describe.skipIf(!HAS_XMLLINT)('diagram files validate with xmllint', () => {
  for (const [label, plan] of [
    ['hub-and-spoke', example('hub-and-spoke.vpcplan.json')],
    ['three-tier', example('three-tier.vpcplan.json')],
    ['awkward names', awkward()],
    ['100 VPCs', generatePlan({ vpcs: 100, subnetsPerVpc: 4, seed: 7 })],
  ] as const) {
    it(`SVG of ${label}`, () => {
      expect(lint(save(`${label}.svg`, planToSvg(plan, { date: '2026-03-04' })))).toBe('');
    });
    it(`draw.io of ${label}`, () => {
      expect(lint(save(`${label}.drawio`, planToDrawio(plan)))).toBe('');
    });
  }

  it('the draw.io file has a cell for every box, subnets inside their VPC container, edges between existing cells', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const path = save('hub.drawio', planToDrawio(plan));
    const diagram = planDiagram(plan);
    const ids = xpath(path, '//mxCell/@id');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 2)).toEqual(['0', '1']);
    const vertices = new Set(xpath(path, '//mxCell[@vertex="1"]/@id'));
    for (const node of diagram.nodes) expect(vertices, node.id).toContain(node.id);
    for (const vpc of plan.vpcs) {
      expect(xpath(path, `//mxCell[@id="${vpc.id}"]/@style`)[0]).toContain('container=1');
      expect(xpath(path, `//mxCell[@id="${vpc.id}"]/@parent`)).toEqual(['1']);
    }
    for (const subnet of plan.subnets) {
      expect(xpath(path, `//mxCell[@id="${subnet.id}"]/@parent`), subnet.id).toEqual([subnet.vpcId]);
      // Relative to the VPC: the layout's cell position inside it.
      const cell = diagram.byId.get(subnet.vpcId)!.vpc!.cells.get(subnet.id)!;
      expect(xpath(path, `//mxCell[@id="${subnet.id}"]/mxGeometry/@x`).map(Number)).toEqual([Math.round(cell.x * 10) / 10]);
    }
    for (const nat of plan.natGateways) {
      const vpcId = plan.subnets.find((s) => s.id === nat.subnetId)!.vpcId;
      expect(xpath(path, `//mxCell[@id="${nat.id}"]/@parent`)).toEqual([vpcId]);
    }
    const sources = xpath(path, '//mxCell[@edge="1"]/@source');
    const targets = xpath(path, '//mxCell[@edge="1"]/@target');
    expect(sources.length).toBe(diagram.edges.length);
    expect(diagram.edges.length).toBeGreaterThan(0);
    for (const end of [...sources, ...targets]) expect(vertices).toContain(end);
  });

  it('keeps awkward names as written', () => {
    const plan = awkward();
    const path = save('awkward-names.drawio', planToDrawio(plan));
    expect(xpath(path, '//diagram/@name')).toEqual([plan.name]);
    expect(xpath(path, `//mxCell[@id="${plan.vpcs[0]!.id}"]/@value`)[0]!.split('\n')[0]).toBe(plan.vpcs[0]!.name);
  });
});

it('xmllint is what the checks above use, and it rejects a broken file', () => {
  if (!HAS_XMLLINT) return;
  const path = save('broken.svg', '<svg xmlns="http://www.w3.org/2000/svg"><text>a & b</text></svg>');
  expect(lint(path)).not.toBe('');
  expect(execFileSync('xmllint', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBeDefined();
});
