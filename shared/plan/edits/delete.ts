/**
 * Deleting, with the cascade AWS would force: an object goes together with everything that
 * cannot exist without it and every reference to it, as one edit.
 */
import type { Plan } from '../schema';
import { findObject } from '../objects';

/**
 * Delete objects and everything that refers to them, as one edit: a VPC takes its subnets,
 * gateways, route tables, peerings, attachments, associations and layout entries with it; a
 * subnet its NAT gateways and its place in attachments; routes to a deleted target go too.
 */
export function deleteObjects(plan: Plan, ids: readonly string[]): Plan {
  const gone = new Set<string>();
  const associationsGone: Array<{ serviceNetworkId: string; vpcId: string }> = [];
  for (const id of ids) {
    const found = findObject(plan, id);
    if (!found) continue;
    if (found.kind === 'association') associationsGone.push(found.object);
    else gone.add(id);
  }
  if (gone.size === 0 && associationsGone.length === 0) return plan;

  // Cascade: VPC -> its subnets and gateways; subnet -> its NAT gateways; TGW -> its attachments and tables.
  for (const vpc of plan.vpcs)
    if (gone.has(vpc.id)) {
      for (const list of [plan.subnets, plan.internetGateways, plan.egressOnlyGateways, plan.vpnGateways, plan.routeTables]) {
        for (const item of list) if (item.vpcId === vpc.id) gone.add(item.id);
      }
      for (const peering of plan.peerings) if (peering.requesterVpcId === vpc.id || peering.accepterVpcId === vpc.id) gone.add(peering.id);
    }
  for (const nat of plan.natGateways) if (gone.has(nat.subnetId)) gone.add(nat.id);
  for (const tgw of plan.transitGateways) {
    for (const attachment of tgw.attachments) {
      if (
        gone.has(tgw.id) ||
        (attachment.vpcId !== undefined && gone.has(attachment.vpcId)) ||
        (attachment.externalNetworkId !== undefined && gone.has(attachment.externalNetworkId)) ||
        (attachment.peerTransitGatewayId !== undefined && gone.has(attachment.peerTransitGatewayId))
      )
        gone.add(attachment.id);
    }
    if (gone.has(tgw.id)) for (const table of tgw.routeTables) gone.add(table.id);
  }

  const keep = <T extends { id: string }>(list: T[]): T[] => {
    const kept = list.filter((item) => !gone.has(item.id));
    return kept.length === list.length ? list : kept;
  };
  const routeTables = keep(plan.routeTables).map((table) => {
    const routes = table.routes.filter((route) => route.targetId === undefined || !gone.has(route.targetId));
    return routes.length === table.routes.length ? table : { ...table, routes };
  });
  const subnets = keep(plan.subnets).map((subnet) =>
    subnet.routeTableId !== undefined && gone.has(subnet.routeTableId) ? withoutKey(subnet, 'routeTableId') : subnet,
  );
  const vpnGateways = keep(plan.vpnGateways).map((gateway) => {
    const externalNetworkIds = gateway.externalNetworkIds.filter((id) => !gone.has(id));
    return externalNetworkIds.length === gateway.externalNetworkIds.length ? gateway : { ...gateway, externalNetworkIds };
  });
  const transitGateways = keep(plan.transitGateways).map((tgw) => {
    const attachments = keep(tgw.attachments).map((attachment) => {
      const subnetIds = attachment.subnetIds.filter((id) => !gone.has(id));
      return subnetIds.length === attachment.subnetIds.length ? attachment : { ...attachment, subnetIds };
    });
    const routeTables = tgw.routeTables.map((table) => {
      const routes = table.routes.filter((route) => route.attachmentId === undefined || !gone.has(route.attachmentId));
      return routes.length === table.routes.length ? table : { ...table, routes };
    });
    const changedTables = routeTables.some((table, i) => table !== tgw.routeTables[i]);
    // The same gateway object when nothing in it changed (map() always makes a new list): the checks key on it.
    return sameItems(attachments, tgw.attachments) && !changedTables ? tgw : { ...tgw, attachments, routeTables };
  });
  const serviceNetworks = keep(plan.serviceNetworks).map((network) => {
    const vpcIds = network.vpcIds.filter((vpcId) => !gone.has(vpcId) && !associationsGone.some((a) => a.serviceNetworkId === network.id && a.vpcId === vpcId));
    const services = network.services.map((service) => (service.vpcId !== undefined && gone.has(service.vpcId) ? withoutKey(service, 'vpcId') : service));
    const servicesChanged = services.some((s, i) => s !== network.services[i]);
    return vpcIds.length === network.vpcIds.length && !servicesChanged ? network : { ...network, vpcIds, services };
  });
  const layoutNodes = Object.fromEntries(Object.entries(plan.layout.nodes).filter(([id]) => !gone.has(id)));
  const layoutChanged = Object.keys(layoutNodes).length !== Object.keys(plan.layout.nodes).length;

  return {
    ...plan,
    vpcs: keep(plan.vpcs),
    subnets: sameItems(subnets, plan.subnets) ? plan.subnets : subnets,
    internetGateways: keep(plan.internetGateways),
    egressOnlyGateways: keep(plan.egressOnlyGateways),
    vpnGateways: sameItems(vpnGateways, plan.vpnGateways) ? plan.vpnGateways : vpnGateways,
    natGateways: keep(plan.natGateways),
    routeTables: sameItems(routeTables, plan.routeTables) ? plan.routeTables : routeTables,
    peerings: keep(plan.peerings),
    transitGateways: sameItems(transitGateways, plan.transitGateways) ? plan.transitGateways : transitGateways,
    serviceNetworks: sameItems(serviceNetworks, plan.serviceNetworks) ? plan.serviceNetworks : serviceNetworks,
    externalNetworks: keep(plan.externalNetworks),
    layout: layoutChanged ? { ...plan.layout, nodes: layoutNodes } : plan.layout,
  };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function withoutKey<T extends object, K extends keyof T>(object: T, key: K): T {
  const copy = { ...object };
  delete copy[key];
  return copy;
}
