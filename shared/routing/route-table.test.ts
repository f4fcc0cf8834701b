import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cidr, contains, formatCidr } from '../cidr';
import { indexPlan } from '../plan/plan-index';
import { lookupRoute } from './route-lookup';
import { effectiveRouteTable } from './route-table';
import { tgwRouteTableRoutes } from './transit-gateway';
import { hubAndSpoke, hubTable, internetEdge, peeringTriangle } from '../plan/test-fixtures';

describe('lookupRoute', () => {
  const routes = [
    { destination: '0.0.0.0/0', target: 'nat-gateway' },
    { destination: '10.0.0.0/8', target: 'transit-gateway' },
    { destination: '10.1.0.0/16', target: 'peering' },
    { destination: 'not a cidr', target: 'peering' },
    { destination: '::/0', target: 'egress-only-gateway' },
  ];

  it('picks the longest matching prefix for addresses and blocks', () => {
    expect(lookupRoute(routes, '10.1.2.3')?.target).toBe('peering');
    expect(lookupRoute(routes, '10.2.0.0/16')?.target).toBe('transit-gateway');
    expect(lookupRoute(routes, '10.0.0.0/7')?.target).toBe('nat-gateway'); // wider than 10/8: only the default holds it
    expect(lookupRoute(routes, '8.8.8.8')?.target).toBe('nat-gateway');
    expect(lookupRoute(routes, '2600::1')?.target).toBe('egress-only-gateway');
    expect(lookupRoute(routes, 'nonsense')).toBeUndefined();
    expect(lookupRoute(routes.slice(1, 3), '192.168.0.1')).toBeUndefined();
  });

  it('agrees with a brute-force search on random tables', () => {
    const block = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 16 })).map(([octet, prefix]) => {
      const network = BigInt(octet) << 24n;
      const size = 1n << BigInt(32 - prefix);
      return formatCidr({ version: 4, network: network - (network % size), prefix });
    });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 12 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (destinations, address) => {
        const table = destinations.map((destination, i) => ({ destination, target: 'local', i }));
        const probe = { version: 4 as const, network: BigInt(address), prefix: 32 };
        let expected: (typeof table)[number] | undefined;
        for (const route of table) {
          const c = cidr(route.destination);
          if (contains(c, probe) && (!expected || c.prefix > cidr(expected.destination).prefix)) expected = route;
        }
        expect(lookupRoute(table, probe)).toBe(expected);
      }),
    );
  });
});

describe('effectiveRouteTable', () => {
  it('uses the explicit table and adds the implicit local route', () => {
    const table = effectiveRouteTable(indexPlan(peeringTriangle()), 'sn-a');
    expect(table?.source).toBe('explicit');
    expect(table?.routeTableId).toBe('rt-a');
    expect(table?.routes[0]).toEqual({ destination: '10.0.0.0/16', target: 'local', implicit: true });
    expect(table?.routes).toHaveLength(3);
  });

  it('falls back to the main table, then derived routes, then the implicit local route', () => {
    const plan = internetEdge();
    const subnet = plan.subnets[1];
    if (!subnet) throw new Error('fixture changed');
    delete subnet.routeTableId;
    (plan.routeTables[2] as { main: boolean }).main = true;
    expect(effectiveRouteTable(indexPlan(plan), 'sn-priv')).toMatchObject({ source: 'main', routeTableId: 'rt-iso' });

    const derivedPlan = internetEdge({ routeTables: [], settings: { deriveRoutes: true } });
    const derived = effectiveRouteTable(indexPlan(derivedPlan), 'sn-priv');
    expect(derived?.source).toBe('derived');
    expect(derived?.routes.map((r) => `${r.destination} ${r.target} ${r.targetId ?? ''}`.trim())).toEqual([
      '10.9.0.0/16 local',
      '2600:1f18:abc:de00::/56 local',
      '0.0.0.0/0 nat-gateway nat-e',
    ]);
    const dual = effectiveRouteTable(indexPlan(derivedPlan), 'sn-v6');
    expect(dual?.routes.at(-1)).toMatchObject({ destination: '::/0', target: 'egress-only-gateway', targetId: 'eigw-e' });

    const bare = effectiveRouteTable(indexPlan(internetEdge({ routeTables: [] })), 'sn-pub');
    expect(bare?.source).toBe('implicit-local');
    expect(bare?.routes.map((r) => r.target)).toEqual(['local', 'local']);
    expect(effectiveRouteTable(indexPlan(internetEdge()), 'nope')).toBeUndefined();
  });

  it('derives peering and transit gateway routes', () => {
    const peered = peeringTriangle({ routeTables: [], settings: { deriveRoutes: true } });
    const a = effectiveRouteTable(indexPlan(peered), 'sn-a');
    expect(a?.routes.filter((r) => r.target === 'peering').map((r) => `${r.destination} ${r.targetId}`)).toEqual(['10.1.0.0/16 pcx-ab', '10.2.0.0/16 pcx-ac']);
    const hub = hubAndSpoke((p) => {
      p.routeTables = [];
      p.settings.deriveRoutes = true;
    });
    const c = effectiveRouteTable(indexPlan(hub), 'sn-c');
    expect(c?.routes.filter((r) => r.target === 'transit-gateway').map((r) => r.destination)).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
  });
});

describe('tgwRouteTableRoutes', () => {
  it('lists static, blackhole and propagated routes with their origin; static wins at equal prefix', () => {
    const plan = hubAndSpoke((p) => {
      hubTable(p).routes.push({ destination: '10.1.0.0/16', kind: 'static', attachmentId: 'att-c' }, { destination: '10.9.0.0/16', kind: 'blackhole' });
    });
    const tgw = plan.transitGateways[0];
    if (!tgw) throw new Error('fixture changed');
    const routes = tgwRouteTableRoutes(tgw, 'tgw-rt-main', indexPlan(plan));
    expect(routes.map((r) => `${r.destination} ${r.kind} ${r.attachmentId ?? '-'}`)).toEqual([
      '10.1.0.0/16 static att-c',
      '10.9.0.0/16 blackhole -',
      '10.0.0.0/16 propagated att-a',
      '10.2.0.0/16 propagated att-c',
    ]);
    expect(routes[2]?.from).toBe('propagated by attachment alpha-att (VPC alpha)');
    expect(tgwRouteTableRoutes(tgw, 'no-such-table', indexPlan(plan))).toEqual([]);
  });

  it('does not propagate the second of two identical VPC CIDRs', () => {
    const plan = hubAndSpoke((p) => {
      const charlie = p.vpcs[2];
      if (charlie) charlie.ipv4Cidrs = ['10.1.0.0/16'];
    });
    const tgw = plan.transitGateways[0];
    if (!tgw) throw new Error('fixture changed');
    const routes = tgwRouteTableRoutes(tgw, 'tgw-rt-main', indexPlan(plan));
    expect(routes.filter((r) => r.destination === '10.1.0.0/16').map((r) => r.attachmentId)).toEqual(['att-b']);
  });
});
