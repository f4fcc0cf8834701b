import { describe, expect, it } from 'vitest';
import { reach } from './reach';
import { reachabilityMatrix } from './reach-matrix';
import { buildPlan, hubAndSpoke, hubTable, peeringTriangle } from '../plan/test-fixtures';

function failure(result: ReturnType<typeof reach>) {
  if (result.reachable) throw new Error(`expected no reach, got path ${result.path.map((h) => h.id).join(' > ')}`);
  return result;
}

describe('reach over peering', () => {
  it('reaches a directly peered VPC, with a return path', () => {
    const result = reach(peeringTriangle(), 'sn-a', 'sn-b');
    expect(result.reachable).toBe(true);
    if (!result.reachable) return;
    expect(result.path.map((h) => h.kind)).toEqual(['subnet', 'route-table', 'peering', 'vpc', 'subnet']);
    expect(result.path.map((h) => h.id)).toEqual(['sn-a', 'rt-a', 'pcx-ab', 'vpc-b', 'sn-b']);
    expect(result.returnPath?.map((h) => h.id)).toEqual(['sn-b', 'rt-b', 'pcx-ab', 'vpc-a', 'sn-a']);
  });

  it('does not let bravo reach charlie through alpha (a route via the alpha peering)', () => {
    const plan = peeringTriangle();
    plan.routeTables[1]?.routes.push({ destination: '10.2.0.0/16', target: 'peering', targetId: 'pcx-ab' });
    const result = failure(reach(plan, 'sn-b', 'sn-c'));
    expect(result.code).toBe('non-transitive-peering');
    expect(result.reason).toContain('VPC alpha');
    expect(result.reason).toContain('VPC bravo');
    expect(result.reason).toContain('VPC charlie');
    expect(result.path.map((h) => h.id)).toEqual(['sn-b', 'rt-b', 'pcx-ab']);
  });

  it('explains non-transitivity when bravo simply has no route to charlie', () => {
    const result = failure(reach(peeringTriangle(), 'sn-b', 'sn-c'));
    expect(result.code).toBe('non-transitive-peering');
    expect(result.reason).toMatch(/VPC bravo and VPC charlie are both peered with VPC alpha/);
  });

  it('says no-route, not non-transitive, when there is no shared peer', () => {
    const plan = peeringTriangle({ peerings: [{ id: 'pcx-ab', name: 'alpha-bravo', requesterVpcId: 'vpc-a', accepterVpcId: 'vpc-b' }] });
    const result = failure(reach(plan, 'sn-b', 'sn-c'));
    expect(result.code).toBe('no-route');
    expect(result.reason).toContain('Route table bravo-rt');
  });

  it('stops at a pending peering', () => {
    const plan = peeringTriangle();
    (plan.peerings[0] as { status: string }).status = 'pending';
    const result = failure(reach(plan, 'sn-a', 'sn-b'));
    expect(result.code).toBe('pending-peering');
    expect(result.reason).toContain('alpha-bravo');
  });

  it('reports a one-way route as no-return-route', () => {
    const plan = peeringTriangle();
    (plan.routeTables[1] as { routes: unknown[] }).routes = [];
    const result = failure(reach(plan, 'sn-a', 'sn-b'));
    expect(result.code).toBe('no-return-route');
    expect(result.reason).toMatch(/replies cannot come back/);
    expect(result.path.at(-1)?.id).toBe('sn-b');
  });

  it('uses derived routes when asked, and the implicit local route when not', () => {
    const noTables = peeringTriangle({ routeTables: [], settings: { deriveRoutes: true } });
    for (const s of noTables.subnets) delete s.routeTableId;
    expect(reach(noTables, 'sn-a', 'sn-c').reachable).toBe(true);
    const implicit = peeringTriangle({ routeTables: [] });
    for (const s of implicit.subnets) delete s.routeTableId;
    const result = failure(reach(implicit, 'sn-a', 'sn-c'));
    expect(result.code).toBe('no-route');
    expect(result.reason).toMatch(
      /^Subnet alpha-app has only the implicit local route \(.*\), so it has no route to 10\.2\.1\.0\/24 \(subnet charlie-app in VPC charlie\)\./,
    );
  });
});

