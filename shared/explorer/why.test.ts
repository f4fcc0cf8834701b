import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checks';
import { planWith, vpc } from '../checks/fixture';
import { whyBlocks } from './index';

describe('whyBlocks', () => {
  it('compares a block with itself when an overlap finding lists one block (two networks with the same block)', () => {
    const plan = planWith({ vpcs: [vpc('a', ['10.1.0.0/16']), vpc('b', ['10.1.0.0/16'])] });
    const finding = checkPlan(plan).find((f) => f.code.startsWith('overlap/'))!;
    expect(finding.cidrs).toEqual(['10.1.0.0/16']);
    expect(whyBlocks(finding)).toEqual({ cidr: '10.1.0.0/16', compare: '10.1.0.0/16' });
  });

  it('compares the first two blocks, and a finding about one block alone compares nothing', () => {
    expect(whyBlocks({ code: 'subnet/overlap', cidrs: ['10.0.0.0/24', '10.0.0.0/25'] })).toEqual({ cidr: '10.0.0.0/24', compare: '10.0.0.0/25' });
    expect(whyBlocks({ code: 'vpc/blocks-overlap', cidrs: ['10.0.0.0/24'] })).toEqual({ cidr: '10.0.0.0/24', compare: '10.0.0.0/24' });
    expect(whyBlocks({ code: 'sizing/vpc-oversized', cidrs: ['10.0.0.0/16'] })).toEqual({ cidr: '10.0.0.0/16' });
    expect(whyBlocks({ code: 'vpc/block-size', cidrs: ['10.0.0.0/29'] })).toEqual({ cidr: '10.0.0.0/29' });
    expect(whyBlocks({ code: 'overlap/peered-vpcs' })).toBeUndefined();
  });
});
