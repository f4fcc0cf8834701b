/**
 * The parts of each AWS CLI output that the importer reads, as zod schemas. Field names and
 * nesting follow the EC2 API reference (docs.aws.amazon.com/AWSEC2/latest/APIReference) and
 * the examples in aws/aws-cli `awscli/examples/`; objects are loose because the CLI adds
 * fields over time and the importer ignores the rest.
 */
import { z } from 'zod';

const text = z.string();
const tags = z.array(z.looseObject({ Key: text, Value: text })).optional();
/** `State` and `Code` values appear in both cases across API versions ("associated", "ASSOCIATED"). */
const state = z.looseObject({ State: text.optional() });

const vpc = z.looseObject({
  VpcId: text,
  CidrBlock: text.optional(),
  OwnerId: text.optional(),
  State: text.optional(),
  CidrBlockAssociationSet: z.array(z.looseObject({ CidrBlock: text, CidrBlockState: state.optional() })).optional(),
  Ipv6CidrBlockAssociationSet: z
    .array(
      z.looseObject({
        Ipv6CidrBlock: text.optional(),
        Ipv6CidrBlockState: state.optional(),
        Ipv6Pool: text.optional(),
        IpSource: text.optional(),
      }),
    )
    .optional(),
  Tags: tags,
});

const subnet = z.looseObject({
  SubnetId: text,
  VpcId: text,
  AvailabilityZone: text.optional(),
  CidrBlock: text.optional(),
  MapPublicIpOnLaunch: z.boolean().optional(),
  State: text.optional(),
  SubnetArn: text.optional(),
  Ipv6CidrBlockAssociationSet: z.array(z.looseObject({ Ipv6CidrBlock: text, Ipv6CidrBlockState: state.optional() })).optional(),
  Tags: tags,
});

const peeringSide = z.looseObject({ VpcId: text.optional(), OwnerId: text.optional(), CidrBlock: text.optional(), Region: text.optional() });
const peering = z.looseObject({
  VpcPeeringConnectionId: text,
  Status: z.looseObject({ Code: text, Message: text.optional() }).optional(),
  RequesterVpcInfo: peeringSide,
  AccepterVpcInfo: peeringSide,
  Tags: tags,
});

const asn = z.union([z.number(), z.string()]);
const transitGateway = z.looseObject({
  TransitGatewayId: text,
  TransitGatewayArn: text.optional(),
  State: text.optional(),
  OwnerId: text.optional(),
  Description: text.optional(),
  Options: z
    .looseObject({
      AmazonSideAsn: asn.optional(),
      DefaultRouteTableAssociation: text.optional(),
      AssociationDefaultRouteTableId: text.optional(),
      DefaultRouteTablePropagation: text.optional(),
      PropagationDefaultRouteTableId: text.optional(),
    })
    .optional(),
  Tags: tags,
});

const tgwAttachment = z.looseObject({
  TransitGatewayAttachmentId: text,
  TransitGatewayId: text,
  ResourceType: text.optional(),
  ResourceId: text.optional(),
  State: text.optional(),
  Association: z.looseObject({ TransitGatewayRouteTableId: text, State: text.optional() }).optional(),
  Tags: tags,
});

const tgwVpcAttachment = z.looseObject({
  TransitGatewayAttachmentId: text,
  TransitGatewayId: text,
  VpcId: text,
  State: text.optional(),
  SubnetIds: z.array(text).optional(),
  Tags: tags,
});

const tgwRouteTable = z.looseObject({
  TransitGatewayRouteTableId: text,
  TransitGatewayId: text,
  State: text.optional(),
  DefaultAssociationRouteTable: z.boolean().optional(),
  DefaultPropagationRouteTable: z.boolean().optional(),
  Tags: tags,
});

const tgwRoute = z.looseObject({
  DestinationCidrBlock: text.optional(),
  PrefixListId: text.optional(),
  Type: text,
  State: text,
  TransitGatewayAttachments: z
    .array(z.looseObject({ TransitGatewayAttachmentId: text, ResourceId: text.optional(), ResourceType: text.optional() }))
    .optional(),
});

const tgwAssociation = z.looseObject({
  TransitGatewayAttachmentId: text,
  ResourceId: text.optional(),
  ResourceType: text.optional(),
  State: text.optional(),
});

