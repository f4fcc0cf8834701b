/**
 * The arguments the Terraform exporter may write, per AWS provider resource type, from each
 * type's "Argument Reference": the page is
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/<doc>, the source
 * is website/docs/r/<doc>.html.markdown in hashicorp/terraform-provider-aws.
 *
 * Audit (see `read` on each entry): every entry was checked against the stored copy of that
 * page, at the commit named. The stored copies are of different ages; where one is older than
 * an argument listed, `read` says so and names the provider CHANGELOG.md entry that added it
 * (CHANGELOG read at the 5.75.1-unreleased and 5.10.0-unreleased heads, plus the 5.0.0 section).
 * Arguments no page or changelog entry confirmed were removed rather than kept from memory.
 * `region` is the v6 per-resource region argument (confirmed on the v6 pages of aws_route,
 * aws_route_table_association, aws_main_route_table_association, aws_vpc_peering_connection,
 * aws_egress_only_internet_gateway, aws_ec2_transit_gateway and the Lattice VPC association);
 * the exporter never writes it (it uses provider aliases, which work on v5 too).
 * The exporter refuses to write an argument missing from here, and the tests check every
 * argument in the output against this table.
 */

export interface ResourceArguments {
  /** The provider doc page (see above). */
  doc: string;
  /** Which stored version of the page the list was checked against, and what it did not cover. */
  read: string;
  arguments: readonly string[];
}

/** Terraform meta-arguments, valid on every resource (Terraform language docs, "Meta-Arguments"). */
export const META_ARGUMENTS: readonly string[] = ['provider', 'depends_on', 'count', 'for_each', 'lifecycle'];

