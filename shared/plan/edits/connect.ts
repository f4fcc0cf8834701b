/**
 * What a drag from one node to another means, as one edit: VPC-VPC is a peering, VPC-TGW an
 * attachment, VPC-service network an association, external network-TGW a VPN attachment,
 * TGW-TGW a TGW peering attachment, VPC-external network a virtual private gateway.
 *
 * `canConnect` is the rule alone (which pairs may connect, and why not), so the canvas can
 * light up the valid targets while the user drags and the inspector can list them in its
 * pickers; `connect` makes the connection it allows.
 */
import type { PeeringConnection, Plan, ServiceNetwork, Subnet, SubnetTier, TgwAttachment, TransitGateway } from '../schema';
import { idMaker, type NewId } from './ids';
import { associationId, describeKind, findObject, fitName, nameOf, type FoundObject } from '../objects';
import { updateObject } from './update';

export type ConnectResult = { ok: true; plan: Plan; created: string } | { ok: false; reason: string };

/** The kinds of connection a drag can make. */
export type ConnectionKind = 'peering' | 'attachment' | 'vpn-attachment' | 'tgw-peering' | 'association' | 'vpn-gateway';

/**
 * Whether `sourceId` may be connected to `targetId`, and as what. `source` and `target` are
 * the ends in the order the edit stores them (a drag from a transit gateway to a VPC still
 * attaches the VPC to the gateway).
 */
export type ConnectionCheck = { ok: true; kind: ConnectionKind; source: string; target: string } | { ok: false; reason: string };

export function canConnect(plan: Plan, sourceId: string, targetId: string): ConnectionCheck {
  if (sourceId === targetId) return { ok: false, reason: 'A connection needs two different objects.' };
  const source = findObject(plan, sourceId);
  const target = findObject(plan, targetId);
  if (!source || !target) return { ok: false, reason: 'One end of the connection is no longer in the plan.' };
  return (
    check(plan, source, target) ??
    check(plan, target, source) ?? {
      ok: false,
      reason: `A ${describeKind(source.kind)} cannot be connected to a ${describeKind(target.kind)}. Connect VPCs to VPCs (peering), transit gateways, service networks or external networks.`,
    }
  );
}

/** The rule for the pair in this order; undefined when the kinds do not connect this way round. */
function check(plan: Plan, source: FoundObject, target: FoundObject): ConnectionCheck | undefined {
  const sourceId = source.object.id;
  const targetId = target.object.id;
  const from = nameOf(source);
  const to = nameOf(target);
  const yes = (kind: ConnectionKind): ConnectionCheck => ({ ok: true, kind, source: sourceId, target: targetId });
  switch (`${source.kind}>${target.kind}`) {
    case 'vpc>vpc': {
      // AWS: one peering per VPC pair (docs/network-rules.md#aws-vpc-peering).
      const exists = plan.peerings.some(
        (p) => (p.requesterVpcId === sourceId && p.accepterVpcId === targetId) || (p.requesterVpcId === targetId && p.accepterVpcId === sourceId),
      );
      return exists ? { ok: false, reason: `${from} and ${to} are already peered.` } : yes('peering');
    }
    case 'vpc>transitGateway': {
      const tgw = target.object as TransitGateway;
      // AWS: one attachment per VPC per transit gateway (docs/network-rules.md#aws-transit-gateway).
      if (tgw.attachments.some((a) => a.type === 'vpc' && a.vpcId === sourceId)) return { ok: false, reason: `${from} is already attached to ${tgw.name}.` };
      return yes('attachment');
    }
    case 'externalNetwork>transitGateway': {
      const tgw = target.object as TransitGateway;
      if (tgw.attachments.some((a) => a.externalNetworkId === sourceId)) return { ok: false, reason: `${from} is already attached to ${tgw.name}.` };
      return yes('vpn-attachment');
    }
    case 'transitGateway>transitGateway': {
      const a = source.object as TransitGateway;
      const b = target.object as TransitGateway;
      // One peering attachment joins a pair of gateways, whichever side requested it.
      const exists = a.attachments.some((x) => x.peerTransitGatewayId === targetId) || b.attachments.some((x) => x.peerTransitGatewayId === sourceId);
      return exists ? { ok: false, reason: `${from} is already peered with ${to}.` } : yes('tgw-peering');
    }
    case 'vpc>serviceNetwork': {
      const network = target.object as ServiceNetwork;
      if (network.vpcIds.includes(sourceId)) return { ok: false, reason: `${from} is already associated with ${network.name}.` };
      // AWS: a VPC is associated with one service network at most; more are reached through
      // service-network endpoints (docs/network-rules.md#aws-vpc-lattice-service-networks).
      const other = plan.serviceNetworks.find((n) => n.vpcIds.includes(sourceId));
      if (other)
        return {
          ok: false,
          reason: `${from} is already associated with ${other.name || other.id}, and a VPC can be associated with only one service network. Reach ${network.name || network.id} through a service-network endpoint instead.`,
        };
      return yes('association');
    }
    case 'vpc>externalNetwork': {
      const existing = plan.vpnGateways.find((g) => g.vpcId === sourceId);
      if (existing?.externalNetworkIds.includes(targetId)) return { ok: false, reason: `${from} already has a VPN to ${to}.` };
      return yes('vpn-gateway');
    }
    default:
      return undefined;
  }
}

