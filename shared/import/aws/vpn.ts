/**
 * Site-to-site VPN: each VPN connection becomes an on-premises external network (its static
 * routes are the network's ranges), linked to the transit gateway attachment or virtual
 * private gateway it ends on.
 */
import type { PlanInput } from '../../plan/schema';
import type { Collected } from './collected';
import type { ImportedGateways } from './gateways';
import type { BuiltTransitGateway } from './transit-gateways';
import { GONE, lower, nameTag } from './values';

export type ImportedExternalNetwork = NonNullable<PlanInput['externalNetworks']>[number];

export function buildExternalNetworks(c: Collected, transitGateways: readonly BuiltTransitGateway[], notes: string[]): ImportedExternalNetwork[] {
  const externalNetworks: ImportedExternalNetwork[] = [];
  for (const v of c.vpnConnections.values()) {
    if (GONE.has(lower(v.State))) {
      notes.push(`Skipped VPN connection ${v.VpnConnectionId}: it is ${lower(v.State)}.`);
      continue;
    }
    const cidrs = (v.Routes ?? []).filter((r) => !GONE.has(lower(r.State))).map((r) => r.DestinationCidrBlock);
    const cgw = v.CustomerGatewayId ? c.customerGateways.get(v.CustomerGatewayId) : undefined;
    const detail = [
      `VPN connection ${v.VpnConnectionId}`,
      v.CustomerGatewayId
        ? `customer gateway ${v.CustomerGatewayId}${cgw?.IpAddress ? ` at ${cgw.IpAddress}` : ''}${cgw?.BgpAsn !== undefined ? `, BGP ASN ${String(cgw.BgpAsn)}` : ''}`
        : undefined,
    ]
      .filter(Boolean)
      .join('; ');
    const asn = cgw?.BgpAsn === undefined ? undefined : Number(cgw.BgpAsn);
    externalNetworks.push({
      id: v.VpnConnectionId,
      name: nameTag(v.Tags) ?? v.VpnConnectionId,
      kind: 'on-premises',
      cidrs,
      ...(cgw?.IpAddress ? { customerGatewayIp: cgw.IpAddress } : {}),
      ...(asn !== undefined && Number.isInteger(asn) && asn >= 1 && asn <= 4294967294 ? { bgpAsn: asn } : {}),
      notes: detail,
    });
    if (cidrs.length === 0)
      notes.push(
        `VPN connection ${v.VpnConnectionId} has no static routes, so its on-premises network was imported without address ranges; add them (ranges learned over BGP are not in what was imported).`,
      );
  }
  const usedCustomerGateways = new Set([...c.vpnConnections.values()].map((v) => v.CustomerGatewayId));
  for (const g of c.customerGateways.values()) {
    if (!usedCustomerGateways.has(g.CustomerGatewayId))
      notes.push(
        `Customer gateway ${g.CustomerGatewayId} (${g.IpAddress ?? 'no address'}${g.BgpAsn !== undefined ? `, BGP ASN ${String(g.BgpAsn)}` : ''}) not imported: the plan has no customer-gateway object; import its VPN connection to get the on-premises network.`,
      );
  }
  const externalIds = new Set(externalNetworks.map((n) => n.id));
  // The link of a VPN or Direct Connect attachment is kept: the network behind it exists even when its ranges are unknown.
  for (const tgw of transitGateways)
    for (const a of tgw.attachments) {
      if (a.externalNetworkId === undefined || externalIds.has(a.externalNetworkId)) continue;
      const vpn = a.type === 'vpn';
      externalNetworks.push({
        id: a.externalNetworkId,
        name: vpn ? `VPN ${a.externalNetworkId}` : `Direct Connect gateway ${a.externalNetworkId}`,
        kind: 'on-premises',
        cidrs: [],
        notes: vpn
          ? `VPN connection ${a.externalNetworkId} on transit gateway attachment ${a.id}`
          : `Direct Connect gateway ${a.externalNetworkId} on transit gateway attachment ${a.id}`,
      });
      externalIds.add(a.externalNetworkId);
      notes.push(
        vpn
          ? `Attachment ${a.id} is the VPN ${a.externalNetworkId}, which is not in the import: linked to an on-premises network of that id without address ranges; add describe-vpn-connections (or the ranges) to fill it in.`
          : `Attachment ${a.id} is Direct Connect gateway ${a.externalNetworkId}: linked to an on-premises network of that id without address ranges; add the ranges behind it.`,
      );
    }
  // A VPN connection that ends on an imported transit gateway whose attachment list does not show it.
  for (const v of c.vpnConnections.values()) {
    if (v.TransitGatewayId === undefined || !externalIds.has(v.VpnConnectionId)) continue;
    const tgw = transitGateways.find((t) => t.id === v.TransitGatewayId);
    if (!tgw) {
      notes.push(
        `VPN connection ${v.VpnConnectionId} ends on transit gateway ${v.TransitGatewayId}, which is not in the import; add describe-transit-gateways to link them.`,
      );
      continue;
    }
    if (tgw.attachments.some((a) => a.externalNetworkId === v.VpnConnectionId)) continue;
    const id = `${v.VpnConnectionId}-attachment`;
    tgw.attachments.push({
      id,
      name: `VPN ${nameTag(v.Tags) ?? v.VpnConnectionId}`,
      type: 'vpn',
      subnetIds: [],
      externalNetworkId: v.VpnConnectionId,
      propagatedRouteTableIds: [],
    });
    notes.push(
      `VPN connection ${v.VpnConnectionId} ends on transit gateway ${tgw.id}, but its attachment is not in the import: linked through an attachment named ${id} (describe-vpn-connections does not print the attachment id; add describe-transit-gateway-attachments for the real one and its route tables).`,
    );
  }
  return externalNetworks;
}

/** Virtual private gateways learn the VPN connections that end on them. */
export function linkVpnGateways(c: Collected, gateways: ImportedGateways, externalIds: ReadonlySet<string>, notes: string[]): void {
  for (const v of c.vpnConnections.values()) {
    if (v.VpnGatewayId === undefined || !externalIds.has(v.VpnConnectionId)) continue;
    const vgw = gateways.vpnGateways.find((g) => g.id === v.VpnGatewayId);
    if (vgw) vgw.externalNetworkIds.push(v.VpnConnectionId);
    else
      notes.push(`VPN connection ${v.VpnConnectionId} is on virtual private gateway ${v.VpnGatewayId}, which no imported route table names; link it by hand.`);
  }
}
