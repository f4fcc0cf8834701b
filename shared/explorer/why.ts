/**
 * Which two blocks a finding's "Why?" compares. A finding lists the distinct blocks it is
 * about (`cidrs`), so two networks with the same block list it once: an overlap finding
 * with one block is that block against itself, the most common overlap of all.
 */
import type { Finding } from '../checks/types';

export interface WhyBlocks {
  cidr: string;
  /** The block to compare it with; none when the finding is about one block alone. */
  compare?: string;
}

/** Codes whose subject is blocks that overlap (`overlap/*`, `subnet/overlap`, `vpc/blocks-overlap`, ...): their names say so, and codes are never renamed. */
function isAboutOverlap(code: string): boolean {
  return code.startsWith('overlap/') || /(^|[/-])overlap($|-)/.test(code);
}

export function whyBlocks(finding: Pick<Finding, 'code' | 'cidrs'>): WhyBlocks | undefined {
  const [first, second] = finding.cidrs ?? [];
  if (first === undefined) return undefined;
  if (second !== undefined) return { cidr: first, compare: second };
  return isAboutOverlap(finding.code) ? { cidr: first, compare: first } : { cidr: first };
}