/** What an allowed connection would do, in the user's words ("Peer prod-app with dev-app"). */
export function describeConnection(plan: Plan, check: ConnectionCheck): string {
  if (!check.ok) return check.reason;
  const name = (id: string) => {
    const found = findObject(plan, id);
    return found ? nameOf(found) : id;
  };
  const from = name(check.source);
  const to = name(check.target);
  switch (check.kind) {
    case 'peering':
      return `Peer ${from} with ${to}`;
    case 'attachment':
      return `Attach ${from} to ${to}`;
    case 'vpn-attachment':
      return `Attach ${from} to ${to} by site-to-site VPN`;
    case 'tgw-peering':
      return `Peer transit gateway ${from} with ${to}`;
    case 'association':
      return `Associate ${from} with ${to}`;
    case 'vpn-gateway':
      return `VPN from ${from} to ${to} (virtual private gateway)`;
  }
}

export function connect(plan: Plan, sourceId: string, targetId: string, newId: NewId = idMaker(plan)): ConnectResult {
  const allowed = canConnect(plan, sourceId, targetId);
  if (!allowed.ok) return allowed;
  const source = findObject(plan, allowed.source)!;
  const target = findObject(plan, allowed.target)!;
  const from = nameOf(source);
  const to = nameOf(target);
  switch (allowed.kind) {
    case 'peering': {
      const peering: PeeringConnection = {
        id: newId('pcx'),
        name: fitName(`${from} ↔ ${to}`),
        requesterVpcId: allowed.source,
        accepterVpcId: allowed.target,
        status: 'active',
      };
      return { ok: true, plan: { ...plan, peerings: [...plan.peerings, peering] }, created: peering.id };
    }
    case 'attachment': {
      const attachment: TgwAttachment = {
        id: newId('tgw-attach'),
        name: fitName(from),
        type: 'vpc',
        vpcId: allowed.source,
        subnetIds: attachmentSubnets(plan, allowed.source),
        propagatedRouteTableIds: [],
      };
      const tgw = target.object as TransitGateway;
      return attach(plan, tgw, withFirstTable(tgw, attachment));
    }
    case 'vpn-attachment': {
      const attachment: TgwAttachment = {
        id: newId('tgw-attach'),
        name: fitName(`${from} VPN`),
        type: 'vpn',
        externalNetworkId: allowed.source,
        subnetIds: [],
        propagatedRouteTableIds: [],
      };
      const tgw = target.object as TransitGateway;
      return attach(plan, tgw, withFirstTable(tgw, attachment));
    }
    case 'tgw-peering': {
      const attachment: TgwAttachment = {
        id: newId('tgw-attach'),
        name: fitName(`peering to ${to}`),
        type: 'peering',
        peerTransitGatewayId: allowed.target,
        subnetIds: [],
        propagatedRouteTableIds: [],
      };
      return attach(plan, source.object as TransitGateway, attachment);
    }
    case 'association': {
      const network = target.object as ServiceNetwork;
      return {
        ok: true,
        plan: updateObject(plan, 'serviceNetwork', network.id, { vpcIds: [...network.vpcIds, allowed.source] }),
        created: associationId(network.id, allowed.source),
      };
    }
    case 'vpn-gateway': {
      const existing = plan.vpnGateways.find((g) => g.vpcId === allowed.source);
      if (existing)
        return {
          ok: true,
          plan: updateObject(plan, 'vpnGateway', existing.id, { externalNetworkIds: [...existing.externalNetworkIds, allowed.target] }),
          created: existing.id,
        };
      const gateway = { id: newId('vgw'), name: fitName(`${from} VPN gateway`), vpcId: allowed.source, externalNetworkIds: [allowed.target] };
      return { ok: true, plan: { ...plan, vpnGateways: [...plan.vpnGateways, gateway] }, created: gateway.id };
    }
  }
}

/** A new attachment is associated with, and propagates to, the gateway's first route table (AWS's default route table behaviour). */
function withFirstTable(tgw: TransitGateway, attachment: TgwAttachment): TgwAttachment {
  const firstTable = tgw.routeTables[0];
  return firstTable ? { ...attachment, associatedRouteTableId: firstTable.id, propagatedRouteTableIds: [firstTable.id] } : attachment;
}

function attach(plan: Plan, tgw: TransitGateway, attachment: TgwAttachment): ConnectResult {
  const next = { ...tgw, attachments: [...tgw.attachments, attachment] };
  return { ok: true, plan: { ...plan, transitGateways: plan.transitGateways.map((t) => (t.id === tgw.id ? next : t)) }, created: attachment.id };
}

/** One subnet per AZ for a new TGW attachment, preferring isolated then private subnets (AWS best practice: small dedicated subnets). */
function attachmentSubnets(plan: Plan, vpcId: string): string[] {
  const rank: Record<SubnetTier, number> = { isolated: 0, private: 1, public: 2 };
  const byAz = new Map<string, Subnet>();
  for (const subnet of plan.subnets) {
    if (subnet.vpcId !== vpcId) continue;
    const best = byAz.get(subnet.availabilityZone);
    if (!best || rank[subnet.tier] < rank[best.tier]) byAz.set(subnet.availabilityZone, subnet);
  }
  return [...byAz.values()].map((s) => s.id);
}