const natGateway = z.looseObject({
  NatGatewayId: text,
  SubnetId: text.optional(),
  VpcId: text.optional(),
  State: text.optional(),
  ConnectivityType: text.optional(),
  NatGatewayAddresses: z.array(z.looseObject({ PublicIp: text.optional(), PrivateIp: text.optional(), Status: text.optional() })).optional(),
  Tags: tags,
});

const route = z.looseObject({
  DestinationCidrBlock: text.optional(),
  DestinationIpv6CidrBlock: text.optional(),
  DestinationPrefixListId: text.optional(),
  GatewayId: text.optional(),
  NatGatewayId: text.optional(),
  EgressOnlyInternetGatewayId: text.optional(),
  VpcPeeringConnectionId: text.optional(),
  TransitGatewayId: text.optional(),
  InstanceId: text.optional(),
  NetworkInterfaceId: text.optional(),
  LocalGatewayId: text.optional(),
  CarrierGatewayId: text.optional(),
  CoreNetworkArn: text.optional(),
  State: text.optional(),
});
const routeTable = z.looseObject({
  RouteTableId: text,
  VpcId: text,
  Routes: z.array(route).optional(),
  Associations: z.array(z.looseObject({ Main: z.boolean().optional(), SubnetId: text.optional(), GatewayId: text.optional() })).optional(),
  Tags: tags,
});

const gatewayAttachments = z.array(z.looseObject({ VpcId: text, State: text.optional() })).optional();
const internetGateway = z.looseObject({ InternetGatewayId: text, Attachments: gatewayAttachments, Tags: tags });
/** EC2 API reference, VpnGateway: its VPCs are under VpcAttachments. */
const vpnGateway = z.looseObject({ VpnGatewayId: text, State: text.optional(), VpcAttachments: gatewayAttachments, Tags: tags });
const egressOnlyGateway = z.looseObject({ EgressOnlyInternetGatewayId: text, Attachments: gatewayAttachments, Tags: tags });

const vpnConnection = z.looseObject({
  VpnConnectionId: text,
  CustomerGatewayId: text.optional(),
  TransitGatewayId: text.optional(),
  VpnGatewayId: text.optional(),
  State: text.optional(),
  Routes: z.array(z.looseObject({ DestinationCidrBlock: text, State: text.optional() })).optional(),
  Tags: tags,
});
/** BgpAsn is a string in the output ("65000"), as the CLI documentation shows. */
const customerGateway = z.looseObject({ CustomerGatewayId: text, IpAddress: text.optional(), BgpAsn: asn.optional(), State: text.optional(), Tags: tags });

const tgwPropagation = z.looseObject({
  TransitGatewayAttachmentId: text,
  ResourceId: text.optional(),
  ResourceType: text.optional(),
  State: text.optional(),
});

const serviceNetwork = z.looseObject({ id: text, arn: text.optional(), name: text.optional() });
const serviceNetworkVpcAssociation = z.looseObject({ id: text, serviceNetworkId: text, vpcId: text, status: text.optional() });
/** VPC Lattice API reference, ServiceSummary (list-services) and GetService. */
const latticeService = z.looseObject({ id: text, arn: text.optional(), name: text.optional(), status: text.optional() });
/** VPC Lattice API reference, ServiceNetworkServiceAssociationSummary. */
const serviceNetworkServiceAssociation = z.looseObject({
  id: text.optional(),
  serviceId: text,
  serviceName: text.optional(),
  serviceArn: text.optional(),
  serviceNetworkId: text,
  status: text.optional(),
});

