/**
 * Can subnet A talk to subnet B? Follow the route for B's block from A's route table, hop
 * by hop, the way AWS forwards a packet, then do the same for the reply. The answer
 * names every object on the way, and where it stops, why, in words.
 */
import { formatCidr, type Cidr, type IpVersion } from '../cidr';
import type { Plan, Subnet, TgwAttachment, TgwRouteTable, TransitGateway } from '../plan/schema';
import {
  attachmentLabel,
  attachmentZones,
  capitalized,
  labelOf,
  peerOf,
  routeTargetLabel,
  routingModelOf,
  subnetBlock,
  vpcLabel,
  type RoutingModel,
} from './model';
import { resolveTable, type EffectiveRoute, type ResolvedTable } from './route-table';
import { tgwTableRouting, type TgwEffectiveRoute } from './transit-gateway';

export type HopKind =
  | 'subnet'
  | 'route-table'
  | 'peering'
  | 'transit-gateway'
  | 'tgw-route-table'
  | 'tgw-attachment'
  | 'vpc'
  | 'vpn-gateway'
  | 'external-network';

export interface Hop {
  kind: HopKind;
  id: string;
  label: string;
  note?: string;
}

export type ReachFailure =
  | 'same-subnet'
  | 'no-route'
  | 'non-transitive-peering'
  | 'pending-peering'
  | 'blackhole'
  | 'no-attachment-in-az'
  | 'missing-attachment'
  | 'no-tgw-route'
  | 'no-return-route'
  | 'no-address'
  | 'unknown-subnet';

export type ReachResult = { reachable: true; path: Hop[]; returnPath?: Hop[] } | { reachable: false; code: ReachFailure; reason: string; path: Hop[] };

type Leg = { ok: true; path: Hop[] } | { ok: false; code: ReachFailure; reason: string; path: Hop[] };

export function reach(plan: Plan, fromSubnetId: string, toSubnetId: string): ReachResult {
  return reachIn(routingModelOf(plan), fromSubnetId, toSubnetId);
}

export function reachIn(model: RoutingModel, fromSubnetId: string, toSubnetId: string, legs?: LegCache): ReachResult {
  const from = model.index.subnetById.get(fromSubnetId);
  const to = model.index.subnetById.get(toSubnetId);
  if (!from || !to) {
    const missing = [!from ? fromSubnetId : undefined, !to ? toSubnetId : undefined].filter((id) => id !== undefined);
    return { reachable: false, code: 'unknown-subnet', reason: `There is no subnet with id ${missing.join(' or ')} in the plan.`, path: [] };
  }
  if (from.id === to.id) {
    return {
      reachable: false,
      code: 'same-subnet',
      reason: `${capitalized(subnetName(from))} is both the source and the destination; pick two different subnets.`,
      path: [subnetHop(from)],
    };
  }
  const version = commonVersion(model, from, to);
  if (version === undefined) {
    return {
      reachable: false,
      code: 'no-address',
      reason: `${capitalized(subnetName(from))} and ${subnetName(to)} share no address family with a valid block (one is IPv4-only, the other IPv6-only, or a block is missing or malformed), so no packet can pass between them.`,
      path: [subnetHop(from)],
    };
  }
  const leg = (a: Subnet, b: Subnet): Leg => {
    const key = `${a.id}\u0000${b.id}\u0000${version}`;
    let result = legs?.get(key);
    if (!result) {
      result = trace(model, a, b, subnetBlock(model, b, version) as Cidr);
      legs?.set(key, result);
    }
    return result;
  };
  const forward = leg(from, to);
  if (!forward.ok) return { reachable: false, code: forward.code, reason: forward.reason, path: forward.path };
  const back = leg(to, from);
  if (!back.ok) {
    return {
      reachable: false,
      code: 'no-return-route',
      reason: `${capitalized(subnetName(from))} can send to ${subnetName(to)}, but the replies cannot come back: ${back.reason}`,
      path: forward.path,
    };
  }
  return { reachable: true, path: forward.path, returnPath: back.path };
}