describe('reach through a transit gateway', () => {
  it('follows association and propagation', () => {
    const result = reach(hubAndSpoke(), 'sn-a', 'sn-b');
    expect(result.reachable).toBe(true);
    if (!result.reachable) return;
    expect(result.path.map((h) => h.id)).toEqual(['sn-a', 'rt-a', 'tgw-hub', 'att-a', 'tgw-rt-main', 'att-b', 'vpc-b', 'sn-b']);
    expect(result.path[4]?.note).toContain('propagated by attachment bravo-att');
  });

  it('reaches over derived transit gateway routes, and returns the same way', () => {
    const plan = hubAndSpoke((p) => {
      p.routeTables = [];
      p.settings.deriveRoutes = true;
      for (const s of p.subnets) delete s.routeTableId;
    });
    const result = reach(plan, 'sn-c', 'sn-a');
    expect(result.reachable).toBe(true);
    if (!result.reachable) return;
    expect(result.path[1]).toMatchObject({ kind: 'route-table', label: 'derived routes' });
    expect(result.returnPath?.map((h) => h.id)).toEqual([
      'sn-a',
      expect.stringContaining('derived:vpc-a'),
      'tgw-hub',
      'att-a',
      'tgw-rt-main',
      'att-c',
      'vpc-c',
      'sn-c',
    ]);
  });

  it('stops at a blackhole', () => {
    const plan = hubAndSpoke((p) => hubTable(p).routes.push({ destination: '10.1.0.0/16', kind: 'blackhole' }));
    const result = failure(reach(plan, 'sn-a', 'sn-b'));
    expect(result.code).toBe('blackhole');
    expect(result.reason).toContain('10.1.0.0/16');
  });

  it('lets a propagated route beat a shorter blackhole (longest prefix)', () => {
    const plan = hubAndSpoke((p) => hubTable(p).routes.push({ destination: '10.0.0.0/8', kind: 'blackhole' }));
    expect(reach(plan, 'sn-a', 'sn-b').reachable).toBe(true);
  });

  it('prefers a static route over a propagated one at equal prefix', () => {
    const plan = hubAndSpoke((p) => hubTable(p).routes.push({ destination: '10.1.0.0/16', kind: 'static', attachmentId: 'att-c' }));
    const result = failure(reach(plan, 'sn-a', 'sn-b'));
    expect(result.code).toBe('no-tgw-route');
    expect(result.reason).toContain('charlie-att');
  });

  it('prefers a longer static prefix over the propagated VPC block', () => {
    const plan = hubAndSpoke((p) => hubTable(p).routes.push({ destination: '10.1.1.0/24', kind: 'static', attachmentId: 'att-c' }));
    expect(reach(plan, 'sn-a', 'sn-b').reachable).toBe(true); // 10.1.0.0/24: the propagated /16
    expect(failure(reach(plan, 'sn-a', 'sn-b2')).code).toBe('no-tgw-route'); // 10.1.1.0/24: the static /24
  });

  it('cannot leave an AZ the attachment does not cover', () => {
    const plan = hubAndSpoke((p) => {
      const attachment = p.transitGateways[0]?.attachments[0];
      if (attachment) attachment.subnetIds = ['sn-a'];
    });
    expect(reach(plan, 'sn-a', 'sn-b').reachable).toBe(true);
    const result = failure(reach(plan, 'sn-a2', 'sn-b'));
    expect(result.code).toBe('no-attachment-in-az');
    expect(result.reason).toContain('us-east-1b');
    // and the reply from bravo to the uncovered AZ fails the same way
    expect(failure(reach(plan, 'sn-b', 'sn-a2')).code).toBe('no-attachment-in-az');
  });

  it('needs the source VPC attached', () => {
    const plan = hubAndSpoke((p) => {
      const tgw = p.transitGateways[0];
      if (tgw) tgw.attachments = tgw.attachments.filter((a) => a.id !== 'att-a');
    });
    expect(failure(reach(plan, 'sn-a', 'sn-b')).code).toBe('missing-attachment');
  });

  it('needs a route back: bravo without a route to the gateway', () => {
    const plan = hubAndSpoke((p) => {
      const table = p.routeTables.find((t) => t.id === 'rt-b');
      if (table) table.routes = [];
    });
    const result = failure(reach(plan, 'sn-a', 'sn-b'));
    expect(result.code).toBe('no-return-route');
    expect(result.reason).toContain('bravo-rt');
  });

  it('needs the destination propagated into the association table', () => {
    const plan = hubAndSpoke((p) => {
      const bravo = p.transitGateways[0]?.attachments[1];
      if (bravo) bravo.propagatedRouteTableIds = [];
    });
    expect(failure(reach(plan, 'sn-a', 'sn-b')).code).toBe('no-tgw-route');
  });
});

describe('reach edge cases', () => {
  it('rejects the same subnet, unknown subnets and subnets without a common family', () => {
    const plan = peeringTriangle();
    expect(failure(reach(plan, 'sn-a', 'sn-a')).code).toBe('same-subnet');
    expect(failure(reach(plan, 'sn-a', 'nope')).code).toBe('unknown-subnet');
    const v6 = buildPlan({
      vpcs: [{ id: 'v', name: 'v', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: ['2600::/56'] }],
      subnets: [
        { id: 's4', name: 's4', vpcId: 'v', availabilityZone: 'a', tier: 'private', ipv4Cidr: '10.0.0.0/24' },
        { id: 's6', name: 's6', vpcId: 'v', availabilityZone: 'a', tier: 'private', ipv6Cidr: '2600::/64' },
      ],
    });
    expect(failure(reach(v6, 's4', 's6')).code).toBe('no-address');
  });

  it('reaches within a VPC by the local route', () => {
    const result = reach(hubAndSpoke(), 'sn-a', 'sn-a2');
    expect(result.reachable && result.path.map((h) => h.kind)).toEqual(['subnet', 'route-table', 'vpc', 'subnet']);
  });
});

describe('reachabilityMatrix', () => {
  it('marks self, reachable, partial and none', () => {
    const plan = hubAndSpoke((p) => {
      const alpha = p.transitGateways[0]?.attachments[0];
      if (alpha) alpha.subnetIds = ['sn-a'];
      const tgw = p.transitGateways[0];
      if (tgw) tgw.attachments = tgw.attachments.filter((a) => a.id !== 'att-c');
    });
    const matrix = reachabilityMatrix(plan);
    expect(matrix.vpcIds).toEqual(['vpc-a', 'vpc-b', 'vpc-c']);
    expect(matrix.cells).toEqual([
      ['self', 'partial', 'none'],
      ['partial', 'self', 'none'],
      ['none', 'none', 'self'],
    ]);
    expect(reachabilityMatrix(hubAndSpoke()).cells[0]).toEqual(['self', 'reachable', 'reachable']);
  });
});
