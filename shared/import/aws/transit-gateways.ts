/**
 * Transit gateways, their route tables, attachments, associations, propagations and routes.
 * search-transit-gateway-routes and get-transit-gateway-route-table-associations do not
 * print which route table they were run on: a tgw-rtb- id in the file name says so, else
 * the only route table of the transit gateway they name, else the only one imported.
 */
import type { TgwAttachment, TgwRoute } from '../../plan/schema';
import { arnRegion, type Collected } from './collected';
import { GONE, lower, nameTag, plural } from './values';

const ATTACHMENT_TYPE: Record<string, TgwAttachment['type']> = {
  vpc: 'vpc',
  vpn: 'vpn',
  'direct-connect-gateway': 'direct-connect',
  peering: 'peering',
  'tgw-peering': 'peering',
};

export interface BuiltTransitGateway {
  id: string;
  name: string;
  region: string;
  asn?: number;
  routeTables: Array<{ id: string; name: string; routes: TgwRoute[] }>;
  attachments: TgwAttachment[];
}

export function buildTransitGateways(c: Collected, vpcIds: ReadonlySet<string>, subnetIds: ReadonlySet<string>, notes: string[]): BuiltTransitGateway[] {
  const out: BuiltTransitGateway[] = [];
  for (const t of c.transitGateways.values()) {
    if (GONE.has(lower(t.State))) {
      notes.push(`Skipped transit gateway ${t.TransitGatewayId}: it is ${lower(t.State)}.`);
      continue;
    }
    const arnId = t.TransitGatewayArn?.split('/').pop();
    if (arnId !== undefined && arnId !== t.TransitGatewayId)
      notes.push(`Transit gateway ${t.TransitGatewayId}: its ARN ends in ${arnId}, not its id; the id was used.`);
    const rawAsn = t.Options?.AmazonSideAsn;
    const asn = typeof rawAsn === 'number' ? rawAsn : rawAsn !== undefined && /^\d+$/.test(rawAsn) ? Number(rawAsn) : undefined;
    out.push({
      id: t.TransitGatewayId,
      name: nameTag(t.Tags) ?? (t.Description || t.TransitGatewayId),
      region: arnRegion(t.TransitGatewayArn) ?? 'us-east-1',
      ...(asn !== undefined && asn >= 1 && asn <= 4294967295 ? { asn } : {}),
      routeTables: [],
      attachments: [],
    });
  }
  const tgwById = new Map(out.map((t) => [t.id, t]));
  const tableTgw = new Map<string, string>();
  for (const r of c.tgwRouteTables.values()) {
    const tgw = tgwById.get(r.TransitGatewayId);
    if (!tgw) {
      notes.push(
        `Skipped transit gateway route table ${r.TransitGatewayRouteTableId}: its transit gateway ${r.TransitGatewayId} is not in the import (add describe-transit-gateways).`,
      );
      continue;
    }
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
    if (!tgw) {
      notes.push(`Skipped attachment ${id}: its transit gateway ${tgwId} is not in the import (add describe-transit-gateways).`);
      continue;
    }
    const state = lower(general?.State ?? vpcOnly?.State);
    if (GONE.has(state)) {
      notes.push(`Skipped attachment ${id}: it is ${state}.`);
      continue;
    }
    const resourceType = vpcOnly ? 'vpc' : lower(general?.ResourceType);
    const type = ATTACHMENT_TYPE[resourceType];
    if (!type) {
      notes.push(`Skipped attachment ${id}: attachments of type ${resourceType || '(none given)'} are not modelled.`);
      continue;
    }
    const attachment: TgwAttachment = { id, name: nameTag(general?.Tags ?? vpcOnly?.Tags) ?? id, type, subnetIds: [], propagatedRouteTableIds: [] };
    if (type === 'vpc') {
      const vpcId = vpcOnly?.VpcId ?? general?.ResourceId;
      if (vpcId === undefined || !vpcIds.has(vpcId)) {
        notes.push(`Skipped attachment ${id}: its VPC ${vpcId ?? '(none given)'} is not in the import.`);
        continue;
      }
      attachment.vpcId = vpcId;
      const listed = vpcOnly?.SubnetIds;
      if (listed === undefined)
        notes.push(
          `Attachment ${id}: its subnets are not in describe-transit-gateway-attachments; add describe-transit-gateway-vpc-attachments to import them.`,
        );
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
      // Kept as the link to an external network (vpn.ts makes one for the gateway, without ranges).
      if (general?.ResourceId) attachment.externalNetworkId = general.ResourceId;
      else notes.push(`Attachment ${id} is a Direct Connect gateway attachment that names no gateway; add the on-premises network behind it and link it.`);
    }
    const association = general?.Association;
    if (association && !GONE.has(lower(association.State))) {
      if (tableTgw.get(association.TransitGatewayRouteTableId) === tgwId) attachment.associatedRouteTableId = association.TransitGatewayRouteTableId;
      else notes.push(`Attachment ${id} is associated with route table ${association.TransitGatewayRouteTableId}, which is not in the import.`);
    }
    tgw.attachments.push(attachment);
    attachmentTgw.set(id, tgwId);
  }

  const tableFor = (file: string, attachmentIds: string[], what: string, given?: string): string | undefined => {
    const named = given ?? /tgw-rtb-[0-9a-zA-Z]+/.exec(file)?.[0];
    if (named !== undefined) {
      if (tableTgw.has(named)) return named;
      notes.push(`${file}: ${what} for route table ${named}${given ? '' : ' (from the file name)'}, which is not in the import; not imported.`);
      return undefined;
    }
    const tgwsNamed = [...new Set(attachmentIds.map((a) => attachmentTgw.get(a)).filter((t): t is string => t !== undefined))];
    const candidates = tgwsNamed.length === 1 ? tgwById.get(tgwsNamed[0]!)!.routeTables.map((r) => r.id) : [...tableTgw.keys()];
    if (candidates.length === 1) {
      notes.push(
        `${file}: the output does not say which route table it is for; assumed ${candidates[0]}, the only one it can be. Put the tgw-rtb- id in the file name to say so.`,
      );
      return candidates[0];
    }
    notes.push(
      `${file}: ${what} not imported: the output does not say which transit gateway route table it is for (${candidates.length === 0 ? 'none imported' : `${candidates.length} imported`}); put the tgw-rtb- id in the file name.`,
    );
    return undefined;
  };
  const attachmentOf = (id: string) => {
    const tgw = attachmentTgw.get(id);
    return tgw ? tgwById.get(tgw)!.attachments.find((a) => a.id === id) : undefined;
  };

  for (const { file, tableId: given, propagations } of c.tgwPropagations) {
    const tableId = tableFor(
      file,
      propagations.map((p) => p.TransitGatewayAttachmentId),
      `${plural(propagations.length, 'propagation')}`,
      given,
    );
    if (tableId === undefined) continue;
    for (const p of propagations) {
      if (lower(p.State) === 'disabled' || lower(p.State) === 'disabling') continue;
      const attachment = attachmentOf(p.TransitGatewayAttachmentId);
      if (!attachment || attachmentTgw.get(attachment.id) !== tableTgw.get(tableId)) {
        notes.push(
          `${file}: propagation of attachment ${p.TransitGatewayAttachmentId} (${p.ResourceId ?? '?'}) not imported: that attachment is not in the import.`,
        );
        continue;
      }
      if (!attachment.propagatedRouteTableIds.includes(tableId)) attachment.propagatedRouteTableIds.push(tableId);
    }
  }
  for (const { file, tableId: given, associations } of c.tgwAssociations) {
    const tableId = tableFor(
      file,
      associations.map((a) => a.TransitGatewayAttachmentId),
      `${plural(associations.length, 'association')}`,
      given,
    );
    if (tableId === undefined) continue;
    for (const a of associations) {
      if (GONE.has(lower(a.State))) continue;
      const attachment = attachmentOf(a.TransitGatewayAttachmentId);
      if (!attachment || attachmentTgw.get(attachment.id) !== tableTgw.get(tableId)) {
        notes.push(
          `${file}: association of attachment ${a.TransitGatewayAttachmentId} (${a.ResourceId ?? '?'}) not imported: that attachment is not in the import.`,
        );
        continue;
      }
      attachment.associatedRouteTableId = tableId;
    }
  }
  for (const { file, tableId: given, routes } of c.tgwRoutes) {
    const tableId = tableFor(
      file,
      routes.flatMap((r) => (r.TransitGatewayAttachments ?? []).map((a) => a.TransitGatewayAttachmentId)),
      `${plural(routes.length, 'route')}`,
      given,
    );
    if (tableId === undefined) continue;
    const tgw = tgwById.get(tableTgw.get(tableId)!)!;
    const table = tgw.routeTables.find((r) => r.id === tableId)!;
    for (const r of routes) {
      if (r.DestinationCidrBlock === undefined) {
        notes.push(`${file}: a route to prefix list ${r.PrefixListId ?? '?'} is not modelled; not imported.`);
        continue;
      }
      const type = lower(r.Type);
      if (lower(r.State) === 'blackhole') {
        table.routes.push({ destination: r.DestinationCidrBlock, kind: 'blackhole' });
        continue;
      }
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
      if (target === undefined) {
        notes.push(
          `${file}: static route ${r.DestinationCidrBlock} -> ${targets.join(', ') || '(no attachment)'} not imported: that attachment is not in the import.`,
        );
        continue;
      }
      if (targets.length > 1)
        notes.push(`${file}: route ${r.DestinationCidrBlock} spreads over ${targets.length} attachments (ECMP); imported to ${target} only.`);
      table.routes.push({ destination: r.DestinationCidrBlock, kind: 'static', attachmentId: target });
    }
  }

  // Without association or propagation data, the transit gateway's defaults applied at creation.
  for (const t of c.transitGateways.values()) {
    const tgw = tgwById.get(t.TransitGatewayId);
    if (!tgw) continue;
    // Propagations are known from get-transit-gateway-route-table-propagations, or seen as propagated routes.
    const propagationsKnown = c.tgwRoutes.length > 0 || c.tgwPropagations.length > 0;
    for (const a of tgw.attachments) {
      const defaultTable = t.Options?.AssociationDefaultRouteTableId;
      if (
        a.associatedRouteTableId === undefined &&
        lower(t.Options?.DefaultRouteTableAssociation) === 'enable' &&
        defaultTable &&
        tableTgw.get(defaultTable) === tgw.id
      ) {
        a.associatedRouteTableId = defaultTable;
        notes.push(`Attachment ${a.id}: association not in the import; assumed the transit gateway's default association route table ${defaultTable}.`);
      }
      const propagationTable = t.Options?.PropagationDefaultRouteTableId;
      if (
        !propagationsKnown &&
        a.propagatedRouteTableIds.length === 0 &&
        lower(t.Options?.DefaultRouteTablePropagation) === 'enable' &&
        propagationTable &&
        tableTgw.get(propagationTable) === tgw.id
      ) {
        a.propagatedRouteTableIds.push(propagationTable);
        notes.push(`Attachment ${a.id}: propagations not in the import; assumed the transit gateway's default propagation route table ${propagationTable}.`);
      }
    }
  }
  return out;
}
