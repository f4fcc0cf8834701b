/**
 * Site-to-site VPN to the plan's external networks: a customer gateway for the on-premises
 * device and a VPN connection to the transit gateway (its VPN attachment) or to a virtual
 * private gateway. The plan may not know the device's public address or BGP ASN: each is a
 * variable, with the plan's value as its default when the plan has one (the importer reads
 * both from describe-customer-gateways). The connections use BGP (static_routes_only = false),
 * as the plan's propagations of VPN attachments assume: the on-premises ranges are learned, not
 * written.
 */
import type { ExternalNetwork, TgwAttachment, TransitGateway } from '../../plan/schema';
import type { HclValue } from '../hcl';
import { label, ref, tags, type ProviderSlot, type TerraformWriter } from './writer';

/** The customer gateway of an external network in one account and region, written once. */
function customerGateway(w: TerraformWriter, network: ExternalNetwork, slot: ProviderSlot): string {
  const key = `${network.id}|${slot.account ?? ''}|${slot.region}`;
  const token = w.id(network.id);
  const address = w.variable(w.names.take('variable', `customer_gateway_${token}_ip_address`, network.id), {
    description: `The public IPv4 address of the VPN device of "${network.name || network.id}" (its Internet-routable external interface).`,
    ...(network.customerGatewayIp ? { default: network.customerGatewayIp } : {}),
  });
  const asn = w.variable(w.names.take('variable', `customer_gateway_${token}_bgp_asn`, network.id), {
    type: 'number',
    description: `The BGP autonomous system number of the VPN device of "${network.name || network.id}" (a private ASN is 64512-65534 or 4200000000-4294967294).`,
    ...(network.bgpAsn !== undefined ? { default: network.bgpAsn } : {}),
  });
  const name = w.names.take('aws_customer_gateway', `${token}_${slot.alias ?? 'default'}`, key);
  if (w.firstTime(`aws_customer_gateway.${name}`)) {
    w.resource('aws_customer_gateway', name, slot, [
      ['bgp_asn', asn],
      ['ip_address', address],
      ['type', 'ipsec.1'],
      ['tags', tags(network)],
    ]);
  }
  return name;
}

/** The VPN connection of a VPN attachment; returns the attachment id, or undefined when its network is not in the plan. */
export function exportTransitGatewayVpn(
  w: TerraformWriter,
  tgw: TransitGateway,
  att: TgwAttachment,
  slot: ProviderSlot,
  tgwName: string,
): HclValue | undefined {
  const network = att.externalNetworkId === undefined ? undefined : w.plan.externalNetworks.find((n) => n.id === att.externalNetworkId);
  if (!network) return undefined;
  const gateway = customerGateway(w, network, slot);
  const name = w.names.take('aws_vpn_connection', w.id(att.id), att.id);
  w.resource(
    'aws_vpn_connection',
    name,
    slot,
    [
      ['customer_gateway_id', ref('aws_customer_gateway', gateway, 'id')],
      ['transit_gateway_id', ref('aws_ec2_transit_gateway', tgwName, 'id')],
      ['type', 'ipsec.1'],
      ['static_routes_only', false],
      ['tags', tags(att)],
    ],
    [
      `VPN attachment ${label(att)} on ${label(tgw)} to ${label(network)}${network.cidrs.length > 0 ? ` (${network.cidrs.join(', ')}, learned over BGP)` : ''}.`,
    ],
  );
  return ref('aws_vpn_connection', name, 'transit_gateway_attachment_id');
}

/** VPN connections of the virtual private gateways, to the external networks they reach. */
export function exportVpnGatewayConnections(w: TerraformWriter, vpnGateways: ReadonlyMap<string, { name: string; slot: ProviderSlot }>): void {
  for (const vgw of w.plan.vpnGateways) {
    const exported = vpnGateways.get(vgw.id);
    if (!exported) continue;
    for (const networkId of vgw.externalNetworkIds) {
      const network = w.plan.externalNetworks.find((n) => n.id === networkId);
      if (!network) {
        w.warn(`Skipped the VPN connection of VPN gateway ${label(vgw)} to ${networkId}: that external network is not in the plan.`);
        continue;
      }
      const gateway = customerGateway(w, network, exported.slot);
      w.resource('aws_vpn_connection', w.names.take('aws_vpn_connection', `${w.id(vgw.id)}_${w.id(network.id)}`, `${vgw.id}|${network.id}`), exported.slot, [
        ['customer_gateway_id', ref('aws_customer_gateway', gateway, 'id')],
        ['vpn_gateway_id', ref('aws_vpn_gateway', exported.name, 'id')],
        ['type', 'ipsec.1'],
        ['static_routes_only', false],
        ['tags', tags({ id: `${vgw.id}-${network.id}`, name: `${vgw.name || vgw.id} to ${network.name || network.id}` })],
      ]);
    }
  }
}
