/**
 * Every connection of an object, as the inspector lists it: peerings, transit gateway
 * attachments, service network associations, VPN gateways, and the routes that send traffic
 * out of a VPC (to a peer, a transit gateway or a VPN). Each names the object at the other
 * end, so the user can go there, and the object that makes the connection, so they can
 * select it.
 */
import { associationId, findObject, nameOf, type FoundObject } from './objects';
import type { Plan, RouteTarget, TgwAttachment, TransitGateway } from './schema';

export type PlanConnectionKind = 'peering' | 'attachment' | 'vpn-attachment' | 'tgw-peering' | 'association' | 'vpn-gateway' | 'route';

export interface PlanConnection {
  kind: PlanConnectionKind;
  /** What makes the connection: the peering, attachment, association, VPN gateway or route table. */
  via: string;
  /** The object at the other end. */
  otherId: string;
  /** In the user's words, e.g. "Peering with dev-app", "Route table prod-rt: 10.0.0.0/8 → hub". */
  label: string;
}

const ATTACHMENT_WORDS = { vpc: 'VPC attachment', vpn: 'Site-to-site VPN', 'direct-connect': 'Direct Connect', peering: 'TGW peering' } as const;

type NameOf = (id: string) => string;

/** The connections of the object with this id; none for an id that is not in the plan. */
export function connectionsOf(plan: Plan, id: string): PlanConnection[] {
  const found = findObject(plan, id);
  if (!found) return [];
  const name: NameOf = (objectId) => {
    const other = findObject(plan, objectId);
    return other ? nameOf(other) : objectId;
  };
  return ofObject(plan, found, name).filter((c) => findObject(plan, c.otherId) !== undefined);
}

function ofObject(plan: Plan, found: FoundObject, name: NameOf): PlanConnection[] {
  const id = found.object.id;
  switch (found.kind) {
    case 'vpc':
      return ofVpc(plan, id, name);
    case 'subnet':
      return plan.transitGateways.flatMap((tgw) =>
        tgw.attachments
          .filter((a) => a.subnetIds.includes(id))
          .map((a): PlanConnection => ({ kind: 'attachment', via: a.id, otherId: tgw.id, label: `Carries the attachment to ${name(tgw.id)}` })),
      );
    case 'transitGateway':
      return ofTransitGateway(plan, found.object, name);
    case 'serviceNetwork':
      return found.object.vpcIds.map((vpcId) => ({
        kind: 'association',
        via: associationId(id, vpcId),
        otherId: vpcId,
        label: `Associated VPC ${name(vpcId)}`,
      }));
    case 'externalNetwork':
      return ofExternalNetwork(plan, id, name);
    default:
      return endsOf(plan, found, name);
  }
}

function ofVpc(plan: Plan, id: string, name: NameOf): PlanConnection[] {
  const out: PlanConnection[] = [];
  for (const p of plan.peerings) {
    const other = p.requesterVpcId === id ? p.accepterVpcId : p.accepterVpcId === id ? p.requesterVpcId : undefined;
    if (other !== undefined)
      out.push({ kind: 'peering', via: p.id, otherId: other, label: `Peering with ${name(other)}${p.status === 'pending' ? ' (pending)' : ''}` });
  }
  for (const tgw of plan.transitGateways) {
    for (const a of tgw.attachments)
      if (a.type === 'vpc' && a.vpcId === id) out.push({ kind: 'attachment', via: a.id, otherId: tgw.id, label: `Attached to ${name(tgw.id)}` });
  }
  for (const network of plan.serviceNetworks) {
    if (network.vpcIds.includes(id))
      out.push({ kind: 'association', via: associationId(network.id, id), otherId: network.id, label: `Associated with ${name(network.id)}` });
  }
  for (const gateway of plan.vpnGateways) {
    if (gateway.vpcId !== id) continue;
    for (const ext of gateway.externalNetworkIds)
      out.push({ kind: 'vpn-gateway', via: gateway.id, otherId: ext, label: `VPN to ${name(ext)} (virtual private gateway)` });
  }
  for (const table of plan.routeTables) {
    if (table.vpcId !== id) continue;
    for (const route of routesOut(plan, id, table.routes)) {
      out.push({
        kind: 'route',
        via: table.id,
        otherId: route.otherId,
        label: `Route table ${table.name || table.id}: ${route.destinations.join(', ')} → ${name(route.otherId)}`,
      });
    }
  }
  return out;
}

