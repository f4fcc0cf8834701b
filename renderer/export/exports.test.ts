/**
 * The review report as File > Export builds it: the report draws its diagram from the dialog's
 * choices (selection, legend), so a plan too large to page prints its overview, as the CLI's
 * report does, and a selection prints only what was selected.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_FULL_VPC_LIMIT } from '../../shared/export/report';
import { generatePlan } from '../../shared/plan/generate-plan';
import { parsePlanText } from '../../shared/plan/load';
import type { Plan } from '../../shared/plan/schema';
import { buildExport } from './exports';

const AT = '2026-03-04T05:06:07.000Z';

function example(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

/** The HTML report's diagram section. */
function diagramSection(html: string): string {
  const start = html.indexOf('<section class="diagram">');
  return html.slice(start, html.indexOf('</section>', start));
}

const drawnVpcs = (svg: string) => new Set([...svg.matchAll(/<g class="vpc" data-id="([^"]+)"/g)].map((m) => m[1]));

describe('buildExport of the review report', () => {
  it('of a plan past the limit prints the overview (no subnets, the caption), with the legend as chosen', () => {
    const plan = generatePlan({ vpcs: DIAGRAM_FULL_VPC_LIMIT + 1, subnetsPerVpc: 2, seed: 4 });
    const { data, warnings } = buildExport(plan, 'html', { diagram: { legend: false }, generatedAt: AT });
    const diagram = diagramSection(data as string);
    expect(diagram.match(/<figure class="diagram-page">/g)).toHaveLength(1);
    expect(drawnVpcs(diagram).size).toBe(plan.vpcs.length);
    expect(diagram).not.toContain('class="subnet');
    expect(diagram).not.toContain('class="legend"');
    expect(diagram).toContain('An overview of the whole plan, because its');
    expect(diagram).toContain('the full diagram is the separately exported SVG');
    expect(warnings).toEqual([]);
  });

  it('of a small plan with a selection prints only the selection, and zips its full diagram as diagram.svg', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const [chosen, other] = plan.vpcs;
    const options = { diagram: { selection: [chosen!.id], legend: true }, generatedAt: AT };
    const diagram = diagramSection(buildExport(plan, 'html', options).data as string);
    expect(drawnVpcs(diagram)).toEqual(new Set([chosen!.id]));
    expect(diagram).not.toContain(`data-id="${other!.id}"`);
    expect(diagram).not.toContain('overview');
    // The selected VPC drawn whole: every subnet of it.
    for (const subnet of plan.subnets.filter((s) => s.vpcId === chosen!.id)) expect(diagram).toContain(`data-id="${subnet.id}"`);

    const zipped = unzipSync(buildExport(plan, 'markdown', options).data as Uint8Array);
    const svg = strFromU8(zipped[`${plan.name} review/diagram.svg`]!);
    expect(drawnVpcs(svg)).toEqual(new Set([chosen!.id]));
    expect(svg).toContain('class="legend"');
    expect(svg).toContain(`>${AT.slice(0, 10)} · 1 of `);
  });

  it('of a selection with nothing on the diagram shows the whole plan and says so', () => {
    const plan = example('three-tier.vpcplan.json');
    const { data, warnings } = buildExport(plan, 'pdf', { diagram: { selection: ['no-such-object'] }, generatedAt: AT });
    expect(drawnVpcs(diagramSection(data as string)).size).toBe(plan.vpcs.length);
    expect(warnings).toEqual([
      expect.stringMatching(/^The diagram of the selection could not be drawn \(nothing selected is on the diagram.*\), so the report shows the whole plan\.$/),
    ]);
  });
});
