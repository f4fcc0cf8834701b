import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from '../plan/load';
import { PlanSchema, type Plan } from '../plan/schema';
import { SUBNET_CSV_COLUMNS, subnetsToCsv } from './csv';
import { diffPlans, formatPlanDiff } from './diff';
import { buildReviewReport, diagramPagesHtml, DIAGRAM_MAX_PAGES, DIAGRAM_MIN_TEXT_PT, FULL_MATRIX_LIMIT } from './report';
import { planToSvg } from './svg';

function example(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

/** RFC 4180 reader, as the importer must read it (strips the formula-guard apostrophe). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows.map((r) => r.map((f) => (/^'[=+\-@\t\r]/.test(f) ? f.slice(1) : f)));
}

/** A strict-enough XML well-formedness check: balanced tags, quoted attributes, no raw & or < in text. */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!DOCTYPE[^>]*>|<([^>]*)>?|&(?!(?:amp|lt|gt|quot|#39|#\d+);)/g;
  for (const m of xml.matchAll(token)) {
    if (m[0].startsWith('<!DOCTYPE')) continue;
    if (m[5] !== undefined || m[0].startsWith('&')) throw new Error(`not well-formed near ${JSON.stringify(xml.slice(m.index!, m.index! + 40))}`);
    for (const value of (m[3] ?? '').matchAll(/="([^"]*)"/g))
      if (/&(?!(?:amp|lt|gt|quot|#39|#\d+);)/.test(value[1]!)) throw new Error(`raw & in attribute ${value[1]}`);
    if (m[1]) {
      if (stack.pop() !== m[2]) throw new Error(`unbalanced </${m[2]}>`);
    } else if (!m[4]) stack.push(m[2]!);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
}

const HOSTILE = PlanSchema.parse({
  format: 'vpcplan',
  version: 1,
  name: 'Tom & Jerry <script>alert(1)</script>',
  vpcs: [{ id: 'v<1>', name: '<script>alert("vpc")</script> & co', ipv4Cidrs: ['10.0.0.0/16'], accountId: '=HYPERLINK("x")' }],
  subnets: [
    { id: 's1', name: '=cmd|" /C calc"!A0', vpcId: 'v<1>', availabilityZone: 'us-east-1a', tier: 'public', ipv4Cidr: '10.0.0.0/24', hostsNeeded: 100 },
    { id: 's2', name: 'a,b "c"\nd', vpcId: 'v<1>', availabilityZone: '@az', tier: 'private', ipv4Cidr: '10.0.1.0/33' },
  ],
  natGateways: [{ id: 'n1', name: '<b>nat</b>', subnetId: 's1', addresses: 2, demand: { instances: 100, peakConnectionsPerInstance: 1000 } }],
  externalNetworks: [{ id: 'e1', name: 'dc & <x>', kind: 'on-premises', cidrs: ['192.168.0.0/16'] }],
});

describe('subnetsToCsv', () => {
  it('round-trips names and CIDRs through an RFC 4180 reader, with formula cells defused', () => {
    const csv = subnetsToCsv(HOSTILE);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain(`'=cmd|`);
    expect(csv).toContain(`'@az`);
    const [header, ...rows] = readCsv(csv);
    expect(header).toEqual([...SUBNET_CSV_COLUMNS]);
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[col('subnet')])).toEqual(HOSTILE.subnets.map((s) => s.name));
    expect(rows.map((r) => r[col('ipv4_cidr')])).toEqual(HOSTILE.subnets.map((s) => s.ipv4Cidr));
    expect(rows[0]![col('ipv4_usable')]).toBe('251');
    expect(rows[0]![col('utilisation_percent')]).toBe('39.8');
    expect(rows[1]![col('ipv4_first')]).toBe('');
  });

  it('lists every subnet of the hub-and-spoke plan with its addresses', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const rows = readCsv(subnetsToCsv(plan));
    expect(rows).toHaveLength(plan.subnets.length + 1);
    const col = (name: string) => rows[0]!.indexOf(name);
    const data = rows.find((r) => r[col('subnet_id')] === 'sn-prod-data-a')!;
    expect(data.slice(col('ipv4_cidr'), col('ipv6_cidr') + 1)).toEqual([
      '10.1.48.0/22',
      '10.1.48.0',
      '10.1.51.255',
      '1024',
      '1019',
      '2600:1f18:1a2b:3c10::/64',
    ]);
    // The VPC's own blocks travel with each row, so an import need not guess them.
    expect([data[col('vpc_ipv4_cidrs')], data[col('vpc_ipv6_cidrs')]]).toEqual(['10.1.0.0/16', '2600:1f18:1a2b:3c00::/56']);
  });
});

describe('planToSvg', () => {
  it('is well-formed XML with every hostile string escaped', () => {
    const svg = planToSvg(HOSTILE);
    assertWellFormedXml(svg);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('draws every VPC, subnet, transit gateway, service network and edge of the hub-and-spoke plan', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const svg = planToSvg(plan);
    assertWellFormedXml(svg);
    expect(svg.match(/<g class="vpc"/g)).toHaveLength(plan.vpcs.length);
    expect(svg.match(/<g class="subnet /g)).toHaveLength(plan.subnets.length);
    expect(svg.match(/class="edge edge-attachment"/g)).toHaveLength(4);
    expect(svg.match(/class="edge edge-peering"/g)).toHaveLength(1);
    expect(svg.match(/class="edge edge-association"/g)).toHaveLength(2);
    expect(svg).toContain('class="legend"');
  });
});

describe('buildReviewReport', () => {
  it('escapes every plan string in the HTML and loads nothing from outside', () => {
    const { html, markdown } = buildReviewReport(HOSTILE, { generatedAt: '2026-01-02T03:04:05Z' });
    expect(html).not.toMatch(/<script|<b>nat/);
    expect(html).toContain('Tom &amp; Jerry &lt;script&gt;');

    expect(html).not.toMatch(/(src|href)="(?!data:)/);
    expect(html).not.toMatch(/@import|url\(/);
    assertWellFormedXml(html.replace(/<meta[^>]*>/g, ''));
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('2026-01-02T03:04:05Z');
  });

  it('has every section, the NAT demand against capacity and every finding', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const { html, markdown } = buildReviewReport(plan);
    const titles = [
      'Diagram',
      'Accounts',
      'VPCs and subnets',
      'IPv6 allocations',
      'Free space per VPC',
      'Route tables',
      'Transit gateway route tables',
      'Peerings',
      'Service networks (VPC Lattice)',
      'VPN and external networks',
      'NAT gateway capacity',
      'Reachability between VPCs',
      'Findings',
    ];
    for (const title of titles) {
      expect(html).toContain(`<h2>${title}</h2>`);
      expect(markdown).toContain(`## ${title}\n`);
    }
    // Sections flow: the only forced breaks are after the title page and between diagram pages.
    expect(html.match(/break-before: page|break-after: page/g)).toHaveLength(2);
    const diagram = html.slice(html.indexOf('<section class="diagram">'), html.indexOf('<h2>Accounts</h2>'));
    for (const vpc of plan.vpcs) expect(diagram).toContain(`<g class="vpc" data-id="${vpc.id}">`);
    // The Markdown links the diagram as a file beside it, never as a data: URI.
    expect(markdown).toContain('](diagram.svg)');
    expect(markdown).not.toContain('data:');
    // nat-egress-a: 360 x 280 x 90 % = 90,720 against 2 x 55,000 = 110,000.
    expect(markdown).toMatch(/nat-egress-a \| 2 \| 110,000 \| 90,720 \| 82\.5 %/);
    expect(markdown).toContain('2600:1f18:1a2b:3c10::/64');
    // Transit gateway associations and propagations, by name.
    const tgw = plan.transitGateways[0]!;
    const attachment = tgw.attachments.find((a) => a.associatedRouteTableId)!;
    const table = tgw.routeTables.find((t) => t.id === attachment.associatedRouteTableId)!;
    expect(markdown).toContain(`| ${md(tgw.name)} | ${md(attachment.name)} | ${attachment.type} |`);
    expect(markdown).toMatch(
      new RegExp(`\\| ${md(attachment.name).replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')} \\|.*\\| ${md(table.name).replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')} \\|`),
    );
  });

  it('keeps a ) or | in a name from breaking the Markdown link or table', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    plan.name = 'Prod) [x](http://evil) | y';
    plan.vpcs[0]!.name = 'a | b';
    const { markdown } = buildReviewReport(plan);
    expect(markdown).toContain('![Diagram of Prod) \\[x\\](http://evil) \\| y](diagram.svg)');
    const vpcRows = markdown.split('\n').filter((l) => l.startsWith('| a \\| b | (VPC)'));
    expect(vpcRows).toHaveLength(1);
    // Unescaped pipes: as many as the table has columns + 1.
    expect(vpcRows[0]!.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(9);
  });

  it('tiles a diagram with as many texts as a 10,000-VPC plan has, each page holding only its own (no argument list as long as the texts)', () => {
    const texts = Array.from(
      { length: 200_000 },
      (_, i) => `<text x="${(i % 400) * 10}" y="${Math.floor(i / 400) * 4}" font-size="${i === 123_456 ? 7.5 : 12}">t${i}</text>`,
    );
    const diagramSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="2000" viewBox="0 0 4000 2000">\n${texts.join('\n')}\n</svg>`;
    const html = diagramPagesHtml(diagramSvg, 'Diagram');
    // Tiled at the scale of the smallest text (7.5 px, not 12): more than one page, fewer than the cap.
    const pages = html.match(/<figure class="diagram-page"/g)!.length;
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThanOrEqual(DIAGRAM_MAX_PAGES);
    // The first text is on the first page only; a page holds the texts that show through it, not all 200,000.
    expect(html.match(/>t0<\/text>/g)!.length).toBe(1);
    expect(html.length).toBeLessThan(diagramSvg.length * 4);
  });

  it('shows a diagram too large to print legibly whole on one page, saying so', () => {
    const texts = Array.from({ length: 50_000 }, (_, i) => `<text x="${(i % 200) * 200}" y="${Math.floor(i / 200) * 200}" font-size="7.5">t${i}</text>`);
    const diagramSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="40000" height="50000" viewBox="0 0 40000 50000">\n${texts.join('\n')}\n</svg>`;
    const html = diagramPagesHtml(diagramSvg, 'Diagram');
    expect(html.match(/<figure class="diagram-page"/g)!.length).toBe(1);
    expect(html).toMatch(new RegExp(`The whole diagram, too large to print legibly here \\([\\d,]+ pages at ${DIAGRAM_MIN_TEXT_PT} pt text\\)`));
    expect(html.match(/>t49999<\/text>/g)!.length).toBe(1);
  });

  it('splits a matrix wider than a page into column groups that repeat the row names', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const many = structuredClone(plan);
    // Wider than a page (27 columns) but within FULL_MATRIX_LIMIT, so still the matrix VPC by VPC (above it the VPCs are grouped).
    for (let i = 0; i < FULL_MATRIX_LIMIT - plan.vpcs.length - 4; i++)
      many.vpcs.push({ ...plan.vpcs[0]!, id: `vpc-extra-${i}`, name: `extra-${i}`, ipv4Cidrs: [`10.${100 + i}.0.0/16`] });
    expect(many.vpcs.length).toBeGreaterThan(2 * 12);
    expect(many.vpcs.length).toBeLessThanOrEqual(FULL_MATRIX_LIMIT);
    const { html } = buildReviewReport(many);
    const matrix = html.slice(html.indexOf('<h2>Reachability between VPCs</h2>'), html.indexOf('<h2>Findings</h2>'));
    const tables = matrix.match(/<table>/g)?.length ?? 0;
    expect(tables).toBeGreaterThan(1);
    for (const t of matrix.split('<table>').slice(1)) {
      const headers = t.slice(0, t.indexOf('</thead>')).match(/<th[ >]/g)!.length;
      expect(headers).toBeLessThanOrEqual(13);
      expect(t).toContain('<th>From \\ to</th>');
    }
    // As many columns a group as fit the page with each name on one line: long names, fewer; the example's six, one table.
    const longNames = structuredClone(many);
    for (const [i, v] of longNames.vpcs.entries()) v.name = `a-rather-long-vpc-name-${i}`;
    const longMatrix = buildReviewReport(longNames).html;
    const groups = (html: string) =>
      html.slice(html.indexOf('<h2>Reachability between VPCs</h2>'), html.indexOf('<h2>Findings</h2>')).match(/<table>/g)?.length ?? 0;
    expect(groups(longMatrix)).toBeGreaterThan(tables);
    expect(groups(buildReviewReport(plan).html)).toBe(1);
  });
});

/** The Markdown escaping of a name, as the report writes it. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#&~]/g, (c) => `\\${c}`);
}

describe('diffPlans', () => {
  it('finds nothing between a plan and itself, whatever the layout', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const moved = structuredClone(plan);
    moved.layout.nodes['vpc-prod'] = { x: 5, y: 5 };
    const diff = diffPlans(plan, moved);
    expect(diff.identical).toBe(true);
    expect(formatPlanDiff(diff, 'text')).toMatch(/No differences/);
  });

  it('classifies CIDR changes and reports findings that appear and go away', () => {
    const before = example('hub-and-spoke.vpcplan.json');
    const after = structuredClone(before);
    after.subnets.find((s) => s.id === 'sn-egress-pub-a')!.ipv4Cidr = '10.0.0.0/23';
    after.subnets.find((s) => s.id === 'sn-dev-app-a')!.ipv4Cidr = '10.2.64.0/20';
    after.vpcs.find((v) => v.id === 'vpc-dev')!.ipv4Cidrs.push('100.64.0.0/16');
    after.subnets = after.subnets.filter((s) => s.id !== 'sn-legacy-b');
    after.vpcs.find((v) => v.id === 'vpc-analytics')!.ipv4Cidrs = ['10.9.0.0/16'];
    after.subnets
      .filter((s) => s.vpcId === 'vpc-analytics')
      .forEach((s, i) => {
        s.ipv4Cidr = `10.9.${i * 8}.0/21`;
      });
    after.externalNetworks.push({ id: 'ext-new', name: 'new dc', kind: 'on-premises', cidrs: ['192.0.2.0/24'] });
    const diff = diffPlans(before, after);
    expect(diff.identical).toBe(false);
    expect(diff.added).toEqual([{ kind: 'external-network', id: 'ext-new', name: 'new dc' }]);
    expect(diff.removed).toEqual([{ kind: 'subnet', id: 'sn-legacy-b', name: 'legacy-erp-b' }]);
    const cidrs = (id: string) => diff.changed.find((c) => c.id === id)!.cidrs;
    expect(cidrs('sn-egress-pub-a')).toEqual([{ field: 'ipv4Cidr', kind: 'resized', before: '10.0.0.0/24', after: '10.0.0.0/23' }]);
    expect(cidrs('sn-dev-app-a')).toEqual([{ field: 'ipv4Cidr', kind: 'moved', before: '10.2.0.0/20', after: '10.2.64.0/20' }]);
    expect(cidrs('vpc-dev')).toEqual([{ field: 'ipv4Cidrs', kind: 'added', after: '100.64.0.0/16' }]);
    expect(cidrs('vpc-analytics')).toEqual([{ field: 'ipv4Cidrs', kind: 'moved', before: '10.1.0.0/16', after: '10.9.0.0/16' }]);
    expect(diff.findings.appeared.some((f) => f.code === 'subnet/overlap' && f.subjects.includes('sn-egress-pub-a'))).toBe(true);
    for (const f of diff.findings.resolved)
      expect(diff.findings.appeared.some((a) => a.code === f.code && a.subjects.join() === f.subjects.join())).toBe(false);
    const text = formatPlanDiff(diff, 'markdown');
    expect(text).toContain('IPv4 block: resized 10.0.0.0/24 -\\> 10.0.0.0/23');
    expect(text).toContain('## Removed');
  });
});
