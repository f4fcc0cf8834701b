/** Internet, egress-only and VPN gateways (by their attachments), and NAT gateways. */
import type { PlanInput } from '../../plan/schema';
import type { Collected } from './collected';
import { GONE, lower, nameTag } from './values';

export interface ImportedGateway {
  id: string;
  name: string;
  vpcId: string;
}
export interface ImportedGateways {
  internetGateways: ImportedGateway[];
  egressOnlyGateways: ImportedGateway[];
  vpnGateways: Array<ImportedGateway & { externalNetworkIds: string[] }>;
}

export function buildGateways(c: Collected, vpcIds: ReadonlySet<string>, notes: string[]): ImportedGateways {
  const out: ImportedGateways = { internetGateways: [], egressOnlyGateways: [], vpnGateways: [] };
  const gatewayFrom = (
    list: ImportedGateway[],
    what: string,
    id: string,
    tags: Parameters<typeof nameTag>[0],
    attachments: ReadonlyArray<{ VpcId: string; State?: string | undefined }> | undefined,
  ) => {
    const attached = (attachments ?? []).filter((a) => !['detached', 'detaching'].includes(lower(a.State)));
    if (attached.length === 0) {
      notes.push(`Skipped ${what} ${id}: it is not attached to a VPC.`);
      return;
    }
    const vpc = attached.find((a) => vpcIds.has(a.VpcId));
    if (!vpc) {
      notes.push(`Skipped ${what} ${id}: its VPC ${attached[0]!.VpcId} is not in the import.`);
      return;
    }
    list.push({ id, name: nameTag(tags) ?? id, vpcId: vpc.VpcId });
  };
  for (const g of c.internetGateways.values()) gatewayFrom(out.internetGateways, 'internet gateway', g.InternetGatewayId, g.Tags, g.Attachments);
  for (const g of c.egressOnlyGateways.values())
    gatewayFrom(out.egressOnlyGateways, 'egress-only internet gateway', g.EgressOnlyInternetGatewayId, g.Tags, g.Attachments);
  const vpn: ImportedGateway[] = [];
  for (const g of c.vpnGateways.values()) {
    if (GONE.has(lower(g.State))) {
      notes.push(`Skipped VPN gateway ${g.VpnGatewayId}: it is ${lower(g.State)}.`);
      continue;
    }
    gatewayFrom(vpn, 'VPN gateway', g.VpnGatewayId, g.Tags, g.VpcAttachments);
  }
  out.vpnGateways.push(...vpn.map((g) => ({ ...g, externalNetworkIds: [] })));
  return out;
}

export function buildNatGateways(c: Collected, subnetIds: ReadonlySet<string>, notes: string[]): NonNullable<PlanInput['natGateways']> {
  const natGateways: NonNullable<PlanInput['natGateways']> = [];
  for (const n of c.natGateways.values()) {
    const state = lower(n.State);
    if (GONE.has(state)) {
      notes.push(`Skipped NAT gateway ${n.NatGatewayId}: it is ${state}.`);
      continue;
    }
    if (n.SubnetId === undefined || !subnetIds.has(n.SubnetId)) {
      notes.push(`Skipped NAT gateway ${n.NatGatewayId}: its subnet ${n.SubnetId ?? '(none given)'} is not in the import.`);
      continue;
    }
    const count = (n.NatGatewayAddresses ?? []).filter((a) => !GONE.has(lower(a.Status))).length;
    // A zonal NAT gateway has 1..8 IPv4 addresses (docs/network-rules.md#aws-nat-gateway); the plan holds that range.
    const addresses = Math.min(8, Math.max(1, count));
    if (count > 8) notes.push(`NAT gateway ${n.NatGatewayId} lists ${count} addresses; the plan holds at most 8 per NAT gateway, so 8 were kept.`);
    natGateways.push({
      id: n.NatGatewayId,
      name: nameTag(n.Tags) ?? n.NatGatewayId,
      subnetId: n.SubnetId,
      connectivity: lower(n.ConnectivityType) === 'private' ? 'private' : 'public',
      addresses,
    });
  }
  return natGateways;
}
