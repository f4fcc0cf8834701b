/**
 * What the AWS CLI outputs hold, gathered by id across every file and document before the
 * plan is built: a later document describing the same id adds to the earlier one.
 */
import { parseCidr } from '../../cidr';
import { formatPath } from '../../plan/load';
import type { ImportProblem } from '../types';
import { parseServiceArn, parseServiceNetworkArn, type AwsOutput, type AwsOutputKind, type QueriedList } from '../aws-shapes';

export type Item<K extends AwsOutputKind, F extends keyof AwsOutput<K>> = AwsOutput<K>[F] extends ReadonlyArray<infer T> ? T : never;
export type AwsVpc = Item<'vpcs', 'Vpcs'>;
export type AwsSubnet = Item<'subnets', 'Subnets'>;
export type AwsRouteTable = Item<'routeTables', 'RouteTables'>;
export type AwsTgwAttachment = Item<'tgwAttachments', 'TransitGatewayAttachments'>;
export type AwsTgwVpcAttachment = Item<'tgwVpcAttachments', 'TransitGatewayVpcAttachments'>;
export type AwsRoute = NonNullable<AwsRouteTable['Routes']>[number];

/** Everything read, by id; a later document describing the same id adds to the earlier one. */
export class Collected {
  readonly vpcs = new Map<string, AwsVpc>();
  readonly subnets = new Map<string, AwsSubnet>();
  readonly peerings = new Map<string, Item<'peerings', 'VpcPeeringConnections'>>();
  readonly transitGateways = new Map<string, Item<'transitGateways', 'TransitGateways'>>();
  readonly tgwAttachments = new Map<string, AwsTgwAttachment>();
  readonly tgwVpcAttachments = new Map<string, AwsTgwVpcAttachment>();
  readonly tgwRouteTables = new Map<string, Item<'tgwRouteTables', 'TransitGatewayRouteTables'>>();
  /** `tableId` when the source says which route table (Terraform state); else the file name may (see transit-gateways.ts). */
  readonly tgwRoutes: Array<{ file: string; tableId?: string; routes: AwsOutput<'tgwRoutes'>['Routes'] }> = [];
  readonly tgwAssociations: Array<{ file: string; tableId?: string; associations: AwsOutput<'tgwAssociations'>['Associations'] }> = [];
  readonly tgwPropagations: Array<{ file: string; tableId?: string; propagations: AwsOutput<'tgwPropagations'>['TransitGatewayRouteTablePropagations'] }> = [];
  readonly natGateways = new Map<string, Item<'natGateways', 'NatGateways'>>();
  readonly routeTables = new Map<string, AwsRouteTable>();
  readonly internetGateways = new Map<string, Item<'internetGateways', 'InternetGateways'>>();
  readonly egressOnlyGateways = new Map<string, Item<'egressOnlyGateways', 'EgressOnlyInternetGateways'>>();
  readonly vpnGateways = new Map<string, Item<'vpnGateways', 'VpnGateways'>>();
  readonly vpnConnections = new Map<string, Item<'vpnConnections', 'VpnConnections'>>();
  readonly customerGateways = new Map<string, Item<'customerGateways', 'CustomerGateways'>>();
  readonly serviceNetworks = new Map<string, { id: string; name?: string; region?: string }>();
  readonly serviceNetworkVpcs = new Map<string, Array<{ vpcId: string; status?: string }>>();
  readonly services = new Map<string, { id: string; name?: string; region?: string; status?: string }>();
  readonly serviceNetworkServices = new Map<string, Array<{ serviceId: string; serviceName?: string; status?: string }>>();
  readonly arnRegions = new Set<string>();
  readonly notes: string[] = [];
  /** Which file each object was last read from, by map and id, to name both files of a conflict. */
  readonly sources = new WeakMap<Map<string, object>, Map<string, string>>();
}

/**
 * Adds what a document says about an object to what earlier documents said. A field two files
 * give different values for (the same VPC with two owners) is a conflict: the later file wins,
 * and a note names both values and both files.
 */
