/**
 * The plan format: one schema module owns it (validation, the JSON Schema in
 * docs/plan.schema.json, and the TypeScript types all come from here).
 *
 * CIDR fields are plain strings on purpose: a user types them one key at a time and
 * the plan must hold what they typed. The engine's checks report a malformed CIDR as a
 * finding (`cidr/syntax`) rather than refusing the whole file. Likewise a reference to
 * an id that does not exist is a finding (`plan/dangling-reference`), not a load error:
 * the file still opens and the user can mend it.
 */
import { z } from 'zod';
import {
  AMAZON_VPC_IPV6_PREFIX,
  IPAM_VPC_IPV6_PREFIX,
  IPV4_BLOCKS_PER_VPC,
  IPV6_BLOCKS_PER_VPC,
  NAT_GATEWAY_MAX_ADDRESSES,
  PEERINGS_PER_VPC,
  SUBNETS_PER_VPC_DEFAULT,
  TGW_ATTACHMENTS_PER_GATEWAY,
  VPC_ASSOCIATIONS_PER_SERVICE_NETWORK_DEFAULT,
} from '../aws-limits';

export const PLAN_FORMAT = 'vpcplan';
export const CURRENT_PLAN_VERSION = 1;

const id = z
  .string()
  .min(1, 'an id cannot be empty')
  .max(200, 'an id is at most 200 characters')
  .describe('Unique within the plan; other objects refer to this one by it.');
const name = z.string().max(200, 'a name is at most 200 characters');
const cidrText = z.string().max(100, 'a CIDR block is at most 100 characters').describe('A CIDR block, e.g. 10.0.0.0/16 or 2001:db8::/56');
const count = z.number().int('must be a whole number').min(0, 'cannot be negative').max(1e9, 'is implausibly large (over a billion)');

export const CloudSchema = z.enum(['aws', 'azure', 'gcp']);
export const SubnetTierSchema = z.enum(['public', 'private', 'isolated']);

export const VpcSchema = z
  .object({
    id,
    name,
    region: z.string().max(50).default('us-east-1'),
    accountId: z.string().max(50).optional().describe('The AWS account that owns the VPC (12 digits), or a label.'),
    ipv4Cidrs: z.array(cidrText).max(50).default([]).describe('IPv4 blocks; the first is the primary block, the rest secondary, in association order.'),
    ipv6Cidrs: z.array(cidrText).max(50).default([]),
    ipv6Source: z
      .enum(['amazon', 'ipam', 'byoip'])
      .default('amazon')
      .describe(
        `Amazon-provided IPv6 blocks are exactly /${AMAZON_VPC_IPV6_PREFIX}; IPAM and BYOIP blocks are /${IPAM_VPC_IPV6_PREFIX.largest}../${IPAM_VPC_IPV6_PREFIX.smallest} in steps of ${IPAM_VPC_IPV6_PREFIX.step}.`,
      ),
    growth: z
      .object({
        subnets: count.describe('How many more subnets the VPC must still be able to take.'),
        prefix: z.number().int().min(0).max(128).describe('The size of each of those future subnets.'),
      })
      .optional(),
    notes: z.string().max(10000).optional(),
  })
  .strict();

export const SubnetSchema = z
  .object({
    id,
    name,
    vpcId: id,
    availabilityZone: z.string().max(50).describe('e.g. us-east-1a'),
    tier: SubnetTierSchema,
    ipv4Cidr: cidrText.optional(),
    ipv6Cidr: cidrText.optional(),
    hostsNeeded: count.optional().describe('Addresses the subnet must hold today (instances, ENIs, endpoints).'),
    growthPercent: z.number().min(0).max(10000).optional().describe('Headroom on top of hostsNeeded, in percent.'),
    byoip: z.boolean().optional().describe('A BYOIP range: AWS reserves no addresses in it.'),
    bastion: z.boolean().optional().describe('The subnet holds a bastion host, which must be reachable from the internet.'),
    routeTableId: id.optional().describe('Its route table; without one the VPC main route table applies.'),
  })
  .strict();

export const InternetGatewaySchema = z.object({ id, name, vpcId: id }).strict();
export const EgressOnlyGatewaySchema = z.object({ id, name, vpcId: id }).strict();
export const VpnGatewaySchema = z
  .object({
    id,
    name,
    vpcId: id,
    externalNetworkIds: z.array(id).default([]).describe('The on-premises or other-cloud networks its VPN connections reach.'),
  })
  .strict();

