/**
 * `npx tsx bench/routing.bench.ts`: the routing rules and the reachability matrix, timed
 * (figures only, never asserted). Per rule: a full check and the re-check after one subnet
 * edit; then the VPC-to-VPC matrix at 100 and 1,000 VPCs.
 */
import { checkPlan, createChecker } from '../shared/checks';
import { reachabilityMatrix } from '../shared/routing/reach-matrix';
import { routingRules } from '../shared/checks/rules/routing';
import { editSubnet, generatePlan } from '../shared/plan/generate-plan';
import { median, timeOnce } from './timing';

const plan = generatePlan({ vpcs: 1000, subnetsPerVpc: 10, seed: 42 });
checkPlan(plan);
console.log('Routing rules, 1,000 VPCs / 10,000 subnets (median ms)');
console.log('  rule                       full (fresh objects)  full (same plan)  after one subnet edit');
for (const rule of routingRules) {
  // Fresh objects: nothing the rule remembers by identity applies, as for a plan just opened.
  const fresh = Array.from({ length: 7 }, () => structuredClone(plan));
  const cold = fresh.map((p) => timeOnce(() => checkPlan(p, [rule])));
  const warm = Array.from({ length: 9 }, () => timeOnce(() => checkPlan(plan, [rule])));
  const checker = createChecker([rule]);
  let current = plan;
  checker.check(current);
  const incremental: number[] = [];
  for (let round = 0; round < 60; round++) {
    current = editSubnet(current, (round * 7919) % current.subnets.length, round);
    const next = current;
    incremental.push(timeOnce(() => checker.check(next)));
  }
  console.log(
    `  ${rule.name.padEnd(26)} ${median(cold).toFixed(1).padStart(20)}  ${median(warm).toFixed(1).padStart(16)}  ${median(incremental.slice(10)).toFixed(2).padStart(21)}`,
  );
}
console.log('\nReachability matrix (ms)');
for (const vpcs of [100, 1000]) {
  const matrixPlan = generatePlan({ vpcs, subnetsPerVpc: 10, seed: 42 });
  console.log(
    `  ${String(vpcs).padStart(5)} VPCs  ${timeOnce(() => reachabilityMatrix(matrixPlan))
      .toFixed(0)
      .padStart(6)}`,
  );
}
