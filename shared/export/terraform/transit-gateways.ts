/**
 * Transit gateways: route tables, RAM shares to the other accounts, VPC attachments (with the
 * accepter side across accounts), VPN attachments (vpn.ts), associations, propagations and
 * routes.
 *
 * Across accounts (AWS Transit Gateway guide, "Share a transit gateway"; provider docs of
 * aws_ec2_transit_gateway_vpc_attachment_accepter): the gateway's account shares it through AWS
 * RAM with each VPC account, the VPC account creates the attachment, and the gateway's account
 * accepts it. Everything on the gateway side (associations, propagations, routes) refers to the
 * accepter, so it waits until the attachment is accepted.
 *
 * An attachment the plan does not create (Direct Connect, peering, a VPN without its on-premises
 * network) gets an optional variable for its id; what refers to it has `count = 0` until the
 * variable is set, so nothing refers to an attachment that does not exist.
 */
import { formatCidr } from '../../cidr';
import { expression, type HclValue } from '../hcl';
import { shareWithAccounts } from './ram';
import { exportTransitGatewayVpn } from './vpn';
import { destinationWords, destinationRead, label, missingVpc, ref, tags, transitGatewayAccount, type ProviderSlot, type TerraformWriter } from './writer';
import type { ExportedSubnet, ExportedVpc } from './vpcs';

export interface ExportedTransitGateways {
  gateways: Map<string, { name: string; slot: ProviderSlot }>;
  /** `${vpcId}|${tgwId}` -> what a VPC route to the transit gateway must wait for: the attachment (and its accepter across accounts). */
  attachmentsByVpc: Map<string, HclValue[]>;
}

/** An attachment as the gateway's account sees it: its id, and the count that guards it when it is a variable. */
interface GatewaySideAttachment {
  id: HclValue;
  count?: HclValue;
}