export const NatDemandSchema = z
  .object({
    instances: count.describe('Instances whose egress goes through this NAT gateway.'),
    peakConnectionsPerInstance: count.describe('Peak simultaneous outbound connections of one instance.'),
    destinations: z
      .array(
        z
          .object({
            name: name.describe('e.g. "S3 endpoint" or "api.example.com:443"'),
            share: z.number().min(0).max(100).describe('Percent of the connections that go to this one destination (IP, port, protocol).'),
          })
          .strict(),
      )
      .default([])
      .describe('How the connections spread over destinations; with none listed, all are assumed to go to one destination (the worst case).'),
  })
  .strict();

export const NatGatewaySchema = z
  .object({
    id,
    name,
    subnetId: id.describe('The subnet the NAT gateway sits in (public, for a public NAT gateway).'),
    connectivity: z.enum(['public', 'private']).default('public'),
    addresses: z
      .number()
      .int()
      .min(1, 'a NAT gateway has at least 1 address')
      .max(
        NAT_GATEWAY_MAX_ADDRESSES,
        `a zonal NAT gateway has at most ${NAT_GATEWAY_MAX_ADDRESSES} IPv4 addresses (1 primary + ${NAT_GATEWAY_MAX_ADDRESSES - 1} secondary)`,
      )
      .default(1),
    demand: NatDemandSchema.optional(),
  })
  .strict();

export const RouteTargetSchema = z.enum(['local', 'internet-gateway', 'nat-gateway', 'egress-only-gateway', 'peering', 'transit-gateway', 'vpn-gateway']);

export const RouteSchema = z
  .object({
    destination: cidrText,
    target: RouteTargetSchema,
    targetId: id.optional().describe('The gateway, peering or transit gateway; not used for local.'),
  })
  .strict();

export const RouteTableSchema = z
  .object({
    id,
    name,
    vpcId: id,
    main: z.boolean().default(false).describe('The VPC main route table, used by subnets with no route table of their own.'),
    routes: z.array(RouteSchema).max(1000).default([]),
  })
  .strict();

export const PeeringSchema = z
  .object({
    id,
    name,
    requesterVpcId: id,
    accepterVpcId: id,
    status: z.enum(['active', 'pending']).default('active'),
  })
  .strict();

export const TgwRouteSchema = z
  .object({
    destination: cidrText,
    kind: z.enum(['static', 'blackhole']).describe('Propagated routes are derived from the attachments’ propagations, not written.'),
    attachmentId: id.optional().describe('Where a static route sends traffic; none for a blackhole.'),
  })
  .strict();

export const TgwRouteTableSchema = z
  .object({
    id,
    name,
    routes: z.array(TgwRouteSchema).max(10000).default([]),
  })
  .strict();

export const TgwAttachmentSchema = z
  .object({
    id,
    name,
    type: z.enum(['vpc', 'vpn', 'direct-connect', 'peering']),
    vpcId: id.optional().describe('For a VPC attachment.'),
    subnetIds: z.array(id).default([]).describe('For a VPC attachment: one subnet per availability zone the attachment serves.'),
    externalNetworkId: id.optional().describe('For a VPN or Direct Connect attachment: the network on the far side.'),
    peerTransitGatewayId: id.optional().describe('For a peering attachment.'),
    associatedRouteTableId: id.optional().describe('Exactly one route table decides where traffic from this attachment goes.'),
    propagatedRouteTableIds: z.array(id).default([]).describe('Route tables that learn this attachment’s CIDRs.'),
  })
  .strict();

export const TransitGatewaySchema = z
  .object({
    id,
    name,
    region: z.string().max(50).default('us-east-1'),
    asn: z.number().int().min(1).max(4294967295).optional(),
    routeTables: z.array(TgwRouteTableSchema).max(200).default([]),
    attachments: z.array(TgwAttachmentSchema).max(TGW_ATTACHMENTS_PER_GATEWAY).default([]),
  })
  .strict();

export const ServiceNetworkSchema = z
  .object({
    id,
    name,
    vpcIds: z.array(id).default([]).describe('VPCs associated with the service network.'),
    services: z.array(z.object({ id, name, vpcId: id.optional().describe('Where the service runs.') }).strict()).default([]),
  })
  .strict();

export const ExternalNetworkSchema = z
  .object({
    id,
    name,
    kind: z.enum(['on-premises', 'azure', 'gcp', 'other-cloud']),
    cidrs: z.array(cidrText).max(1000).default([]),
    customerGatewayIp: z
      .string()
      .max(100)
      .optional()
      .describe('For a VPN: the public IPv4 address of the customer gateway device (its Internet-routable external interface).'),
    bgpAsn: z.number().int().min(1).max(4294967294).optional().describe('For a VPN: the BGP autonomous system number of the customer gateway device.'),
    notes: z.string().max(10000).optional(),
  })
  .strict();

