/**
 * How a subnet reaches the internet, per address family: public (its internet-bound route
 * goes to its own VPC's internet gateway), outbound only (through a working NAT gateway or
 * an egress-only gateway), or isolated. docs/network-rules.md#aws-nat-gateway and docs/network-rules.md#aws-vpc-peering:
 * a NAT gateway can be reached through a transit gateway but not through a peering, and a
 * private NAT gateway's traffic to an internet gateway is dropped.
 *
 * Results are memoized per route table (and AZ, when a transit gateway is involved), so the
 * rules pay once per table, not once per subnet.
 */
import type { IpVersion } from '../cidr';
import type { PlanIndex } from '../plan/plan-index';
import type { NatGateway, Subnet } from '../plan/schema';
import {
  attachmentZones,
  cached,
  labelOf,
  natVpcId,
  peerOf,
  replayReads,
  routingModel,
  subnetBlock,
  subnetOf,
  vpcLabel,
  withReads,
  type RoutingModel,
  type SubnetReads,
} from './model';
import { DEFAULT_ROUTE, resolveTable, type EffectiveRoute, type ResolvedTable } from './route-table';
import { tgwTableRouting } from './transit-gateway';

export type ExposureKind = 'public' | 'outbound-only' | 'isolated';

export interface FamilyExposure {
  kind: ExposureKind;
  /** False when the subnet has no valid block of this family (then kind is 'isolated'). */
  hasAddress: boolean;
  /** Ids of the gateways (and transit gateway, attachment) the internet-bound traffic passes. */
  via: string[];
  explanation: string;
}

export interface InternetExposure {
  kind: ExposureKind;
  ipv4: FamilyExposure;
  ipv6: FamilyExposure;
  via?: string[];
  explanation: string;
}

const RANK: Record<ExposureKind, number> = { isolated: 0, 'outbound-only': 1, public: 2 };
const DEFAULT_TEXT: Record<IpVersion, string> = { 4: '0.0.0.0/0', 6: '::/0' };

/** How a subnet reaches the internet; undefined for an unknown subnet. */
export function internetExposure(index: PlanIndex, subnetId: string): InternetExposure | undefined {
  const subnet = index.subnetById.get(subnetId);
  if (!subnet) return undefined;
  return subnetExposure(routingModel(index), subnet);
}

export function subnetExposure(model: RoutingModel, subnet: Subnet): InternetExposure {
  const ipv4 = familyExposureOf(model, subnet, 4);
  const ipv6 = familyExposureOf(model, subnet, 6);
  const withAddress = [ipv4, ipv6].filter((f) => f.hasAddress);
  let kind: ExposureKind = 'isolated';
  for (const family of withAddress) if (RANK[family.kind] > RANK[kind]) kind = family.kind;
  const via = [...new Set(withAddress.flatMap((f) => f.via))];
  const name = `Subnet ${labelOf(subnet)}`;
  const explanation =
    withAddress.length === 0 ? `${name} has no valid IPv4 or IPv6 block, so it has no internet access.` : withAddress.map((f) => f.explanation).join(' ');
  const result: InternetExposure = { kind, ipv4, ipv6, explanation };
  if (via.length > 0) result.via = via;
  return result;
}

export function familyExposureOf(model: RoutingModel, subnet: Subnet, version: IpVersion): FamilyExposure {
  if (!subnetBlock(model, subnet, version)) {
    return { kind: 'isolated', hasAddress: false, via: [], explanation: `Subnet ${labelOf(subnet)} has no IPv${version} block.` };
  }
  return familyExposureWith(model, subnet, resolveTable(model, subnet), version);
}

/** familyExposureOf for a subnet with a valid block of `version` whose table the caller has resolved already. */
export function familyExposureWith(model: RoutingModel, subnet: Subnet, table: ResolvedTable, version: IpVersion): FamilyExposure {
  const route = table.defaultRoute(version);
  // Only the transit gateway path depends on the subnet's AZ (attachment coverage).
  const zone = route?.target === 'transit-gateway' ? subnet.availabilityZone : '';
  // Per table and family, then by zone: no key string is built per subnet, and a table whose
  // exposure does not depend on the zone (nearly all) keeps no map.
  let byFamily = model.objectCache.get(table) as TableExposures | undefined;
  if (!byFamily) {
    byFamily = { 4: undefined, 6: undefined, zoned4: undefined, zoned6: undefined };
    model.objectCache.set(table, byFamily);
  }
  const zoned = zone === '' ? undefined : zonedExposures(byFamily, version);
  let result = zoned ? zoned.get(zone) : byFamily[version];
  if (result) replayReads(model, result.reads);
  else {
    result = withReads(model, () => evaluate(model, table, route, subnet.availabilityZone, version));
    if (zoned) zoned.set(zone, result);
    else byFamily[version] = result;
  }
  return result.value;
}

