/**
 * What a drag from one node to another means, as one edit: VPC-VPC is a peering, VPC-TGW an
 * attachment, VPC-service network an association, external network-TGW a VPN attachment,
 * TGW-TGW a TGW peering attachment, VPC-external network a virtual private gateway.
 */
import type { PeeringConnection, Plan, ServiceNetwork, Subnet, SubnetTier, TgwAttachment, TransitGateway } from '../schema';
import { idMaker, type NewId } from './ids';
import { associationId, describeKind, findObject, fitName, nameOf } from './objects';
import { updateObject } from './update';

export type ConnectResult = { ok: true; plan: Plan; created: string } | { ok: false; reason: string };

export function connect(plan: Plan, sourceId: string, targetId: string, newId: NewId = idMaker(plan)): ConnectResult {
  if (sourceId === targetId) return { ok: false, reason: 'A connection needs two different objects.' };
  const source = findObject(plan, sourceId);
  const target = findObject(plan, targetId);
  if (!source || !target) return { ok: false, reason: 'One end of the connection is no longer in the plan.' };
  const from = nameOf(source);
  const to = nameOf(target);
  switch (`${source.kind}>${target.kind}`) {
    case 'vpc>vpc': {
      // AWS: one peering per VPC pair (docs/network-rules.md#aws-vpc-peering).
      const exists = plan.peerings.some((p) => (p.requesterVpcId === sourceId && p.accepterVpcId === targetId) || (p.requesterVpcId === targetId && p.accepterVpcId === sourceId));
      if (exists) return { ok: false, reason: `${from} and ${to} are already peered.` };
      const peering: PeeringConnection = { id: newId('pcx'), name: fitName(`${from} ↔ ${to}`), requesterVpcId: sourceId, accepterVpcId: targetId, status: 'active' };
      return { ok: true, plan: { ...plan, peerings: [...plan.peerings, peering] }, created: peering.id };
    }
    case 'vpc>transitGateway': {
      const tgw = target.object as TransitGateway;
      // AWS: one attachment per VPC per transit gateway (docs/network-rules.md#aws-transit-gateway).
      if (tgw.attachments.some((a) => a.type === 'vpc' && a.vpcId === sourceId)) return { ok: false, reason: `${from} is already attached to ${tgw.name}.` };
      const attachment: TgwAttachment = {
        id: newId('tgw-attach'), name: fitName(from), type: 'vpc', vpcId: sourceId,
        subnetIds: attachmentSubnets(plan, sourceId), propagatedRouteTableIds: [],
      };
      return attach(plan, tgw, withFirstTable(tgw, attachment));
    }
    case 'externalNetwork>transitGateway': {
      const tgw = target.object as TransitGateway;
      if (tgw.attachments.some((a) => a.externalNetworkId === sourceId)) return { ok: false, reason: `${from} is already attached to ${tgw.name}.` };
      const attachment: TgwAttachment = { id: newId('tgw-attach'), name: fitName(`${from} VPN`), type: 'vpn', externalNetworkId: sourceId, subnetIds: [], propagatedRouteTableIds: [] };
      return attach(plan, tgw, withFirstTable(tgw, attachment));
    }
    case 'transitGateway>transitGateway': {
      const tgw = source.object as TransitGateway;
      if (tgw.attachments.some((a) => a.peerTransitGatewayId === targetId)) return { ok: false, reason: `${from} is already peered with ${to}.` };
      const attachment: TgwAttachment = { id: newId('tgw-attach'), name: fitName(`peering to ${to}`), type: 'peering', peerTransitGatewayId: targetId, subnetIds: [], propagatedRouteTableIds: [] };
      return attach(plan, tgw, attachment);
    }
    case 'vpc>serviceNetwork': {
      const network = target.object as ServiceNetwork;
      if (network.vpcIds.includes(sourceId)) return { ok: false, reason: `${from} is already associated with ${network.name}.` };
      return { ok: true, plan: updateObject(plan, 'serviceNetwork', network.id, { vpcIds: [...network.vpcIds, sourceId] }), created: associationId(network.id, sourceId) };
    }
    case 'vpc>externalNetwork': {
      const existing = plan.vpnGateways.find((g) => g.vpcId === sourceId);
      if (existing?.externalNetworkIds.includes(targetId)) return { ok: false, reason: `${from} already has a VPN to ${to}.` };
      if (existing) return { ok: true, plan: updateObject(plan, 'vpnGateway', existing.id, { externalNetworkIds: [...existing.externalNetworkIds, targetId] }), created: existing.id };
      const gateway = { id: newId('vgw'), name: fitName(`${from} VPN gateway`), vpcId: sourceId, externalNetworkIds: [targetId] };
      return { ok: true, plan: { ...plan, vpnGateways: [...plan.vpnGateways, gateway] }, created: gateway.id };
    }
    case 'transitGateway>vpc':
    case 'transitGateway>externalNetwork':
    case 'serviceNetwork>vpc':
    case 'externalNetwork>vpc':
      return connect(plan, targetId, sourceId, newId);
    default:
      return { ok: false, reason: `A ${describeKind(source.kind)} cannot be connected to a ${describeKind(target.kind)}. Connect VPCs to VPCs (peering), transit gateways, service networks or external networks.` };
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
