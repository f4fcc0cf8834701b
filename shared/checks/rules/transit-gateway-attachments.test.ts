import { describe, expect, it } from 'vitest';
import { planWith, subnet, vpc } from '../fixture';
import { codes, run } from './rule-test-support';
import { subnetsRule } from './subnets';
import { transitGatewayAttachmentsRule } from './transit-gateway-attachments';

const attachment = (id: string, vpcId: string, subnetIds: string[]) => ({ id, name: id, type: 'vpc' as const, vpcId, subnetIds });

function tgwPlan(opts: { vpcRegion: string; subnetIds: string[]; routeTo?: string }) {
  return planWith({
    vpcs: [vpc('v', ['10.0.0.0/16'], { region: opts.vpcRegion })],
    subnets: [subnet('s', 'v', '10.0.0.0/24')],
    transitGateways: [
      {
        id: 'tgw',
        name: 'core',
        region: 'us-east-1',
        attachments: [attachment('att', 'v', opts.subnetIds)],
        routeTables: [{ id: 'rt', name: 'main', routes: opts.routeTo ? [{ destination: '10.0.0.0/16', kind: 'static', attachmentId: opts.routeTo }] : [] }],
      },
    ],
  });
}

describe('transit gateway attachments', () => {
  it('errors on a VPC attached to a transit gateway in another Region, naming both Regions', () => {
    const [f] = run(transitGatewayAttachmentsRule, tgwPlan({ vpcRegion: 'eu-west-1', subnetIds: ['s'] }));
    expect(f).toMatchObject({ code: 'tgw/attachment-other-region', severity: 'error', subjects: ['att', 'tgw', 'v'], field: 'attachments[0].vpcId' });
    expect(f!.message).toContain('us-east-1');
    expect(f!.message).toContain('eu-west-1');
    expect(f!.fix).toContain('peer');
  });

  it('near miss: the same attachment in the same Region is fine', () => {
    expect(run(transitGatewayAttachmentsRule, tgwPlan({ vpcRegion: 'us-east-1', subnetIds: ['s'], routeTo: 'att' }))).toEqual([]);
  });

  it('errors on a static route to a VPC attachment without subnets', () => {
    const [f] = run(transitGatewayAttachmentsRule, tgwPlan({ vpcRegion: 'us-east-1', subnetIds: [], routeTo: 'att' }));
    expect(f).toMatchObject({
      code: 'tgw/route-to-attachment-without-subnets',
      subjects: ['tgw', 'rt', 'att'],
      field: 'routeTables[0].routes[0].attachmentId',
      cidrs: ['10.0.0.0/16'],
    });
  });

  it('near miss: an attachment without subnets that no route uses is not this error', () => {
    expect(codes(transitGatewayAttachmentsRule, tgwPlan({ vpcRegion: 'us-east-1', subnetIds: [] }))).toEqual([]);
  });
});

describe('subnet availability zone', () => {
  it('errors on a subnet with an empty or blank availability zone, and never writes "in ,"', () => {
    for (const availabilityZone of ['', '  ']) {
      const plan = planWith({ vpcs: [vpc('v', ['10.0.0.0/16'], { region: 'eu-west-1' })], subnets: [subnet('s', 'v', '10.0.0.0/24', { availabilityZone })] });
      const [f] = run(subnetsRule, plan);
      expect(f).toMatchObject({ code: 'subnet/no-availability-zone', severity: 'error', subjects: ['s', 'v'], field: 'availabilityZone' });
      expect(f!.fix).toContain('eu-west-1a');
    }
  });

  it('near miss: a subnet with a zone raises nothing', () => {
    expect(
      run(subnetsRule, planWith({ vpcs: [vpc('v', ['10.0.0.0/16'])], subnets: [subnet('s', 'v', '10.0.0.0/24', { availabilityZone: 'us-east-1b' })] })),
    ).toEqual([]);
  });
});

describe('a subnet without a zone and the attachment coverage warning', () => {
  it('is not named as an empty zone the attachment misses', async () => {
    const { checkPlan } = await import('../index');
    const plan = planWith({
      vpcs: [vpc('v', ['10.0.0.0/16'])],
      subnets: [subnet('s', 'v', '10.0.0.0/24'), subnet('blank', 'v', '10.0.1.0/24', { availabilityZone: '' })],
      transitGateways: [{ id: 'tgw', name: 'core', attachments: [attachment('att', 'v', ['s'])] }],
    });
    const found = checkPlan(plan);
    expect(found.map((f) => f.code)).toContain('subnet/no-availability-zone');
    expect(found.map((f) => f.code)).not.toContain('tgw/attachment-az-coverage');
    for (const f of found) expect(f.message).not.toContain('in , ');
  });
});