/** One understood output: the command it comes from, the key that tells it apart, and its schema. */
export const AWS_OUTPUTS = {
  vpcs: { command: 'aws ec2 describe-vpcs', schema: z.looseObject({ Vpcs: z.array(vpc) }) },
  subnets: { command: 'aws ec2 describe-subnets', schema: z.looseObject({ Subnets: z.array(subnet) }) },
  peerings: { command: 'aws ec2 describe-vpc-peering-connections', schema: z.looseObject({ VpcPeeringConnections: z.array(peering) }) },
  transitGateways: { command: 'aws ec2 describe-transit-gateways', schema: z.looseObject({ TransitGateways: z.array(transitGateway) }) },
  tgwAttachments: { command: 'aws ec2 describe-transit-gateway-attachments', schema: z.looseObject({ TransitGatewayAttachments: z.array(tgwAttachment) }) },
  tgwVpcAttachments: {
    command: 'aws ec2 describe-transit-gateway-vpc-attachments',
    schema: z.looseObject({ TransitGatewayVpcAttachments: z.array(tgwVpcAttachment) }),
  },
  tgwRouteTables: { command: 'aws ec2 describe-transit-gateway-route-tables', schema: z.looseObject({ TransitGatewayRouteTables: z.array(tgwRouteTable) }) },
  tgwRoutes: { command: 'aws ec2 search-transit-gateway-routes', schema: z.looseObject({ Routes: z.array(tgwRoute) }) },
  tgwAssociations: { command: 'aws ec2 get-transit-gateway-route-table-associations', schema: z.looseObject({ Associations: z.array(tgwAssociation) }) },
  tgwPropagations: {
    command: 'aws ec2 get-transit-gateway-route-table-propagations',
    schema: z.looseObject({ TransitGatewayRouteTablePropagations: z.array(tgwPropagation) }),
  },
  natGateways: { command: 'aws ec2 describe-nat-gateways', schema: z.looseObject({ NatGateways: z.array(natGateway) }) },
  routeTables: { command: 'aws ec2 describe-route-tables', schema: z.looseObject({ RouteTables: z.array(routeTable) }) },
  internetGateways: { command: 'aws ec2 describe-internet-gateways', schema: z.looseObject({ InternetGateways: z.array(internetGateway) }) },
  vpnGateways: { command: 'aws ec2 describe-vpn-gateways', schema: z.looseObject({ VpnGateways: z.array(vpnGateway) }) },
  egressOnlyGateways: {
    command: 'aws ec2 describe-egress-only-internet-gateways',
    schema: z.looseObject({ EgressOnlyInternetGateways: z.array(egressOnlyGateway) }),
  },
  vpnConnections: { command: 'aws ec2 describe-vpn-connections', schema: z.looseObject({ VpnConnections: z.array(vpnConnection) }) },
  customerGateways: { command: 'aws ec2 describe-customer-gateways', schema: z.looseObject({ CustomerGateways: z.array(customerGateway) }) },
  serviceNetwork: { command: 'aws vpc-lattice get-service-network', schema: serviceNetwork },
  serviceNetworkList: { command: 'aws vpc-lattice list-service-networks', schema: z.looseObject({ items: z.array(serviceNetwork) }) },
  serviceNetworkVpcAssociations: {
    command: 'aws vpc-lattice list-service-network-vpc-associations',
    schema: z.looseObject({ items: z.array(serviceNetworkVpcAssociation) }),
  },
  serviceNetworkVpcAssociation: { command: 'aws vpc-lattice get-service-network-vpc-association', schema: serviceNetworkVpcAssociation },
  services: { command: 'aws vpc-lattice list-services', schema: z.looseObject({ items: z.array(latticeService) }) },
  service: { command: 'aws vpc-lattice get-service', schema: latticeService },
  serviceNetworkServiceAssociations: {
    command: 'aws vpc-lattice list-service-network-service-associations',
    schema: z.looseObject({ items: z.array(serviceNetworkServiceAssociation) }),
  },
  serviceNetworkServiceAssociation: { command: 'aws vpc-lattice get-service-network-service-association', schema: serviceNetworkServiceAssociation },
} as const;

export type AwsOutputKind = keyof typeof AWS_OUTPUTS;
export type AwsOutput<K extends AwsOutputKind> = z.infer<(typeof AWS_OUTPUTS)[K]['schema']>;

/** The top-level key each EC2 output is known by (they are distinct across the commands read here). */
const KEY_OF: ReadonlyArray<[string, AwsOutputKind]> = [
  ['Vpcs', 'vpcs'],
  ['Subnets', 'subnets'],
  ['VpcPeeringConnections', 'peerings'],
  ['TransitGateways', 'transitGateways'],
  ['TransitGatewayAttachments', 'tgwAttachments'],
  ['TransitGatewayVpcAttachments', 'tgwVpcAttachments'],
  ['TransitGatewayRouteTables', 'tgwRouteTables'],
  ['Routes', 'tgwRoutes'],
  ['Associations', 'tgwAssociations'],
  ['TransitGatewayRouteTablePropagations', 'tgwPropagations'],
  ['NatGateways', 'natGateways'],
  ['RouteTables', 'routeTables'],
  ['InternetGateways', 'internetGateways'],
  ['EgressOnlyInternetGateways', 'egressOnlyGateways'],
  ['VpnConnections', 'vpnConnections'],
  ['CustomerGateways', 'customerGateways'],
  ['VpnGateways', 'vpnGateways'],
];

