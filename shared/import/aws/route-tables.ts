/**
 * Route tables and, from them, subnet tiers: the table that applies (its own, else the VPC
 * main table) decides: a route to an internet gateway = public, to a NAT gateway = private,
 * else isolated. Without route tables, MapPublicIpOnLaunch decides (true = public, false =
 * private). A route to igw-/eigw-/vgw- proves that gateway is attached to the table's VPC,
 * so a gateway that was not described is created from the route.
 */
import type { PlanInput, Route, Subnet, SubnetTier } from '../../plan/schema';
import type { AwsRoute, AwsRouteTable, Collected } from './collected';
import type { ImportedGateways } from './gateways';
import { lower, nameTag, plural } from './values';

export interface ImportedRouteTables {
  routeTables: NonNullable<PlanInput['routeTables']>;
  mainTableOf: Map<string, AwsRouteTable>;
  tableOfSubnet: Map<string, AwsRouteTable>;
}

/** What routes may point at, by kind. */
export interface RouteTargetIds {
  vpcIds: ReadonlySet<string>;
  subnetIds: ReadonlySet<string>;
  natIds: ReadonlySet<string>;
  peeringIds: ReadonlySet<string>;
  tgwIds: ReadonlySet<string>;
}

export function buildRouteTables(c: Collected, ids: RouteTargetIds, gateways: ImportedGateways, notes: string[]): ImportedRouteTables {
  const igwIds = new Set(gateways.internetGateways.map((g) => g.id));
  const eigwIds = new Set(gateways.egressOnlyGateways.map((g) => g.id));
  const routeTables: NonNullable<PlanInput['routeTables']> = [];
  const mainTableOf = new Map<string, AwsRouteTable>();
  const tableOfSubnet = new Map<string, AwsRouteTable>();
  for (const t of c.routeTables.values()) {
    if (!ids.vpcIds.has(t.VpcId)) {
      notes.push(`Skipped route table ${t.RouteTableId}: its VPC ${t.VpcId} is not in the import.`);
      continue;
    }
    const main = (t.Associations ?? []).some((a) => a.Main === true);
    if (main) mainTableOf.set(t.VpcId, t);
    for (const a of t.Associations ?? []) if (a.SubnetId !== undefined && ids.subnetIds.has(a.SubnetId)) tableOfSubnet.set(a.SubnetId, t);
    const routes: Route[] = [];
    for (const r of t.Routes ?? []) {
      const destination = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock;
      const where = `Route table ${t.RouteTableId}, route ${destination ?? r.DestinationPrefixListId ?? '?'}`;
      if (destination === undefined) {
        notes.push(`${where}: routes to a prefix list are not modelled; not imported.`);
        continue;
      }
      const target = routeTarget(r);
      if (lower(r.State) === 'blackhole') {
        notes.push(`${where} -> ${target && 'id' in target ? target.id : 'its target'} is a blackhole (the target no longer exists); not imported.`);
        continue;
      }
      if (!target) {
        notes.push(`${where}: its target (${describeOtherTarget(r)}) is not modelled; not imported.`);
        continue;
      }
      if (target.kind === 'local') {
        routes.push({ destination, target: 'local' });
        continue;
      }
      const known =
        target.kind === 'internet-gateway'
          ? igwIds
          : target.kind === 'egress-only-gateway'
            ? eigwIds
            : target.kind === 'vpn-gateway'
              ? new Set(gateways.vpnGateways.map((g) => g.id))
              : target.kind === 'nat-gateway'
                ? ids.natIds
                : target.kind === 'peering'
                  ? ids.peeringIds
                  : ids.tgwIds;
      if (!known.has(target.id)) {
        if (target.kind === 'internet-gateway' || target.kind === 'egress-only-gateway' || target.kind === 'vpn-gateway') {
          // A route can only name a gateway attached to the table's own VPC, so the gateway is known.
          const gateway = { id: target.id, name: target.id, vpcId: t.VpcId };
          if (target.kind === 'internet-gateway') {
            gateways.internetGateways.push(gateway);
            igwIds.add(target.id);
          } else if (target.kind === 'egress-only-gateway') {
            gateways.egressOnlyGateways.push(gateway);
            eigwIds.add(target.id);
          } else gateways.vpnGateways.push({ ...gateway, externalNetworkIds: [] });
          notes.push(
            `Created ${target.kind.replace(/-/g, ' ')} ${target.id} on VPC ${t.VpcId}: route table ${t.RouteTableId} routes to it, but it was not described.`,
          );
        } else {
          notes.push(`${where} -> ${target.id}: that ${target.kind.replace(/-/g, ' ')} is not in the import; route not imported.`);
          continue;
        }
      }
      routes.push({ destination, target: target.kind, targetId: target.id });
    }
    routeTables.push({ id: t.RouteTableId, name: nameTag(t.Tags) ?? t.RouteTableId, vpcId: t.VpcId, main, routes });
  }
  return { routeTables, mainTableOf, tableOfSubnet };
}

