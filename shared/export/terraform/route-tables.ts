/**
 * VPC route tables, their routes (never inline), main-table and subnet associations.
 *
 * With "derive the obvious routes" on (settings.deriveRoutes), a subnet without a route table
 * of its own in a VPC without a main route table follows the routes the routing engine derives
 * (shared/routing: local, internet gateway for public, NAT for private, peering, transit gateway
 * and VPN routes). Those are what `reach` uses, so they are written out: one route table per
 * group of subnets the engine routes alike (VPC, tier, the AZ of a private subnet, IPv6 or not).
 * A route table holds at most 1,000 routes (Amazon VPC quotas, "Routes per route table": 50 by
 * default, adjustable to 1,000): a derived table over that is not written, with a warning, and
 * one over 50 is written with a warning to raise the quota.
 */

const ROUTE_QUOTA_DEFAULT = 50;
const ROUTE_QUOTA_MAX = 1000;
/**
 * Derived routes written in all: beyond this a mesh of derived transit gateway routes (every
 * VPC to every other) is no longer a module Terraform plans in reasonable time, nor a text a
 * browser can hold (V8 strings stop near 512 MB); the rest is skipped with one warning.
 */
const DERIVED_ROUTES_BUDGET = 50_000;
import { formatCidr } from '../../cidr';
import type { Route, Subnet } from '../../plan/schema';
import { planIndexOf } from '../../plan/plan-index';
import { effectiveRouteTable } from '../../routing/route-table';
import { expression, hclMap, type HclValue } from '../hcl';
import type { Gateways } from './gateways';
import { destinationWords, label, destinationRead, missingVpc, ref, tags, type TerraformWriter } from './writer';
import type { ExportedSubnet, ExportedVpc } from './vpcs';

export interface RouteTargets extends Gateways {
  nat: Map<string, string>;
  peerings: Map<string, { name: string; accepter?: string }>;
  transitGateways: Map<string, { name: string }>;
  /** `${vpcId}|${tgwId}` -> what a route to the transit gateway waits for. */
  attachmentsByVpc: Map<string, HclValue[]>;
}

/** Writes the routes of one table; `where` names the table in warnings. */
function writeRoutes(
  w: TerraformWriter,
  vpc: ExportedVpc,
  tableName: string,
  tableKey: string,
  where: string,
  routes: readonly Route[],
  targets: RouteTargets,
): void {
  for (const route of routes) {
    if (route.target === 'local') continue;
    const destination = destinationRead(w, route.destination);
    if (!destination.ok) {
      w.warn(`Skipped route ${route.destination} in ${where}: ${destination.reason}. Fix the destination.`);
      continue;
    }
    const id = route.targetId ?? '';
    let target: [string, HclValue] | undefined;
    let dependsOn: HclValue[] | undefined;
    let why = `the target ${id || '(none given)'} was not exported or is not in the plan`;
    switch (route.target) {
      case 'internet-gateway': {
        const g = targets.internet.get(id);
        if (g) target = ['gateway_id', ref('aws_internet_gateway', g.name, 'id')];
        break;
      }
      case 'vpn-gateway': {
        const g = targets.vpn.get(id);
        if (g) target = ['gateway_id', ref('aws_vpn_gateway', g.name, 'id')];
        break;
      }
      case 'nat-gateway': {
        const g = targets.nat.get(id);
        if (g) target = ['nat_gateway_id', ref('aws_nat_gateway', g, 'id')];
        break;
      }
      case 'egress-only-gateway': {
        const g = targets.egressOnly.get(id);
        if (g) target = ['egress_only_gateway_id', ref('aws_egress_only_internet_gateway', g, 'id')];
        break;
      }
      case 'peering': {
        const p = targets.peerings.get(id);
        if (p) {
          target = ['vpc_peering_connection_id', ref('aws_vpc_peering_connection', p.name, 'id')];
          // Across accounts or regions the peering is usable once the other side has accepted it.
          if (p.accepter) dependsOn = [expression(`aws_vpc_peering_connection_accepter.${p.accepter}`)];
        }
        break;
      }
      case 'transit-gateway': {
        const t = targets.transitGateways.get(id);
        // A route to a transit gateway fails until the VPC is attached to it (and, across accounts, the attachment accepted).
        const waits = targets.attachmentsByVpc.get(`${vpc.vpc.id}|${id}`);
        if (t && waits) {
          target = ['transit_gateway_id', ref('aws_ec2_transit_gateway', t.name, 'id')];
          dependsOn = waits;
        } else if (t) {
          why = `VPC ${label(vpc.vpc)} has no exported attachment to transit gateway ${id}`;
        }
        break;
      }
    }
    if (!target) {
      w.warn(`Skipped route ${route.destination} -> ${route.target} ${id} in ${where}: ${why}.`);
      continue;
    }
    w.resource(
      'aws_route',
      w.names.take('aws_route', `${tableName}_${destinationWords(destination.cidr)}`, `${tableKey}|${formatCidr(destination.cidr)}`),
      vpc.slot,
      [
        ['route_table_id', ref('aws_route_table', tableName, 'id')],
        [destination.cidr.version === 4 ? 'destination_cidr_block' : 'destination_ipv6_cidr_block', formatCidr(destination.cidr)],
        target,
        ['depends_on', dependsOn],
      ],
    );
  }
}