export function put<T extends object>(c: Collected, map: Map<string, T>, id: string, value: T, file: string, what: string): void {
  const earlier = map.get(id);
  let sources = c.sources.get(map);
  if (!sources) c.sources.set(map, (sources = new Map()));
  const earlierFile = sources.get(id);
  if (earlier) {
    for (const [key, next] of Object.entries(value)) {
      const before = (earlier as Record<string, unknown>)[key];
      if (before === undefined || next === undefined || JSON.stringify(before) === JSON.stringify(next)) continue;
      const shown = (v: unknown) => {
        const t = JSON.stringify(v);
        return t.length > 80 ? `${t.slice(0, 77)}...` : t;
      };
      c.notes.push(
        `Conflict: ${what} ${id} has ${key} ${shown(before)} in ${earlierFile ?? 'an earlier document'} and ${shown(next)} in ${file}; kept ${shown(next)} (the later file). Check which is current.`,
      );
    }
  }
  sources.set(id, file);
  map.set(id, earlier ? { ...earlier, ...value } : value);
}

export function readQueriedList(list: QueriedList, collected: Collected, file: string): void {
  if (list.kind === 'empty') {
    collected.notes.push(`${file}: an empty list, nothing to import.`);
    return;
  }
  if (list.kind === 'service-network-arns') {
    for (const arn of list.arns) {
      const parts = parseServiceNetworkArn(arn)!;
      collected.arnRegions.add(parts.region);
      put(collected, collected.serviceNetworks, parts.id, { id: parts.id, region: parts.region }, file, 'service network');
    }
    return;
  }
  if (list.kind === 'service-arns') {
    for (const arn of list.arns) {
      const parts = parseServiceArn(arn)!;
      put(collected, collected.services, parts.id, { id: parts.id, region: parts.region }, file, 'Lattice service');
    }
    return;
  }
  const vpcs = list.ids.every((id) => id.startsWith('snva-'));
  collected.notes.push(
    vpcs
      ? `${file}: ${list.ids.length} service-network VPC association ids without their VPC ids (the output of --query items[*].id); run list-service-network-vpc-associations without --query to import which VPCs are associated.`
      : `${file}: ${list.ids.length} service-network association ids without what they associate (the output of --query items[*].id); run the list command without --query to import them.`,
  );
}

/** Every CIDR the import will copy into the plan must parse; a bad one names its JSON path. */
export function checkCidrs(kind: AwsOutputKind, data: unknown, at: { file: string; line: number }): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const check = (value: string | undefined, path: PropertyKey[]) => {
    if (value === undefined || value === '') return;
    const result = parseCidr(value);
    if (!result.ok) problems.push({ ...at, path: formatPath(path), message: result.error.message });
  };
  if (kind === 'vpcs') {
    (data as AwsOutput<'vpcs'>).Vpcs.forEach((v, i) => {
      check(v.CidrBlock, ['Vpcs', i, 'CidrBlock']);
      v.CidrBlockAssociationSet?.forEach((a, j) => {
        check(a.CidrBlock, ['Vpcs', i, 'CidrBlockAssociationSet', j, 'CidrBlock']);
      });
      v.Ipv6CidrBlockAssociationSet?.forEach((a, j) => {
        check(a.Ipv6CidrBlock, ['Vpcs', i, 'Ipv6CidrBlockAssociationSet', j, 'Ipv6CidrBlock']);
      });
    });
  } else if (kind === 'subnets') {
    (data as AwsOutput<'subnets'>).Subnets.forEach((s, i) => {
      check(s.CidrBlock, ['Subnets', i, 'CidrBlock']);
      s.Ipv6CidrBlockAssociationSet?.forEach((a, j) => {
        check(a.Ipv6CidrBlock, ['Subnets', i, 'Ipv6CidrBlockAssociationSet', j, 'Ipv6CidrBlock']);
      });
    });
  } else if (kind === 'routeTables') {
    (data as AwsOutput<'routeTables'>).RouteTables.forEach((t, i) => {
      t.Routes?.forEach((r, j) => {
        check(r.DestinationCidrBlock, ['RouteTables', i, 'Routes', j, 'DestinationCidrBlock']);
        check(r.DestinationIpv6CidrBlock, ['RouteTables', i, 'Routes', j, 'DestinationIpv6CidrBlock']);
      });
    });
  } else if (kind === 'tgwRoutes') {
    (data as AwsOutput<'tgwRoutes'>).Routes.forEach((r, i) => {
      check(r.DestinationCidrBlock, ['Routes', i, 'DestinationCidrBlock']);
    });
  } else if (kind === 'vpnConnections') {
    (data as AwsOutput<'vpnConnections'>).VpnConnections.forEach((v, i) => {
      v.Routes?.forEach((r, j) => {
        check(r.DestinationCidrBlock, ['VpnConnections', i, 'Routes', j, 'DestinationCidrBlock']);
      });
    });
  }
  return problems;
}

