/**
 * Import of what the AWS CLI prints (`--output json`, the default) into a plan.
 *
 * Decisions, each said in the notes when it applies:
 * - AWS ids are the plan ids (they are unique across resource types).
 * - Nothing dangles: an object that refers to something not in the import (a subnet of a
 *   VPC that was not described, a route to a NAT gateway that was not) is skipped with a
 *   note, never given a placeholder. The one exception is a gateway that a route names:
 *   a route to igw-/eigw-/vgw- in a VPC's table proves that gateway is attached to that VPC,
 *   so it is created from the route.
 * - Subnet tiers come from the route table that applies (its own, else the VPC main table):
 *   a route to an internet gateway = public, to a NAT gateway = private, else isolated.
 *   Without route tables, MapPublicIpOnLaunch decides (true = public, false = private).
 * - describe-vpcs prints no region: a VPC's region comes from its subnets' availability
 *   zones, else from the one region all imported ARNs share, else us-east-1.
 * - search-transit-gateway-routes and get-transit-gateway-route-table-associations do not
 *   print which route table they were run on: a tgw-rtb- id in the file name says so, else
 *   the only route table of the transit gateway they name, else the only one imported.
 */
import { parseCidr } from '../cidr';
import { formatPath } from '../plan/load';
import type { PlanInput, Route, Subnet, SubnetTier, TgwAttachment, TgwRoute } from '../plan/schema';
import { AWS_OUTPUTS, parseServiceNetworkArn, recognise, understoodCommands, type AwsOutput, type AwsOutputKind } from './aws-shapes';
import { splitJsonDocuments } from './json-documents';
import { finish } from './finish';
import type { ImportFile, ImportProblem, ImportResult } from './types';

type Item<K extends AwsOutputKind, F extends keyof AwsOutput<K>> = AwsOutput<K>[F] extends ReadonlyArray<infer T> ? T : never;
type AwsVpc = Item<'vpcs', 'Vpcs'>;
type AwsSubnet = Item<'subnets', 'Subnets'>;
type AwsRouteTable = Item<'routeTables', 'RouteTables'>;
type AwsTgwAttachment = Item<'tgwAttachments', 'TransitGatewayAttachments'>;
type AwsTgwVpcAttachment = Item<'tgwVpcAttachments', 'TransitGatewayVpcAttachments'>;
type AwsRoute = NonNullable<AwsRouteTable['Routes']>[number];

/** Everything read, by id; a later document describing the same id adds to the earlier one. */
class Collected {
  readonly vpcs = new Map<string, AwsVpc>();
  readonly subnets = new Map<string, AwsSubnet>();
  readonly peerings = new Map<string, Item<'peerings', 'VpcPeeringConnections'>>();
  readonly transitGateways = new Map<string, Item<'transitGateways', 'TransitGateways'>>();
  readonly tgwAttachments = new Map<string, AwsTgwAttachment>();
  readonly tgwVpcAttachments = new Map<string, AwsTgwVpcAttachment>();
  readonly tgwRouteTables = new Map<string, Item<'tgwRouteTables', 'TransitGatewayRouteTables'>>();
  readonly tgwRoutes: Array<{ file: string; routes: AwsOutput<'tgwRoutes'>['Routes'] }> = [];
  readonly tgwAssociations: Array<{ file: string; associations: AwsOutput<'tgwAssociations'>['Associations'] }> = [];
  readonly natGateways = new Map<string, Item<'natGateways', 'NatGateways'>>();
  readonly routeTables = new Map<string, AwsRouteTable>();
  readonly internetGateways = new Map<string, Item<'internetGateways', 'InternetGateways'>>();
  readonly egressOnlyGateways = new Map<string, Item<'egressOnlyGateways', 'EgressOnlyInternetGateways'>>();
  readonly vpnConnections = new Map<string, Item<'vpnConnections', 'VpnConnections'>>();
  readonly customerGateways = new Map<string, Item<'customerGateways', 'CustomerGateways'>>();
  readonly serviceNetworks = new Map<string, { id: string; name?: string; region?: string }>();
  readonly serviceNetworkVpcs = new Map<string, Array<{ vpcId: string; status?: string }>>();
  readonly arnRegions = new Set<string>();
  readonly notes: string[] = [];
}

function put<T extends object>(map: Map<string, T>, id: string, value: T): void {
  const earlier = map.get(id);
  map.set(id, earlier ? { ...earlier, ...value } : value);
}

export function importAwsCli(files: ReadonlyArray<ImportFile>): ImportResult {
  const problems: ImportProblem[] = [];
  const collected = new Collected();
  if (files.length === 0) return { ok: false, problems: [{ file: '(none)', message: 'no files given; pass the JSON output of one or more aws commands' }] };
  for (const file of files) {
    const split = splitJsonDocuments(file.name, file.text);
    if (!split.ok) { problems.push(...split.problems); continue; }
    for (const response of split.documents) {
      const at = { file: response.file, line: response.line };
      const kind = recognise(response.value);
      if ('unknown' in kind) {
        problems.push({ ...at, path: '$', message: `${kind.unknown} is not an output VPC Planner can import; it understands the JSON output of ${understoodCommands().join(', ')}` });
        continue;
      }
      if ('list' in kind) {
        readQueriedList(kind.list, collected, file.name);
        continue;
      }
      const parsed = AWS_OUTPUTS[kind.kind].schema.safeParse(response.value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, 20)) {
          problems.push({ ...at, path: formatPath(issue.path), message: `${describeIssue(issue)} (reading the output of ${AWS_OUTPUTS[kind.kind].command})` });
        }
        continue;
      }
      problems.push(...checkCidrs(kind.kind, parsed.data, at));
      collect(kind.kind, parsed.data, collected, file.name);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return build(collected, files);
}

