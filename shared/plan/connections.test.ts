import { describe, expect, it } from 'vitest';
import hubAndSpoke from '../../examples/hub-and-spoke.vpcplan.json';
import { connectionsOf } from './connections';
import { associationId } from './objects';
import { validatePlan } from './load';
import type { Plan } from './schema';

function hub(): Plan {
  const result = validatePlan(hubAndSpoke);
  if (!result.ok) throw new Error(result.summary);
  return result.plan;
}

describe('connectionsOf', () => {
  it('a VPC: its peering, attachment, association and the routes that leave it, each with the far end', () => {
    const plan = hub();
    const prod = connectionsOf(plan, 'vpc-prod');
    expect(prod.filter((c) => c.kind !== 'route').map((c) => [c.kind, c.via, c.otherId])).toEqual([
      ['attachment', 'tgw-att-prod', 'tgw-hub'],
      ['association', associationId('sn-lattice-apis', 'vpc-prod'), 'sn-lattice-apis'],
    ]);
    const routes = prod.filter((c) => c.kind === 'route');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(plan.routeTables.find((t) => t.id === route.via)?.vpcId).toBe('vpc-prod');
      expect(route.label).toMatch(/^Route table .+: .+ → /);
    }
    expect(connectionsOf(plan, 'vpc-shared').find((c) => c.kind === 'peering')).toEqual({
      kind: 'peering',
      via: 'pcx-shared-legacy',
      otherId: 'vpc-legacy',
      label: 'Peering with legacy-erp',
    });
  });

  it('a transit gateway: every attachment, with what is attached, and the route tables that send to it', () => {
    const plan = hub();
    const hubConnections = connectionsOf(plan, 'tgw-hub');
    const attachments = hubConnections.filter((c) => c.kind !== 'route');
    expect(attachments.map((c) => c.otherId)).toEqual(['vpc-egress', 'vpc-prod', 'vpc-dev', 'vpc-shared', 'ext-dc']);
    expect(attachments.at(-1)).toMatchObject({ kind: 'vpn-attachment', via: 'tgw-att-vpn' });
    const routed = new Set(hubConnections.filter((c) => c.kind === 'route').map((c) => c.otherId));
    for (const table of plan.routeTables) {
      if (table.routes.some((r) => r.target === 'transit-gateway' && r.targetId === 'tgw-hub')) expect(routed.has(table.vpcId)).toBe(true);
    }
  });

  it('a service network lists its VPCs; an external network its VPN', () => {
    const plan = hub();
    expect(connectionsOf(plan, 'sn-lattice-apis').map((c) => c.otherId)).toEqual(['vpc-prod', 'vpc-analytics']);
    expect(connectionsOf(plan, 'ext-dc')).toEqual([{ kind: 'vpn-attachment', via: 'tgw-att-vpn', otherId: 'tgw-hub', label: 'Site-to-site VPN to tgw-hub' }]);
  });

  it('a connection lists both its ends', () => {
    const plan = hub();
    expect(connectionsOf(plan, 'pcx-shared-legacy').map((c) => c.otherId)).toEqual(['vpc-shared', 'vpc-legacy']);
    expect(connectionsOf(plan, 'tgw-att-prod').map((c) => c.otherId)).toEqual(['tgw-hub', 'vpc-prod']);
    expect(connectionsOf(plan, associationId('sn-lattice-apis', 'vpc-prod')).map((c) => c.otherId)).toEqual(['vpc-prod', 'sn-lattice-apis']);
  });

  it('a subnet that carries an attachment says so; an unknown id has none', () => {
    const plan = hub();
    const attachment = plan.transitGateways[0]!.attachments.find((a) => a.type === 'vpc' && a.subnetIds.length > 0)!;
    expect(connectionsOf(plan, attachment.subnetIds[0]!)).toContainEqual(
      expect.objectContaining({ kind: 'attachment', via: attachment.id, otherId: 'tgw-hub' }),
    );
    expect(connectionsOf(plan, 'nothing')).toEqual([]);
  });
});