/** One direction's outcome per (source, destination, family): the matrix asks each leg twice (as forward and as return). */
type LegCache = Map<string, Leg>;

/** IPv4 when both subnets have it, else IPv6 when both have it (docs/network-rules.md#aws-subnets: IPv6-only subnets exist). */
export function commonVersion(model: RoutingModel, a: Subnet, b: Subnet): IpVersion | undefined {
  if (subnetBlock(model, a, 4) && subnetBlock(model, b, 4)) return 4;
  if (subnetBlock(model, a, 6) && subnetBlock(model, b, 6)) return 6;
  return undefined;
}

function trace(model: RoutingModel, source: Subnet, dest: Subnet, destBlock: Cidr): Leg {
  const path: Hop[] = [subnetHop(source)];
  const table = resolveTable(model, source);
  const route = table.match(destBlock);
  path.push(tableHop(table, route));
  const destText = formatCidr(destBlock);
  const what = `${destText} (${subnetName(dest)} in ${vpcLabel(model, dest.vpcId)})`;
  const sourceVpc = vpcLabel(model, source.vpcId);
  const fail = (code: ReachFailure, reason: string): Leg => ({ ok: false, code, reason, path });
  const arrive = (): Leg => {
    path.push({ kind: 'vpc', id: dest.vpcId, label: labelOf(model.index.vpcById.get(dest.vpcId), dest.vpcId), note: 'local route' });
    path.push(subnetHop(dest));
    return { ok: true, path };
  };

  if (!route) return noRoute(model, source, dest, table, what, path);
  switch (route.target) {
    case 'local':
      if (dest.vpcId === source.vpcId) return arrive();
      return fail(
        'no-route',
        `${capitalized(table.label)} (used by ${subnetName(source)}) matches ${what} with the local route ${route.destination}: the destination lies inside ${sourceVpc}'s own block, so the traffic never leaves ${sourceVpc}. Give the two VPCs blocks that do not overlap.`,
      );
    case 'peering':
      return throughPeering(model, source, dest, route, what, path, arrive);
    case 'transit-gateway':
      return throughTransitGateway(model, source, dest, destBlock, route, what, path, arrive);
    default:
      return fail(
        'no-route',
        `The most specific route for ${what} in ${table.label} (used by ${subnetName(source)}) is ${route.destination} to ${routeTargetLabel(model, route.target, route.targetId)}` +
          `, which leaves the network rather than leading to ${vpcLabel(model, dest.vpcId)}. Add a route for ${destText} via a peering or a transit gateway.`,
      );
  }
}

function noRoute(model: RoutingModel, source: Subnet, dest: Subnet, table: ResolvedTable, what: string, path: Hop[]): Leg {
  const noRouteText =
    table.source === 'implicit-local'
      ? `${capitalized(subnetName(source))} has ${table.label}, so it has no route to ${what}.`
      : `${capitalized(table.label)} (used by ${subnetName(source)}) has no route to ${what}.`;
  // Peering is not transitive (docs/network-rules.md#aws-vpc-peering): B and C both peered with A is the classic trap.
  const shared = commonPeer(model, source.vpcId, dest.vpcId);
  if (shared !== undefined) {
    return {
      ok: false,
      code: 'non-transitive-peering',
      path,
      reason: `${noRouteText} ${capitalized(vpcLabel(model, source.vpcId))} and ${vpcLabel(model, dest.vpcId)} are both peered with ${vpcLabel(model, shared)}, but peering is not transitive: traffic cannot pass through ${vpcLabel(model, shared)}. Peer the two VPCs directly, or attach both to a transit gateway.`,
    };
  }
  return {
    ok: false,
    code: 'no-route',
    path,
    reason: `${noRouteText} Add a route for it via a peering or a transit gateway that connects the two VPCs.`,
  };
}

