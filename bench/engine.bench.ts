/**
 * `npm run bench`: the engine's speed, printed as figures (never asserted by a timed
 * test). Plans of 100, 1,000 and 5,000 VPCs (10 subnets each, with peering, transit
 * gateways and a service network) are checked in full and re-checked after one subnet
 * edit; then the address maths is raced against cidr-tools on the same data
 * (bench/cidr.bench.ts).
 *
 * Targets on the 2-core machine the project is built on: full check of 1,000 VPCs /
 * 10,000 subnets under 100 ms; incremental re-check under 5 ms.
 */
import { checkPlan, createChecker } from '../shared/checks';
import { runCidrBench } from './cidr.bench';
import { editSubnet, generatePlan } from '../shared/plan/generate-plan';
import { median, timeOnce } from './timing';

function benchPlan(vpcs: number): { vpcs: number; subnets: number; findings: number; full: number; incremental: number } {
  const plan = generatePlan({ vpcs, subnetsPerVpc: 10, seed: 42 });
  const fullRuns = vpcs >= 5000 ? 5 : 11;
  checkPlan(structuredClone(plan)); // warm-up: the JIT only; every fresh copy below has all its CIDR text read, as a plan just opened does
  const full: number[] = [];
  let findings = 0;
  for (let i = 0; i < fullRuns; i += 1) {
    // A fresh copy each time: the plan index and the rules keep what they read by object
    // identity, and a full check (a plan just opened) must not be answered from that.
    const fresh = structuredClone(plan);
    full.push(timeOnce(() => { findings = checkPlan(fresh).length; }));
  }

  const checker = createChecker();
  let current = plan;
  checker.check(current);
  const incremental: number[] = [];
  for (let round = 0; round < 60; round += 1) {
    current = editSubnet(current, (round * 7919) % current.subnets.length, round);
    const next = current;
    incremental.push(timeOnce(() => checker.check(next)));
  }
  return { vpcs, subnets: plan.subnets.length, findings, full: median(full), incremental: median(incremental.slice(10)) };
}

function verdict(value: number, target: number): string {
  return value <= target ? `ok (target < ${target} ms)` : `SLOWER than the ${target} ms target`;
}

console.log('VPC Planner engine benchmark');
console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
console.log('Plan checks (median ms):');
console.log('  VPCs    subnets  findings  full check  incremental re-check after one subnet edit');
for (const size of [100, 1000, 5000]) {
  const r = benchPlan(size);
  const fullNote = size === 1000 ? `  ${verdict(r.full, 100)}` : '';
  const incNote = size === 1000 ? `  ${verdict(r.incremental, 5)}` : '';
  console.log(`  ${String(r.vpcs).padStart(5)}  ${String(r.subnets).padStart(8)}  ${String(r.findings).padStart(8)}  ${r.full.toFixed(1).padStart(10)}  ${r.incremental.toFixed(2).padStart(10)}${fullNote}${incNote}`);
}
console.log('');
await runCidrBench();