export function exportTransitGateways(w: TerraformWriter, vpcs: Map<string, ExportedVpc>, subnets: Map<string, ExportedSubnet>): ExportedTransitGateways {
  const gateways = new Map<string, { name: string; slot: ProviderSlot }>();
  const attachmentsByVpc = new Map<string, HclValue[]>();
  for (const tgw of w.plan.transitGateways) {
    const slot = w.slot(transitGatewayAccount(w.plan, tgw), tgw.region);
    const name = w.names.take('aws_ec2_transit_gateway', w.id(tgw.id), tgw.id);
    w.resource('aws_ec2_transit_gateway', name, slot, [
      ['description', tgw.name || tgw.id],
      ['amazon_side_asn', tgw.asn],
      ['default_route_table_association', 'disable'],
      ['default_route_table_propagation', 'disable'],
      ['tags', tags(tgw)],
    ]);
    gateways.set(tgw.id, { name, slot });
    const tables = new Map<string, string>();
    for (const table of tgw.routeTables) {
      const tableName = w.names.take('aws_ec2_transit_gateway_route_table', w.id(table.id), table.id);
      w.resource('aws_ec2_transit_gateway_route_table', tableName, slot, [
        ['transit_gateway_id', ref('aws_ec2_transit_gateway', name, 'id')],
        ['tags', tags(table)],
      ]);
      tables.set(table.id, tableName);
    }

    // Which VPC attachments can be written, and which accounts the gateway must be shared with.
    const writable: Array<{ att: (typeof tgw.attachments)[number]; vpc: ExportedVpc; attached: ExportedSubnet[] }> = [];
    for (const att of tgw.attachments) {
      if (att.type !== 'vpc') continue;
      const vpc = att.vpcId ? vpcs.get(att.vpcId) : undefined;
      if (!vpc) {
        w.warn(
          `Skipped transit gateway attachment ${label(att)}: ${att.vpcId ? missingVpc(w, att.vpcId) : 'it names no VPC'}. Routes, associations and propagations of it are skipped too.`,
        );
        continue;
      }
      if (vpc.vpc.region !== tgw.region) {
        w.warn(
          `Skipped transit gateway attachment ${label(att)}: VPC ${label(vpc.vpc)} is in ${vpc.vpc.region} and transit gateway ${label(tgw)} in ${tgw.region}; a VPC attaches only to a transit gateway in its own region (use transit gateway peering across regions).`,
        );
        continue;
      }
      const attached = att.subnetIds
        .map((id) => subnets.get(id))
        .filter((s): s is ExportedSubnet => s !== undefined && s.vpc === vpc && s.subnet.ipv4Cidr !== undefined);
      if (attached.length < att.subnetIds.length) {
        w.warn(
          `Transit gateway attachment ${label(att)}: ${att.subnetIds.length - attached.length} of its subnets were left out (not exported, not in VPC ${label(vpc.vpc)}, or without IPv4).`,
        );
      }
      if (attached.length === 0) {
        w.warn(
          `Skipped transit gateway attachment ${label(att)}: none of its subnets could be exported. Give it one subnet per availability zone it serves. Routes, associations and propagations of it are skipped too.`,
        );
        continue;
      }
      writable.push({ att, vpc, attached });
    }
    const otherAccounts = new Set(writable.filter((x) => !w.sameAccount(x.vpc.slot, slot)).map((x) => x.vpc.vpc.accountId ?? ''));
    otherAccounts.delete('');
    const shareWaits = shareWithAccounts(w, slot, name, tgw.name || tgw.id, ref('aws_ec2_transit_gateway', name, 'arn'), otherAccounts);

    const attachments = new Map<string, GatewaySideAttachment>();
    for (const { att, vpc, attached } of writable) {
      const sameAccount = w.sameAccount(vpc.slot, slot);
      const attName = w.names.take('aws_ec2_transit_gateway_vpc_attachment', w.id(att.id), att.id);
      w.resource('aws_ec2_transit_gateway_vpc_attachment', attName, vpc.slot, [
        ['transit_gateway_id', ref('aws_ec2_transit_gateway', name, 'id')],
        ['vpc_id', ref('aws_vpc', vpc.name, 'id')],
        ['subnet_ids', attached.map((s) => ref('aws_subnet', s.name, 'id'))],
        ['ipv6_support', attached.every((s) => s.hasIpv6) ? 'enable' : undefined],
        // Not settable on a RAM-shared transit gateway (provider docs); the accepter sets them there.
        ['transit_gateway_default_route_table_association', sameAccount ? false : undefined],
        ['transit_gateway_default_route_table_propagation', sameAccount ? false : undefined],
        ['tags', tags(att)],
        // The gateway must be shared with the VPC's account before the attachment can be made.
        ['depends_on', sameAccount ? undefined : shareWaits.get(vpc.vpc.accountId ?? '')],
      ]);
      const waits: HclValue[] = [expression(`aws_ec2_transit_gateway_vpc_attachment.${attName}`)];
      if (sameAccount) {
        attachments.set(att.id, { id: ref('aws_ec2_transit_gateway_vpc_attachment', attName, 'id') });
      } else {
        const accepter = w.names.take('aws_ec2_transit_gateway_vpc_attachment_accepter', w.id(att.id), att.id);
        w.resource(
          'aws_ec2_transit_gateway_vpc_attachment_accepter',
          accepter,
          slot,
          [
            ['transit_gateway_attachment_id', ref('aws_ec2_transit_gateway_vpc_attachment', attName, 'id')],
            ['transit_gateway_default_route_table_association', false],
            ['transit_gateway_default_route_table_propagation', false],
            ['tags', tags(att)],
          ],
          [`Accepts the attachment of VPC ${vpc.vpc.name || vpc.vpc.id} (account ${vpc.vpc.accountId ?? '?'}) in the transit gateway's account.`],
        );
        attachments.set(att.id, { id: ref('aws_ec2_transit_gateway_vpc_attachment_accepter', accepter, 'id') });
        waits.push(expression(`aws_ec2_transit_gateway_vpc_attachment_accepter.${accepter}`));
      }
      attachmentsByVpc.set(`${vpc.vpc.id}|${tgw.id}`, waits);
    }
    for (const att of tgw.attachments) {
      if (att.type === 'vpc') continue;
      const vpn = att.type === 'vpn' ? exportTransitGatewayVpn(w, tgw, att, slot, name) : undefined;
      if (vpn) {
        attachments.set(att.id, { id: vpn });
        continue;
      }
      const variable = w.variable(w.names.take('variable', `tgw_attachment_${w.id(att.id)}`, att.id), {
        description: `The id (tgw-attach-...) of the ${att.type} attachment "${att.name || att.id}" on transit gateway "${tgw.name || tgw.id}", which this Terraform does not create. While it is null, the routes, association and propagations that use it are not created.`,
        default: null,
      });
      const variableText = (variable as { expression: string }).expression;
      attachments.set(att.id, { id: variable, count: expression(`${variableText} == null ? 0 : 1`) });
      const what =
        att.type === 'direct-connect'
          ? 'a Direct Connect gateway association (aws_dx_gateway_association)'
          : att.type === 'peering'
            ? 'a transit gateway peering attachment (aws_ec2_transit_gateway_peering_attachment and its accepter)'
            : `its VPN connection (the plan's attachment names no external network${att.externalNetworkId ? ` in the plan; ${att.externalNetworkId} is missing` : ''})`;
      w.warn(
        `The ${att.type} attachment ${label(att)} on transit gateway ${label(tgw)} is not created by this Terraform: create ${what}, then set ${variableText} to its attachment id; its routes, association and propagations are created once it is set.`,
      );
      w.leftForUser.push(`The ${att.type} attachment ${label(att)} on ${label(tgw)}: create ${what} and set ${variableText}.`);
    }

    for (const att of tgw.attachments) {
      const attachment = attachments.get(att.id);
      if (!attachment) continue;
      if (att.associatedRouteTableId !== undefined) {
        const table = tables.get(att.associatedRouteTableId);
        if (!table)
          w.warn(
            `Skipped the route table association of attachment ${label(att)}: route table ${att.associatedRouteTableId} is not on transit gateway ${label(tgw)}.`,
          );
        else {
          w.resource(
            'aws_ec2_transit_gateway_route_table_association',
            w.names.take('aws_ec2_transit_gateway_route_table_association', w.id(att.id), att.id),
            slot,
            [
              ['count', attachment.count],
              ['transit_gateway_attachment_id', attachment.id],
              ['transit_gateway_route_table_id', ref('aws_ec2_transit_gateway_route_table', table, 'id')],
            ],
          );
        }
      }
      for (const tableId of att.propagatedRouteTableIds) {
        const table = tables.get(tableId);
        if (!table) {
          w.warn(`Skipped a propagation of attachment ${label(att)}: route table ${tableId} is not on transit gateway ${label(tgw)}.`);
          continue;
        }
        w.resource(
          'aws_ec2_transit_gateway_route_table_propagation',
          w.names.take('aws_ec2_transit_gateway_route_table_propagation', `${w.id(att.id)}_to_${table}`, `${att.id}|${tableId}`),
          slot,
          [
            ['count', attachment.count],
            ['transit_gateway_attachment_id', attachment.id],
            ['transit_gateway_route_table_id', ref('aws_ec2_transit_gateway_route_table', table, 'id')],
          ],
        );
      }
    }
    for (const table of tgw.routeTables) {
      const tableName = tables.get(table.id)!;
      for (const route of table.routes) {
        const destination = destinationRead(w, route.destination);
        if (!destination.ok) {
          w.warn(`Skipped route ${route.destination} in transit gateway route table ${label(table)}: ${destination.reason}. Fix the destination.`);
          continue;
        }
        let target: GatewaySideAttachment | undefined;
        if (route.kind === 'static') {
          target = route.attachmentId ? attachments.get(route.attachmentId) : undefined;
          if (!target) {
            w.warn(
              `Skipped static route ${route.destination} in transit gateway route table ${label(table)}: ${route.attachmentId ? `attachment ${route.attachmentId} was not exported (see its warning)` : 'it names no attachment'}.`,
            );
            continue;
          }
        }
        w.resource(
          'aws_ec2_transit_gateway_route',
          w.names.take('aws_ec2_transit_gateway_route', `${tableName}_${destinationWords(destination.cidr)}`, `${table.id}|${formatCidr(destination.cidr)}`),
          slot,
          [
            ['count', target?.count],
            ['transit_gateway_route_table_id', ref('aws_ec2_transit_gateway_route_table', tableName, 'id')],
            ['destination_cidr_block', formatCidr(destination.cidr)],
            ['transit_gateway_attachment_id', target?.id],
            ['blackhole', route.kind === 'blackhole' ? true : undefined],
          ],
        );
      }
    }
  }
  return { gateways, attachmentsByVpc };
}