type Exposure = { value: FamilyExposure; reads: SubnetReads };

/** A table's exposures of one family by zone, made on first use. */
function zonedExposures(byFamily: TableExposures, version: IpVersion): Map<string, Exposure> {
  const key = version === 4 ? 'zoned4' : 'zoned6';
  let zoned = byFamily[key];
  if (!zoned) {
    zoned = new Map();
    byFamily[key] = zoned;
  }
  return zoned;
}

/** A table's exposures by family: one when the zone does not matter, else by zone. */
interface TableExposures {
  4: Exposure | undefined;
  6: Exposure | undefined;
  zoned4: Map<string, Exposure> | undefined;
  zoned6: Map<string, Exposure> | undefined;
}

function isolated(explanation: string, via: string[] = []): FamilyExposure {
  return { kind: 'isolated', hasAddress: true, via, explanation };
}

function evaluate(model: RoutingModel, table: ResolvedTable, route: EffectiveRoute | undefined, zone: string, version: IpVersion): FamilyExposure {
  const family = `IPv${version}`;
  const dest = DEFAULT_TEXT[version];
  if (!route) {
    return isolated(
      table.source === 'implicit-local'
        ? `${family}: the subnet has ${table.label}, so it has no route for ${dest} and is isolated from the internet.`
        : `${family}: ${table.label} has no route for ${dest}, so the subnet is isolated from the internet.`,
    );
  }
  const vpcId = table.vpcId;
  const via = (...ids: string[]): string[] => ids;
  const intro = `${family}: ${table.label} sends ${dest}`;
  switch (route.target) {
    case 'internet-gateway': {
      const igw = route.targetId === undefined ? undefined : model.internetGatewayById.get(route.targetId);
      if (!igw) return isolated(`${intro} to internet gateway ${route.targetId ?? '(none given)'}, which is not in the plan.`);
      if (igw.vpcId !== vpcId) {
        return isolated(
          `${intro} to internet gateway ${labelOf(igw)}, which belongs to ${vpcLabel(model, igw.vpcId)}; a route table can use only its own VPC's internet gateway.`,
        );
      }
      return { kind: 'public', hasAddress: true, via: via(igw.id), explanation: `${intro} to internet gateway ${labelOf(igw)}: public.` };
    }
    case 'nat-gateway': {
      const nat = route.targetId === undefined ? undefined : model.natGatewayById.get(route.targetId);
      if (!nat) return isolated(`${intro} to NAT gateway ${route.targetId ?? '(none given)'}, which is not in the plan.`);
      if (version === 6) {
        return isolated(
          `${intro} to NAT gateway ${labelOf(nat)}, but a NAT gateway translates IPv6 only for NAT64 (64:ff9b::/96); send ::/0 to an egress-only internet gateway.`,
        );
      }
      const natVpc = natVpcId(model, nat);
      if (natVpc !== vpcId) {
        const peered = natVpc !== undefined && (model.peeringsByVpc.get(vpcId) ?? []).some((p) => peerOf(p, vpcId) === natVpc);
        return isolated(
          `${intro} to NAT gateway ${labelOf(nat)}, which is in ${natVpc === undefined ? 'no known VPC' : vpcLabel(model, natVpc)}, not ${vpcLabel(model, vpcId)}.` +
            (peered
              ? ' Traffic cannot reach a NAT gateway through VPC peering (no edge-to-edge routing); use a transit gateway to a shared egress VPC, or a NAT gateway in this VPC.'
              : ''),
        );
      }
      const egress = natEgress(model, nat);
      return egress.ok
        ? { kind: 'outbound-only', hasAddress: true, via: via(nat.id, egress.igwId), explanation: `${intro} to NAT gateway ${labelOf(nat)}: outbound only.` }
        : isolated(`${intro} to NAT gateway ${labelOf(nat)}, but ${egress.reason}`, via(nat.id));
    }
    case 'egress-only-gateway': {
      const gateway = route.targetId === undefined ? undefined : model.egressOnlyById.get(route.targetId);
      if (!gateway) return isolated(`${intro} to egress-only gateway ${route.targetId ?? '(none given)'}, which is not in the plan.`);
      if (version === 4) return isolated(`${intro} to egress-only gateway ${labelOf(gateway)}, which carries IPv6 only.`);
      if (gateway.vpcId !== vpcId) return isolated(`${intro} to egress-only gateway ${labelOf(gateway)}, which belongs to ${vpcLabel(model, gateway.vpcId)}.`);
      return {
        kind: 'outbound-only',
        hasAddress: true,
        via: via(gateway.id),
        explanation: `${intro} to egress-only internet gateway ${labelOf(gateway)}: outbound only.`,
      };
    }
    case 'peering': {
      const peering = route.targetId === undefined ? undefined : model.peeringById.get(route.targetId);
      const peer = peering ? peerOf(peering, vpcId) : undefined;
      return isolated(
        `${intro} over peering ${peering ? labelOf(peering) : (route.targetId ?? '(none given)')}${peer ? ` to ${vpcLabel(model, peer)}` : ''}, but a peer cannot use the other VPC's internet gateway or NAT gateway (no edge-to-edge routing), so the traffic is dropped.`,
      );
    }
    case 'vpn-gateway':
      return isolated(
        `${intro} to VPN gateway ${labelOf(route.targetId === undefined ? undefined : model.vpnGatewayById.get(route.targetId), route.targetId ?? '(none given)')}; whether it reaches the internet from the far side is outside the plan.`,
      );
    case 'transit-gateway':
      return throughTransitGateway(model, vpcId, route, zone, version, intro);
    case 'local':
      return isolated(`${intro} to the local route: it never leaves the VPC.`);
  }
}

