/**
 * Import of a Terraform-managed network: the JSON of `terraform show -json` (values.root_module
 * with its resources and child_modules, Terraform's "JSON Output Format"), or a raw
 * terraform.tfstate (version 4: resources[].instances[].attributes).
 *
 * Each AWS provider resource is read by the attribute names of the provider docs
 * (website/docs/r/<type>.html.markdown, "Attribute Reference") and turned into the shape the
 * AWS CLI prints, then built into a plan by the same code as the CLI import (aws-cli.ts), so
 * tiers, regions, skipped references and notes follow the same rules. Ids are the AWS ids
 * Terraform recorded. Resources of other types (security groups, instances...) are counted in
 * a note; data sources are not resources and are left out.
 */
import { z } from 'zod';
import { parseCidr } from '../cidr';
import { buildFromCollected } from './aws-cli';
import { arnRegion, put, Collected, type AwsRoute } from './aws/collected';
import { splitJsonDocuments } from './json-documents';
import type { ImportFile, ImportProblem, ImportResult } from './types';

interface StateResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
}

const resource = z.looseObject({
  address: z.string().optional(),
  mode: z.string().optional(),
  type: z.string(),
  name: z.string().optional(),
  values: z.record(z.string(), z.unknown()).optional(),
});
interface ModuleShape {
  resources?: Array<z.infer<typeof resource>>;
  child_modules?: ModuleShape[];
}
const moduleSchema: z.ZodType<ModuleShape> = z.lazy(() =>
  z.looseObject({ resources: z.array(resource).optional(), child_modules: z.array(moduleSchema).optional() }),
);
/** `terraform show -json` of a state. */
const showJson = z.looseObject({ format_version: z.string(), values: z.looseObject({ root_module: moduleSchema.optional() }).optional() });
/** terraform.tfstate, version 4. */
const rawState = z.looseObject({
  version: z.number(),
  resources: z.array(
    z.looseObject({
      mode: z.string().optional(),
      type: z.string(),
      name: z.string(),
      module: z.string().optional(),
      instances: z.array(z.looseObject({ attributes: z.record(z.string(), z.unknown()).optional(), index_key: z.unknown().optional() })),
    }),
  ),
});

