/**
 * routing/peering-unrouted and routing/tgw-unrouted: a connection no route table leads into,
 * with an add-route fix per written table the VPC's subnets follow; derived routes count.
 */
import { describe, expect, it } from 'vitest';
import { checkPlan, type Finding } from '../..';
import { applyFix, type FixAction } from '../../../plan/edits';
import type { Plan } from '../../../plan/schema';
import { reach } from '../../../routing/reach';
import { hubAndSpoke, peeringTriangle } from '../../../plan/test-fixtures';

const CODES = ['routing/peering-unrouted', 'routing/tgw-unrouted'];

function unrouted(plan: Plan): Finding[] {
  return checkPlan(plan).filter((f) => CODES.includes(f.code));
}

/** Alpha's route to bravo over alpha-bravo removed. */
function alphaForgetsBravo(): Plan {
  const plan = peeringTriangle();
  const alpha = plan.routeTables.find((t) => t.id === 'rt-a')!;
  alpha.routes = alpha.routes.filter((r) => r.targetId !== 'pcx-ab');
  return plan;
}

describe('routing/peering-unrouted', () => {
  it('is quiet for the known-good designs', () => {
    expect(unrouted(peeringTriangle())).toEqual([]);
    expect(unrouted(hubAndSpoke())).toEqual([]);
  });

  it('flags a peering no table of one side routes to, and the add-route fix makes alpha reach bravo', () => {
    const plan = alphaForgetsBravo();
    expect(reach(plan, 'sn-a', 'sn-b').reachable).toBe(false);
    const [finding, ...rest] = unrouted(plan);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      code: 'routing/peering-unrouted',
      severity: 'warning',
      subjects: ['vpc-a', 'pcx-ab', 'vpc-b', 'rt-a'],
      cidrs: ['10.1.0.0/16'],
    });
    expect(finding!.message).toBe(
      "VPC alpha is peered with VPC bravo (peering alpha-bravo), but no route table its subnets follow sends VPC bravo's block 10.1.0.0/16 over the peering (route table alpha-rt), so VPC alpha cannot reach VPC bravo.",
    );
    expect(finding!.fixes).toEqual([
      {
        kind: 'add-route',
        routeTableId: 'rt-a',
        routes: [{ destination: '10.1.0.0/16', target: 'peering', targetId: 'pcx-ab' }],
        label: 'Add route 10.1.0.0/16 → peering alpha-bravo in alpha-rt',
      },
    ]);
    const fixed = applyFix(plan, finding!.fixes![0]!);
    expect(unrouted(fixed)).toEqual([]);
    expect(reach(fixed, 'sn-a', 'sn-b').reachable).toBe(true);
  });

  it('does not count a route for a block the peer no longer has (the peer was re-addressed)', () => {
    const plan = peeringTriangle();
    plan.vpcs[1]!.ipv4Cidrs = ['10.7.0.0/16'];
    plan.subnets[1]!.ipv4Cidr = '10.7.1.0/24';
    const [finding, ...rest] = unrouted(plan);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ subjects: ['vpc-a', 'pcx-ab', 'vpc-b', 'rt-a'], cidrs: ['10.7.0.0/16'] });
    expect(unrouted(applyFix(plan, finding!.fixes![0]!))).toEqual([]);
  });

  it('offers each written table the subnets follow, the most used first', () => {
    const plan = alphaForgetsBravo();
    plan.routeTables.push({ id: 'rt-a2', name: 'alpha-web', vpcId: 'vpc-a', main: false, routes: [] });
    plan.subnets.push(
      { id: 'sn-w1', name: 'w1', vpcId: 'vpc-a', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.0.5.0/24', routeTableId: 'rt-a2' },
      { id: 'sn-w2', name: 'w2', vpcId: 'vpc-a', availabilityZone: 'us-east-1b', tier: 'isolated', ipv4Cidr: '10.0.6.0/24', routeTableId: 'rt-a2' },
    );
    const [finding] = unrouted(plan);
    expect(finding!.fixes!.map((f) => f.label)).toEqual([
      'Add route 10.1.0.0/16 → peering alpha-bravo in alpha-web',
      'Add route 10.1.0.0/16 → peering alpha-bravo in alpha-rt',
    ]);
  });

  it('counts derived routes: subnets without a table are fine when the plan derives routes, and told about the setting when it does not', () => {
    const bare = alphaForgetsBravo();
    bare.routeTables = bare.routeTables.filter((t) => t.vpcId !== 'vpc-a');
    for (const s of bare.subnets) if (s.vpcId === 'vpc-a') delete s.routeTableId;
    const implicit = unrouted({ ...bare, settings: { ...bare.settings, deriveRoutes: false } });
    expect(implicit.map((f) => [f.code, f.subjects[1]])).toEqual([
      ['routing/peering-unrouted', 'pcx-ab'],
      ['routing/peering-unrouted', 'pcx-ac'],
    ]);
    // No written table to add the route to: no Apply, the setting named in the fix.
    expect(implicit[0]!.fixes).toBeUndefined();
    expect(implicit[0]!.fix).toContain('Turn on Settings › ');
    expect(unrouted({ ...bare, settings: { ...bare.settings, deriveRoutes: true } })).toEqual([]);
  });

  it('leaves a peering alone when a table routes to it (which blocks go there is a choice) or the peer is reached through a transit gateway', () => {
    const partial = peeringTriangle();
    partial.routeTables[0]!.routes[0] = { destination: '10.1.1.0/24', target: 'peering', targetId: 'pcx-ab' };
    expect(unrouted(partial)).toEqual([]);
    // Bravo's second block is not routed, but the peering is in use: which blocks go over it is alpha's choice.
    const secondBlock = peeringTriangle();
    secondBlock.vpcs[1]!.ipv4Cidrs.push('10.101.0.0/16');
    expect(unrouted(secondBlock)).toEqual([]);
    const tgwInUse = hubAndSpoke((p) => {
      p.routeTables[0]!.routes = [{ destination: '10.1.0.0/16', target: 'transit-gateway', targetId: 'tgw-hub' }];
    });
    expect(unrouted(tgwInUse)).toEqual([]);
    const viaTgw = alphaForgetsBravo();
    viaTgw.routeTables[0]!.routes.push({ destination: '10.0.0.0/8', target: 'transit-gateway', targetId: 'tgw-x' });
    expect(unrouted(viaTgw)).toEqual([]);
    // A default route to a transit gateway takes the peer's block wherever the default goes: still missing.
    const viaDefault = alphaForgetsBravo();
    viaDefault.routeTables[0]!.routes.push({ destination: '0.0.0.0/0', target: 'transit-gateway', targetId: 'tgw-x' });
    expect(unrouted(viaDefault).map((f) => f.code)).toEqual(['routing/peering-unrouted']);
  });
});