function describeIssue(issue: { code: string; message: string; expected?: unknown; input?: unknown }): string {
  if (issue.code === 'invalid_type') return issue.input === undefined ? `is missing (expected ${String(issue.expected)})` : `should be ${String(issue.expected)}, not ${issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input}`;
  return issue.message;
}

function readQueriedList(list: import('./aws-shapes').QueriedList, collected: Collected, file: string): void {
  if (list.kind === 'empty') { collected.notes.push(`${file}: an empty list, nothing to import.`); return; }
  if (list.kind === 'service-network-arns') {
    for (const arn of list.arns) {
      const parts = parseServiceNetworkArn(arn)!;
      collected.arnRegions.add(parts.region);
      put(collected.serviceNetworks, parts.id, { id: parts.id, region: parts.region });
    }
    return;
  }
  collected.notes.push(`${file}: ${list.ids.length} service-network VPC association ids without their VPC ids (the output of --query items[*].id); run list-service-network-vpc-associations without --query to import which VPCs are associated.`);
}

/** Every CIDR the import will copy into the plan must parse; a bad one names its JSON path. */
function checkCidrs(kind: AwsOutputKind, data: unknown, at: { file: string; line: number }): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const check = (value: string | undefined, path: PropertyKey[]) => {
    if (value === undefined || value === '') return;
    const result = parseCidr(value);
    if (!result.ok) problems.push({ ...at, path: formatPath(path), message: result.error.message });
  };
  if (kind === 'vpcs') {
    (data as AwsOutput<'vpcs'>).Vpcs.forEach((v, i) => {
      check(v.CidrBlock, ['Vpcs', i, 'CidrBlock']);
      v.CidrBlockAssociationSet?.forEach((a, j) => check(a.CidrBlock, ['Vpcs', i, 'CidrBlockAssociationSet', j, 'CidrBlock']));
      v.Ipv6CidrBlockAssociationSet?.forEach((a, j) => check(a.Ipv6CidrBlock, ['Vpcs', i, 'Ipv6CidrBlockAssociationSet', j, 'Ipv6CidrBlock']));
    });
  } else if (kind === 'subnets') {
    (data as AwsOutput<'subnets'>).Subnets.forEach((s, i) => {
      check(s.CidrBlock, ['Subnets', i, 'CidrBlock']);
      s.Ipv6CidrBlockAssociationSet?.forEach((a, j) => check(a.Ipv6CidrBlock, ['Subnets', i, 'Ipv6CidrBlockAssociationSet', j, 'Ipv6CidrBlock']));
    });
  } else if (kind === 'routeTables') {
    (data as AwsOutput<'routeTables'>).RouteTables.forEach((t, i) => t.Routes?.forEach((r, j) => {
      check(r.DestinationCidrBlock, ['RouteTables', i, 'Routes', j, 'DestinationCidrBlock']);
      check(r.DestinationIpv6CidrBlock, ['RouteTables', i, 'Routes', j, 'DestinationIpv6CidrBlock']);
    }));
  } else if (kind === 'tgwRoutes') {
    (data as AwsOutput<'tgwRoutes'>).Routes.forEach((r, i) => check(r.DestinationCidrBlock, ['Routes', i, 'DestinationCidrBlock']));
  } else if (kind === 'vpnConnections') {
    (data as AwsOutput<'vpnConnections'>).VpnConnections.forEach((v, i) => v.Routes?.forEach((r, j) => check(r.DestinationCidrBlock, ['VpnConnections', i, 'Routes', j, 'DestinationCidrBlock'])));
  }
  return problems;
}

const ARN_REGION = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-gov)?-[a-z]+-\d+):/;
function arnRegion(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : ARN_REGION.exec(arn)?.[1];
}