export const RESOURCE_ARGUMENTS = {
  aws_vpc: {
    doc: 'vpc',
    read:
      'commit 0148137d (v4-era page: cidr_block, instance_tenancy, enable_dns_support, enable_dns_hostnames, ' +
      'assign_generated_ipv6_cidr_block, tags; enable_classiclink* were removed in 5.0.0 per CHANGELOG). ipv6_cidr_block and ' +
      'ipv6_netmask_length are confirmed by the 5.61.0 CHANGELOG (#35614); the IPAM arguments were on no stored page and are left out. ' +
      'The exporter writes cidr_block, enable_dns_support, enable_dns_hostnames, assign_generated_ipv6_cidr_block and tags.',
    arguments: [
      'cidr_block',
      'instance_tenancy',
      'ipv6_cidr_block',
      'ipv6_netmask_length',
      'enable_dns_support',
      'enable_dns_hostnames',
      'assign_generated_ipv6_cidr_block',
      'tags',
      'region',
    ],
  },
  aws_vpc_ipv4_cidr_block_association: {
    doc: 'vpc_ipv4_cidr_block_association',
    read: 'commit 04393574 (old page: cidr_block, vpc_id); the later IPAM arguments were on no stored page and are left out.',
    arguments: ['cidr_block', 'vpc_id', 'region'],
  },
  aws_vpc_ipv6_cidr_block_association: {
    doc: 'vpc_ipv6_cidr_block_association',
    read:
      'commit 1848ad7a (v4-era page: ipv6_ipam_pool_id, ipv6_netmask_length, vpc_id, and the block, which that page misnames cidr_block; ' +
      'the 5.61.0 CHANGELOG names it ipv6_cidr_block). ' +
      'assign_generated_ipv6_cidr_block and ipv6_pool were added in 5.61.0 (CHANGELOG: "Add assign_generated_ipv6_cidr_block and ipv6_pool ' +
      'arguments", #27274), after that page; the exporter therefore requires >= 5.61 when it writes them (ARGUMENT_SINCE).',
    arguments: ['assign_generated_ipv6_cidr_block', 'ipv6_cidr_block', 'ipv6_ipam_pool_id', 'ipv6_netmask_length', 'ipv6_pool', 'vpc_id', 'region'],
  },
  aws_subnet: {
    doc: 'subnet',
    read:
      'commit 03e1f427 (v3-era page) for the core arguments; the full v6 list (region, assign_ipv6_address_on_creation, availability_zone, ' +
      'availability_zone_id, cidr_block, customer_owned_ipv4_pool, enable_dns64, enable_lni_at_device_index, enable_resource_name_dns_*, ' +
      'ipv6_cidr_block, ipv6_native, ipv4/ipv6 IPAM pool and netmask, map_*_on_launch, outpost_arn, private_dns_hostname_type_on_launch, ' +
      'vpc_id, tags) from a v6 copy of the page in the code index (find_string id 10965434530; the index does not name its repository).',
    arguments: [
      'assign_ipv6_address_on_creation',
      'availability_zone',
      'availability_zone_id',
      'cidr_block',
      'customer_owned_ipv4_pool',
      'enable_dns64',
      'enable_lni_at_device_index',
      'enable_resource_name_dns_aaaa_record_on_launch',
      'enable_resource_name_dns_a_record_on_launch',
      'ipv6_cidr_block',
      'ipv6_native',
      'ipv4_ipam_pool_id',
      'ipv4_netmask_length',
      'ipv6_ipam_pool_id',
      'ipv6_netmask_length',
      'map_customer_owned_ip_on_launch',
      'map_public_ip_on_launch',
      'outpost_arn',
      'private_dns_hostname_type_on_launch',
      'vpc_id',
      'tags',
      'region',
    ],
  },
  aws_internet_gateway: { doc: 'internet_gateway', read: 'commit 0aa0d338 (v4 page: vpc_id, tags).', arguments: ['vpc_id', 'tags', 'region'] },
  aws_egress_only_internet_gateway: {
    doc: 'egress_only_internet_gateway',
    read: 'commit 108f85fd (v6 page: region, vpc_id, tags).',
    arguments: ['vpc_id', 'tags', 'region'],
  },
  aws_vpn_gateway: {
    doc: 'vpn_gateway',
    read: 'commit 05bc44a0 (old page: vpc_id, availability_zone, tags, amazon_side_asn).',
    arguments: ['vpc_id', 'availability_zone', 'amazon_side_asn', 'tags', 'region'],
  },
  aws_eip: {
    doc: 'eip',
    read:
      'commit 0148137d (v4 page: address, associate_with_private_ip, customer_owned_ipv4_pool, instance, network_border_group, ' +
      'network_interface, public_ipv4_pool, tags, and the old `vpc`, where `domain` is still only an attribute). `domain` is the argument ' +
      'since 5.0.0 (CHANGELOG 5.0.0: "Deprecate vpc attribute. Use domain instead", #31567), so the exporter writes domain = "vpc" and ' +
      'never vpc = true. ipam_pool_id is later, on no stored page, and left out.',
    arguments: [
      'address',
      'associate_with_private_ip',
      'customer_owned_ipv4_pool',
      'domain',
      'instance',
      'network_border_group',
      'network_interface',
      'public_ipv4_pool',
      'tags',
      'region',
    ],
  },
  aws_nat_gateway: {
    doc: 'nat_gateway',
    read:
      'commit 00eefa99 (v5 page: allocation_id, connectivity_type, private_ip, subnet_id, secondary_allocation_ids, ' +
      'secondary_private_ip_addresses, secondary_private_ip_address_count, tags). The secondary_* arguments were added in 5.10.0 ' +
      '(CHANGELOG, #31778), so the exporter requires >= 5.10 when it writes them. Regional NAT gateways (availability_mode, vpc_id) ' +
      'are newer than every stored page and are not used.',
    arguments: [
      'allocation_id',
      'connectivity_type',
      'private_ip',
      'subnet_id',
      'secondary_allocation_ids',
      'secondary_private_ip_addresses',
      'secondary_private_ip_address_count',
      'tags',
      'region',
    ],
  },
  aws_route_table: {
    doc: 'route_table',
    read: 'commit 0692bf71 (old page: vpc_id, route, tags, propagating_vgws). The exporter never writes inline route blocks.',
    arguments: ['vpc_id', 'route', 'propagating_vgws', 'tags', 'region'],
  },
  aws_route: {
    doc: 'route',
    read:
      'commit 25bd22d4 (v6 page: region, route_table_id, destination_cidr_block, destination_ipv6_cidr_block, destination_prefix_list_id, ' +
      'carrier_gateway_id, core_network_arn, egress_only_gateway_id, gateway_id, local_gateway_id, nat_gateway_id, network_interface_id, ' +
      'odb_network_arn, transit_gateway_id, vpc_endpoint_id, vpc_peering_connection_id).',
    arguments: [
      'route_table_id',
      'destination_cidr_block',
      'destination_ipv6_cidr_block',
      'destination_prefix_list_id',
      'carrier_gateway_id',
      'core_network_arn',
      'egress_only_gateway_id',
      'gateway_id',
      'nat_gateway_id',
      'local_gateway_id',
      'network_interface_id',
      'odb_network_arn',
      'transit_gateway_id',
      'vpc_endpoint_id',
      'vpc_peering_connection_id',
      'region',
    ],
  },
  aws_route_table_association: {
    doc: 'route_table_association',
    read: 'commit 0191a3ec (v6 page: region, subnet_id, gateway_id, route_table_id).',
    arguments: ['subnet_id', 'gateway_id', 'route_table_id', 'region'],
  },
  aws_main_route_table_association: {
    doc: 'main_route_table_association',
    read: 'commit 0da2c69c (v6 page: region, vpc_id, route_table_id).',
    arguments: ['vpc_id', 'route_table_id', 'region'],
  },
  aws_vpc_peering_connection: {
    doc: 'vpc_peering_connection',
    read: 'commit 01eedc9b (v6 page: region, peer_owner_id, peer_vpc_id, vpc_id, auto_accept, peer_region, accepter, requester, tags).',
    arguments: ['peer_owner_id', 'peer_vpc_id', 'vpc_id', 'auto_accept', 'peer_region', 'accepter', 'requester', 'tags', 'region'],
  },
  aws_vpc_peering_connection_accepter: {
    doc: 'vpc_peering_connection_accepter',
    read:
      'commit 02910eec (v4 page: vpc_peering_connection_id, auto_accept, tags; accepter and requester appear there only as attributes, ' +
      'so they are not listed).',
    arguments: ['vpc_peering_connection_id', 'auto_accept', 'tags', 'region'],
  },
  aws_ec2_transit_gateway: {
    doc: 'ec2_transit_gateway',
    read:
      'commit 07e0d0b9 (v6 page: region, amazon_side_asn, auto_accept_shared_attachments, default_route_table_association, ' +
      'default_route_table_propagation, description, dns_support, security_group_referencing_support, multicast_support, tags, ' +
      'transit_gateway_cidr_blocks, vpn_ecmp_support).',
    arguments: [
      'amazon_side_asn',
      'auto_accept_shared_attachments',
      'default_route_table_association',
      'default_route_table_propagation',
      'description',
      'dns_support',
      'multicast_support',
      'security_group_referencing_support',
      'tags',
      'transit_gateway_cidr_blocks',
      'vpn_ecmp_support',
      'region',
    ],
  },
  aws_ec2_transit_gateway_route_table: {
    doc: 'ec2_transit_gateway_route_table',
    read: 'commit 0d8771db (old page: transit_gateway_id, tags).',
    arguments: ['transit_gateway_id', 'tags', 'region'],
  },
  aws_ec2_transit_gateway_vpc_attachment: {
    doc: 'ec2_transit_gateway_vpc_attachment',
    read:
      'commit 0c7a09fd (v2-era page: subnet_ids, transit_gateway_id, vpc_id, dns_support, ipv6_support, tags, ' +
      'transit_gateway_default_route_table_association/propagation). appliance_mode_support and security_group_referencing_support are ' +
      'later, on no stored page, and left out.',
    arguments: [
      'subnet_ids',
      'transit_gateway_id',
      'vpc_id',
      'dns_support',
      'ipv6_support',
      'tags',
      'transit_gateway_default_route_table_association',
      'transit_gateway_default_route_table_propagation',
      'region',
    ],
  },
  aws_ec2_transit_gateway_route_table_association: {
    doc: 'ec2_transit_gateway_route_table_association',
    read:
      'commit 03ffdb07 (v4 page: transit_gateway_attachment_id, transit_gateway_route_table_id). replace_existing_association is not ' +
      'on the stored page, so it is not listed.',
    arguments: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id', 'region'],
  },
  aws_ec2_transit_gateway_route_table_propagation: {
    doc: 'ec2_transit_gateway_route_table_propagation',
    read: 'commit 133d5536 (v4 page: transit_gateway_attachment_id, transit_gateway_route_table_id).',
    arguments: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id', 'region'],
  },
  aws_ec2_transit_gateway_route: {
    doc: 'ec2_transit_gateway_route',
    read: 'commit 1b95a29b (v4 page: destination_cidr_block, transit_gateway_attachment_id, blackhole, transit_gateway_route_table_id).',
    arguments: ['destination_cidr_block', 'transit_gateway_attachment_id', 'blackhole', 'transit_gateway_route_table_id', 'region'],
  },
  aws_vpclattice_service_network: {
    doc: 'vpclattice_service_network',
    read: 'commit 044fb317 (v5 page: name, auth_type, tags).',
    arguments: ['auth_type', 'name', 'tags', 'region'],
  },
  aws_vpclattice_service_network_vpc_association: {
    doc: 'vpclattice_service_network_vpc_association',
    read: 'commit 07e0d0b9 (v6 page: region, vpc_identifier, service_network_identifier (an ARN across accounts), tags, security_group_ids).',
    arguments: ['vpc_identifier', 'service_network_identifier', 'security_group_ids', 'tags', 'region'],
  },
  aws_ec2_transit_gateway_vpc_attachment_accepter: {
    doc: 'ec2_transit_gateway_vpc_attachment_accepter',
    read:
      'commit 04c79849 (page: transit_gateway_attachment_id, transit_gateway_default_route_table_association, ' +
      "transit_gateway_default_route_table_propagation, tags). The accepter side of a cross-account VPC attachment, in the transit gateway's account.",
    arguments: ['transit_gateway_attachment_id', 'transit_gateway_default_route_table_association', 'transit_gateway_default_route_table_propagation', 'tags'],
  },
  aws_ram_resource_share: {
    doc: 'ram_resource_share',
    read: 'commit 2c467f77 (page: name, allow_external_principals, tags).',
    arguments: ['name', 'allow_external_principals', 'tags'],
  },
  aws_ram_principal_association: {
    doc: 'ram_principal_association',
    read:
      'commit 4f8731f0 (v6 page: region, principal, resource_share_arn; an account outside the AWS Organization, or any account when ' +
      'RAM sharing with Organizations is off, gets an invitation to accept with aws_ram_resource_share_accepter).',
    arguments: ['principal', 'resource_share_arn', 'region'],
  },
  aws_ram_resource_association: {
    doc: 'ram_resource_association',
    read: 'commit 0adaea06 (page: resource_arn, resource_share_arn).',
    arguments: ['resource_arn', 'resource_share_arn'],
  },
  aws_ram_resource_share_accepter: {
    doc: 'ram_resource_share_accepter',
    read: 'commit 108f85fd (v6 page: region, share_arn; "not necessary" when both accounts are in one Organization with RAM sharing enabled).',
    arguments: ['share_arn', 'region'],
  },
  aws_customer_gateway: {
    doc: 'customer_gateway',
    read: 'commit 0148137d (page: bgp_asn, device_name, ip_address, type (only "ipsec.1"), tags).',
    arguments: ['bgp_asn', 'device_name', 'ip_address', 'type', 'tags'],
  },
  aws_vpn_connection: {
    doc: 'vpn_connection',
    read:
      'commit 0148137d (page: customer_gateway_id, type, transit_gateway_id or vpn_gateway_id, static_routes_only, enable_acceleration, ' +
      'local/remote_ipv4/ipv6_network_cidr, tunnel_inside_ip_version, tags; the tunnel1_*/tunnel2_* options are left at their defaults and not listed). ' +
      'Its transit_gateway_attachment_id attribute is the VPN attachment on a transit gateway.',
    arguments: [
      'customer_gateway_id',
      'type',
      'transit_gateway_id',
      'vpn_gateway_id',
      'static_routes_only',
      'enable_acceleration',
      'local_ipv4_network_cidr',
      'local_ipv6_network_cidr',
      'remote_ipv4_network_cidr',
      'remote_ipv6_network_cidr',
      'tunnel_inside_ip_version',
      'tags',
    ],
  },
  aws_vpclattice_service: {
    doc: 'vpclattice_service',
    read: 'commit 05752e97 (page: name (3-40 of a-z, 0-9 and single hyphens), auth_type, certificate_arn, custom_domain_name, tags).',
    arguments: ['name', 'auth_type', 'certificate_arn', 'custom_domain_name', 'tags'],
  },
  aws_vpclattice_service_network_service_association: {
    doc: 'vpclattice_service_network_service_association',
    read: 'commit 03413ed4 (page: service_identifier, service_network_identifier (the ARN across accounts), tags).',
    arguments: ['service_identifier', 'service_network_identifier', 'tags'],
  },
} as const satisfies Record<string, ResourceArguments>;

