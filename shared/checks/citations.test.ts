/**
 * The rules' sources live in the repository: every finding about the network cites a section
 * of docs/network-rules.md, and every section cited anywhere (finding sources, code comments,
 * docs) exists there, so a link in docs/findings.md or a comment never leads nowhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findingCatalogue } from './index';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rulesDoc = readFileSync(join(root, 'docs/network-rules.md'), 'utf8');
const CITATION = /docs\/network-rules\.md#([a-z0-9-]+)/g;

/** The anchor GitHub gives a heading: lower case, punctuation other than - and _ dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const anchor = headingAnchor(heading!);
    // GitHub numbers repeated headings; the checks cite unique ones only.
    expect(anchors.has(anchor), `heading "${heading}" is repeated in docs/network-rules.md`).toBe(false);
    anchors.add(anchor);
  }
  return anchors;
}

const anchors = anchorsOf(rulesDoc);

/** Text files of the repository that may cite the rules, outside installed and generated folders. */
function sourceFiles(folder: string): string[] {
  const skip = new Set(['node_modules', 'dist', 'test-results', 'playwright-report', '.git', '.vite']);
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return skip.has(entry.name) ? [] : sourceFiles(join(folder, entry.name));
    return /\.(ts|tsx|mjs|cjs|md)$/.test(entry.name) ? [join(folder, entry.name)] : [];
  });
}

describe('docs/network-rules.md, the sources the checks cite', () => {
  it('makes anchors the way GitHub does', () => {
    expect(headingAnchor('AWS VPC IPv4 blocks')).toBe('aws-vpc-ipv4-blocks');
    expect(headingAnchor('AWS VPC Lattice (service networks)')).toBe('aws-vpc-lattice-service-networks');
    expect(headingAnchor('AWS VPC, IPv4')).toBe('aws-vpc-ipv4');
  });

  it('has a section for each provider area, each with links to the documentation', () => {
    for (const section of [
      'aws-vpc-ipv4-blocks',
      'restricted-associations',
      'aws-subnets',
      'aws-nat-gateway',
      'aws-vpc-peering',
      'aws-transit-gateway',
      'aws-vpc-lattice-service-networks',
    ]) {
      expect(anchors, section).toContain(section);
    }
    const sections = rulesDoc.split(/^## /m).slice(1);
    expect(sections.length).toBeGreaterThan(5);
    for (const section of sections) expect(section, section.split('\n')[0]).toMatch(/^Sources:\n- [\s\S]*?https:\/\/\S+/m);
  });

  it('is cited by every finding about the network, and every section cited exists', () => {
    for (const entry of findingCatalogue()) {
      const cited = [...entry.source.matchAll(CITATION)].map((m) => m[1]!);
      const area = entry.code.split('/')[0];
      if (area === 'engine' || area === 'plan') {
        // About the checker itself (a rule that threw) or the plan file (a dangling id), not a network rule.
        expect(cited, entry.code).toEqual([]);
        continue;
      }
      expect(cited.length, `${entry.code} cites no section of docs/network-rules.md: ${entry.source}`).toBeGreaterThan(0);
      for (const anchor of cited) expect(anchors, `${entry.code} cites docs/network-rules.md#${anchor}`).toContain(anchor);
    }
  });

  it('has every section that code comments and docs cite', () => {
    const missing: string[] = [];
    let citations = 0;
    for (const file of sourceFiles(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(CITATION)) {
        citations++;
        if (!anchors.has(match[1]!)) missing.push(`${relative(root, file)}: #${match[1]}`);
      }
    }
    expect(citations).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