function collect(kind: AwsOutputKind, data: unknown, c: Collected, file: string): void {
  switch (kind) {
    case 'vpcs': for (const v of (data as AwsOutput<'vpcs'>).Vpcs) put(c.vpcs, v.VpcId, v); break;
    case 'subnets': for (const s of (data as AwsOutput<'subnets'>).Subnets) {
      put(c.subnets, s.SubnetId, s);
      const region = arnRegion(s.SubnetArn);
      if (region) c.arnRegions.add(region);
    } break;
    case 'peerings': for (const p of (data as AwsOutput<'peerings'>).VpcPeeringConnections) put(c.peerings, p.VpcPeeringConnectionId, p); break;
    case 'transitGateways': for (const t of (data as AwsOutput<'transitGateways'>).TransitGateways) {
      put(c.transitGateways, t.TransitGatewayId, t);
      const region = arnRegion(t.TransitGatewayArn);
      if (region) c.arnRegions.add(region);
    } break;
    case 'tgwAttachments': for (const a of (data as AwsOutput<'tgwAttachments'>).TransitGatewayAttachments) put(c.tgwAttachments, a.TransitGatewayAttachmentId, a); break;
    case 'tgwVpcAttachments': for (const a of (data as AwsOutput<'tgwVpcAttachments'>).TransitGatewayVpcAttachments) put(c.tgwVpcAttachments, a.TransitGatewayAttachmentId, a); break;
    case 'tgwRouteTables': for (const t of (data as AwsOutput<'tgwRouteTables'>).TransitGatewayRouteTables) put(c.tgwRouteTables, t.TransitGatewayRouteTableId, t); break;
    case 'tgwRoutes': c.tgwRoutes.push({ file, routes: (data as AwsOutput<'tgwRoutes'>).Routes }); break;
    case 'tgwAssociations': c.tgwAssociations.push({ file, associations: (data as AwsOutput<'tgwAssociations'>).Associations }); break;
    case 'natGateways': for (const n of (data as AwsOutput<'natGateways'>).NatGateways) put(c.natGateways, n.NatGatewayId, n); break;
    case 'routeTables': for (const t of (data as AwsOutput<'routeTables'>).RouteTables) put(c.routeTables, t.RouteTableId, t); break;
    case 'internetGateways': for (const g of (data as AwsOutput<'internetGateways'>).InternetGateways) put(c.internetGateways, g.InternetGatewayId, g); break;
    case 'egressOnlyGateways': for (const g of (data as AwsOutput<'egressOnlyGateways'>).EgressOnlyInternetGateways) put(c.egressOnlyGateways, g.EgressOnlyInternetGatewayId, g); break;
    case 'vpnConnections': for (const v of (data as AwsOutput<'vpnConnections'>).VpnConnections) put(c.vpnConnections, v.VpnConnectionId, v); break;
    case 'customerGateways': for (const g of (data as AwsOutput<'customerGateways'>).CustomerGateways) put(c.customerGateways, g.CustomerGatewayId, g); break;
    case 'serviceNetwork': case 'serviceNetworkList': {
      const list = kind === 'serviceNetwork' ? [data as AwsOutput<'serviceNetwork'>] : (data as AwsOutput<'serviceNetworkList'>).items;
      for (const n of list) {
        const region = arnRegion(n.arn);
        if (region) c.arnRegions.add(region);
        put(c.serviceNetworks, n.id, { id: n.id, ...(n.name !== undefined ? { name: n.name } : {}), ...(region ? { region } : {}) });
      }
      break;
    }
    case 'serviceNetworkVpcAssociations': for (const a of (data as AwsOutput<'serviceNetworkVpcAssociations'>).items) {
      const list = c.serviceNetworkVpcs.get(a.serviceNetworkId) ?? [];
      list.push({ vpcId: a.vpcId, ...(a.status !== undefined ? { status: a.status } : {}) });
      c.serviceNetworkVpcs.set(a.serviceNetworkId, list);
    } break;
  }
}

function nameTag(tags: ReadonlyArray<{ Key: string; Value: string }> | undefined): string | undefined {
  const value = tags?.find((t) => t.Key === 'Name')?.Value;
  return value === undefined || value === '' ? undefined : value;
}

const lower = (s: string | undefined) => (s ?? '').toLowerCase();
/** States after which the object no longer exists (EC2 API reference, the State enums). */
const GONE = new Set(['deleted', 'deleting', 'failed', 'failing', 'rejected', 'rejecting', 'expired', 'disassociated', 'disassociating']);