export const PlanSettingsSchema = z
  .object({
    deriveRoutes: z
      .boolean()
      .default(false)
      .describe(
        'Derive the obvious routes (local, internet gateway for public tiers, NAT for private tiers, peering and transit gateway routes) for subnets that have no route table.',
      ),
    showRouteLines: z
      .boolean()
      .default(false)
      .describe('Draw the paths each route table sends traffic along on the canvas. A view setting: it changes no routing.'),
    quotas: z
      .object({
        ipv4BlocksPerVpc: z.number().int().min(1).max(IPV4_BLOCKS_PER_VPC.max).default(IPV4_BLOCKS_PER_VPC.default),
        ipv6BlocksPerVpc: z.number().int().min(1).max(IPV6_BLOCKS_PER_VPC.max).default(IPV6_BLOCKS_PER_VPC.default),
        subnetsPerVpc: z.number().int().min(1).max(10000).default(SUBNETS_PER_VPC_DEFAULT),
        peeringsPerVpc: z.number().int().min(1).max(PEERINGS_PER_VPC.max).default(PEERINGS_PER_VPC.default),
        serviceNetworkVpcAssociations: z.number().int().min(1).max(10000).default(VPC_ASSOCIATIONS_PER_SERVICE_NETWORK_DEFAULT),
      })
      .strict()
      .prefault({})
      .describe('AWS default quotas; raise one where the account has had it raised.'),
  })
  .strict();

const point = z.object({ x: z.number(), y: z.number() }).strict();

export const LayoutSchema = z
  .object({
    nodes: z
      .record(z.string(), point.extend({ width: z.number().positive().optional(), height: z.number().positive().optional() }).strict())
      .default({})
      .describe('Canvas positions by object id. Kept apart so the network model stays clean.'),
    viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number().positive() }).strict().optional(),
  })
  .strict();

export const PlanSchema = z
  .object({
    format: z.literal(PLAN_FORMAT),
    version: z.literal(CURRENT_PLAN_VERSION),
    name: name.default('Untitled plan'),
    description: z.string().max(100000).optional(),
    settings: PlanSettingsSchema.prefault({}),
    vpcs: z.array(VpcSchema).default([]),
    subnets: z.array(SubnetSchema).default([]),
    internetGateways: z.array(InternetGatewaySchema).default([]),
    egressOnlyGateways: z.array(EgressOnlyGatewaySchema).default([]),
    vpnGateways: z.array(VpnGatewaySchema).default([]),
    natGateways: z.array(NatGatewaySchema).default([]),
    routeTables: z.array(RouteTableSchema).default([]),
    peerings: z.array(PeeringSchema).default([]),
    transitGateways: z.array(TransitGatewaySchema).default([]),
    serviceNetworks: z.array(ServiceNetworkSchema).default([]),
    externalNetworks: z.array(ExternalNetworkSchema).default([]),
    layout: LayoutSchema.prefault({}),
  })
  .strict();

export type Plan = z.infer<typeof PlanSchema>;
/** What a file may leave out (defaults fill it in). */
export type PlanInput = z.input<typeof PlanSchema>;
export type Vpc = Plan['vpcs'][number];
export type Subnet = Plan['subnets'][number];
export type SubnetTier = z.infer<typeof SubnetTierSchema>;
export type InternetGateway = Plan['internetGateways'][number];
export type EgressOnlyGateway = Plan['egressOnlyGateways'][number];
export type VpnGateway = Plan['vpnGateways'][number];
export type NatGateway = Plan['natGateways'][number];
export type NatDemand = z.infer<typeof NatDemandSchema>;
export type RouteTable = Plan['routeTables'][number];
export type Route = RouteTable['routes'][number];
export type RouteTarget = z.infer<typeof RouteTargetSchema>;
export type PeeringConnection = Plan['peerings'][number];
export type TransitGateway = Plan['transitGateways'][number];
export type TgwRouteTable = TransitGateway['routeTables'][number];
export type TgwRoute = TgwRouteTable['routes'][number];
export type TgwAttachment = TransitGateway['attachments'][number];
export type ServiceNetwork = Plan['serviceNetworks'][number];
export type ExternalNetwork = Plan['externalNetworks'][number];
export type PlanSettings = Plan['settings'];
export type Layout = Plan['layout'];

/** An empty plan of the current version. */
export function emptyPlan(planName = 'Untitled plan'): Plan {
  return PlanSchema.parse({ format: PLAN_FORMAT, version: CURRENT_PLAN_VERSION, name: planName });
}
