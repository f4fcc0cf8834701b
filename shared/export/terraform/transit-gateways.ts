/** Transit gateways: route tables, VPC attachments, associations, propagations and routes. */
import { formatCidr } from '../../cidr';
import type { HclValue } from '../hcl';
import { destinationWords, label, missingVpc, parseEither, ref, tags, type TerraformWriter } from './writer';
import type { ExportedSubnet, ExportedVpc } from './vpcs';

export interface ExportedTransitGateways {
  gateways: Map<string, string>;
  /** `${vpcId}|${tgwId}` -> the VPC attachment resource name. */
  attachmentsByVpc: Map<string, string>;
}

export function exportTransitGateways(w: TerraformWriter, vpcs: Map<string, ExportedVpc>, subnets: Map<string, ExportedSubnet>): ExportedTransitGateways {
  const gateways = new Map<string, string>();
  const attachmentsByVpc = new Map<string, string>();
  for (const tgw of w.plan.transitGateways) {
    // The transit gateway lives in the account of its first attached VPC (the network account in a hub and spoke).
    const owner = tgw.attachments.map((a) => (a.vpcId ? vpcs.get(a.vpcId) : undefined)).find((v) => v !== undefined);
    const account = owner ? owner.vpc.accountId : w.primarySlot.account;
    const slot = w.slot(account, tgw.region);
    const name = w.names.take('aws_ec2_transit_gateway', tgw.name, tgw.id, 'tgw');
    w.resource('aws_ec2_transit_gateway', name, slot, [
      ['description', tgw.name || tgw.id],
      ['amazon_side_asn', tgw.asn],
      ['default_route_table_association', 'disable'],
      ['default_route_table_propagation', 'disable'],
      ['tags', tags(tgw)],
    ]);
    gateways.set(tgw.id, name);
    const tables = new Map<string, string>();
    for (const table of tgw.routeTables) {
      const tableName = w.names.take('aws_ec2_transit_gateway_route_table', `${name}_${table.name}`, `${name}_${table.id}`);
      w.resource('aws_ec2_transit_gateway_route_table', tableName, slot, [['transit_gateway_id', ref('aws_ec2_transit_gateway', name, 'id')], ['tags', tags(table)]]);
      tables.set(table.id, tableName);
    }
    const attachments = new Map<string, HclValue>();
    for (const att of tgw.attachments) {
      if (att.type !== 'vpc') {
        const variable = w.names.take('variable', `tgw_attachment_${att.name || att.id}`);
        attachments.set(att.id, w.variable(variable, `The id (tgw-attach-...) of the ${att.type} attachment "${att.name || att.id}" on transit gateway "${tgw.name || tgw.id}", which the plan does not create.`));
        w.warn(`The ${att.type} attachment ${label(att)} on transit gateway ${label(tgw)} is not created by this Terraform: create it (e.g. aws_vpn_connection with transit_gateway_id) and set variable ${variable} to its attachment id.`);
        continue;
      }
      const vpc = att.vpcId ? vpcs.get(att.vpcId) : undefined;
      if (!vpc) {
        w.warn(`Skipped transit gateway attachment ${label(att)}: ${att.vpcId ? missingVpc(w, att.vpcId) : 'it names no VPC'}.`);
        continue;
      }
      const attached = att.subnetIds.map((id) => subnets.get(id)).filter((s): s is ExportedSubnet => s !== undefined && s.vpc === vpc && s.subnet.ipv4Cidr !== undefined);
      if (attached.length < att.subnetIds.length) {
        w.warn(`Transit gateway attachment ${label(att)}: ${att.subnetIds.length - attached.length} of its subnets were left out (not exported, not in VPC ${label(vpc.vpc)}, or without IPv4).`);
      }
      if (attached.length === 0) {
        w.warn(`Skipped transit gateway attachment ${label(att)}: none of its subnets could be exported. Give it one subnet per availability zone it serves.`);
        continue;
      }
      const sameAccount = (vpc.vpc.accountId ?? '') === (slot.account ?? '');
      if (!sameAccount) {
        w.warn(`Transit gateway ${label(tgw)} is in account ${slot.account ?? '(default)'} and VPC ${label(vpc.vpc)} in ${vpc.vpc.accountId ?? '(default)'}: share the transit gateway with AWS RAM (aws_ram_resource_share, aws_ram_principal_association) and accept the attachment; left for you.`);
      }
      const attName = w.names.take('aws_ec2_transit_gateway_vpc_attachment', att.name, att.id, 'attachment');
      w.resource('aws_ec2_transit_gateway_vpc_attachment', attName, vpc.slot, [
        ['transit_gateway_id', ref('aws_ec2_transit_gateway', name, 'id')],
        ['vpc_id', ref('aws_vpc', vpc.name, 'id')],
        ['subnet_ids', attached.map((s) => ref('aws_subnet', s.name, 'id'))],
        ['ipv6_support', attached.every((s) => s.hasIpv6) ? 'enable' : undefined],
        // Not settable on a RAM-shared transit gateway (provider docs); the gateway's defaults are disabled anyway.
        ['transit_gateway_default_route_table_association', sameAccount ? false : undefined],
        ['transit_gateway_default_route_table_propagation', sameAccount ? false : undefined],
        ['tags', tags(att)],
      ]);
      attachments.set(att.id, ref('aws_ec2_transit_gateway_vpc_attachment', attName, 'id'));
      attachmentsByVpc.set(`${vpc.vpc.id}|${tgw.id}`, attName);
    }
    for (const att of tgw.attachments) {
      const attachment = attachments.get(att.id);
      if (!attachment) continue;
      const attWords = att.name || att.id;
      if (att.associatedRouteTableId !== undefined) {
        const table = tables.get(att.associatedRouteTableId);
        if (!table) w.warn(`Skipped the route table association of attachment ${label(att)}: route table ${att.associatedRouteTableId} is not on transit gateway ${label(tgw)}.`);
        else {
          w.resource('aws_ec2_transit_gateway_route_table_association', w.names.take('aws_ec2_transit_gateway_route_table_association', `${name}_${attWords}`), slot, [
            ['transit_gateway_attachment_id', attachment],
            ['transit_gateway_route_table_id', ref('aws_ec2_transit_gateway_route_table', table, 'id')],
          ]);
        }
      }
      for (const tableId of att.propagatedRouteTableIds) {
        const table = tables.get(tableId);
        if (!table) {
          w.warn(`Skipped a propagation of attachment ${label(att)}: route table ${tableId} is not on transit gateway ${label(tgw)}.`);
          continue;
        }
        w.resource('aws_ec2_transit_gateway_route_table_propagation', w.names.take('aws_ec2_transit_gateway_route_table_propagation', `${attWords}_to_${table}`), slot, [
          ['transit_gateway_attachment_id', attachment],
          ['transit_gateway_route_table_id', ref('aws_ec2_transit_gateway_route_table', table, 'id')],
        ]);
      }
    }
    for (const table of tgw.routeTables) {
      const tableName = tables.get(table.id)!;
      for (const route of table.routes) {
        const destination = parseEither(route.destination);
        if (!destination.ok) {
          w.warn(`Skipped route ${route.destination} in transit gateway route table ${label(table)}: ${destination.reason}. Fix the destination.`);
          continue;
        }
        let target: HclValue | undefined;
        if (route.kind === 'static') {
          target = route.attachmentId ? attachments.get(route.attachmentId) : undefined;
          if (!target) {
            w.warn(`Skipped static route ${route.destination} in transit gateway route table ${label(table)}: ${route.attachmentId ? `attachment ${route.attachmentId} was not exported` : 'it names no attachment'}.`);
            continue;
          }
        }
        w.resource('aws_ec2_transit_gateway_route', w.names.take('aws_ec2_transit_gateway_route', `${tableName}_${destinationWords(destination.cidr)}`), slot, [
          ['transit_gateway_route_table_id', ref('aws_ec2_transit_gateway_route_table', tableName, 'id')],
          ['destination_cidr_block', formatCidr(destination.cidr)],
          ['transit_gateway_attachment_id', target],
          ['blackhole', route.kind === 'blackhole' ? true : undefined],
        ]);
      }
    }
  }
  return { gateways, attachmentsByVpc };
}

