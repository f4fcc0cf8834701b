/** VPC route tables, their routes (never inline), main-table and subnet associations. */
import { formatCidr } from '../../cidr';
import { expression, type HclValue } from '../hcl';
import type { Gateways } from './gateways';
import { destinationWords, label, missingVpc, parseEither, ref, tags, type TerraformWriter } from './writer';
import type { ExportedSubnet, ExportedVpc } from './vpcs';

export interface RouteTargets extends Gateways {
  nat: Map<string, string>;
  peerings: Map<string, string>;
  transitGateways: Map<string, string>;
  attachmentsByVpc: Map<string, string>;
}

export function exportRouteTables(w: TerraformWriter, vpcs: Map<string, ExportedVpc>, subnets: Map<string, ExportedSubnet>, targets: RouteTargets): void {
  const tables = new Map<string, string>();
  for (const table of w.plan.routeTables) {
    const vpc = vpcs.get(table.vpcId);
    if (!vpc) {
      w.warn(`Skipped route table ${label(table)}: ${missingVpc(w, table.vpcId)}.`);
      continue;
    }
    const name = w.names.take('aws_route_table', table.name, table.id, 'route_table');
    w.resource('aws_route_table', name, vpc.slot, [['vpc_id', ref('aws_vpc', vpc.name, 'id')], ['tags', tags(table)]],
      table.routes.some((r) => r.target === 'local') ? ['Local routes are implicit in AWS and not written.'] : undefined);
    tables.set(table.id, name);
    for (const route of table.routes) {
      if (route.target === 'local') continue;
      const destination = parseEither(route.destination);
      if (!destination.ok) {
        w.warn(`Skipped route ${route.destination} in route table ${label(table)}: ${destination.reason}. Fix the destination.`);
        continue;
      }
      const id = route.targetId ?? '';
      let target: [string, HclValue] | undefined;
      let dependsOn: HclValue[] | undefined;
      switch (route.target) {
        case 'internet-gateway': { const g = targets.internet.get(id); if (g) target = ['gateway_id', ref('aws_internet_gateway', g.name, 'id')]; break; }
        case 'vpn-gateway': { const g = targets.vpn.get(id); if (g) target = ['gateway_id', ref('aws_vpn_gateway', g, 'id')]; break; }
        case 'nat-gateway': { const g = targets.nat.get(id); if (g) target = ['nat_gateway_id', ref('aws_nat_gateway', g, 'id')]; break; }
        case 'egress-only-gateway': { const g = targets.egressOnly.get(id); if (g) target = ['egress_only_gateway_id', ref('aws_egress_only_internet_gateway', g, 'id')]; break; }
        case 'peering': { const p = targets.peerings.get(id); if (p) target = ['vpc_peering_connection_id', ref('aws_vpc_peering_connection', p, 'id')]; break; }
        case 'transit-gateway': {
          const t = targets.transitGateways.get(id);
          if (t) {
            target = ['transit_gateway_id', ref('aws_ec2_transit_gateway', t, 'id')];
            // A route to a transit gateway fails until the VPC is attached to it.
            const attachment = targets.attachmentsByVpc.get(`${table.vpcId}|${id}`);
            if (attachment) dependsOn = [expression(`aws_ec2_transit_gateway_vpc_attachment.${attachment}`)];
          }
          break;
        }
      }
      if (!target) {
        w.warn(`Skipped route ${route.destination} -> ${route.target} ${id} in route table ${label(table)}: the target ${id || '(none given)'} was not exported or is not in the plan.`);
        continue;
      }
      w.resource('aws_route', w.names.take('aws_route', `${name}_${destinationWords(destination.cidr)}`), vpc.slot, [
        ['route_table_id', ref('aws_route_table', name, 'id')],
        [destination.cidr.version === 4 ? 'destination_cidr_block' : 'destination_ipv6_cidr_block', formatCidr(destination.cidr)],
        target,
        ['depends_on', dependsOn],
      ]);
    }
    if (table.main) {
      w.resource('aws_main_route_table_association', w.names.take('aws_main_route_table_association', vpc.name), vpc.slot, [
        ['vpc_id', ref('aws_vpc', vpc.name, 'id')],
        ['route_table_id', ref('aws_route_table', name, 'id')],
      ]);
    }
  }
  for (const subnet of subnets.values()) {
    const tableId = subnet.subnet.routeTableId;
    if (tableId === undefined) continue;
    const table = tables.get(tableId);
    if (!table) {
      w.warn(`Subnet ${label(subnet.subnet)} is left on its VPC's main route table: its route table ${tableId} was not exported${w.plan.routeTables.some((t) => t.id === tableId) ? '' : ' (it is not in the plan)'}.`);
      continue;
    }
    w.resource('aws_route_table_association', w.names.take('aws_route_table_association', subnet.name), subnet.vpc.slot, [
      ['subnet_id', ref('aws_subnet', subnet.name, 'id')],
      ['route_table_id', ref('aws_route_table', table, 'id')],
    ]);
  }
}