function commonPeer(model: RoutingModel, a: string, b: string): string | undefined {
  const peersOfB = new Set<string>();
  for (const peering of model.peeringsByVpc.get(b) ?? []) {
    const peer = peerOf(peering, b);
    if (peer === a) return undefined; // a direct peering exists: not a transitivity problem
    if (peer !== undefined) peersOfB.add(peer);
  }
  for (const peering of model.peeringsByVpc.get(a) ?? []) {
    const peer = peerOf(peering, a);
    if (peer !== undefined && peer !== a && peer !== b && peersOfB.has(peer)) return peer;
  }
  return undefined;
}

function throughPeering(model: RoutingModel, source: Subnet, dest: Subnet, route: EffectiveRoute, what: string, path: Hop[], arrive: () => Leg): Leg {
  const fail = (code: ReachFailure, reason: string): Leg => ({ ok: false, code, reason, path });
  const sourceVpc = vpcLabel(model, source.vpcId);
  const peering = route.targetId === undefined ? undefined : model.peeringById.get(route.targetId);
  if (!peering) {
    return fail(
      'no-route',
      `The route for ${what} points to peering ${route.targetId ?? '(none given)'}, which is not in the plan. Point it at an existing peering connection.`,
    );
  }
  const peer = peerOf(peering, source.vpcId);
  const peeringName = `peering ${labelOf(peering)}`;
  if (peer === undefined) {
    return fail(
      'no-route',
      `The route for ${what} uses ${peeringName}, which connects ${vpcLabel(model, peering.requesterVpcId)} and ${vpcLabel(model, peering.accepterVpcId)}, not ${sourceVpc}. Use a peering of ${sourceVpc}.`,
    );
  }
  path.push({ kind: 'peering', id: peering.id, label: labelOf(peering), note: `${peering.status} peering to ${vpcLabel(model, peer)}` });
  if (peering.status !== 'active') {
    return fail(
      'pending-peering',
      `${capitalized(peeringName)} between ${sourceVpc} and ${vpcLabel(model, peer)} is still pending acceptance, and a pending peering carries no traffic. Have the owner of ${vpcLabel(model, peering.accepterVpcId)} accept it.`,
    );
  }
  if (peer !== dest.vpcId) {
    // docs/network-rules.md#aws-vpc-peering: not transitive, no edge-to-edge routing.
    return fail(
      'non-transitive-peering',
      `The route for ${what} sends it over ${peeringName} to ${vpcLabel(model, peer)}, but the destination is in ${vpcLabel(model, dest.vpcId)}. Peering is not transitive: ${vpcLabel(model, peer)} will not forward traffic from ${sourceVpc} to ${vpcLabel(model, dest.vpcId)}. Peer ${sourceVpc} with ${vpcLabel(model, dest.vpcId)} directly, or connect them through a transit gateway.`,
    );
  }
  return arrive();
}

