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
    if (GONE.has(lower(v.State))) { notes.push(`Skipped VPN connection ${v.VpnConnectionId}: it is ${lower(v.State)}.`); continue; }
    const cidrs = (v.Routes ?? []).filter((r) => !GONE.has(lower(r.State))).map((r) => r.DestinationCidrBlock);
    const cgw = v.CustomerGatewayId ? c.customerGateways.get(v.CustomerGatewayId) : undefined;
    const detail = [`VPN connection ${v.VpnConnectionId}`, v.CustomerGatewayId ? `customer gateway ${v.CustomerGatewayId}${cgw?.IpAddress ? ` at ${cgw.IpAddress}` : ''}${cgw?.BgpAsn !== undefined ? `, BGP ASN ${String(cgw.BgpAsn)}` : ''}` : undefined].filter(Boolean).join('; ');
    externalNetworks.push({ id: v.VpnConnectionId, name: nameTag(v.Tags) ?? v.VpnConnectionId, kind: 'on-premises', cidrs, notes: detail });
    if (cidrs.length === 0) notes.push(`VPN connection ${v.VpnConnectionId} has no static routes, so its on-premises network was imported without address ranges; add them (BGP-learned ranges are not in the CLI output).`);
  }
  const usedCustomerGateways = new Set([...c.vpnConnections.values()].map((v) => v.CustomerGatewayId));
  for (const g of c.customerGateways.values()) {
    if (!usedCustomerGateways.has(g.CustomerGatewayId)) notes.push(`Customer gateway ${g.CustomerGatewayId} (${g.IpAddress ?? 'no address'}${g.BgpAsn !== undefined ? `, BGP ASN ${String(g.BgpAsn)}` : ''}) not imported: the plan has no customer-gateway object; import its VPN connection to get the on-premises network.`);
  }
  const externalIds = new Set(externalNetworks.map((n) => n.id));
  for (const tgw of transitGateways) for (const a of tgw.attachments) {
    if (a.type === 'vpn' && a.externalNetworkId !== undefined && !externalIds.has(a.externalNetworkId)) {
      notes.push(`Attachment ${a.id} is the VPN ${a.externalNetworkId}, which is not in the import (add describe-vpn-connections); imported without its on-premises network.`);
      delete a.externalNetworkId;
    }
  }
  return externalNetworks;
}

/** Virtual private gateways learn the VPN connections that end on them. */
export function linkVpnGateways(c: Collected, gateways: ImportedGateways, externalIds: ReadonlySet<string>, notes: string[]): void {
  for (const v of c.vpnConnections.values()) {
    if (v.VpnGatewayId === undefined || !externalIds.has(v.VpnConnectionId)) continue;
    const vgw = gateways.vpnGateways.find((g) => g.id === v.VpnGatewayId);
    if (vgw) vgw.externalNetworkIds.push(v.VpnConnectionId);
    else notes.push(`VPN connection ${v.VpnConnectionId} is on virtual private gateway ${v.VpnGatewayId}, which no imported route table names; link it by hand.`);
  }
}