export function exportRouteTables(w: TerraformWriter, vpcs: Map<string, ExportedVpc>, subnets: Map<string, ExportedSubnet>, targets: RouteTargets): void {
  const tables = new Map<string, string>();
  for (const table of w.plan.routeTables) {
    const vpc = vpcs.get(table.vpcId);
    if (!vpc) {
      w.warn(`Skipped route table ${label(table)}: ${missingVpc(w, table.vpcId)}.`);
      continue;
    }
    const name = w.names.take('aws_route_table', w.id(table.id), table.id);
    w.resource(
      'aws_route_table',
      name,
      vpc.slot,
      [
        ['vpc_id', ref('aws_vpc', vpc.name, 'id')],
        ['tags', tags(table)],
      ],
      table.routes.some((r) => r.target === 'local') ? ['Local routes are implicit in AWS and not written.'] : undefined,
    );
    tables.set(table.id, name);
    writeRoutes(w, vpc, name, table.id, `route table ${label(table)}`, table.routes, targets);
    if (table.main) {
      w.resource('aws_main_route_table_association', w.names.take('aws_main_route_table_association', vpc.name, vpc.vpc.id), vpc.slot, [
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
      w.warn(
        `Subnet ${label(subnet.subnet)} is left on its VPC's main route table: its route table ${tableId} was not exported${w.plan.routeTables.some((t) => t.id === tableId) ? '' : ' (it is not in the plan)'}.`,
      );
      continue;
    }
    w.resource('aws_route_table_association', w.names.take('aws_route_table_association', subnet.name, subnet.subnet.id), subnet.vpc.slot, [
      ['subnet_id', ref('aws_subnet', subnet.name, 'id')],
      ['route_table_id', ref('aws_route_table', table, 'id')],
    ]);
  }
  exportDerivedRouteTables(w, subnets, targets);
}

/** The subnets that follow derived routes, grouped as the routing engine groups them. */
function exportDerivedRouteTables(w: TerraformWriter, subnets: Map<string, ExportedSubnet>, targets: RouteTargets): void {
  const plan = w.plan;
  const vpcsWithMain = new Set(plan.routeTables.filter((t) => t.main).map((t) => t.vpcId));
  const followsOwnTable = (s: Subnet) => s.routeTableId !== undefined && plan.routeTables.some((t) => t.id === s.routeTableId && t.vpcId === s.vpcId);
  const groups = new Map<string, ExportedSubnet[]>();
  for (const exported of subnets.values()) {
    const s = exported.subnet;
    if (followsOwnTable(s) || vpcsWithMain.has(s.vpcId)) continue;
    if (!plan.settings.deriveRoutes) continue;
    const key = [s.vpcId, s.tier, s.tier === 'private' ? s.availabilityZone : '', exported.hasIpv6 ? 'ipv6' : ''].join('|');
    groups.set(key, [...(groups.get(key) ?? []), exported]);
  }
  const index = groups.size > 0 ? planIndexOf(plan) : undefined;
  let written = 0;
  const overBudget: string[] = [];
  for (const [key, members] of groups) {
    const first = members[0]!;
    const s = first.subnet;
    // The table the routing engine resolves for the subnet (the one `reach` uses): derived, since it has no other.
    const routes: Route[] = (effectiveRouteTable(index!, s.id)?.routes ?? [])
      .filter((r) => !r.implicit && r.target !== 'local')
      .map((r) =>
        r.targetId !== undefined ? { destination: r.destination, target: r.target, targetId: r.targetId } : { destination: r.destination, target: r.target },
      );
    const vpcLabel = first.vpc.vpc.name || first.vpc.vpc.id;
    if (routes.length > ROUTE_QUOTA_MAX) {
      w.warn(
        `Skipped the derived routes of the ${s.tier} subnets of VPC ${vpcLabel}: they number ${routes.length}, more than the ${ROUTE_QUOTA_MAX} a route table can hold (Amazon VPC quotas). Give these subnets a route table with summary routes (e.g. one route to the transit gateway for 10.0.0.0/8).`,
      );
      continue;
    }
    if (written + routes.length > DERIVED_ROUTES_BUDGET) {
      overBudget.push(`${s.tier} subnets of ${vpcLabel}`);
      continue;
    }
    written += routes.length;
    if (routes.length > ROUTE_QUOTA_DEFAULT) {
      w.warn(
        `The derived route table of the ${s.tier} subnets of VPC ${vpcLabel} has ${routes.length} routes, more than the default quota of ${ROUTE_QUOTA_DEFAULT} per route table: raise "Routes per route table" for the account (up to ${ROUTE_QUOTA_MAX}) or summarise the routes.`,
      );
    }
    const words = [w.id(s.vpcId), s.tier, s.tier === 'private' ? s.availabilityZone : '', first.hasIpv6 ? 'ipv6' : ''].filter(Boolean).join('_');
    const name = w.names.take('aws_route_table', `derived_${words}`, `derived|${key}`);
    const title = `${vpcLabel} ${s.tier}${s.tier === 'private' ? ` ${s.availabilityZone}` : ''} (derived)`;
    w.resource(
      'aws_route_table',
      name,
      first.vpc.slot,
      [
        ['vpc_id', ref('aws_vpc', first.vpc.name, 'id')],
        ['tags', hclMap([['Name', title]])],
      ],
      [
        `The routes VPC Planner derives for the ${s.tier} subnets of ${vpcLabel}${s.tier === 'private' ? ` in ${s.availabilityZone}` : ''} ("derive the obvious routes" is on).`,
      ],
    );
    writeRoutes(w, first.vpc, name, `derived|${key}`, `the derived route table ${title}`, routes, targets);
    for (const member of members) {
      w.resource('aws_route_table_association', w.names.take('aws_route_table_association', member.name, member.subnet.id), member.vpc.slot, [
        ['subnet_id', ref('aws_subnet', member.name, 'id')],
        ['route_table_id', ref('aws_route_table', name, 'id')],
      ]);
    }
  }
  if (overBudget.length > 0) {
    w.warn(
      `Skipped the derived routes of ${overBudget.length} group${overBudget.length === 1 ? '' : 's'} of subnets (${overBudget.slice(0, 5).join('; ')}${overBudget.length > 5 ? '; …' : ''}): the derived routes would pass ${DERIVED_ROUTES_BUDGET.toLocaleString('en-US')} in all. Give these VPCs route tables with summary routes (e.g. one route to the transit gateway for 10.0.0.0/8) and export again.`,
    );
  }
}