function ofTransitGateway(plan: Plan, tgw: TransitGateway, name: NameOf): PlanConnection[] {
  const out: PlanConnection[] = [];
  for (const a of tgw.attachments) {
    const other = a.vpcId ?? a.externalNetworkId ?? a.peerTransitGatewayId;
    if (other === undefined) continue;
    out.push({ kind: attachmentKind(a), via: a.id, otherId: other, label: `${ATTACHMENT_WORDS[a.type]}: ${name(other)}` });
  }
  for (const peer of plan.transitGateways) {
    if (peer.id === tgw.id) continue;
    for (const a of peer.attachments)
      if (a.peerTransitGatewayId === tgw.id) out.push({ kind: 'tgw-peering', via: a.id, otherId: peer.id, label: `TGW peering: ${name(peer.id)}` });
  }
  for (const table of plan.routeTables) {
    const destinations = table.routes.filter((r) => r.target === 'transit-gateway' && r.targetId === tgw.id).map((r) => r.destination);
    if (destinations.length)
      out.push({
        kind: 'route',
        via: table.id,
        otherId: table.vpcId,
        label: `Route table ${table.name || table.id} of ${name(table.vpcId)}: ${destinations.join(', ')}`,
      });
  }
  return out;
}

function ofExternalNetwork(plan: Plan, id: string, name: NameOf): PlanConnection[] {
  const out: PlanConnection[] = [];
  for (const tgw of plan.transitGateways) {
    for (const a of tgw.attachments)
      if (a.externalNetworkId === id) out.push({ kind: 'vpn-attachment', via: a.id, otherId: tgw.id, label: `${ATTACHMENT_WORDS[a.type]} to ${name(tgw.id)}` });
  }
  for (const gateway of plan.vpnGateways) {
    if (gateway.externalNetworkIds.includes(id))
      out.push({ kind: 'vpn-gateway', via: gateway.id, otherId: gateway.vpcId, label: `VPN to ${name(gateway.vpcId)} (virtual private gateway)` });
  }
  return out;
}

/** A connection itself: its two (or more) ends. */
function endsOf(plan: Plan, found: FoundObject, name: NameOf): PlanConnection[] {
  const id = found.object.id;
  switch (found.kind) {
    case 'peering': {
      const { requesterVpcId, accepterVpcId } = found.object;
      return [
        { kind: 'peering', via: id, otherId: requesterVpcId, label: `Requester ${name(requesterVpcId)}` },
        { kind: 'peering', via: id, otherId: accepterVpcId, label: `Accepter ${name(accepterVpcId)}` },
      ];
    }
    case 'tgwAttachment': {
      const a = found.object;
      const out: PlanConnection[] = [
        { kind: 'attachment', via: id, otherId: found.transitGateway.id, label: `Transit gateway ${name(found.transitGateway.id)}` },
      ];
      const other = a.vpcId ?? a.externalNetworkId ?? a.peerTransitGatewayId;
      if (other !== undefined) out.push({ kind: attachmentKind(a), via: id, otherId: other, label: name(other) });
      return out;
    }
    case 'association':
      return [
        { kind: 'association', via: id, otherId: found.object.vpcId, label: `VPC ${name(found.object.vpcId)}` },
        { kind: 'association', via: id, otherId: found.object.serviceNetworkId, label: `Service network ${name(found.object.serviceNetworkId)}` },
      ];
    case 'vpnGateway': {
      const gateway = plan.vpnGateways.find((g) => g.id === id);
      return [
        { kind: 'vpn-gateway', via: id, otherId: found.object.vpcId, label: `VPC ${name(found.object.vpcId)}` },
        ...(gateway?.externalNetworkIds ?? []).map(
          (ext): PlanConnection => ({ kind: 'vpn-gateway', via: id, otherId: ext, label: `External network ${name(ext)}` }),
        ),
      ];
    }
    default:
      return [];
  }
}

function attachmentKind(a: TgwAttachment): PlanConnectionKind {
  return a.type === 'vpc' ? 'attachment' : a.type === 'peering' ? 'tgw-peering' : 'vpn-attachment';
}

/** A VPC table's routes that leave the VPC, grouped by the object they lead to (a peer VPC, a transit gateway, an external network). */
function routesOut(
  plan: Plan,
  vpcId: string,
  routes: ReadonlyArray<{ destination: string; target: RouteTarget; targetId?: string }>,
): Array<{ otherId: string; destinations: string[] }> {
  const byOther = new Map<string, string[]>();
  const add = (otherId: string | undefined, destination: string) => {
    if (otherId === undefined) return;
    const list = byOther.get(otherId);
    if (list) list.push(destination);
    else byOther.set(otherId, [destination]);
  };
  for (const route of routes) {
    if (route.target === 'transit-gateway') add(route.targetId, route.destination);
    else if (route.target === 'peering') {
      const p = plan.peerings.find((x) => x.id === route.targetId);
      add(p?.requesterVpcId === vpcId ? p.accepterVpcId : p?.accepterVpcId === vpcId ? p.requesterVpcId : undefined, route.destination);
    } else if (route.target === 'vpn-gateway') {
      for (const ext of plan.vpnGateways.find((g) => g.id === route.targetId)?.externalNetworkIds ?? []) add(ext, route.destination);
    }
  }
  return [...byOther].map(([otherId, destinations]) => ({ otherId, destinations }));
}
