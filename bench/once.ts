/**
 * One piece of engine work on plan files, in a process of its own, so that its time is cold
 * (no parse cache, no memo) and its memory is its own: prints a JSON line with the
 * milliseconds, a size, and the peak resident memory of the process. Plan files are what
 * generatePlan made (already valid), read with JSON.parse.
 *
 *   node --import tsx bench/once.ts check plan.json [--warm other.json]
 *   node --import tsx bench/once.ts report-html|report-markdown plan.json
 *   node --import tsx bench/once.ts diff before.json after.json
 * With --warm, that other plan (different CIDR texts) is checked first: the JIT is warm as
 * in a running app, but nothing about the plan timed is cached.
 */
import { readFileSync } from 'node:fs';
import { checkPlan } from '../shared/checks';
import { buildReviewReport, diffPlans } from '../shared/export';
import type { Plan } from '../shared/plan/schema';

const args = process.argv.slice(2);
const warmAt = args.indexOf('--warm');
const warm = warmAt >= 0 ? args.splice(warmAt, 2)[1] : undefined;
const [what, first, second] = args;
const read = (file: string | undefined): Plan => {
  if (!file) throw new Error('usage: once.ts check|report-html|report-markdown|diff plan.json [other.json] [--warm other.json]');
  return JSON.parse(readFileSync(file, 'utf8')) as Plan;
};
if (warm) checkPlan(read(warm));
const plan = read(first);
const other = what === 'diff' ? read(second) : undefined;
const cpuStart = process.cpuUsage();
const started = performance.now();
let size: Record<string, number>;
switch (what) {
  case 'check': {
    const findings = checkPlan(plan);
    size = { findings: findings.length, largestFinding: Math.max(0, ...findings.map((f) => f.subjects.length)) };
    break;
  }
  case 'report-html':
    size = { megabytes: buildReviewReport(plan).html.length / 1e6 };
    break;
  case 'report-markdown':
    size = { megabytes: buildReviewReport(plan).markdown.length / 1e6 };
    break;
  case 'diff': {
    const diff = diffPlans(plan, other!);
    size = { changed: diff.changed.length, findingsChanged: diff.findings.appeared.length + diff.findings.resolved.length };
    break;
  }
  default:
    throw new Error(`once.ts: unknown work "${what}"`);
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, ...size, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
