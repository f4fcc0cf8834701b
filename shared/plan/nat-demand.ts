/**
 * NAT demand as the user writes it: the destinations' shares are percentages of the same
 * connections, so together they cannot be more than 100 %. (The schema bounds each share;
 * this bounds their sum, which a per-field schema cannot.)
 */
import type { NatDemand } from './schema';

export interface NatDemandProblem {
  field: string;
  message: string;
}

export function natDemandProblems(demand: NatDemand): NatDemandProblem[] {
  const problems: NatDemandProblem[] = [];
  let total = 0;
  demand.destinations.forEach((d, i) => {
    if (!Number.isFinite(d.share) || d.share < 0 || d.share > 100)
      problems.push({ field: `destinations[${i}].share`, message: `A share is 0 to 100 %; ${d.share} is outside that.` });
    else total += d.share;
  });
  if (total > 100) {
    problems.push({
      field: 'destinations',
      message: `The shares add up to ${formatPercent(total)} %; they are parts of the same connections, so at most 100 %.`,
    });
  }
  return problems;
}

/** The share still free for another destination. */
export function unassignedShare(demand: NatDemand): number {
  const total = demand.destinations.reduce((sum, d) => sum + (Number.isFinite(d.share) ? d.share : 0), 0);
  return Math.max(0, Math.round((100 - total) * 100) / 100);
}

function formatPercent(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
