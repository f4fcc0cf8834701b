/** One line that counts every kind of object an import produced, for the CLI and the app. */
import type { Plan } from '../plan/schema';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 VPCs, 10 subnets, 1 internet gateway, ..." — kinds with none are left out, except VPCs and subnets. */
export function describeImportedPlan(plan: Plan): string {
  const tgwTables = plan.transitGateways.reduce((n, t) => n + t.routeTables.length, 0);
  const attachments = plan.transitGateways.reduce((n, t) => n + t.attachments.length, 0);
  const services = plan.serviceNetworks.reduce((n, s) => n + s.services.length, 0);
  const parts: Array<[number, string, string?]> = [
    [plan.internetGateways.length, 'internet gateway'],
    [plan.egressOnlyGateways.length, 'egress-only internet gateway'],
    [plan.vpnGateways.length, 'VPN gateway'],
    [plan.natGateways.length, 'NAT gateway'],
    [plan.routeTables.length, 'route table'],
    [plan.peerings.length, 'peering'],
    [plan.transitGateways.length, 'transit gateway'],
    [tgwTables, 'transit gateway route table'],
    [attachments, 'transit gateway attachment'],
    [plan.serviceNetworks.length, 'service network'],
    [services, 'Lattice service'],
    [plan.externalNetworks.length, 'external network'],
  ];
  return [
    count(plan.vpcs.length, 'VPC'),
    count(plan.subnets.length, 'subnet'),
    ...parts.filter(([n]) => n > 0).map(([n, one, many]) => count(n, one, many)),
  ].join(', ');
}