function throughTransitGateway(
  model: RoutingModel,
  source: Subnet,
  dest: Subnet,
  destBlock: Cidr,
  route: EffectiveRoute,
  what: string,
  path: Hop[],
  arrive: () => Leg,
): Leg {
  const fail = (code: ReachFailure, reason: string): Leg => ({ ok: false, code, reason, path });
  const sourceVpc = vpcLabel(model, source.vpcId);
  const destVpc = vpcLabel(model, dest.vpcId);
  const tgw = route.targetId === undefined ? undefined : model.transitGatewayById.get(route.targetId);
  if (!tgw) {
    return fail(
      'no-route',
      `The route for ${what} points to transit gateway ${route.targetId ?? '(none given)'}, which is not in the plan. Point it at an existing transit gateway.`,
    );
  }
  const tgwName = `transit gateway ${labelOf(tgw)}`;
  path.push({ kind: 'transit-gateway', id: tgw.id, label: labelOf(tgw) });
  const own = vpcAttachmentOn(model, tgw, source.vpcId);
  if (!own) {
    return fail(
      'missing-attachment',
      `The route for ${what} sends it to ${tgwName}, but ${sourceVpc} has no attachment on ${tgwName}. Attach ${sourceVpc} to it, with one subnet in each availability zone.`,
    );
  }
  path.push(attachmentHop(model, own));
  // docs/network-rules.md#aws-transit-gateway: resources in an AZ without an attachment subnet cannot reach the TGW.
  if (!attachmentZones(model, own).has(source.availabilityZone)) {
    return fail(
      'no-attachment-in-az',
      `${capitalized(attachmentLabel(model, own))} has no subnet in ${source.availabilityZone}, so ${subnetName(source)} there cannot reach ${tgwName}. Add a subnet in ${source.availabilityZone} to the attachment.`,
    );
  }
  if (own.associatedRouteTableId === undefined) {
    return fail(
      'no-tgw-route',
      `${capitalized(attachmentLabel(model, own))} is not associated with any route table of ${tgwName}, so the gateway has no routes for its traffic. Associate it with a route table.`,
    );
  }
  const tgwTable = tgwTableRouting(model, tgw, own.associatedRouteTableId);
  if (!tgwTable) {
    return fail(
      'no-tgw-route',
      `${capitalized(attachmentLabel(model, own))} is associated with route table ${own.associatedRouteTableId}, which ${tgwName} does not have. Associate it with one of the gateway's route tables.`,
    );
  }
  const tgwRoute = tgwTable.match(destBlock);
  path.push(tgwTableHop(tgwTable.table, tgwRoute));
  const tableName = `route table ${labelOf(tgwTable.table)} of ${tgwName}`;
  if (!tgwRoute) {
    return fail(
      'no-tgw-route',
      `${capitalized(tableName)} (associated with ${attachmentLabel(model, own)}) has no route for ${what}. Propagate ${destVpc}'s attachment into it, or add a static route.`,
    );
  }
  if (tgwRoute.kind === 'blackhole') {
    return fail(
      'blackhole',
      `${capitalized(tableName)} drops traffic for ${what}: its most specific route is the blackhole ${tgwRoute.destination}. Remove the blackhole or add a more specific route to ${destVpc}'s attachment.`,
    );
  }
  const target = tgwRoute.attachmentId === undefined ? undefined : tgw.attachments.find((a) => a.id === tgwRoute.attachmentId);
  if (!target) {
    return fail(
      'missing-attachment',
      `${capitalized(tableName)} sends ${what} to attachment ${tgwRoute.attachmentId ?? '(none given)'}, which ${tgwName} does not have. Point the static route ${tgwRoute.destination} at an existing attachment.`,
    );
  }
  path.push(attachmentHop(model, target));
  if (target.type !== 'vpc' || target.vpcId !== dest.vpcId) {
    const destAttachment = vpcAttachmentOn(model, tgw, dest.vpcId);
    if (!destAttachment) {
      return fail(
        'missing-attachment',
        `${capitalized(tableName)} sends ${what} to ${attachmentLabel(model, target)}, and ${destVpc} has no attachment on ${tgwName}. Attach ${destVpc} to it and propagate the attachment into ${labelOf(tgwTable.table)}.`,
      );
    }
    return fail(
      'no-tgw-route',
      `${capitalized(tableName)} sends ${what} to ${attachmentLabel(model, target)} (${tgwRoute.from}), not to ${destVpc}'s ${attachmentLabel(model, destAttachment)}. Fix the route ${tgwRoute.destination} or give the table a more specific route to ${destVpc}.`,
    );
  }
  if (!attachmentZones(model, target).has(dest.availabilityZone)) {
    return fail(
      'no-attachment-in-az',
      `${capitalized(attachmentLabel(model, target))} has no subnet in ${dest.availabilityZone}, so ${subnetName(dest)} there cannot reach ${tgwName} to answer. Add a subnet in ${dest.availabilityZone} to the attachment.`,
    );
  }
  return arrive();
}

export function vpcAttachmentOn(model: RoutingModel, tgw: TransitGateway, vpcId: string): TgwAttachment | undefined {
  return model.vpcAttachmentsByVpc.get(vpcId)?.find((ref) => ref.tgw === tgw)?.attachment;
}

function subnetName(subnet: Subnet): string {
  return `subnet ${labelOf(subnet)}`;
}