/** Sets each subnet's route table and tier, and says how the tiers were found. */
export function assignTiers(c: Collected, subnets: Subnet[], tables: ImportedRouteTables, notes: string[]): void {
  const tierCounts: Record<SubnetTier, number> = { public: 0, private: 0, isolated: 0 };
  const guessed: string[] = [];
  for (const s of subnets) {
    const own = tables.tableOfSubnet.get(s.id);
    if (own) s.routeTableId = own.RouteTableId;
    const table = own ?? tables.mainTableOf.get(s.vpcId);
    if (table) {
      s.tier = tierFromRoutes(table.Routes ?? []);
      tierCounts[s.tier]++;
    } else {
      s.tier = c.subnets.get(s.id)?.MapPublicIpOnLaunch === true ? 'public' : 'private';
      guessed.push(s.id);
    }
  }
  const inferred = tierCounts.public + tierCounts.private + tierCounts.isolated;
  if (inferred > 0)
    notes.push(
      `Subnet tiers inferred from route tables for ${plural(inferred, 'subnet')}: ${tierCounts.public} public (a route to an internet gateway), ${tierCounts.private} private (a route to a NAT gateway), ${tierCounts.isolated} isolated (neither).`,
    );
  if (guessed.length > 0)
    notes.push(
      `No route table in the import for ${plural(guessed.length, 'subnet')} (${guessed.join(', ')}): tier guessed from MapPublicIpOnLaunch (true = public, false = private). Import describe-route-tables to infer it from the routes.`,
    );
}

type Target = { kind: 'local' } | { kind: Exclude<Route['target'], 'local'>; id: string };
/** The route's target, from whichever field the output set (EC2 API reference, `Route`). */
function routeTarget(r: AwsRoute): Target | undefined {
  if (r.GatewayId === 'local') return { kind: 'local' };
  if (r.GatewayId?.startsWith('igw-')) return { kind: 'internet-gateway', id: r.GatewayId };
  if (r.GatewayId?.startsWith('vgw-')) return { kind: 'vpn-gateway', id: r.GatewayId };
  if (r.NatGatewayId) return { kind: 'nat-gateway', id: r.NatGatewayId };
  if (r.EgressOnlyInternetGatewayId) return { kind: 'egress-only-gateway', id: r.EgressOnlyInternetGatewayId };
  if (r.VpcPeeringConnectionId) return { kind: 'peering', id: r.VpcPeeringConnectionId };
  if (r.TransitGatewayId) return { kind: 'transit-gateway', id: r.TransitGatewayId };
  return undefined;
}

function describeOtherTarget(r: AwsRoute): string {
  return r.GatewayId ?? r.InstanceId ?? r.NetworkInterfaceId ?? r.LocalGatewayId ?? r.CarrierGatewayId ?? r.CoreNetworkArn ?? 'none given';
}

function tierFromRoutes(routes: readonly AwsRoute[]): SubnetTier {
  const live = routes.filter((r) => lower(r.State) !== 'blackhole');
  if (live.some((r) => r.GatewayId?.startsWith('igw-'))) return 'public';
  if (live.some((r) => r.NatGatewayId !== undefined)) return 'private';
  return 'isolated';
}
