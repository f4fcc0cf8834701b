import { describe, expect, it } from 'vitest';
import { derivedRoutesForSubnet, withDerivedRoutes } from './suggested-routes';
import { internetEdge } from '../plan/test-fixtures';

describe('derived routes for a route table', () => {
  it('a public subnet gets local and the internet gateway', () => {
    const routes = derivedRoutesForSubnet(internetEdge(), 'sn-pub')!;
    expect(routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ destination: '10.9.0.0/16', target: 'local' }),
        expect.objectContaining({ destination: '0.0.0.0/0', target: 'internet-gateway', targetId: 'igw-e' }),
      ]),
    );
  });

  it('a private subnet gets the NAT gateway', () => {
    const routes = derivedRoutesForSubnet(internetEdge(), 'sn-priv')!;
    expect(routes).toEqual(expect.arrayContaining([expect.objectContaining({ destination: '0.0.0.0/0', target: 'nat-gateway', targetId: 'nat-e' })]));
    expect(derivedRoutesForSubnet(internetEdge(), 'nope')).toBeUndefined();
  });

  it('merging keeps the routes the table already names and adds the rest', () => {
    const plan = internetEdge();
    const iso = plan.routeTables.find((t) => t.id === 'rt-iso')!;
    const pub = plan.routeTables.find((t) => t.id === 'rt-pub')!;
    const merged = withDerivedRoutes(plan, pub, ['sn-pub']);
    expect(merged.routes.filter((r) => r.destination === '0.0.0.0/0')).toHaveLength(1);
    expect(merged.routes.some((r) => r.target === 'local')).toBe(true);
    // Isolated: only local routes, which the table does not name yet.
    const isolated = withDerivedRoutes(plan, iso, ['sn-iso']);
    expect(isolated.routes.every((r) => r.target === 'local')).toBe(true);
    expect(withDerivedRoutes(plan, isolated, ['sn-iso'])).toBe(isolated);
  });
});
