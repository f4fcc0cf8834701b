import { describe, expect, it } from 'vitest';
import type { Plan } from '../plan/schema';
import { buildPlan } from '../plan/test-fixtures';
import { buildReviewReport, FULL_MATRIX_LIMIT } from './report';

/** `count` VPCs on 10.i.0.0/16, each sending 10.0.0.0/8 to transit gateway hub; the first `attached` are attached and propagate. */
function hub(count: number, attached: number, change: (plan: Plan) => void = () => {}): Plan {
  const ids = Array.from({ length: count }, (_, i) => `v${i + 1}`);
  const plan = buildPlan({
    vpcs: ids.map((id, i) => ({ id, name: `app-${i + 1}`, ipv4Cidrs: [`10.${i}.0.0/16`] })),
    subnets: ids.map((id, i) => ({
      id: `${id}-s`,
      name: `${id}-s`,
      vpcId: id,
      availabilityZone: 'us-east-1a',
      tier: 'isolated' as const,
      ipv4Cidr: `10.${i}.0.0/24`,
      routeTableId: `${id}-rt`,
    })),
    routeTables: ids.map((id) => ({
      id: `${id}-rt`,
      name: `${id}-rt`,
      vpcId: id,
      routes: [{ destination: '10.0.0.0/8', target: 'transit-gateway' as const, targetId: 'hub' }],
    })),
    transitGateways: [
      {
        id: 'hub',
        name: 'hub',
        routeTables: [{ id: 'rt', name: 'rt', routes: [] }],
        attachments: ids.slice(0, attached).map((id) => ({
          id: `att-${id}`,
          name: id,
          type: 'vpc' as const,
          vpcId: id,
          subnetIds: [`${id}-s`],
          associatedRouteTableId: 'rt',
          propagatedRouteTableIds: ['rt'],
        })),
      },
    ],
  });
  change(plan);
  return plan;
}

function section(markdown: string): string {
  return markdown.slice(markdown.indexOf('## Reachability between VPCs'), markdown.indexOf('## Findings'));
}

describe("the report's reachability section", () => {
  it(`shows the matrix VPC by VPC up to ${FULL_MATRIX_LIMIT} VPCs`, () => {
    const text = section(buildReviewReport(hub(FULL_MATRIX_LIMIT, 20)).markdown);
    expect(text).toContain(`| From \\\\ to | app-1 | app-2 |`);
    // app-1 reaches the other 19 attached VPCs, not the 10 that are not attached.
    const row = text.split('\n').find((l) => l.startsWith('| app-1 |'))!;
    expect(
      row
        .split(' | ')
        .slice(1)
        .map((c) => c.replace(' |', '')),
    ).toEqual(['—', ...Array(19).fill('yes'), ...Array(10).fill('no')]);
    expect(text).not.toContain('Groups of VPCs');
  });

  it('groups the VPCs above that, each group with its members, and a matrix between groups', () => {
    const { markdown, html } = buildReviewReport(hub(FULL_MATRIX_LIMIT + 10, 30));
    const text = section(markdown);
    expect(text).toContain('The 40 VPCs fall into 2 groups of VPCs built alike');
    expect(text).toContain('### Groups of VPCs built alike');
    expect(text).toContain(`| G1 | 30 | ${Array.from({ length: 30 }, (_, i) => `app-${i + 1}`).join(', ')} |`);
    expect(text).toContain(`| G2 | 10 | ${Array.from({ length: 10 }, (_, i) => `app-${i + 31}`).join(', ')} |`);
    expect(text).toContain('| G1 | yes | no |');
    expect(text).toContain('| G2 | no | no |');
    // The report labels each table with a caption (repeated on every column group of a table wider than a page).
    expect(html).toContain('<caption>Between groups</caption>');
    expect(html).toContain('<caption>Groups of VPCs built alike</caption>');
  });

  it('lists what each group reaches when there are too many groups for a matrix', () => {
    // A peering that a route uses ties the answer to that pair: each such VPC is a group of its own.
    const plan = hub(40, 40, (p) => {
      for (let i = 0; i + 1 < 40; i += 2) {
        const [a, b] = [p.vpcs[i]!, p.vpcs[i + 1]!];
        p.peerings.push({ id: `pcx-${i}`, name: `pcx-${i}`, requesterVpcId: a.id, accepterVpcId: b.id, status: 'active' });
        p.routeTables.find((t) => t.vpcId === a.id)!.routes.push({ destination: b.ipv4Cidrs[0]!, target: 'peering', targetId: `pcx-${i}` });
        p.routeTables.find((t) => t.vpcId === b.id)!.routes.push({ destination: a.ipv4Cidrs[0]!, target: 'peering', targetId: `pcx-${i}` });
      }
    });
    const text = section(buildReviewReport(plan).markdown);
    expect(text).toContain('fall into 40 groups');
    expect(text).toContain('| From | Reaches (yes) | Reaches partly | Every other group |');
    // G1 (app-1) reaches everyone: its peer over the peering, the rest over the gateway.
    const others = Array.from({ length: 39 }, (_, k) => `G${k + 2}`).join(', ');
    expect(text).toContain(`| G1 | ${others} | none | no |`);
  });
});