/** Outputs run with `--query items[*].arn` or `items[*].id`: plain arrays of strings. */
export type QueriedList =
  | { kind: 'service-network-arns'; arns: string[] }
  | { kind: 'service-arns'; arns: string[] }
  | { kind: 'association-ids'; ids: string[] }
  | { kind: 'empty' };

export type Recognised = { kind: AwsOutputKind } | { list: QueriedList } | { unknown: string };

const SERVICE_NETWORK_ARN = /^arn:aws[a-z-]*:vpc-lattice:([a-z0-9-]+):(\d+):servicenetwork\/(sn-[0-9a-zA-Z]+)$/;
export function parseServiceNetworkArn(arn: string): { region: string; accountId: string; id: string } | undefined {
  const m = SERVICE_NETWORK_ARN.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, id: m[3]! } : undefined;
}

const SERVICE_ARN = /^arn:aws[a-z-]*:vpc-lattice:([a-z0-9-]+):(\d+):service\/(svc-[0-9a-zA-Z]+)$/;
export function parseServiceArn(arn: string): { region: string; accountId: string; id: string } | undefined {
  const m = SERVICE_ARN.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, id: m[3]! } : undefined;
}

const has = (value: object, ...keys: string[]) => keys.every((k) => k in value);
const arnHas = (value: object, part: string) => typeof (value as { arn?: unknown }).arn === 'string' && (value as { arn: string }).arn.includes(part);

export function recognise(value: unknown): Recognised {
  if (Array.isArray(value)) {
    if (value.length === 0) return { list: { kind: 'empty' } };
    if (value.every((v) => typeof v === 'string' && parseServiceNetworkArn(v))) return { list: { kind: 'service-network-arns', arns: value as string[] } };
    if (value.every((v) => typeof v === 'string' && parseServiceArn(v))) return { list: { kind: 'service-arns', arns: value as string[] } };
    if (value.every((v) => typeof v === 'string' && /^sn[vs]a-/.test(v))) return { list: { kind: 'association-ids', ids: value as string[] } };
    return { unknown: `a JSON array of ${value.length} value${value.length === 1 ? '' : 's'} (first: ${JSON.stringify(value[0])?.slice(0, 60)})` };
  }
  if (typeof value !== 'object' || value === null) return { unknown: `a bare ${value === null ? 'null' : typeof value}` };
  const keys = Object.keys(value);
  for (const [key, kind] of KEY_OF) if (keys.includes(key)) return { kind };
  if (has(value, 'arn', 'id') && arnHas(value, ':servicenetwork/')) return { kind: 'serviceNetwork' };
  if (has(value, 'vpcId', 'serviceNetworkId')) return { kind: 'serviceNetworkVpcAssociation' };
  if (has(value, 'serviceId', 'serviceNetworkId')) return { kind: 'serviceNetworkServiceAssociation' };
  if (has(value, 'arn', 'id') && arnHas(value, ':service/')) return { kind: 'service' };
  if (keys.includes('items') && Array.isArray((value as { items: unknown }).items)) {
    const first = (value as { items: unknown[] }).items[0];
    if (typeof first === 'object' && first !== null) {
      if (has(first, 'vpcId', 'serviceNetworkId')) return { kind: 'serviceNetworkVpcAssociations' };
      if (has(first, 'serviceId', 'serviceNetworkId')) return { kind: 'serviceNetworkServiceAssociations' };
      if (arnHas(first, ':servicenetwork/')) return { kind: 'serviceNetworkList' };
      if (arnHas(first, ':service/')) return { kind: 'services' };
    }
    if (first === undefined) return { list: { kind: 'empty' } };
  }
  return {
    unknown:
      keys.length === 0
        ? 'an empty object'
        : `an object with the keys ${keys
            .slice(0, 8)
            .map((k) => `"${k}"`)
            .join(', ')}${keys.length > 8 ? ', …' : ''}`,
  };
}

export function understoodCommands(): string[] {
  return [...new Set(Object.values(AWS_OUTPUTS).map((o) => o.command))];
}
