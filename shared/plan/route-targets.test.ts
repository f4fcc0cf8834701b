import { describe, expect, it } from 'vitest';
import { hubAndSpoke, internetEdge } from './test-fixtures';
import { choiceOf, routeTargetChoices } from './route-targets';

describe('routeTargetChoices', () => {
  it("offers local and the VPC's own gateways and NAT gateways", () => {
    const plan = internetEdge();
    const choices = routeTargetChoices(plan, 'vpc-e');
    expect(choices.map((c) => `${c.target}:${c.targetId ?? ''}`)).toEqual([
      'local:',
      'internet-gateway:igw-e',
      'nat-gateway:nat-e',
      'egress-only-gateway:eigw-e',
    ]);
    expect(routeTargetChoices(plan, 'other-vpc').map((c) => c.target)).toEqual(['local']);
  });

  it('offers a transit gateway only while the VPC is attached to it', () => {
    const plan = hubAndSpoke();
    const attachedVpc = plan.transitGateways[0]!.attachments.find((a) => a.type === 'vpc')!.vpcId!;
    expect(routeTargetChoices(plan, attachedVpc).some((c) => c.target === 'transit-gateway')).toBe(true);
    const detached = {
      ...plan,
      transitGateways: plan.transitGateways.map((t) => ({ ...t, attachments: t.attachments.filter((a) => a.vpcId !== attachedVpc) })),
    };
    expect(routeTargetChoices(detached, attachedVpc).some((c) => c.target === 'transit-gateway')).toBe(false);
  });

  it('finds the choice a route points at', () => {
    const choices = routeTargetChoices(internetEdge(), 'vpc-e');
    expect(choiceOf(choices, { target: 'nat-gateway', targetId: 'nat-e' })?.label).toBe('NAT gateway edge-nat');
    expect(choiceOf(choices, { target: 'nat-gateway', targetId: 'nat-gone' })).toBeUndefined();
    expect(choiceOf(choices, { target: 'local' })?.target).toBe('local');
  });
});
