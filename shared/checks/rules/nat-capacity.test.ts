import { describe, expect, it } from 'vitest';
import type { NatDemand } from '../../plan/schema';
import { planWith } from '../fixture';
import { natCapacity, natCapacityRule } from './nat-capacity';
import { codes, run } from './rule-test-support';

const nat = (addresses: number, demand?: Partial<NatDemand> & Pick<NatDemand, 'instances' | 'peakConnectionsPerInstance'>) => ({
  id: 'n',
  name: 'nat-a',
  subnetId: 's',
  addresses,
  ...(demand ? { demand } : {}),
});

describe('nat-capacity', () => {
  it('computes capacity against the busiest destination', () => {
    const plan = planWith({
      natGateways: [
        nat(2, {
          instances: 100,
          peakConnectionsPerInstance: 1000,
          destinations: [
            { name: 'S3', share: 30 },
            { name: 'api', share: 70 },
          ],
        }),
      ],
    });
    const c = natCapacity(plan.natGateways[0]!)!;
    expect(c).toMatchObject({ perDestination: 110_000, busiestDemand: 70_000, busiestDestination: 'api', assumedWorstCase: false });
    expect(c.utilisation).toBeCloseTo(70_000 / 110_000);
    expect(codes(natCapacityRule, plan)).toEqual([]);
  });

  it('warns above 80 % and names the addresses that would suffice', () => {
    // 90,000 to one destination on 2 addresses = 82 %; 3 addresses keep it at 55 %.
    const plan = planWith({ natGateways: [nat(2, { instances: 90, peakConnectionsPerInstance: 1000 })] });
    const [f] = run(natCapacityRule, plan);
    expect(f).toMatchObject({ code: 'nat/capacity-near-limit', severity: 'warning', subjects: ['n', 's'] });
    expect(f!.message).toContain('assumed to go to one destination, the worst case');
    expect(f!.message).toContain('82 %');
    expect(f!.fix).toContain('Give it 3 addresses (2 secondary)');
  });

  it('errors above 100 % and asks for more gateways beyond 8 addresses', () => {
    const plan = planWith({ natGateways: [nat(8, { instances: 1000, peakConnectionsPerInstance: 1000 })] });
    const [f] = run(natCapacityRule, plan);
    expect(f).toMatchObject({ code: 'nat/capacity-exceeded', severity: 'error' });
    // 1,000,000 / (55,000 x 0.8) = 23 addresses = 3 gateways of 8.
    expect(f!.fix).toContain('3 NAT gateways of 8 addresses');
    expect(f!.fix).toContain('egress-only internet gateway');
  });

  it('says nothing without demand', () => {
    expect(natCapacity(planWith({ natGateways: [nat(1)] }).natGateways[0]!)).toBeUndefined();
    expect(codes(natCapacityRule, planWith({ natGateways: [nat(1)] }))).toEqual([]);
  });
});
