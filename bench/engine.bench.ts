/**
 * `npm run bench`: the engine's speed and memory, printed as figures (never asserted by a
 * timed test), medians and p95 where asked.
 *
 *  1. Full check, cold: every sample is a plan just made, whose CIDR texts were never parsed
 *     (generatePlan's addressOffset), so no parse cache or memo helps; the JIT is warmed on
 *     other plans first, as in a running app.
 *  2. Real shapes, one process each (bench/once.ts): 10,000 VPCs all on 172.31.0.0/16 (every
 *     account's default VPC), on transit gateways filled to their quota; time and peak memory;
 *     and `vpcplan check` on the same file end to end.
 *  3. Re-check after each kind of edit at 1,000 VPCs / 10,000 subnets, made with the editor's
 *     own edit functions and checked as the worker does it (plan sent by identity tokens,
 *     incremental checker): rename a VPC, change a VPC block, add and remove a peering,
 *     attach a VPC to a TGW, delete a subnet, move a node, change hosts, change a CIDR.
 *  4. The review report and diff of 10,000-VPC plans, one process each.
 *  5. `vpcplan cidr overlaps --count` of 100,000 identical blocks, through the built bin.
 *  6. The CIDR core against cidr-tools in the same run, with the parse-and-sort floor
 *     (bench/cidr.bench.ts).
 *  7. The web build in Chromium: first contentful paint of a cold start, and a CIDR commit to
 *     repaint on a 2,000-subnet plan (bench/startup.bench.ts, bench/canvas.bench.ts).
 *
 * Targets (the 2-core machine the project is built on): 10,000 VPCs on 172.31.0.0/16 checked
 * under 1 s and 1 GB; 1,000 VPCs / 10,000 subnets cold under 100 ms; every edit kind under
 * 5 ms p95 at 1,000 VPCs; report of 10,000 VPCs under 10 s; cidr overlaps of 100,000 identical
 * blocks with --count under 1 s; free space with strings faster than cidr-tools; first
 * contentful paint under 300 ms; CIDR commit to repaint under 50 ms at 2,000 subnets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPlan } from '../shared/checks';
import type { Plan } from '../shared/plan/schema';
import { createCheckerHost } from '../renderer/checks/checker-host';
import { PlanSender } from '../renderer/checks/plan-transfer';
import { runCanvasBench } from './canvas.bench';
import { runCidrBench } from './cidr.bench';
import { printStartup, runStartupBench } from './startup.bench';
import { applyEdit, EDIT_KINDS, newEditState } from '../shared/edit-mix/edit-mix';
import { generatePlan, type GeneratePlanOptions } from '../shared/plan/generate-plan';
import { median, percentile, timeOnce, timeWallAndCpu } from './timing';

const work = mkdtempSync(join(tmpdir(), 'vpcplan-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

function verdict(ok: boolean, target: string): string {
  return ok ? `ok (target ${target})` : `MISSED (target ${target})`;
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

// ---------------------------------------------------------------- 1. cold full check

function coldFullCheck(vpcs: number, samples: number): { subnets: number; findings: number; times: number[]; cpu: number[] } {
  // Warm the JIT on plans whose blocks no sample uses (from the 20,000th /16 on).
  for (let k = 0; k < 3; k++) checkPlan(generatePlan({ vpcs: 1000, subnetsPerVpc: 10, seed: 7 + k, addressOffset: 20_000 + k * 1000 }));
  const times: number[] = [];
  const cpu: number[] = [];
  let findings = 0;
  let subnets = 0;
  for (let k = 0; k < samples; k++) {
    const plan = generatePlan({ vpcs, subnetsPerVpc: 10, seed: 42, addressOffset: k * vpcs });
    subnets = plan.subnets.length;
    const t = timeWallAndCpu(() => {
      findings = checkPlan(plan).length;
    });
    times.push(t.wall);
    cpu.push(t.cpu);
  }
  return { subnets, findings, times, cpu };
}

// ---------------------------------------------------------------- 2, 4. one process per piece of work

interface Once {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  [key: string]: number;
}

function once(args: string[]): Once {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/once.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!) as Once;
}

function writePlan(name: string, options: GeneratePlanOptions): string {
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(generatePlan(options)));
  return path;
}

/** The built CLI on a plan file, end to end: wall time, and CPU time and peak memory (GNU time) when it is there. */
function cliRun(args: string[], input?: string): { ms: number; cpuMs: number | undefined; peakRssMb: number | undefined; status: number | null } {
  const bin = 'dist/cli/vpcplan.js';
  const started = performance.now();
  const timed = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, bin, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  const elapsed = performance.now() - started;
  if (timed.error) {
    const again = performance.now();
    const plain = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
    return { ms: performance.now() - again, cpuMs: undefined, peakRssMb: undefined, status: plain.status };
  }
  const [kb, user, system] = (timed.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return {
    ms: elapsed,
    cpuMs: ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000,
    peakRssMb: kb !== undefined && Number.isFinite(kb) ? kb / 1024 : undefined,
    status: timed.status,
  };
}

// ---------------------------------------------------------------- 3. the edit mix

function editMix(vpcs: number, rounds: number): Map<string, { check: number[]; cpu: number[]; send: number[] }> {
  const plan = generatePlan({ vpcs, subnetsPerVpc: 10, seed: 42, addressOffset: 10_000 });
  // As the worker runs it: the plan crosses by identity tokens, then the incremental checker.
  const sender = new PlanSender();
  const host = createCheckerHost();
  let seq = 0;
  const checkInWorker = (next: Plan) => host({ seq: ++seq, update: sender.update(next) });
  let current = plan;
  checkInWorker(current);
  const state = newEditState();
  const results = new Map<string, { check: number[]; cpu: number[]; send: number[] }>();
  for (const kind of EDIT_KINDS) results.set(kind, { check: [], cpu: [], send: [] });
  // Kinds interleaved, as a person edits; the first two rounds warm each path.
  for (let round = 0; round < rounds + 2; round++) {
    for (const kind of EDIT_KINDS) {
      current = applyEdit(current, kind, round, state);
      const next = current;
      // The editor thread's share: the update and its structured clone (what postMessage copies).
      let update: ReturnType<PlanSender['update']>;
      const send = timeOnce(() => {
        update = sender.update(next);
        structuredClone(update);
      });
      const check = timeWallAndCpu(() => host({ seq: ++seq, update }));
      if (round >= 2) {
        results.get(kind)!.check.push(check.wall);
        results.get(kind)!.cpu.push(check.cpu);
        results.get(kind)!.send.push(send);
      }
    }
  }
  return results;
}

// ---------------------------------------------------------------- the run

const benchStarted = performance.now();
const [loadAtStart = 0] = loadavg();
console.log('VPC Planner engine benchmark');
console.log(`node ${process.version}, ${new Date().toISOString()}, ${availableParallelism()} cores, load average ${loadAtStart.toFixed(2)} at start\n`);

console.log('1. Full check, cold (plans just made, CIDR texts never parsed before; JIT warmed on other plans), ms');
console.log('   VPCs   subnets  findings   wall median      p95    cpu median      p95');
for (const [vpcs, samples] of [
  [100, 15],
  [1000, 11],
  [5000, 5],
] as const) {
  const r = coldFullCheck(vpcs, samples);
  const note = vpcs === 1000 ? `   ${verdict(median(r.times) < 100, '< 100 ms')} wall, ${verdict(median(r.cpu) < 100, '< 100 ms')} cpu` : '';
  console.log(
    `  ${String(vpcs).padStart(5)}  ${String(r.subnets).padStart(8)}  ${String(r.findings).padStart(8)}  ${ms(median(r.times)).padStart(12)}  ${ms(percentile(r.times, 95)).padStart(7)}  ${ms(median(r.cpu)).padStart(12)}  ${ms(percentile(r.cpu, 95)).padStart(7)}${note}`,
  );
}

console.log('\n2. Real shapes: every VPC on 172.31.0.0/16 (a process each: cold caches, JIT warmed on another plan)');
execFileSync(process.execPath, ['scripts/build-cli.mjs']);
const warmPlan = writePlan('warm', { vpcs: 1000, subnetsPerVpc: 10, seed: 3, addressOffset: 20_000 });
const shapes: Array<[string, GeneratePlanOptions, boolean]> = [
  ['1,000 VPCs on 172.31.0.0/16', { vpcs: 1000, subnetsPerVpc: 10, seed: 42, sameBlock: '172.31.0.0/16' }, false],
  ['10,000 VPCs on 172.31.0.0/16, three TGWs', { vpcs: 10_000, subnetsPerVpc: 10, seed: 42, sameBlock: '172.31.0.0/16' }, true],
  [
    '10,000 VPCs on 172.31.0.0/16, TGWs full (4,999 each)',
    { vpcs: 10_000, subnetsPerVpc: 10, seed: 42, sameBlock: '172.31.0.0/16', transitGateways: 'one' },
    true,
  ],
];
console.log('   plan                                           check wall ms (cpu)  findings  largest  peak RSS MB   vpcplan check (wall s, cpu s, peak MB)');
const shapeFiles: string[] = [];
for (const [label, options, target] of shapes) {
  const file = writePlan(label.replace(/\W+/g, '-'), options);
  shapeFiles.push(file);
  const r = once(['check', file, '--warm', warmPlan]);
  const cli = cliRun(['check', file]);
  const note = target ? `   ${verdict(r.cpuMs < 1000 && r.peakRssMb < 1024, 'check < 1 s (cpu), < 1 GB')}` : '';
  console.log(
    `   ${label.padEnd(52)} ${`${ms(r.ms)} (${ms(r.cpuMs)})`.padStart(14)}  ${String(r.findings).padStart(8)}  ${String(r.largestFinding).padStart(7)}  ${r.peakRssMb.toFixed(0).padStart(11)}   ${(cli.ms / 1000).toFixed(1)} s, ${cli.cpuMs === undefined ? '?' : (cli.cpuMs / 1000).toFixed(1)} s, ${cli.peakRssMb?.toFixed(0) ?? '?'} MB (exit ${cli.status})${note}`,
  );
}
console.log('   (largest = the most VPCs one finding names: one finding per group, not one per pair;');
console.log('    vpcplan check includes reading and validating the 40 MB file and printing every finding)');

console.log('\n3. Re-check after one edit, 1,000 VPCs / 10,000 subnets, as the worker does it (ms)');
console.log('   edit                        wall median    p95    cpu median    p95   editor-thread send median    p95');
const mix = editMix(1000, 40);
let worstP95 = 0;
let worstCpuP95 = 0;
for (const [kind, r] of mix) {
  const p95 = percentile(r.check, 95);
  const cpuP95 = percentile(r.cpu, 95);
  worstP95 = Math.max(worstP95, p95);
  worstCpuP95 = Math.max(worstCpuP95, cpuP95);
  console.log(
    `   ${kind.padEnd(26)} ${ms(median(r.check)).padStart(12)} ${ms(p95).padStart(6)}  ${ms(median(r.cpu)).padStart(12)} ${ms(cpuP95).padStart(6)}   ${ms(median(r.send)).padStart(24)} ${ms(percentile(r.send, 95)).padStart(6)}`,
  );
}
console.log(`   worst p95: ${ms(worstP95)} ms wall, ${ms(worstCpuP95)} ms cpu   ${verdict(worstP95 < 5, 'every kind < 5 ms p95')}`);

console.log('\n4. Report and diff at 10,000 VPCs / 100,000 subnets (a process each)');
const spread = writePlan('10k-spread', { vpcs: 10_000, subnetsPerVpc: 10, seed: 42 });
for (const format of ['report-html', 'report-markdown'] as const) {
  const r = once([format, spread]);
  console.log(
    `   ${format.padEnd(18)} ${(r.ms / 1000).toFixed(1).padStart(6)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s cpu  ${r.megabytes!.toFixed(0).padStart(4)} MB of text  peak ${r.peakRssMb.toFixed(0)} MB   ${verdict(r.ms < 10_000, '< 10 s')}`,
  );
}
const diff = once(['diff', shapeFiles[1]!, shapeFiles[2]!]);
console.log(
  `   diff (three TGWs -> full TGWs)  ${(diff.ms / 1000).toFixed(1)} s wall, ${(diff.cpuMs / 1000).toFixed(1)} s cpu, ${diff.changed} objects changed, ${diff.findingsChanged} findings new or gone, peak ${diff.peakRssMb.toFixed(0)} MB`,
);

console.log('\n5. vpcplan cidr overlaps - --count, 100,000 identical blocks, through the built bin (wall ms)');
const identical = `${new Array(100_000).fill('10.0.0.0/8').join('\n')}\n`;
const overlapRuns = Array.from({ length: 5 }, () => cliRun(['cidr', 'overlaps', '-', '--count'], identical));
const overlapMs = overlapRuns.map((r) => r.ms);
const overlapCpu = overlapRuns.map((r) => r.cpuMs ?? Number.NaN);
console.log(
  `   wall median ${ms(median(overlapMs))}, p95 ${ms(percentile(overlapMs, 95))}; cpu median ${ms(median(overlapCpu))}; peak ${overlapRuns[0]!.peakRssMb?.toFixed(0) ?? '?'} MB   ${verdict(median(overlapMs) < 1000, '< 1 s')}`,
);

console.log('\n6. The CIDR core against cidr-tools, same data, same run');
runCidrBench();

console.log('\n7. The web build in Chromium: cold start, and a CIDR commit to repaint at 2,000 subnets');
if (spawnSync('which', ['chromium']).status !== 0 && !process.env.CHROMIUM_PATH) {
  console.log('   skipped: no Chromium here (apt-get install chromium, or set CHROMIUM_PATH); npm run bench:startup and bench:canvas run these alone');
} else {
  printStartup(await runStartupBench(true));
  console.log('');
  await runCanvasBench(false);
}

const [loadAtEnd = 0] = loadavg();
console.log(
  `\nLoad average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end, on ${availableParallelism()} cores: other work on the machine inflates every figure. Whole bench: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`,
);
