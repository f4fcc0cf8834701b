import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWith, subnet, vpc } from '../checks/fixture';
import { checkPlan } from '../checks';
import { cidr, divide, formatCidr, overlaps } from '../cidr';
import { addSubnet } from '../plan/edits';
import { blockUsage, pieceAvailability, readPlanBlocks } from './index';

/** A /18 VPC holding three /24s, as in the issue: the explorer must not offer the whole /18. */
const plan = planWith({
  vpcs: [vpc('vpc-a', ['10.0.0.0/18'], { ipv6Cidrs: ['2001:db8:0:100::/56'] }), vpc('vpc-b', ['10.1.0.0/16'])],
  subnets: [
    subnet('app-a', 'vpc-a', '10.0.0.0/24', { ipv6Cidr: '2001:db8:0:101::/64' }),
    subnet('app-b', 'vpc-a', '10.0.1.0/24'),
    subnet('db-a', 'vpc-a', '10.0.8.0/24'),
    subnet('other', 'vpc-b', '10.1.0.0/20'),
    subnet('typo', 'vpc-a', '10.0.99.0/33'),
  ],
});
const blocks = readPlanBlocks(plan);

describe('blockUsage', () => {
  it('shades the runs subnets use, merging neighbours', () => {
    const usage = blockUsage(cidr('10.0.0.0/18'), blocks);
    expect(usage.spans.map((s) => [s.start, s.end, s.subnets.map((x) => x.name)])).toEqual([
      [0, 2 / 64, ['app-a', 'app-b']],
      [8 / 64, 9 / 64, ['db-a']],
    ]);
    expect(usage.usedAddresses).toBe('768');
    expect(usage.usedFraction).toBeCloseTo(3 / 64, 6);
    expect(usage.coveredBy).toEqual([]);
  });

  it('a block inside a subnet is wholly used by it; IPv6 counts past a number', () => {
    expect(blockUsage(cidr('10.0.1.128/25'), blocks)).toMatchObject({ usedFraction: 1, coveredBy: [{ id: 'app-b' }], spans: [{ start: 0, end: 1 }] });
    const v6 = blockUsage(cidr('2001:db8:0:100::/56'), blocks);
    expect(v6.spans).toEqual([{ start: 1 / 256, end: 2 / 256, subnets: [{ id: 'app-a', name: 'app-a', cidr: '2001:db8:0:101::/64' }] }]);
    expect(v6.usedAddresses).toBe((2n ** 64n).toString());
  });
});

describe('pieceAvailability', () => {
  it('gives the one-line reason a piece cannot be a subnet', () => {
    expect(pieceAvailability(cidr('10.0.0.0/18'), blocks)).toMatchObject({
      status: 'holds-subnets',
      vpcId: 'vpc-a',
      reason: '10.0.0.0/18 already holds 3 subnets: app-a 10.0.0.0/24, app-b 10.0.1.0/24, db-a 10.0.8.0/24; split it to find a free piece.',
    });
    expect(pieceAvailability(cidr('10.0.8.0/22'), blocks)).toMatchObject({
      status: 'holds-subnets',
      reason: '10.0.8.0/22 already holds subnet db-a 10.0.8.0/24; split it to find a free piece.',
    });
    expect(pieceAvailability(cidr('10.0.1.0/24'), blocks)).toMatchObject({ status: 'is-subnet', reason: '10.0.1.0/24 is already subnet app-b.' });
    expect(pieceAvailability(cidr('10.0.1.0/26'), blocks)).toMatchObject({
      status: 'inside-subnet',
      reason: '10.0.1.0/26 is inside subnet app-b (10.0.1.0/24).',
    });
    expect(pieceAvailability(cidr('10.2.0.0/24'), blocks).status).toBe('outside-vpc');
    expect(pieceAvailability(cidr('10.0.0.0/17'), blocks).reason).toBe(
      "10.0.0.0/17 is bigger than vpc-a's block 10.0.0.0/18: split it until a piece fits inside.",
    );
    expect(pieceAvailability(cidr('10.0.16.0/24'), blocks, 'vpc-b').reason).toBe('10.0.16.0/24 is outside vpc-b (10.1.0.0/16).');
    expect(pieceAvailability(cidr('10.0.16.0/29'), blocks)).toMatchObject({ status: 'not-a-subnet-size', reason: expect.stringMatching(/\/16 to \/28/) });
    expect(pieceAvailability(cidr('10.0.16.0/20'), blocks)).toEqual({ status: 'free', vpcId: 'vpc-a', reason: '10.0.16.0/20 is free in vpc-a.' });
  });

  it("only the VPC's own subnets are in the way", () => {
    const twin = planWith({ vpcs: [vpc('x', ['10.0.0.0/16']), vpc('y', ['10.0.0.0/16'])], subnets: [subnet('sx', 'x', '10.0.0.0/24')] });
    const b = readPlanBlocks(twin);
    expect(pieceAvailability(cidr('10.0.0.0/24'), b, 'x').status).toBe('is-subnet');
    expect(pieceAvailability(cidr('10.0.0.0/24'), b, 'y')).toMatchObject({ status: 'free', vpcId: 'y' });
  });

  it('a piece it calls free is a subnet the engine accepts, and a piece it refuses overlaps, sticks out or has a size AWS refuses', () => {
    const pieces = divide(cidr('10.0.0.0/18'), 22).concat(divide(cidr('10.0.0.0/20'), 24), divide(cidr('10.0.8.0/24'), 26));
    fc.assert(
      fc.property(fc.constantFrom(...pieces), (piece) => {
        const verdict = pieceAvailability(piece, blocks, 'vpc-a');
        const candidate = addSubnet(plan, {
          id: 'new',
          name: 'new',
          vpcId: 'vpc-a',
          availabilityZone: 'us-east-1a',
          tier: 'private',
          ipv4Cidr: formatCidr(piece),
        });
        const refusals = checkPlan(candidate).filter((f) => f.severity === 'error' && f.subjects.includes('new'));
        expect(refusals.length === 0, `${formatCidr(piece)}: ${verdict.reason} / ${refusals.map((f) => f.message).join(' ')}`).toBe(verdict.status === 'free');
        if (verdict.status !== 'free') expect(blocks.subnets.some((s) => s.vpcId === 'vpc-a' && overlaps(s.block, piece))).toBe(true);
      }),
    );
  });
});