/** us-east-1a -> us-east-1; us-west-2-lax-1a (a Local Zone) -> us-west-2. */
function regionOfZone(zone: string | undefined): string | undefined {
  return zone === undefined ? undefined : /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)/.exec(zone)?.[1];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function build(c: Collected, files: ReadonlyArray<ImportFile>): ImportResult {
  const notes = [...c.notes];
  const skipped = (what: string) => notes.push(what);

  // VPCs
  const regionFallback = c.arnRegions.size === 1 ? [...c.arnRegions][0]! : undefined;
  const zonesByVpc = new Map<string, string[]>();
  for (const s of c.subnets.values()) {
    const region = regionOfZone(s.AvailabilityZone);
    if (region) zonesByVpc.set(s.VpcId, [...(zonesByVpc.get(s.VpcId) ?? []), region]);
  }
  const vpcs: NonNullable<PlanInput['vpcs']> = [];
  const unknownRegion: string[] = [];
  for (const v of c.vpcs.values()) {
    const ipv4: string[] = [];
    if (v.CidrBlock) ipv4.push(v.CidrBlock);
    for (const a of v.CidrBlockAssociationSet ?? []) {
      const state = lower(a.CidrBlockState?.State);
      if (GONE.has(state)) { skipped(`VPC ${v.VpcId}: block ${a.CidrBlock} is ${state}, not imported.`); continue; }
      if (!ipv4.includes(a.CidrBlock)) ipv4.push(a.CidrBlock);
    }
    const ipv6Entries = (v.Ipv6CidrBlockAssociationSet ?? []).filter((a) => {
      const state = lower(a.Ipv6CidrBlockState?.State);
      if (GONE.has(state)) { skipped(`VPC ${v.VpcId}: IPv6 block ${a.Ipv6CidrBlock ?? ''} is ${state}, not imported.`); return false; }
      if (!a.Ipv6CidrBlock) { skipped(`VPC ${v.VpcId}: an IPv6 block still being assigned (no CIDR yet), not imported.`); return false; }
      return true;
    });
    const firstIpv6 = ipv6Entries[0];
    const ipv6Source = firstIpv6 === undefined ? undefined
      : lower(firstIpv6.IpSource) === 'byoip' || (firstIpv6.Ipv6Pool ?? '').startsWith('ipv6pool-') ? 'byoip'
      : 'Ipv6IpamPoolId' in firstIpv6 ? 'ipam' : 'amazon';
    const zoneRegions = zonesByVpc.get(v.VpcId) ?? [];
    let region = mostCommon(zoneRegions) ?? regionFallback;
    if (region === undefined) { unknownRegion.push(v.VpcId); region = 'us-east-1'; }
    vpcs.push({
      id: v.VpcId, name: nameTag(v.Tags) ?? v.VpcId, region,
      ...(v.OwnerId !== undefined ? { accountId: v.OwnerId } : {}),
      ipv4Cidrs: ipv4, ipv6Cidrs: ipv6Entries.map((a) => a.Ipv6CidrBlock!),
      ...(ipv6Source !== undefined ? { ipv6Source } : {}),
    });
  }
  if (unknownRegion.length > 0) notes.push(`Region unknown for ${plural(unknownRegion.length, 'VPC')} (${unknownRegion.join(', ')}): describe-vpcs does not print it and no subnets or ARNs said; set to us-east-1. Import describe-subnets too, or set the region on the VPC.`);
  else if (vpcs.length > 0 && c.subnets.size === 0 && regionFallback) notes.push(`VPC regions taken from the imported ARNs (${regionFallback}).`);
  const vpcIds = new Set(vpcs.map((v) => v.id));

  // Subnets (tiers filled in once route tables are known)
  const subnets: Subnet[] = [];
  const skippedSubnets = new Map<string, string[]>();
  for (const s of c.subnets.values()) {
    if (!vpcIds.has(s.VpcId)) { skippedSubnets.set(s.VpcId, [...(skippedSubnets.get(s.VpcId) ?? []), s.SubnetId]); continue; }
    const ipv6 = (s.Ipv6CidrBlockAssociationSet ?? []).find((a) => !GONE.has(lower(a.Ipv6CidrBlockState?.State)))?.Ipv6CidrBlock;
    subnets.push({
      id: s.SubnetId, name: nameTag(s.Tags) ?? s.SubnetId, vpcId: s.VpcId,
      availabilityZone: s.AvailabilityZone ?? '', tier: 'private',
      ...(s.CidrBlock ? { ipv4Cidr: s.CidrBlock } : {}),
      ...(ipv6 ? { ipv6Cidr: ipv6 } : {}),
    });
  }
  for (const [vpcId, ids] of skippedSubnets) notes.push(`Skipped ${plural(ids.length, 'subnet')} of VPC ${vpcId} (${ids.join(', ')}): that VPC is not in the import (add the output of describe-vpcs for it).`);
  const subnetIds = new Set(subnets.map((s) => s.id));
  const subnetVpc = new Map(subnets.map((s) => [s.id, s.vpcId]));

  // Gateways
  const internetGateways: Array<{ id: string; name: string; vpcId: string }> = [];
  const egressOnlyGateways: Array<{ id: string; name: string; vpcId: string }> = [];
  const vpnGateways: Array<{ id: string; name: string; vpcId: string; externalNetworkIds: string[] }> = [];
  const gatewayFrom = (list: typeof internetGateways, what: string, id: string, tags: Parameters<typeof nameTag>[0], attachments: ReadonlyArray<{ VpcId: string; State?: string | undefined }> | undefined) => {
    const attached = (attachments ?? []).filter((a) => !['detached', 'detaching'].includes(lower(a.State)));
    if (attached.length === 0) { skipped(`Skipped ${what} ${id}: it is not attached to a VPC.`); return; }
    const vpc = attached.find((a) => vpcIds.has(a.VpcId));
    if (!vpc) { skipped(`Skipped ${what} ${id}: its VPC ${attached[0]!.VpcId} is not in the import.`); return; }
    list.push({ id, name: nameTag(tags) ?? id, vpcId: vpc.VpcId });
  };
  for (const g of c.internetGateways.values()) gatewayFrom(internetGateways, 'internet gateway', g.InternetGatewayId, g.Tags, g.Attachments);
  for (const g of c.egressOnlyGateways.values()) gatewayFrom(egressOnlyGateways, 'egress-only internet gateway', g.EgressOnlyInternetGatewayId, g.Tags, g.Attachments);

  // NAT gateways
  const natGateways: NonNullable<PlanInput['natGateways']> = [];
  for (const n of c.natGateways.values()) {
    const state = lower(n.State);
    if (GONE.has(state)) { skipped(`Skipped NAT gateway ${n.NatGatewayId}: it is ${state}.`); continue; }
    if (n.SubnetId === undefined || !subnetIds.has(n.SubnetId)) { skipped(`Skipped NAT gateway ${n.NatGatewayId}: its subnet ${n.SubnetId ?? '(none given)'} is not in the import.`); continue; }
    const count = (n.NatGatewayAddresses ?? []).filter((a) => !GONE.has(lower(a.Status))).length;
    // A zonal NAT gateway has 1..8 IPv4 addresses (docs/network-rules.md#aws-nat-gateway); the plan holds that range.
    const addresses = Math.min(8, Math.max(1, count));
    if (count > 8) notes.push(`NAT gateway ${n.NatGatewayId} lists ${count} addresses; the plan holds at most 8 per NAT gateway, so 8 were kept.`);
    natGateways.push({ id: n.NatGatewayId, name: nameTag(n.Tags) ?? n.NatGatewayId, subnetId: n.SubnetId, connectivity: lower(n.ConnectivityType) === 'private' ? 'private' : 'public', addresses });
  }
  const natIds = new Set(natGateways.map((n) => n.id));

  // Peerings
  const peerings: NonNullable<PlanInput['peerings']> = [];
  for (const p of c.peerings.values()) {
    const code = lower(p.Status?.Code);
    if (GONE.has(code)) { skipped(`Skipped peering ${p.VpcPeeringConnectionId}: it is ${code}.`); continue; }
    const requester = p.RequesterVpcInfo.VpcId;
    const accepter = p.AccepterVpcInfo.VpcId;
    const missing = [requester, accepter].filter((v) => v === undefined || !vpcIds.has(v));
    if (missing.length > 0) { skipped(`Skipped peering ${p.VpcPeeringConnectionId} (${requester ?? '?'} <-> ${accepter ?? '?'}): VPC ${missing.join(' and ')} not in the import.`); continue; }
    peerings.push({ id: p.VpcPeeringConnectionId, name: nameTag(p.Tags) ?? p.VpcPeeringConnectionId, requesterVpcId: requester!, accepterVpcId: accepter!, status: code === 'active' ? 'active' : 'pending' });
    if (code !== 'active') notes.push(`Peering ${p.VpcPeeringConnectionId} is ${code || 'of unknown status'}: imported as pending.`);
  }
  const peeringIds = new Set(peerings.map((p) => p.id));

  // Transit gateways, their route tables and attachments
  const transitGateways = buildTransitGateways(c, vpcIds, subnetIds, notes);
  const tgwIds = new Set(transitGateways.map((t) => t.id));

  // External networks from VPN connections
  const externalNetworks: NonNullable<PlanInput['externalNetworks']> = [];
  for (const v of c.vpnConnections.values()) {
    if (GONE.has(lower(v.State))) { skipped(`Skipped VPN connection ${v.VpnConnectionId}: it is ${lower(v.State)}.`); continue; }
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

  // Route tables (after the gateways they point at)
  const igwIds = new Set(internetGateways.map((g) => g.id));
  const eigwIds = new Set(egressOnlyGateways.map((g) => g.id));
  const routeTables: NonNullable<PlanInput['routeTables']> = [];
  const mainTableOf = new Map<string, AwsRouteTable>();
  const tableOfSubnet = new Map<string, AwsRouteTable>();
  for (const t of c.routeTables.values()) {
    if (!vpcIds.has(t.VpcId)) { skipped(`Skipped route table ${t.RouteTableId}: its VPC ${t.VpcId} is not in the import.`); continue; }
    const main = (t.Associations ?? []).some((a) => a.Main === true);
    if (main) mainTableOf.set(t.VpcId, t);
    for (const a of t.Associations ?? []) if (a.SubnetId !== undefined && subnetIds.has(a.SubnetId)) tableOfSubnet.set(a.SubnetId, t);
    const routes: Route[] = [];
    for (const r of t.Routes ?? []) {
      const destination = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock;
      const where = `Route table ${t.RouteTableId}, route ${destination ?? r.DestinationPrefixListId ?? '?'}`;
      if (destination === undefined) { skipped(`${where}: routes to a prefix list are not modelled; not imported.`); continue; }
      const target = routeTarget(r);
      if (lower(r.State) === 'blackhole') { skipped(`${where} -> ${target && 'id' in target ? target.id : 'its target'} is a blackhole (the target no longer exists); not imported.`); continue; }
      if (!target) { skipped(`${where}: its target (${describeOtherTarget(r)}) is not modelled; not imported.`); continue; }
      if (target.kind === 'local') { routes.push({ destination, target: 'local' }); continue; }
      const known = target.kind === 'internet-gateway' ? igwIds : target.kind === 'egress-only-gateway' ? eigwIds : target.kind === 'vpn-gateway' ? new Set(vpnGateways.map((g) => g.id))
        : target.kind === 'nat-gateway' ? natIds : target.kind === 'peering' ? peeringIds : tgwIds;
      if (!known.has(target.id)) {
        if (target.kind === 'internet-gateway' || target.kind === 'egress-only-gateway' || target.kind === 'vpn-gateway') {
          // A route can only name a gateway attached to the table's own VPC, so the gateway is known.
          const gateway = { id: target.id, name: target.id, vpcId: t.VpcId };
          if (target.kind === 'internet-gateway') { internetGateways.push(gateway); igwIds.add(target.id); }
          else if (target.kind === 'egress-only-gateway') { egressOnlyGateways.push(gateway); eigwIds.add(target.id); }
          else vpnGateways.push({ ...gateway, externalNetworkIds: [] });
          notes.push(`Created ${target.kind.replace(/-/g, ' ')} ${target.id} on VPC ${t.VpcId}: route table ${t.RouteTableId} routes to it, but it was not described.`);
        } else {
          skipped(`${where} -> ${target.id}: that ${target.kind.replace(/-/g, ' ')} is not in the import; route not imported.`);
          continue;
        }
      }
      routes.push({ destination, target: target.kind, targetId: target.id });
    }
    routeTables.push({ id: t.RouteTableId, name: nameTag(t.Tags) ?? t.RouteTableId, vpcId: t.VpcId, main, routes });
  }

  // VGWs learn their VPN connections
  for (const v of c.vpnConnections.values()) {
    if (v.VpnGatewayId === undefined || !externalIds.has(v.VpnConnectionId)) continue;
    const vgw = vpnGateways.find((g) => g.id === v.VpnGatewayId);
    if (vgw) vgw.externalNetworkIds.push(v.VpnConnectionId);
    else notes.push(`VPN connection ${v.VpnConnectionId} is on virtual private gateway ${v.VpnGatewayId}, which no imported route table names; link it by hand.`);
  }

  // Tiers
  const tierCounts: Record<SubnetTier, number> = { public: 0, private: 0, isolated: 0 };
  const guessed: string[] = [];
  for (const s of subnets) {
    const own = tableOfSubnet.get(s.id);
    if (own) s.routeTableId = own.RouteTableId;
    const table = own ?? mainTableOf.get(s.vpcId);
    if (table) {
      s.tier = tierFromRoutes(table.Routes ?? []);
      tierCounts[s.tier]++;
    } else {
      s.tier = c.subnets.get(s.id)?.MapPublicIpOnLaunch === true ? 'public' : 'private';
      guessed.push(s.id);
    }
  }
  const inferred = tierCounts.public + tierCounts.private + tierCounts.isolated;
  if (inferred > 0) notes.push(`Subnet tiers inferred from route tables for ${plural(inferred, 'subnet')}: ${tierCounts.public} public (a route to an internet gateway), ${tierCounts.private} private (a route to a NAT gateway), ${tierCounts.isolated} isolated (neither).`);
  if (guessed.length > 0) notes.push(`No route table in the import for ${plural(guessed.length, 'subnet')} (${guessed.join(', ')}): tier guessed from MapPublicIpOnLaunch (true = public, false = private). Import describe-route-tables to infer it from the routes.`);

  // Service networks
  const serviceNetworks: NonNullable<PlanInput['serviceNetworks']> = [];
  for (const n of c.serviceNetworks.values()) {
    const vpcsOf: string[] = [];
    for (const a of c.serviceNetworkVpcs.get(n.id) ?? []) {
      if (GONE.has(lower(a.status).replace(/_/g, '-')) || lower(a.status).startsWith('delete')) continue;
      if (vpcIds.has(a.vpcId)) vpcsOf.push(a.vpcId);
      else notes.push(`Service network ${n.id}: associated VPC ${a.vpcId} is not in the import; association not imported.`);
    }
    serviceNetworks.push({ id: n.id, name: n.name ?? n.id, vpcIds: vpcsOf });
    if (n.name === undefined) notes.push(`Service network ${n.id} has no name in the import (the list held only its ARN); add the output of get-service-network for it.`);
  }
  for (const id of c.serviceNetworkVpcs.keys()) if (!c.serviceNetworks.has(id)) notes.push(`VPC associations of service network ${id} not imported: that service network is not in the import.`);

  const raw: PlanInput = {
    format: 'vpcplan', version: 1,
    name: `Imported from AWS CLI (${files.map((f) => f.name.split(/[\\/]/).pop()).join(', ')})`.slice(0, 200),
    vpcs, subnets, internetGateways, egressOnlyGateways, vpnGateways, natGateways, routeTables, peerings,
    transitGateways, serviceNetworks, externalNetworks,
  };
  return finish(raw, notes);
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
  return best;
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

const ATTACHMENT_TYPE: Record<string, TgwAttachment['type']> = { vpc: 'vpc', vpn: 'vpn', 'direct-connect-gateway': 'direct-connect', peering: 'peering', 'tgw-peering': 'peering' };

interface BuiltTransitGateway {
  id: string;
  name: string;
  region: string;
  asn?: number;
  routeTables: Array<{ id: string; name: string; routes: TgwRoute[] }>;
  attachments: TgwAttachment[];
}

function buildTransitGateways(c: Collected, vpcIds: Set<string>, subnetIds: Set<string>, notes: string[]): BuiltTransitGateway[] {
  const out: BuiltTransitGateway[] = [];
  for (const t of c.transitGateways.values()) {
    if (GONE.has(lower(t.State))) { notes.push(`Skipped transit gateway ${t.TransitGatewayId}: it is ${lower(t.State)}.`); continue; }
    const arnId = t.TransitGatewayArn?.split('/').pop();
    if (arnId !== undefined && arnId !== t.TransitGatewayId) notes.push(`Transit gateway ${t.TransitGatewayId}: its ARN ends in ${arnId}, not its id; the id was used.`);
    const rawAsn = t.Options?.AmazonSideAsn;
    const asn = typeof rawAsn === 'number' ? rawAsn : rawAsn !== undefined && /^\d+$/.test(rawAsn) ? Number(rawAsn) : undefined;
    out.push({
      id: t.TransitGatewayId, name: nameTag(t.Tags) ?? (t.Description || t.TransitGatewayId),
      region: arnRegion(t.TransitGatewayArn) ?? 'us-east-1',
      ...(asn !== undefined && asn >= 1 && asn <= 4294967295 ? { asn } : {}),
      routeTables: [], attachments: [],
    });
  }
  const tgwById = new Map(out.map((t) => [t.id, t]));
  const tableTgw = new Map<string, string>();
  for (const r of c.tgwRouteTables.values()) {
    const tgw = tgwById.get(r.TransitGatewayId);
    if (!tgw) { notes.push(`Skipped transit gateway route table ${r.TransitGatewayRouteTableId}: its transit gateway ${r.TransitGatewayId} is not in the import (add describe-transit-gateways).`); continue; }
    if (GONE.has(lower(r.State))) continue;
    tgw.routeTables.push({ id: r.TransitGatewayRouteTableId, name: nameTag(r.Tags) ?? r.TransitGatewayRouteTableId, routes: [] });
    tableTgw.set(r.TransitGatewayRouteTableId, r.TransitGatewayId);
  }

  const ids = new Set([...c.tgwAttachments.keys(), ...c.tgwVpcAttachments.keys()]);
  const attachmentTgw = new Map<string, string>();
  for (const id of ids) {
    const general = c.tgwAttachments.get(id);
    const vpcOnly = c.tgwVpcAttachments.get(id);
    const tgwId = general?.TransitGatewayId ?? vpcOnly!.TransitGatewayId;
    const tgw = tgwById.get(tgwId);
    if (!tgw) { notes.push(`Skipped attachment ${id}: its transit gateway ${tgwId} is not in the import (add describe-transit-gateways).`); continue; }
    const state = lower(general?.State ?? vpcOnly?.State);
    if (GONE.has(state)) { notes.push(`Skipped attachment ${id}: it is ${state}.`); continue; }
    const resourceType = vpcOnly ? 'vpc' : lower(general?.ResourceType);
    const type = ATTACHMENT_TYPE[resourceType];
    if (!type) { notes.push(`Skipped attachment ${id}: attachments of type ${resourceType || '(none given)'} are not modelled.`); continue; }
    const attachment: TgwAttachment = { id, name: nameTag(general?.Tags ?? vpcOnly?.Tags) ?? id, type, subnetIds: [], propagatedRouteTableIds: [] };
    if (type === 'vpc') {
      const vpcId = vpcOnly?.VpcId ?? general?.ResourceId;
      if (vpcId === undefined || !vpcIds.has(vpcId)) { notes.push(`Skipped attachment ${id}: its VPC ${vpcId ?? '(none given)'} is not in the import.`); continue; }
      attachment.vpcId = vpcId;
      const listed = vpcOnly?.SubnetIds;
      if (listed === undefined) notes.push(`Attachment ${id}: its subnets are not in describe-transit-gateway-attachments; add describe-transit-gateway-vpc-attachments to import them.`);
      for (const s of listed ?? []) {
        if (subnetIds.has(s)) attachment.subnetIds.push(s);
        else notes.push(`Attachment ${id}: subnet ${s} is not in the import; left out of the attachment.`);
      }
    } else if (type === 'vpn' && general?.ResourceId) {
      attachment.externalNetworkId = general.ResourceId;
    } else if (type === 'peering' && general?.ResourceId) {
      if (tgwById.has(general.ResourceId)) attachment.peerTransitGatewayId = general.ResourceId;
      else notes.push(`Attachment ${id} peers with transit gateway ${general.ResourceId}, which is not in the import.`);
    } else if (type === 'direct-connect') {
      notes.push(`Attachment ${id} is Direct Connect gateway ${general?.ResourceId ?? '?'}: add the on-premises network behind it and link it.`);
    }
    const association = general?.Association;
    if (association && !GONE.has(lower(association.State))) {
      if (tableTgw.get(association.TransitGatewayRouteTableId) === tgwId) attachment.associatedRouteTableId = association.TransitGatewayRouteTableId;
      else notes.push(`Attachment ${id} is associated with route table ${association.TransitGatewayRouteTableId}, which is not in the import.`);
    }
    tgw.attachments.push(attachment);
    attachmentTgw.set(id, tgwId);
  }

  const tableFor = (file: string, attachmentIds: string[], what: string): string | undefined => {
    const named = /tgw-rtb-[0-9a-zA-Z]+/.exec(file)?.[0];
    if (named !== undefined) {
      if (tableTgw.has(named)) return named;
      notes.push(`${file}: ${what} for route table ${named} (from the file name), which is not in the import; not imported.`);
      return undefined;
    }
    const tgwsNamed = [...new Set(attachmentIds.map((a) => attachmentTgw.get(a)).filter((t): t is string => t !== undefined))];
    const candidates = tgwsNamed.length === 1 ? tgwById.get(tgwsNamed[0]!)!.routeTables.map((r) => r.id) : [...tableTgw.keys()];
    if (candidates.length === 1) {
      notes.push(`${file}: the output does not say which route table it is for; assumed ${candidates[0]}, the only one it can be. Put the tgw-rtb- id in the file name to say so.`);
      return candidates[0];
    }
    notes.push(`${file}: ${what} not imported: the output does not say which transit gateway route table it is for (${candidates.length === 0 ? 'none imported' : `${candidates.length} imported`}); put the tgw-rtb- id in the file name.`);
    return undefined;
  };
  const attachmentOf = (id: string) => { const tgw = attachmentTgw.get(id); return tgw ? tgwById.get(tgw)!.attachments.find((a) => a.id === id) : undefined; };

  for (const { file, associations } of c.tgwAssociations) {
    const tableId = tableFor(file, associations.map((a) => a.TransitGatewayAttachmentId), `${plural(associations.length, 'association')}`);
    if (tableId === undefined) continue;
    for (const a of associations) {
      if (GONE.has(lower(a.State))) continue;
      const attachment = attachmentOf(a.TransitGatewayAttachmentId);
      if (!attachment || attachmentTgw.get(attachment.id) !== tableTgw.get(tableId)) { notes.push(`${file}: association of attachment ${a.TransitGatewayAttachmentId} (${a.ResourceId ?? '?'}) not imported: that attachment is not in the import.`); continue; }
      attachment.associatedRouteTableId = tableId;
    }
  }
  for (const { file, routes } of c.tgwRoutes) {
    const tableId = tableFor(file, routes.flatMap((r) => (r.TransitGatewayAttachments ?? []).map((a) => a.TransitGatewayAttachmentId)), `${plural(routes.length, 'route')}`);
    if (tableId === undefined) continue;
    const tgw = tgwById.get(tableTgw.get(tableId)!)!;
    const table = tgw.routeTables.find((r) => r.id === tableId)!;
    for (const r of routes) {
      if (r.DestinationCidrBlock === undefined) { notes.push(`${file}: a route to prefix list ${r.PrefixListId ?? '?'} is not modelled; not imported.`); continue; }
      const type = lower(r.Type);
      if (lower(r.State) === 'blackhole') { table.routes.push({ destination: r.DestinationCidrBlock, kind: 'blackhole' }); continue; }
      if (GONE.has(lower(r.State))) continue;
      const targets = (r.TransitGatewayAttachments ?? []).map((a) => a.TransitGatewayAttachmentId);
      if (type === 'propagated') {
        for (const id of targets) {
          const attachment = attachmentOf(id);
          if (attachment && !attachment.propagatedRouteTableIds.includes(tableId)) attachment.propagatedRouteTableIds.push(tableId);
        }
        continue;
      }
      const target = targets.find((id) => tgw.attachments.some((a) => a.id === id));
      if (target === undefined) { notes.push(`${file}: static route ${r.DestinationCidrBlock} -> ${targets.join(', ') || '(no attachment)'} not imported: that attachment is not in the import.`); continue; }
      if (targets.length > 1) notes.push(`${file}: route ${r.DestinationCidrBlock} spreads over ${targets.length} attachments (ECMP); imported to ${target} only.`);
      table.routes.push({ destination: r.DestinationCidrBlock, kind: 'static', attachmentId: target });
    }
  }

  // Without association or propagation data, the transit gateway's defaults applied at creation.
  for (const t of c.transitGateways.values()) {
    const tgw = tgwById.get(t.TransitGatewayId);
    if (!tgw) continue;
    const propagationsKnown = c.tgwRoutes.length > 0;
    for (const a of tgw.attachments) {
      const defaultTable = t.Options?.AssociationDefaultRouteTableId;
      if (a.associatedRouteTableId === undefined && lower(t.Options?.DefaultRouteTableAssociation) === 'enable' && defaultTable && tableTgw.get(defaultTable) === tgw.id) {
        a.associatedRouteTableId = defaultTable;
        notes.push(`Attachment ${a.id}: association not in the import; assumed the transit gateway's default association route table ${defaultTable}.`);
      }
      const propagationTable = t.Options?.PropagationDefaultRouteTableId;
      if (!propagationsKnown && a.propagatedRouteTableIds.length === 0 && lower(t.Options?.DefaultRouteTablePropagation) === 'enable' && propagationTable && tableTgw.get(propagationTable) === tgw.id) {
        a.propagatedRouteTableIds.push(propagationTable);
        notes.push(`Attachment ${a.id}: propagations not in the import; assumed the transit gateway's default propagation route table ${propagationTable}.`);
      }
    }
  }
  return out;
}