function subnetHop(subnet: Subnet): Hop {
  const hop: Hop = { kind: 'subnet', id: subnet.id, label: labelOf(subnet) };
  const blocks = [subnet.ipv4Cidr, subnet.ipv6Cidr].filter((b) => b !== undefined && b !== '');
  if (blocks.length > 0) hop.note = `${blocks.join(', ')} in ${subnet.availabilityZone}`;
  return hop;
}

function tableHop(table: ResolvedTable, route: EffectiveRoute | undefined): Hop {
  const label = table.table ? labelOf(table.table) : table.source === 'derived' ? 'derived routes' : 'implicit local route';
  const hop: Hop = { kind: 'route-table', id: table.table?.id ?? table.key, label };
  hop.note = route
    ? `${route.destination} -> ${route.target}${route.targetId ? ` ${route.targetId}` : ''}${table.source === 'main' ? ' (main route table)' : ''}`
    : 'no matching route';
  return hop;
}

function tgwTableHop(table: TgwRouteTable, route: TgwEffectiveRoute | undefined): Hop {
  return {
    kind: 'tgw-route-table',
    id: table.id,
    label: labelOf(table),
    note: route ? `${route.destination} ${route.kind}${route.attachmentId ? ` -> ${route.attachmentId}` : ''} (${route.from})` : 'no matching route',
  };
}

function attachmentHop(model: RoutingModel, attachment: TgwAttachment): Hop {
  return { kind: 'tgw-attachment', id: attachment.id, label: labelOf(attachment), note: attachmentLabel(model, attachment) };
}

/** reachIn(...).reachable, without the path and the reasons. */
export function reaches(model: RoutingModel, from: Subnet, to: Subnet): boolean {
  if (from.id === to.id) return false;
  const version = commonVersion(model, from, to);
  if (version === undefined) return false;
  const toBlock = subnetBlock(model, to, version) as Cidr;
  const fromBlock = subnetBlock(model, from, version) as Cidr;
  return (
    legFollows(model, from, to, toBlock, resolveTable(model, from).match(toBlock)) &&
    legFollows(model, to, from, fromBlock, resolveTable(model, to).match(fromBlock))
  );
}

/** Whether trace() would arrive, given the route the source's table matched for the destination: the same checks, in the same order. */
export function legFollows(model: RoutingModel, source: Subnet, dest: Subnet, destBlock: Cidr, route: EffectiveRoute | undefined): boolean {
  if (!route) return false;
  switch (route.target) {
    case 'local':
      return dest.vpcId === source.vpcId;
    case 'peering': {
      const peering = route.targetId === undefined ? undefined : model.peeringById.get(route.targetId);
      return peering !== undefined && peering.status === 'active' && peerOf(peering, source.vpcId) === dest.vpcId;
    }
    case 'transit-gateway': {
      const tgw = route.targetId === undefined ? undefined : model.transitGatewayById.get(route.targetId);
      if (!tgw) return false;
      const own = vpcAttachmentOn(model, tgw, source.vpcId);
      if (!own || !attachmentZones(model, own).has(source.availabilityZone) || own.associatedRouteTableId === undefined) return false;
      const tgwRoute = tgwTableRouting(model, tgw, own.associatedRouteTableId)?.match(destBlock);
      if (!tgwRoute || tgwRoute.kind === 'blackhole' || tgwRoute.attachmentId === undefined) return false;
      const target = attachmentOn(tgw, tgwRoute.attachmentId);
      return target !== undefined && target.type === 'vpc' && target.vpcId === dest.vpcId && attachmentZones(model, target).has(dest.availabilityZone);
    }
    default:
      return false;
  }
}

const attachmentsById = new WeakMap<TransitGateway, Map<string, TgwAttachment>>();

/** An attachment of a gateway by id (the first with that id, as `attachments.find` gives). */
export function attachmentOn(tgw: TransitGateway, attachmentId: string): TgwAttachment | undefined {
  let byId = attachmentsById.get(tgw);
  if (!byId) {
    byId = new Map();
    for (const attachment of tgw.attachments) if (!byId.has(attachment.id)) byId.set(attachment.id, attachment);
    attachmentsById.set(tgw, byId);
  }
  return byId.get(attachmentId);
}
