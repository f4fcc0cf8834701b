/**
 * The forwarding index answers "does the gateway table send on a block overlapping this one,
 * to an attachment that passes a test?" exactly as going through every route would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidr, formatCidr, overlaps, type Cidr } from '../../../cidr';
import type { TgwAttachment, TransitGateway } from '../../../plan/schema';
import { indexPlan } from '../../../plan/plan-index';
import { generatePlan } from '../../../plan/generate-plan';
import { routingModel } from '../../../routing/model';
import { tgwTableRouting } from '../../../routing/transit-gateway';
import { buildForwarding, forwardsOverlapping, tgwForwarding } from './tgw-forwarding';

const attachments: TgwAttachment[] = Array.from({ length: 6 }, (_, i) => ({
  id: `att-${i}`,
  name: `att-${i}`,
  type: 'vpc',
  vpcId: `vpc-${i}`,
  subnetIds: [],
  propagatedRouteTableIds: [],
}));
const tgw = { id: 'tgw', attachments, routeTables: [] } as unknown as TransitGateway;

/** A block inside 10.0.0.0/8, from a few bits of address and a prefix: small spaces, so blocks nest often. */
const block = fc.tuple(fc.integer({ min: 8, max: 20 }), fc.integer({ min: 0, max: 63 })).map(([prefix, bits]) => {
  const address = (10 << 24) | (bits << 18);
  const masked = prefix === 0 ? 0 : (address >>> (32 - prefix)) << (32 - prefix);
  return cidr(`${[24, 16, 8, 0].map((s) => (masked >>> s) & 255).join('.')}/${prefix}`);
});

describe('forwardsOverlapping', () => {
  it('finds a route inside the block, one holding it, or none, as a walk over every route does', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(block, fc.nat(attachments.length - 1)), { selector: ([b]) => formatCidr(b), maxLength: 40 }),
        block,
        fc.uniqueArray(fc.nat(attachments.length - 1)),
        (routes, query, refused) => {
          const forwarding = buildForwarding(
            tgw,
            routes.map(([b, to]) => ({ kind: 'propagated' as const, cidr: b, attachmentId: attachments[to]!.id })),
          );
          const accept = (to: TgwAttachment) => !refused.includes(attachments.indexOf(to));
          const expected = routes.some(([b, to]) => overlaps(b as Cidr, query) && accept(attachments[to]!));
          expect(forwardsOverlapping(forwarding, query, (entry) => accept(entry.to))).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves out blackholes and routes to attachments the gateway does not have', () => {
    const forwarding = buildForwarding(tgw, [
      { kind: 'blackhole', cidr: cidr('10.1.0.0/16') },
      { kind: 'static', cidr: cidr('10.2.0.0/16'), attachmentId: 'att-gone' },
      { kind: 'static', cidr: cidr('10.0.0.0/8'), attachmentId: 'att-1' },
    ]);
    expect(forwarding.ordered[4].map((e) => e.destination)).toEqual(['10.0.0.0/8']);
    expect(forwardsOverlapping(forwarding, cidr('10.1.2.0/24'), () => true)).toBe(true);
    expect(forwardsOverlapping(forwarding, cidr('11.0.0.0/8'), () => true)).toBe(false);
  });
});

describe('tgwForwarding', () => {
  it('sends on what the worded gateway table sends on, in its order: static routes first, duplicates and blackholes dropped', () => {
    const plans = [
      generatePlan({ vpcs: 40, subnetsPerVpc: 2, seed: 3 }),
      generatePlan({ vpcs: 30, subnetsPerVpc: 2, seed: 4, sameBlock: '172.31.0.0/16' }),
      generatePlan({ vpcs: 12, subnetsPerVpc: 2, seed: 5, transitGateways: 'one' }),
    ];
    // A static route for a block an attachment also propagates wins; a second static for the same block is dropped.
    const first = plans[0]!;
    const spokes = first.transitGateways[0]!.routeTables[0]!;
    spokes.routes.push(
      { destination: '10.1.0.0/16', kind: 'static', attachmentId: first.transitGateways[0]!.attachments[0]!.id },
      { destination: '10.1.0.0/16', kind: 'blackhole' },
    );
    let tables = 0;
    for (const plan of plans) {
      const model = routingModel(indexPlan(plan));
      for (const tgw of plan.transitGateways) {
        for (const table of tgw.routeTables) {
          const worded = tgwTableRouting(model, tgw, table.id)!.routes.filter(
            (r) => r.kind !== 'blackhole' && tgw.attachments.some((a) => a.id === r.attachmentId),
          );
          const forwarding = tgwForwarding(model, tgw, table.id)!;
          for (const version of [4, 6] as const) {
            const ours = forwarding.ordered[version].map((e) => [e.destination, e.to.id]);
            expect(ours).toEqual(worded.filter((r) => r.cidr.version === version).map((r) => [r.destination, r.attachmentId]));
          }
          tables++;
        }
      }
    }
    expect(tables).toBeGreaterThan(6);
  });
});
