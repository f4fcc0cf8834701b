import { describe, expect, it } from 'vitest';
import { natDemandProblems, unassignedShare } from './nat-demand';

const demand = (...shares: number[]) => ({
  instances: 10,
  peakConnectionsPerInstance: 100,
  destinations: shares.map((share, i) => ({ name: `d${i}`, share })),
});

describe('natDemandProblems', () => {
  it('accepts shares up to 100 % in total', () => {
    expect(natDemandProblems(demand())).toEqual([]);
    expect(natDemandProblems(demand(60, 40))).toEqual([]);
    expect(natDemandProblems(demand(33.3, 33.3, 33.3))).toEqual([]);
  });

  it('rejects shares that add up to more than 100 %', () => {
    const problems = natDemandProblems(demand(70, 40));
    expect(problems).toEqual([{ field: 'destinations', message: expect.stringMatching(/add up to 110 %/) }]);
  });

  it('rejects a share outside 0..100', () => {
    expect(natDemandProblems(demand(-1)).map((p) => p.field)).toEqual(['destinations[0].share']);
    expect(natDemandProblems(demand(101)).map((p) => p.field)).toContain('destinations[0].share');
  });

  it('says what is left to assign', () => {
    expect(unassignedShare(demand(60, 15.5))).toBe(24.5);
    expect(unassignedShare(demand(80, 30))).toBe(0);
  });
});