/** The resources of a state, whichever of the two forms it is in; a string when it is neither. */
function stateResources(value: unknown): StateResource[] | string {
  if (typeof value === 'object' && value !== null && 'planned_values' in value) {
    return 'is the JSON of a saved plan (it has planned_values); run `terraform show -json` without a plan file to print the state';
  }
  const shown = showJson.safeParse(value);
  if (shown.success) {
    const out: StateResource[] = [];
    const walk = (m: ModuleShape | undefined) => {
      for (const r of m?.resources ?? []) {
        if ((r.mode ?? 'managed') !== 'managed' || !r.values) continue;
        out.push({ address: r.address ?? `${r.type}.${r.name ?? '?'}`, type: r.type, values: r.values });
      }
      for (const child of m?.child_modules ?? []) walk(child);
    };
    walk(shown.data.values?.root_module);
    return out;
  }
  const raw = rawState.safeParse(value);
  if (raw.success) {
    return raw.data.resources
      .filter((r) => (r.mode ?? 'managed') === 'managed')
      .flatMap((r) =>
        r.instances.map((instance, i) => ({
          address: `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${r.instances.length > 1 ? `[${JSON.stringify(instance.index_key ?? i)}]` : ''}`,
          type: r.type,
          values: instance.attributes ?? {},
        })),
      );
  }
  return 'is not Terraform state JSON: expected the output of `terraform show -json` (with "format_version" and "values") or a terraform.tfstate file (with "version" and "resources")';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
const objects = (v: unknown): Array<Record<string, unknown>> =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
/** Terraform's tags map as the CLI's tag list (only Name matters to the import). */
function tagList(values: Record<string, unknown>): Array<{ Key: string; Value: string }> {
  const tags = (values.tags ?? values.tags_all) as Record<string, unknown> | null | undefined;
  return tags && typeof tags === 'object'
    ? Object.entries(tags)
        .filter(([, v]) => typeof v === 'string')
        .map(([Key, v]) => ({ Key, Value: v as string }))
    : [];
}
/** sn-... from a service network id or ARN (Lattice identifiers take either). */
function latticeId(identifier: string | undefined, prefix: string): string | undefined {
  if (identifier === undefined) return undefined;
  const m = new RegExp(`(${prefix}-[0-9a-zA-Z]+)$`).exec(identifier);
  return m?.[1];
}

/** A route as the CLI prints it, from a route block of aws_route_table or an aws_route. */
function routeFrom(
  r: Record<string, unknown>,
  destinationKey: 'cidr_block' | 'destination_cidr_block',
  ipv6Key: 'ipv6_cidr_block' | 'destination_ipv6_cidr_block',
): AwsRoute {
  const route: Record<string, string> = {};
  const set = (key: string, value: unknown) => {
    const v = str(value);
    if (v !== undefined) route[key] = v;
  };
  set('DestinationCidrBlock', r[destinationKey]);
  set('DestinationIpv6CidrBlock', r[ipv6Key]);
  set('DestinationPrefixListId', r.destination_prefix_list_id);
  set('GatewayId', r.gateway_id);
  set('NatGatewayId', r.nat_gateway_id);
  set('EgressOnlyInternetGatewayId', r.egress_only_gateway_id);
  set('VpcPeeringConnectionId', r.vpc_peering_connection_id);
  set('TransitGatewayId', r.transit_gateway_id);
  set('NetworkInterfaceId', r.network_interface_id);
  set('LocalGatewayId', r.local_gateway_id);
  set('CarrierGatewayId', r.carrier_gateway_id);
  set('CoreNetworkArn', r.core_network_arn);
  set('InstanceId', r.instance_id);
  return route as AwsRoute;
}

export function importTerraformState(files: ReadonlyArray<ImportFile>): ImportResult {
  if (files.length === 0) return { ok: false, problems: [{ file: '(none)', message: 'no files given; pass the output of `terraform show -json`' }] };
  const problems: ImportProblem[] = [];
  const resources: Array<StateResource & { file: string }> = [];
  for (const file of files) {
    const split = splitJsonDocuments(file.name, file.text);
    if (!split.ok) {
      problems.push(...split.problems);
      continue;
    }
    for (const piece of split.documents) {
      const found = stateResources(piece.value);
      if (typeof found === 'string') problems.push({ file: file.name, line: piece.line, message: found });
      else resources.push(...found.map((r) => ({ ...r, file: file.name })));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const c = new Collected();
  const bad = checkCidrs(resources);
  if (bad.length > 0) return { ok: false, problems: bad };
  const unmodelled = new Map<string, number>();
  const routesByTable = new Map<string, AwsRoute[]>();
  const addRoute = (tableId: string | undefined, route: AwsRoute) => {
    if (tableId === undefined) return;
    const list = routesByTable.get(tableId) ?? [];
    const key = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId;
    // aws_route_table lists the routes of its aws_route resources too (the provider reads them all).
    if (!list.some((r) => (r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId) === key)) list.push(route);
    routesByTable.set(tableId, list);
  };
  const associations: Array<{ tableId: string; subnetId?: string; main?: boolean }> = [];
  const extraBlocks: Array<{ vpcId: string; v4?: string; v6?: string }> = [];
  const tgwTableRoutes = new Map<
    string,
    Array<{ DestinationCidrBlock: string; Type: string; State: string; TransitGatewayAttachments?: Array<{ TransitGatewayAttachmentId: string }> }>
  >();
  const tgwAssociations = new Map<string, Array<{ TransitGatewayAttachmentId: string; State: string }>>();
  const tgwPropagations = new Map<string, Array<{ TransitGatewayAttachmentId: string; State: string }>>();
  const push = <T>(map: Map<string, T[]>, key: string, item: T) => map.set(key, [...(map.get(key) ?? []), item]);

  for (const { type, values: v, file, address } of resources) {
    const id = str(v.id);
    const Tags = tagList(v);
    const region = arnRegion(str(v.arn));
    if (region) c.arnRegions.add(region);
    switch (type) {
      case 'aws_vpc': {
        if (!id) break;
        const ipv6 = str(v.ipv6_cidr_block);
        put(
          c,
          c.vpcs,
          id,
          {
            VpcId: id,
            Tags,
            ...(str(v.cidr_block) ? { CidrBlock: str(v.cidr_block) } : {}),
            ...(str(v.owner_id) ? { OwnerId: str(v.owner_id) } : {}),
            ...(ipv6
              ? { Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: ipv6, ...(str(v.ipv6_ipam_pool_id) ? { Ipv6IpamPoolId: str(v.ipv6_ipam_pool_id) } : {}) }] }
              : {}),
          },
          file,
          'VPC',
        );
        break;
      }
      case 'aws_vpc_ipv4_cidr_block_association': {
        const vpcId = str(v.vpc_id);
        if (vpcId) extraBlocks.push({ vpcId, ...(str(v.cidr_block) ? { v4: str(v.cidr_block) } : {}) });
        break;
      }
      case 'aws_vpc_ipv6_cidr_block_association': {
        const vpcId = str(v.vpc_id);
        if (vpcId) extraBlocks.push({ vpcId, ...(str(v.ipv6_cidr_block) ? { v6: str(v.ipv6_cidr_block) } : {}) });
        break;
      }
      case 'aws_subnet': {
        const vpcId = str(v.vpc_id);
        if (!id || !vpcId) break;
        const ipv6 = str(v.ipv6_cidr_block);
        put(
          c,
          c.subnets,
          id,
          {
            SubnetId: id,
            VpcId: vpcId,
            Tags,
            ...(str(v.cidr_block) ? { CidrBlock: str(v.cidr_block) } : {}),
            ...(str(v.availability_zone) ? { AvailabilityZone: str(v.availability_zone) } : {}),
            ...(typeof v.map_public_ip_on_launch === 'boolean' ? { MapPublicIpOnLaunch: v.map_public_ip_on_launch } : {}),
            ...(str(v.arn) ? { SubnetArn: str(v.arn) } : {}),
            ...(ipv6 ? { Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: ipv6 }] } : {}),
          },
          file,
          'subnet',
        );
        break;
      }
      case 'aws_internet_gateway':
        if (id)
          put(
            c,
            c.internetGateways,
            id,
            { InternetGatewayId: id, Tags, Attachments: str(v.vpc_id) ? [{ VpcId: str(v.vpc_id)!, State: 'available' }] : [] },
            file,
            'internet gateway',
          );
        break;
      case 'aws_internet_gateway_attachment': {
        const g = str(v.internet_gateway_id);
        const vpcId = str(v.vpc_id);
        if (g && vpcId) put(c, c.internetGateways, g, { InternetGatewayId: g, Attachments: [{ VpcId: vpcId, State: 'available' }] }, file, 'internet gateway');
        break;
      }
      case 'aws_egress_only_internet_gateway':
        if (id)
          put(
            c,
            c.egressOnlyGateways,
            id,
            { EgressOnlyInternetGatewayId: id, Tags, Attachments: str(v.vpc_id) ? [{ VpcId: str(v.vpc_id)!, State: 'attached' }] : [] },
            file,
            'egress-only internet gateway',
          );
        break;
      case 'aws_vpn_gateway':
        if (id)
          put(
            c,
            c.vpnGateways,
            id,
            { VpnGatewayId: id, Tags, VpcAttachments: str(v.vpc_id) ? [{ VpcId: str(v.vpc_id)!, State: 'attached' }] : [] },
            file,
            'VPN gateway',
          );
        break;
      case 'aws_vpn_gateway_attachment': {
        const g = str(v.vpn_gateway_id);
        const vpcId = str(v.vpc_id);
        if (g && vpcId) put(c, c.vpnGateways, g, { VpnGatewayId: g, VpcAttachments: [{ VpcId: vpcId, State: 'attached' }] }, file, 'VPN gateway');
        break;
      }
      case 'aws_nat_gateway': {
        if (!id) break;
        const secondary = Math.max(
          strings(v.secondary_allocation_ids).length,
          strings(v.secondary_private_ip_addresses).length,
          typeof v.secondary_private_ip_address_count === 'number' ? v.secondary_private_ip_address_count : 0,
        );
        put(
          c,
          c.natGateways,
          id,
          {
            NatGatewayId: id,
            Tags,
            ...(str(v.subnet_id) ? { SubnetId: str(v.subnet_id) } : {}),
            ConnectivityType: str(v.connectivity_type) ?? 'public',
            State: 'available',
            NatGatewayAddresses: Array.from({ length: 1 + secondary }, () => ({ Status: 'succeeded' })),
          },
          file,
          'NAT gateway',
        );
        break;
      }
      case 'aws_route_table':
      case 'aws_default_route_table': {
        const tableId = type === 'aws_default_route_table' ? (str(v.default_route_table_id) ?? id) : id;
        const vpcId = str(v.vpc_id);
        if (!tableId || !vpcId) break;
        put(c, c.routeTables, tableId, { RouteTableId: tableId, VpcId: vpcId, Tags }, file, 'route table');
        for (const r of objects(v.route)) addRoute(tableId, routeFrom(r, 'cidr_block', 'ipv6_cidr_block'));
        if (type === 'aws_default_route_table') associations.push({ tableId, main: true });
        break;
      }
      case 'aws_route':
        addRoute(str(v.route_table_id), routeFrom(v, 'destination_cidr_block', 'destination_ipv6_cidr_block'));
        break;
      case 'aws_route_table_association': {
        const t = str(v.route_table_id);
        const s = str(v.subnet_id);
        if (t && s) associations.push({ tableId: t, subnetId: s });
        break;
      }
      case 'aws_main_route_table_association': {
        const t = str(v.route_table_id);
        if (t) associations.push({ tableId: t, main: true });
        break;
      }
      case 'aws_vpc_peering_connection':
      case 'aws_vpc_peering_connection_accepter': {
        const pcx = type === 'aws_vpc_peering_connection' ? id : (str(v.vpc_peering_connection_id) ?? id);
        if (!pcx) break;
        // The accepter resource names the accepter's VPC as vpc_id and the requester's as peer_vpc_id.
        const [requester, accepter] = type === 'aws_vpc_peering_connection' ? [str(v.vpc_id), str(v.peer_vpc_id)] : [str(v.peer_vpc_id), str(v.vpc_id)];
        put(
          c,
          c.peerings,
          pcx,
          {
            VpcPeeringConnectionId: pcx,
            Tags,
            Status: { Code: str(v.accept_status) ?? 'active' },
            RequesterVpcInfo: requester ? { VpcId: requester } : {},
            AccepterVpcInfo: accepter ? { VpcId: accepter } : {},
          },
          file,
          'peering',
        );
        break;
      }
      case 'aws_ec2_transit_gateway': {
        if (!id) break;
        const asn = typeof v.amazon_side_asn === 'number' || typeof v.amazon_side_asn === 'string' ? v.amazon_side_asn : undefined;
        put(
          c,
          c.transitGateways,
          id,
          {
            TransitGatewayId: id,
            Tags,
            State: 'available',
            ...(str(v.arn) ? { TransitGatewayArn: str(v.arn) } : {}),
            ...(str(v.owner_id) ? { OwnerId: str(v.owner_id) } : {}),
            ...(str(v.description) ? { Description: str(v.description) } : {}),
            Options: {
              ...(asn !== undefined ? { AmazonSideAsn: asn } : {}),
              DefaultRouteTableAssociation: str(v.default_route_table_association) ?? 'enable',
              DefaultRouteTablePropagation: str(v.default_route_table_propagation) ?? 'enable',
              ...(str(v.association_default_route_table_id) ? { AssociationDefaultRouteTableId: str(v.association_default_route_table_id) } : {}),
              ...(str(v.propagation_default_route_table_id) ? { PropagationDefaultRouteTableId: str(v.propagation_default_route_table_id) } : {}),
            },
          },
          file,
          'transit gateway',
        );
        break;
      }
      case 'aws_ec2_transit_gateway_route_table': {
        const t = str(v.transit_gateway_id);
        if (id && t)
          put(c, c.tgwRouteTables, id, { TransitGatewayRouteTableId: id, TransitGatewayId: t, Tags, State: 'available' }, file, 'transit gateway route table');
        break;
      }
      case 'aws_ec2_transit_gateway_vpc_attachment':
      case 'aws_ec2_transit_gateway_vpc_attachment_accepter': {
        const attachmentId = type === 'aws_ec2_transit_gateway_vpc_attachment' ? id : (str(v.transit_gateway_attachment_id) ?? id);
        const t = str(v.transit_gateway_id);
        const vpcId = str(v.vpc_id);
        if (!attachmentId || !t || !vpcId) break;
        put(
          c,
          c.tgwVpcAttachments,
          attachmentId,
          { TransitGatewayAttachmentId: attachmentId, TransitGatewayId: t, VpcId: vpcId, SubnetIds: strings(v.subnet_ids), Tags, State: 'available' },
          file,
          'VPC attachment',
        );
        break;
      }
      case 'aws_ec2_transit_gateway_route_table_association':
      case 'aws_ec2_transit_gateway_route_table_propagation': {
        const t = str(v.transit_gateway_route_table_id);
        const a = str(v.transit_gateway_attachment_id);
        if (t && a)
          push(type.endsWith('association') ? tgwAssociations : tgwPropagations, t, {
            TransitGatewayAttachmentId: a,
            State: type.endsWith('association') ? 'associated' : 'enabled',
          });
        break;
      }
      case 'aws_ec2_transit_gateway_route': {
        const t = str(v.transit_gateway_route_table_id);
        const destination = str(v.destination_cidr_block);
        if (!t || !destination) break;
        const a = str(v.transit_gateway_attachment_id);
        push(tgwTableRoutes, t, {
          DestinationCidrBlock: destination,
          Type: 'static',
          State: v.blackhole === true ? 'blackhole' : 'active',
          ...(a ? { TransitGatewayAttachments: [{ TransitGatewayAttachmentId: a }] } : {}),
        });
        break;
      }
      case 'aws_customer_gateway':
        if (id)
          put(
            c,
            c.customerGateways,
            id,
            {
              CustomerGatewayId: id,
              Tags,
              ...(str(v.ip_address) ? { IpAddress: str(v.ip_address) } : {}),
              ...(v.bgp_asn !== undefined && v.bgp_asn !== null ? { BgpAsn: String(v.bgp_asn) } : {}),
            },
            file,
            'customer gateway',
          );
        break;
      case 'aws_vpn_connection': {
        if (!id) break;
        const t = str(v.transit_gateway_id);
        const routes = objects(v.routes).flatMap((r) =>
          str(r.destination_cidr_block) ? [{ DestinationCidrBlock: str(r.destination_cidr_block)!, State: str(r.state) ?? 'available' }] : [],
        );
        put(
          c,
          c.vpnConnections,
          id,
          {
            VpnConnectionId: id,
            Tags,
            State: 'available',
            ...(str(v.customer_gateway_id) ? { CustomerGatewayId: str(v.customer_gateway_id) } : {}),
            ...(t ? { TransitGatewayId: t } : {}),
            ...(str(v.vpn_gateway_id) ? { VpnGatewayId: str(v.vpn_gateway_id) } : {}),
            ...(routes.length > 0 ? { Routes: routes } : {}),
          },
          file,
          'VPN connection',
        );
        const attachmentId = str(v.transit_gateway_attachment_id);
        if (t && attachmentId)
          put(
            c,
            c.tgwAttachments,
            attachmentId,
            { TransitGatewayAttachmentId: attachmentId, TransitGatewayId: t, ResourceType: 'vpn', ResourceId: id, State: 'available', Tags },
            file,
            'attachment',
          );
        break;
      }
      case 'aws_vpn_connection_route': {
        const vpn = str(v.vpn_connection_id);
        const destination = str(v.destination_cidr_block);
        if (!vpn || !destination) break;
        const earlier = c.vpnConnections.get(vpn);
        const routes = [
          ...(earlier?.Routes ?? []).filter((r) => r.DestinationCidrBlock !== destination),
          { DestinationCidrBlock: destination, State: 'available' },
        ];
        c.vpnConnections.set(vpn, { ...(earlier ?? { VpnConnectionId: vpn }), Routes: routes });
        break;
      }
      case 'aws_vpclattice_service_network':
        if (id) put(c, c.serviceNetworks, id, { id, ...(str(v.name) ? { name: str(v.name) } : {}), ...(region ? { region } : {}) }, file, 'service network');
        break;
      case 'aws_vpclattice_service_network_vpc_association': {
        const sn = latticeId(str(v.service_network_identifier), 'sn');
        const vpcId = str(v.vpc_identifier);
        if (sn && vpcId) push(c.serviceNetworkVpcs, sn, { vpcId, ...(str(v.status) ? { status: str(v.status)! } : {}) });
        break;
      }
      case 'aws_vpclattice_service':
        if (id) put(c, c.services, id, { id, ...(str(v.name) ? { name: str(v.name) } : {}), ...(region ? { region } : {}) }, file, 'Lattice service');
        break;
      case 'aws_vpclattice_service_network_service_association': {
        const sn = latticeId(str(v.service_network_identifier), 'sn');
        const service = latticeId(str(v.service_identifier), 'svc');
        if (sn && service) push(c.serviceNetworkServices, sn, { serviceId: service, ...(str(v.status) ? { status: str(v.status)! } : {}) });
        break;
      }
      default:
        unmodelled.set(type, (unmodelled.get(type) ?? 0) + 1);
        void address;
    }
  }
  for (const block of extraBlocks) {
    const vpc = c.vpcs.get(block.vpcId);
    if (!vpc) {
      c.notes.push(`A CIDR block association of VPC ${block.vpcId} not imported: that VPC is not in the state.`);
      continue;
    }
    if (block.v4) vpc.CidrBlockAssociationSet = [...(vpc.CidrBlockAssociationSet ?? []), { CidrBlock: block.v4 }];
    if (block.v6) vpc.Ipv6CidrBlockAssociationSet = [...(vpc.Ipv6CidrBlockAssociationSet ?? []), { Ipv6CidrBlock: block.v6 }];
  }
  for (const [tableId, routes] of routesByTable) {
    const table = c.routeTables.get(tableId);
    if (table) table.Routes = [...(table.Routes ?? []), ...routes];
    else c.notes.push(`${routes.length} route${routes.length === 1 ? '' : 's'} of route table ${tableId} not imported: that route table is not in the state.`);
  }
  for (const a of associations) {
    const table = c.routeTables.get(a.tableId);
    if (!table) {
      c.notes.push(`A route table association of ${a.tableId} not imported: that route table is not in the state.`);
      continue;
    }
    table.Associations = [...(table.Associations ?? []), a.main ? { Main: true } : { SubnetId: a.subnetId! }];
  }
  const file = files.map((f) => f.name).join(', ');
  for (const [tableId, routes] of tgwTableRoutes) c.tgwRoutes.push({ file, tableId, routes });
  for (const [tableId, list] of tgwAssociations) c.tgwAssociations.push({ file, tableId, associations: list });
  for (const [tableId, list] of tgwPropagations) c.tgwPropagations.push({ file, tableId, propagations: list });
  if (unmodelled.size > 0) {
    const total = [...unmodelled.values()].reduce((a, b) => a + b, 0);
    c.notes.push(
      `${total} resource${total === 1 ? '' : 's'} of types the plan does not model not imported: ${[...unmodelled]
        .sort()
        .map(([t, n]) => `${t} (${n})`)
        .join(', ')}.`,
    );
  }
  if (resources.length - [...unmodelled.values()].reduce((a, b) => a + b, 0) === 0) {
    return {
      ok: false,
      problems: [
        {
          file,
          message: `holds no network resources VPC Planner can import (${resources.length === 0 ? 'the state is empty' : 'only other resource types'}); it reads aws_vpc, aws_subnet, route tables, gateways, transit gateways, peerings, VPN and VPC Lattice resources`,
        },
      ],
    };
  }
  return buildFromCollected(c, `Imported from Terraform state (${files.map((f) => f.name.split(/[\\/]/).pop()).join(', ')})`);
}

/** Every CIDR copied into the plan must parse; a bad one names the resource address and attribute. */
function checkCidrs(resources: ReadonlyArray<StateResource & { file: string }>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const keys = ['cidr_block', 'ipv6_cidr_block', 'destination_cidr_block', 'destination_ipv6_cidr_block'];
  for (const r of resources) {
    for (const key of keys) {
      const value = str(r.values[key]);
      if (value === undefined) continue;
      const parsed = parseCidr(value);
      if (!parsed.ok) problems.push({ file: r.file, path: `${r.address}.${key}`, message: parsed.error.message });
    }
    for (const [i, route] of objects(r.values.route).entries()) {
      for (const key of ['cidr_block', 'ipv6_cidr_block']) {
        const value = str(route[key]);
        if (value === undefined) continue;
        const parsed = parseCidr(value);
        if (!parsed.ok) problems.push({ file: r.file, path: `${r.address}.route[${i}].${key}`, message: parsed.error.message });
      }
    }
  }
  return problems;
}