export const ARN_REGION = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-gov)?-[a-z]+-\d+):/;
export function arnRegion(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : ARN_REGION.exec(arn)?.[1];
}

export function collect(kind: AwsOutputKind, data: unknown, c: Collected, file: string): void {
  switch (kind) {
    case 'vpcs':
      for (const v of (data as AwsOutput<'vpcs'>).Vpcs) put(c, c.vpcs, v.VpcId, v, file, 'VPC');
      break;
    case 'subnets':
      for (const s of (data as AwsOutput<'subnets'>).Subnets) {
        put(c, c.subnets, s.SubnetId, s, file, 'subnet');
        const region = arnRegion(s.SubnetArn);
        if (region) c.arnRegions.add(region);
      }
      break;
    case 'peerings':
      for (const p of (data as AwsOutput<'peerings'>).VpcPeeringConnections) put(c, c.peerings, p.VpcPeeringConnectionId, p, file, 'peering');
      break;
    case 'transitGateways':
      for (const t of (data as AwsOutput<'transitGateways'>).TransitGateways) {
        put(c, c.transitGateways, t.TransitGatewayId, t, file, 'transit gateway');
        const region = arnRegion(t.TransitGatewayArn);
        if (region) c.arnRegions.add(region);
      }
      break;
    case 'tgwAttachments':
      for (const a of (data as AwsOutput<'tgwAttachments'>).TransitGatewayAttachments)
        put(c, c.tgwAttachments, a.TransitGatewayAttachmentId, a, file, 'attachment');
      break;
    case 'tgwVpcAttachments':
      for (const a of (data as AwsOutput<'tgwVpcAttachments'>).TransitGatewayVpcAttachments)
        put(c, c.tgwVpcAttachments, a.TransitGatewayAttachmentId, a, file, 'VPC attachment');
      break;
    case 'tgwRouteTables':
      for (const t of (data as AwsOutput<'tgwRouteTables'>).TransitGatewayRouteTables)
        put(c, c.tgwRouteTables, t.TransitGatewayRouteTableId, t, file, 'transit gateway route table');
      break;
    case 'tgwRoutes':
      c.tgwRoutes.push({ file, routes: (data as AwsOutput<'tgwRoutes'>).Routes });
      break;
    case 'tgwAssociations':
      c.tgwAssociations.push({ file, associations: (data as AwsOutput<'tgwAssociations'>).Associations });
      break;
    case 'natGateways':
      for (const n of (data as AwsOutput<'natGateways'>).NatGateways) put(c, c.natGateways, n.NatGatewayId, n, file, 'NAT gateway');
      break;
    case 'routeTables':
      for (const t of (data as AwsOutput<'routeTables'>).RouteTables) put(c, c.routeTables, t.RouteTableId, t, file, 'route table');
      break;
    case 'internetGateways':
      for (const g of (data as AwsOutput<'internetGateways'>).InternetGateways) put(c, c.internetGateways, g.InternetGatewayId, g, file, 'internet gateway');
      break;
    case 'egressOnlyGateways':
      for (const g of (data as AwsOutput<'egressOnlyGateways'>).EgressOnlyInternetGateways)
        put(c, c.egressOnlyGateways, g.EgressOnlyInternetGatewayId, g, file, 'egress-only internet gateway');
      break;
    case 'vpnGateways':
      for (const g of (data as AwsOutput<'vpnGateways'>).VpnGateways) put(c, c.vpnGateways, g.VpnGatewayId, g, file, 'VPN gateway');
      break;
    case 'vpnConnections':
      for (const v of (data as AwsOutput<'vpnConnections'>).VpnConnections) put(c, c.vpnConnections, v.VpnConnectionId, v, file, 'VPN connection');
      break;
    case 'customerGateways':
      for (const g of (data as AwsOutput<'customerGateways'>).CustomerGateways) put(c, c.customerGateways, g.CustomerGatewayId, g, file, 'customer gateway');
      break;
    case 'serviceNetwork':
    case 'serviceNetworkList': {
      const list = kind === 'serviceNetwork' ? [data as AwsOutput<'serviceNetwork'>] : (data as AwsOutput<'serviceNetworkList'>).items;
      for (const n of list) {
        const region = arnRegion(n.arn);
        if (region) c.arnRegions.add(region);
        put(
          c,
          c.serviceNetworks,
          n.id,
          { id: n.id, ...(n.name !== undefined ? { name: n.name } : {}), ...(region ? { region } : {}) },
          file,
          'service network',
        );
      }
      break;
    }
    case 'serviceNetworkVpcAssociations':
    case 'serviceNetworkVpcAssociation': {
      const list =
        kind === 'serviceNetworkVpcAssociation'
          ? [data as AwsOutput<'serviceNetworkVpcAssociation'>]
          : (data as AwsOutput<'serviceNetworkVpcAssociations'>).items;
      for (const a of list) {
        const vpcs = c.serviceNetworkVpcs.get(a.serviceNetworkId) ?? [];
        if (!vpcs.some((v) => v.vpcId === a.vpcId)) vpcs.push({ vpcId: a.vpcId, ...(a.status !== undefined ? { status: a.status } : {}) });
        c.serviceNetworkVpcs.set(a.serviceNetworkId, vpcs);
      }
      break;
    }
    case 'tgwPropagations':
      c.tgwPropagations.push({ file, propagations: (data as AwsOutput<'tgwPropagations'>).TransitGatewayRouteTablePropagations });
      break;
    case 'services':
    case 'service': {
      const list = kind === 'service' ? [data as AwsOutput<'service'>] : (data as AwsOutput<'services'>).items;
      for (const s of list) {
        const region = arnRegion(s.arn);
        put(
          c,
          c.services,
          s.id,
          {
            id: s.id,
            ...(s.name !== undefined ? { name: s.name } : {}),
            ...(region ? { region } : {}),
            ...(s.status !== undefined ? { status: s.status } : {}),
          },
          file,
          'Lattice service',
        );
      }
      break;
    }
    case 'serviceNetworkServiceAssociations':
    case 'serviceNetworkServiceAssociation': {
      const list =
        kind === 'serviceNetworkServiceAssociation'
          ? [data as AwsOutput<'serviceNetworkServiceAssociation'>]
          : (data as AwsOutput<'serviceNetworkServiceAssociations'>).items;
      for (const a of list) {
        const services = c.serviceNetworkServices.get(a.serviceNetworkId) ?? [];
        if (!services.some((x) => x.serviceId === a.serviceId)) {
          services.push({
            serviceId: a.serviceId,
            ...(a.serviceName !== undefined ? { serviceName: a.serviceName } : {}),
            ...(a.status !== undefined ? { status: a.status } : {}),
          });
        }
        c.serviceNetworkServices.set(a.serviceNetworkId, services);
      }
      break;
    }
  }
}