/**
 * Why a NAT gateway cannot reach the internet, as data, so a finding's fix can say what to
 * change for this case (a private gateway, a subnet that is not public, a VPC without an
 * internet gateway, a subnet without a route table) instead of one sentence for all.
 */
export type NatEgressProblem = { kind: 'private' } | { kind: 'unknown-subnet' } | { kind: 'no-internet-route'; subnet: Subnet; table: ResolvedTable };

export type NatEgress = { ok: true; igwId: string } | { ok: false; reason: string; problem: NatEgressProblem };

/** Whether a NAT gateway can itself reach the internet: public connectivity, in a subnet whose 0.0.0.0/0 goes to its VPC's internet gateway. */
export function natEgress(model: RoutingModel, nat: NatGateway): NatEgress {
  return cached(model, `nat-egress:${nat.id}`, (): NatEgress => {
    if (nat.connectivity === 'private') {
      return {
        ok: false,
        problem: { kind: 'private' },
        reason: `${labelOf(nat)} is a private NAT gateway: it has no Elastic IP, and its traffic to an internet gateway is dropped.`,
      };
    }
    const subnet = subnetOf(model, nat.subnetId);
    if (!subnet) return { ok: false, problem: { kind: 'unknown-subnet' }, reason: `it sits in subnet ${nat.subnetId}, which is not in the plan.` };
    const table = resolveTable(model, subnet);
    const route = table.defaultRoute(4);
    const igw = route?.target === 'internet-gateway' && route.targetId !== undefined ? model.internetGatewayById.get(route.targetId) : undefined;
    if (!igw || igw.vpcId !== subnet.vpcId) {
      const vpc = vpcLabel(model, subnet.vpcId);
      const follows = table.source === 'implicit-local' ? `which has ${table.label}` : `which follows ${table.label}`;
      return {
        ok: false,
        problem: { kind: 'no-internet-route', subnet, table },
        reason: `it sits in subnet ${labelOf(subnet)}, ${follows}, with no 0.0.0.0/0 route to an internet gateway of ${vpc}.`,
      };
    }
    return { ok: true, igwId: igw.id };
  });
}