describe('routing/tgw-unrouted', () => {
  it('flags an attached VPC that sends nothing to the gateway; the fix routes what the gateway delivers and alpha reaches bravo', () => {
    const plan = hubAndSpoke((p) => {
      p.routeTables[0]!.routes = [];
    });
    expect(reach(plan, 'sn-a', 'sn-b').reachable).toBe(false);
    const [finding, ...rest] = unrouted(plan);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'routing/tgw-unrouted', subjects: ['vpc-a', 'tgw-hub', 'att-a', 'rt-a'], cidrs: ['10.1.0.0/16', '10.2.0.0/16'] });
    expect(finding!.message).toBe(
      'VPC alpha is attached to transit gateway hub, but no route table its subnets follow sends the gateway any of what its route table main sends on to other attachments (route table alpha-rt), so VPC alpha cannot reach 10.1.0.0/16 (VPC bravo), 10.2.0.0/16 (VPC charlie).',
    );
    const fix = finding!.fixes![0] as FixAction & { kind: 'add-route' };
    expect(fix.label).toBe('Add routes 10.1.0.0/16, 10.2.0.0/16 → transit gateway hub in alpha-rt');
    expect(fix.routes).toEqual([
      { destination: '10.1.0.0/16', target: 'transit-gateway', targetId: 'tgw-hub' },
      { destination: '10.2.0.0/16', target: 'transit-gateway', targetId: 'tgw-hub' },
    ]);
    const fixed = applyFix(plan, fix);
    expect(unrouted(fixed)).toEqual([]);
    expect(reach(fixed, 'sn-a', 'sn-b').reachable).toBe(true);
    expect(reach(fixed, 'sn-a', 'sn-c').reachable).toBe(true);
  });

  it('routes only what the associated gateway table delivers: not blackholes, not the VPC itself', () => {
    const plan = hubAndSpoke((p) => {
      p.routeTables[0]!.routes = [];
      p.transitGateways[0]!.routeTables[0]!.routes.push({ destination: '10.2.0.0/16', kind: 'blackhole' });
    });
    const [finding] = unrouted(plan);
    expect(finding!.cidrs).toEqual(['10.1.0.0/16']);
  });

  it('says nothing for an attachment without subnets or a route table (their own findings come first)', () => {
    const plan = hubAndSpoke((p) => {
      p.routeTables[0]!.routes = [];
      delete p.transitGateways[0]!.attachments[0]!.associatedRouteTableId;
    });
    expect(unrouted(plan)).toEqual([]);
  });
});

describe('add-route fixes', () => {
  it('are refused once the table is gone or already has a route for the destination', () => {
    const plan = alphaForgetsBravo();
    const [finding] = unrouted(plan);
    const fix = finding!.fixes![0]!;
    const routedMeanwhile = applyFix(plan, fix);
    expect(applyFix(routedMeanwhile, fix)).toBe(routedMeanwhile);
    const gone = { ...plan, routeTables: plan.routeTables.filter((t) => t.id !== 'rt-a') };
    expect(applyFix(gone, fix)).toBe(gone);
  });
});
