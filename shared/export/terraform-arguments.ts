/**
 * The arguments the Terraform exporter may write, per AWS provider resource type (v5 and
 * v6), taken from each type's "Argument Reference" in the provider docs: the page is
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/<page>, the
 * source is website/docs/r/<page>.html.markdown in hashicorp/terraform-provider-aws.
 * `region` is the v6 per-resource region argument; the exporter does not write it (it uses
 * provider aliases, which work on v5 too), it is listed only because it is real.
 * The exporter refuses to write an argument missing from here, and the tests check every
 * argument in the output against this table.
 */

export interface ResourceArguments {
  /** The provider doc page (see above). */
  doc: string;
  arguments: readonly string[];
}

/** Terraform meta-arguments, valid on every resource (Terraform language docs, "Meta-Arguments"). */
export const META_ARGUMENTS: readonly string[] = ['provider', 'depends_on', 'count', 'for_each', 'lifecycle'];

export const RESOURCE_ARGUMENTS = {
  aws_vpc: {
    doc: 'vpc',
    arguments: [
      'cidr_block', 'instance_tenancy', 'ipv4_ipam_pool_id', 'ipv4_netmask_length', 'ipv6_cidr_block', 'ipv6_ipam_pool_id',
      'ipv6_netmask_length', 'ipv6_cidr_block_network_border_group', 'enable_dns_support', 'enable_network_address_usage_metrics',
      'enable_dns_hostnames', 'assign_generated_ipv6_cidr_block', 'tags', 'region',
    ],
  },
  aws_vpc_ipv4_cidr_block_association: {
    doc: 'vpc_ipv4_cidr_block_association',
    arguments: ['cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length', 'vpc_id', 'region'],
  },
  aws_vpc_ipv6_cidr_block_association: {
    doc: 'vpc_ipv6_cidr_block_association',
    arguments: ['assign_generated_ipv6_cidr_block', 'ipv6_cidr_block', 'ipv6_ipam_pool_id', 'ipv6_netmask_length', 'ipv6_pool', 'vpc_id', 'region'],
  },
  aws_subnet: {
    doc: 'subnet',
    arguments: [
      'assign_ipv6_address_on_creation', 'availability_zone', 'availability_zone_id', 'cidr_block', 'customer_owned_ipv4_pool',
      'enable_dns64', 'enable_lni_at_device_index', 'enable_resource_name_dns_aaaa_record_on_launch',
      'enable_resource_name_dns_a_record_on_launch', 'ipv6_cidr_block', 'ipv6_native', 'map_customer_owned_ip_on_launch',
      'map_public_ip_on_launch', 'outpost_arn', 'private_dns_hostname_type_on_launch', 'vpc_id', 'tags', 'region',
    ],
  },
  aws_internet_gateway: { doc: 'internet_gateway', arguments: ['vpc_id', 'tags', 'region'] },
  aws_egress_only_internet_gateway: { doc: 'egress_only_internet_gateway', arguments: ['vpc_id', 'tags', 'region'] },
  aws_vpn_gateway: { doc: 'vpn_gateway', arguments: ['vpc_id', 'availability_zone', 'amazon_side_asn', 'tags', 'region'] },
  aws_eip: {
    doc: 'eip',
    arguments: [
      'address', 'associate_with_private_ip', 'customer_owned_ipv4_pool', 'domain', 'instance', 'ipam_pool_id', 'network_border_group',
      'network_interface', 'public_ipv4_pool', 'tags', 'region',
    ],
  },
  aws_nat_gateway: {
    doc: 'nat_gateway',
    arguments: [
      'allocation_id', 'connectivity_type', 'private_ip', 'subnet_id', 'secondary_allocation_ids', 'secondary_private_ip_addresses',
      'secondary_private_ip_address_count', 'tags', 'region',
    ],
  },
  aws_route_table: { doc: 'route_table', arguments: ['vpc_id', 'route', 'propagating_vgws', 'tags', 'region'] },
  aws_route: {
    doc: 'route',
    arguments: [
      'route_table_id', 'destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id', 'carrier_gateway_id',
      'core_network_arn', 'egress_only_gateway_id', 'gateway_id', 'nat_gateway_id', 'local_gateway_id', 'network_interface_id',
      'transit_gateway_id', 'vpc_endpoint_id', 'vpc_peering_connection_id', 'region',
    ],
  },
  aws_route_table_association: { doc: 'route_table_association', arguments: ['subnet_id', 'gateway_id', 'route_table_id', 'region'] },
  aws_main_route_table_association: { doc: 'main_route_table_association', arguments: ['vpc_id', 'route_table_id', 'region'] },
  aws_vpc_peering_connection: {
    doc: 'vpc_peering_connection',
    arguments: ['peer_owner_id', 'peer_vpc_id', 'vpc_id', 'auto_accept', 'peer_region', 'accepter', 'requester', 'tags', 'region'],
  },
  aws_vpc_peering_connection_accepter: {
    doc: 'vpc_peering_connection_accepter',
    arguments: ['vpc_peering_connection_id', 'auto_accept', 'accepter', 'requester', 'tags', 'region'],
  },
  aws_ec2_transit_gateway: {
    doc: 'ec2_transit_gateway',
    arguments: [
      'amazon_side_asn', 'auto_accept_shared_attachments', 'default_route_table_association', 'default_route_table_propagation',
      'description', 'dns_support', 'multicast_support', 'security_group_referencing_support', 'tags', 'transit_gateway_cidr_blocks',
      'vpn_ecmp_support', 'region',
    ],
  },
  aws_ec2_transit_gateway_route_table: { doc: 'ec2_transit_gateway_route_table', arguments: ['transit_gateway_id', 'tags', 'region'] },
  aws_ec2_transit_gateway_vpc_attachment: {
    doc: 'ec2_transit_gateway_vpc_attachment',
    arguments: [
      'subnet_ids', 'transit_gateway_id', 'vpc_id', 'appliance_mode_support', 'dns_support', 'ipv6_support',
      'security_group_referencing_support', 'tags', 'transit_gateway_default_route_table_association',
      'transit_gateway_default_route_table_propagation', 'region',
    ],
  },
  aws_ec2_transit_gateway_route_table_association: {
    doc: 'ec2_transit_gateway_route_table_association',
    arguments: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id', 'replace_existing_association', 'region'],
  },
  aws_ec2_transit_gateway_route_table_propagation: {
    doc: 'ec2_transit_gateway_route_table_propagation',
    arguments: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id', 'region'],
  },
  aws_ec2_transit_gateway_route: {
    doc: 'ec2_transit_gateway_route',
    arguments: ['destination_cidr_block', 'transit_gateway_attachment_id', 'blackhole', 'transit_gateway_route_table_id', 'region'],
  },
  aws_vpclattice_service_network: { doc: 'vpclattice_service_network', arguments: ['auth_type', 'name', 'tags', 'region'] },
  aws_vpclattice_service_network_vpc_association: {
    doc: 'vpclattice_service_network_vpc_association',
    arguments: ['vpc_identifier', 'service_network_identifier', 'security_group_ids', 'tags', 'region'],
  },
} as const satisfies Record<string, ResourceArguments>;

export type ResourceType = keyof typeof RESOURCE_ARGUMENTS;

/** Arguments of the `provider "aws"` block the exporter writes (provider docs, "Argument Reference"). */
export const PROVIDER_ARGUMENTS: readonly string[] = ['alias', 'region', 'allowed_account_ids', 'profile', 'default_tags'];

/** Arguments of a `variable` block (Terraform language docs, "Input Variables"). */
export const VARIABLE_ARGUMENTS: readonly string[] = ['type', 'default', 'description', 'sensitive', 'nullable'];

export function isAllowedArgument(type: string, argument: string): boolean {
  if (META_ARGUMENTS.includes(argument)) return true;
  const entry = (RESOURCE_ARGUMENTS as Record<string, ResourceArguments>)[type];
  return entry !== undefined && entry.arguments.includes(argument);
}