function throughTransitGateway(model: RoutingModel, vpcId: string, route: EffectiveRoute, zone: string, version: IpVersion, intro: string): FamilyExposure {
  const tgw = route.targetId === undefined ? undefined : model.transitGatewayById.get(route.targetId);
  if (!tgw) return isolated(`${intro} to transit gateway ${route.targetId ?? '(none given)'}, which is not in the plan.`);
  const start = `${intro} to transit gateway ${labelOf(tgw)}`;
  const own = model.vpcAttachmentsByVpc.get(vpcId)?.find((ref) => ref.tgw === tgw)?.attachment;
  if (!own) return isolated(`${start}, but ${vpcLabel(model, vpcId)} has no attachment on it.`, [tgw.id]);
  if (!attachmentZones(model, own).has(zone))
    return isolated(`${start}, but its attachment ${labelOf(own)} has no subnet in ${zone}, so the subnet cannot reach the gateway.`, [tgw.id]);
  const table = own.associatedRouteTableId === undefined ? undefined : tgwTableRouting(model, tgw, own.associatedRouteTableId);
  if (!table) return isolated(`${start}, but attachment ${labelOf(own)} has no associated route table there.`, [tgw.id]);
  const tgwRoute = table.match(DEFAULT_ROUTE[version]);
  if (!tgwRoute) return isolated(`${start}, whose route table ${labelOf(table.table)} has no route for ${DEFAULT_TEXT[version]}.`, [tgw.id]);
  if (tgwRoute.kind === 'blackhole') return isolated(`${start}, whose route table ${labelOf(table.table)} blackholes ${tgwRoute.destination}.`, [tgw.id]);
  const target = tgw.attachments.find((a) => a.id === tgwRoute.attachmentId);
  if (!target || target.type !== 'vpc' || target.vpcId === undefined || target.vpcId === vpcId) {
    return isolated(
      `${start}, whose route table ${labelOf(table.table)} sends it to ${target ? `attachment ${labelOf(target)}` : `attachment ${tgwRoute.attachmentId ?? '(none given)'}, which is not on the gateway`}, not to an egress VPC.`,
      [tgw.id],
    );
  }
  // In the egress VPC, the attachment subnet's route table decides: it must lead to a NAT
  // gateway (IPv4) or an egress-only gateway (IPv6) there. Same AZ first, as AWS keeps traffic in the AZ.
  const egressVpc = vpcLabel(model, target.vpcId);
  const attachmentSubnets = target.subnetIds.map((id) => subnetOf(model, id)).filter((s): s is Subnet => s !== undefined && s.vpcId === target.vpcId);
  const landing = attachmentSubnets.find((s) => s.availabilityZone === zone) ?? attachmentSubnets[0];
  if (!landing) return isolated(`${start} and on to ${egressVpc}, but that attachment has no subnets to land in.`, [tgw.id, target.id]);
  const next = resolveTable(model, landing).defaultRoute(version);
  const path = [tgw.id, target.id];
  if (version === 4 && next?.target === 'nat-gateway') {
    const nat = next.targetId === undefined ? undefined : model.natGatewayById.get(next.targetId);
    if (nat && natVpcId(model, nat) === target.vpcId) {
      const egress = natEgress(model, nat);
      if (egress.ok) {
        return {
          kind: 'outbound-only',
          hasAddress: true,
          via: [...path, nat.id, egress.igwId],
          explanation: `${start}, on to ${egressVpc} and its NAT gateway ${labelOf(nat)}: outbound only.`,
        };
      }
      return isolated(`${start}, on to ${egressVpc} and its NAT gateway ${labelOf(nat)}, but ${egress.reason}`, [...path, nat.id]);
    }
  }
  if (version === 6 && (next?.target === 'egress-only-gateway' || next?.target === 'internet-gateway')) {
    const ok =
      next.targetId !== undefined &&
      (next.target === 'egress-only-gateway' ? model.egressOnlyById.get(next.targetId)?.vpcId : model.internetGatewayById.get(next.targetId)?.vpcId) ===
        target.vpcId;
    if (ok)
      return {
        kind: 'outbound-only',
        hasAddress: true,
        via: [...path, next.targetId as string],
        explanation: `${start}, on to ${egressVpc} and its ${next.target.replace(/-/g, ' ')}: outbound only.`,
      };
  }
  const nextText = next ? `${next.target.replace(/-/g, ' ')}${next.targetId ? ` ${next.targetId}` : ''}` : 'nowhere (no default route)';
  return isolated(
    `${start}, on to ${egressVpc}, where the attachment subnet ${labelOf(landing)} sends ${DEFAULT_TEXT[version]} to ${nextText}; ${version === 4 ? 'it must go to a working NAT gateway of that VPC' : 'it must go to an egress-only gateway of that VPC'}.`,
    path,
  );
}