/**
 * Arguments newer than the exporter's floor (5.0: `domain` on aws_eip), with the provider
 * release that added each (CHANGELOG.md of hashicorp/terraform-provider-aws). The exporter
 * pins `>= ` the newest one it writes, so an older provider fails at `terraform init`, not at apply.
 */
export const PROVIDER_FLOOR = '5.0';
export const ARGUMENT_SINCE: Readonly<Record<string, string>> = {
  'aws_nat_gateway.secondary_allocation_ids': '5.10',
  'aws_nat_gateway.secondary_private_ip_addresses': '5.10',
  'aws_nat_gateway.secondary_private_ip_address_count': '5.10',
  'aws_vpc_ipv6_cidr_block_association.assign_generated_ipv6_cidr_block': '5.61',
  'aws_vpc_ipv6_cidr_block_association.ipv6_pool': '5.61',
};

/** The later of two provider versions ("5.10" > "5.9"). */
export function laterVersion(a: string, b: string): string {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d > 0 ? a : b;
  }
  return a;
}

export type ResourceType = keyof typeof RESOURCE_ARGUMENTS;

/** Arguments of the `provider "aws"` block the exporter writes (provider docs, "Argument Reference"). */
export const PROVIDER_ARGUMENTS: readonly string[] = ['alias', 'region', 'allowed_account_ids', 'profile'];

/**
 * Blocks of the `provider "aws"` block the exporter writes: `assume_role` (its `role_arn` is
 * optional) and `default_tags` (its `tags` map), from the provider index page
 * (website/docs/index.html.markdown, "assume_role Configuration Block" and "default_tags
 * Configuration Block"; find_string id 1861272917). `assume_role` is written as a `dynamic`
 * block (Terraform language docs, "dynamic Blocks") so a null role writes none.
 */
export const PROVIDER_BLOCKS: readonly string[] = ['assume_role', 'default_tags'];

/** Arguments of an `output` block (Terraform language docs, "Output Values"). */
export const OUTPUT_ARGUMENTS: readonly string[] = ['value', 'description', 'sensitive', 'depends_on'];

/** Arguments of a `variable` block (Terraform language docs, "Input Variables"). */
export const VARIABLE_ARGUMENTS: readonly string[] = ['type', 'default', 'description', 'sensitive', 'nullable'];

export function isAllowedArgument(type: string, argument: string): boolean {
  if (META_ARGUMENTS.includes(argument)) return true;
  const entry = (RESOURCE_ARGUMENTS as Record<string, ResourceArguments>)[type];
  return entry !== undefined && entry.arguments.includes(argument);
}
