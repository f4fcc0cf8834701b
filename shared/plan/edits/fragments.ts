/**
 * Copy, paste and duplicate. A fragment is the selected objects plus what they contain (a
 * VPC's subnets, gateways, route tables and NAT gateways). Pasting gives every object a new
 * id and every VPC and subnet a CIDR proposal that overlaps nothing already in the plan.
 *
 * A fragment can be pasted long after it was copied, into a plan that has changed since (the
 * original cut, its VPC or a route's target deleted): whatever the copy would refer to and
 * the plan no longer has is left out, and the notes say so.
 */
import { prefixOf, proposeSubnetCidr, proposeVpcCidr, rebase } from '../proposals';
import type {
  EgressOnlyGateway,
  ExternalNetwork,
  InternetGateway,
  NatGateway,
  PeeringConnection,
  Plan,
  RouteTable,
  ServiceNetwork,
  Subnet,
  TransitGateway,
  Vpc,
  VpnGateway,
} from '../schema';
import { vpcHasInternetGateway } from './add';
import { idMaker, type NewId } from './ids';
import { allIds, findObject, fitName } from '../objects';
import { PASTE_OFFSET, pastedPositions, type Point } from './positions';

export interface Fragment {
  vpcs: Vpc[];
  subnets: Subnet[];
  internetGateways: InternetGateway[];
  egressOnlyGateways: EgressOnlyGateway[];
  vpnGateways: VpnGateway[];
  natGateways: NatGateway[];
  routeTables: RouteTable[];
  peerings: PeeringConnection[];
  transitGateways: TransitGateway[];
  serviceNetworks: ServiceNetwork[];
  externalNetworks: ExternalNetwork[];
  positions: Record<string, Point>;
}

export function isEmptyFragment(fragment: Fragment): boolean {
  return (
    fragment.vpcs.length +
      fragment.subnets.length +
      fragment.natGateways.length +
      fragment.transitGateways.length +
      fragment.serviceNetworks.length +
      fragment.externalNetworks.length +
      fragment.internetGateways.length ===
    0
  );
}

export function extractFragment(plan: Plan, ids: readonly string[]): Fragment {
  const chosen = new Set(ids.filter((id) => findObject(plan, id)));
  const vpcIds = new Set(plan.vpcs.filter((v) => chosen.has(v.id)).map((v) => v.id));
  const subnets = plan.subnets.filter((s) => vpcIds.has(s.vpcId) || chosen.has(s.id));
  const subnetIds = new Set(subnets.map((s) => s.id));
  const inVpc = <T extends { id: string; vpcId: string }>(list: T[]) => list.filter((item) => vpcIds.has(item.vpcId) || chosen.has(item.id));
  const fragment: Fragment = {
    vpcs: plan.vpcs.filter((v) => vpcIds.has(v.id)),
    subnets,
    internetGateways: inVpc(plan.internetGateways),
    egressOnlyGateways: inVpc(plan.egressOnlyGateways),
    vpnGateways: inVpc(plan.vpnGateways),
    natGateways: plan.natGateways.filter((n) => subnetIds.has(n.subnetId) || chosen.has(n.id)),
    routeTables: plan.routeTables.filter((t) => vpcIds.has(t.vpcId)),
    peerings: plan.peerings.filter((p) => vpcIds.has(p.requesterVpcId) && vpcIds.has(p.accepterVpcId)),
    transitGateways: plan.transitGateways.filter((t) => chosen.has(t.id)),
    serviceNetworks: plan.serviceNetworks.filter((n) => chosen.has(n.id)),
    externalNetworks: plan.externalNetworks.filter((n) => chosen.has(n.id)),
    positions: {},
  };
  for (const id of [
    ...vpcIds,
    ...fragment.transitGateways.map((t) => t.id),
    ...fragment.serviceNetworks.map((n) => n.id),
    ...fragment.externalNetworks.map((n) => n.id),
  ]) {
    const position = plan.layout.nodes[id];
    if (position) fragment.positions[id] = { x: position.x, y: position.y };
  }
  return fragment;
}

export interface PasteResult {
  plan: Plan;
  pastedIds: string[];
  notes: string[];
}

/** Add a fragment's copy to the plan, offset on the canvas. */
export function pasteFragment(plan: Plan, fragment: Fragment, offset: Point = PASTE_OFFSET, newId: NewId = idMaker(plan)): PasteResult {
  const ids = new Map<string, string>();
  const notes: string[] = [];
  const fresh = (old: string, prefix: string) => {
    let id = ids.get(old);
    if (!id) {
      id = newId(prefix);
      ids.set(old, id);
    }
    return id;
  };
  const mapped = (old: string | undefined) => (old === undefined ? undefined : (ids.get(old) ?? old));
  let next = plan;
  const pastedIds: string[] = [];

  for (const vpc of fragment.vpcs) {
    const id = fresh(vpc.id, 'vpc');
    const ipv4Cidrs: string[] = [];
    for (const block of vpc.ipv4Cidrs) {
      const prefix = prefixOf(block);
      const proposal = prefix !== undefined ? proposeVpcCidr({ ...next, vpcs: [...next.vpcs, { ...vpc, id, ipv4Cidrs }] }, prefix) : undefined;
      if (proposal) ipv4Cidrs.push(proposal);
      else notes.push(`No free block the size of ${block} was found for the copy of ${vpc.name}.`);
    }
    const copy: Vpc = { ...vpc, id, name: fitName(`${vpc.name} copy`), ipv4Cidrs, ipv6Cidrs: [] };
    if (vpc.ipv6Cidrs.length > 0) notes.push(`The copy of ${vpc.name} has no IPv6 block: AWS assigns a new one.`);
    next = { ...next, vpcs: [...next.vpcs, copy] };
    pastedIds.push(id);
  }
  for (const table of fragment.routeTables) fresh(table.id, 'rtb');
  for (const gateway of fragment.internetGateways) fresh(gateway.id, 'igw');
  for (const gateway of fragment.egressOnlyGateways) fresh(gateway.id, 'eigw');
  for (const gateway of fragment.vpnGateways) fresh(gateway.id, 'vgw');
  for (const nat of fragment.natGateways) fresh(nat.id, 'nat');
  for (const peering of fragment.peerings) fresh(peering.id, 'pcx');

  const pastedSubnets = new Set<string>();
  for (const subnet of fragment.subnets) {
    const id = fresh(subnet.id, 'subnet');
    const vpcId = mapped(subnet.vpcId) as string;
    const vpc = next.vpcs.find((v) => v.id === vpcId);
    if (!vpc) {
      notes.push(`${subnet.name} was not pasted: its VPC is not in this plan.`);
      continue;
    }
    const copy: Subnet = { ...subnet, id, vpcId, name: ids.has(subnet.vpcId) ? subnet.name : fitName(`${subnet.name} copy`) };
    delete copy.ipv6Cidr;
    if (subnet.routeTableId !== undefined) {
      // The copied VPC's own table, or (a subnet copied into its own VPC) the table it had, if the VPC still has it.
      const tableId = mapped(subnet.routeTableId) as string;
      const tableKept = ids.has(subnet.routeTableId) || plan.routeTables.some((t) => t.id === tableId && t.vpcId === vpcId);
      if (tableKept) copy.routeTableId = tableId;
      else delete copy.routeTableId;
    }
    const sourceVpc = fragment.vpcs.find((v) => v.id === subnet.vpcId);
    let proposal: string | undefined;
    if (sourceVpc && subnet.ipv4Cidr) {
      // A copied VPC: the subnet keeps its place in the new block.
      const index = sourceVpc.ipv4Cidrs.findIndex((block) => rebase(subnet.ipv4Cidr, block, block) !== undefined);
      const from = sourceVpc.ipv4Cidrs[index];
      const to = vpc.ipv4Cidrs[index];
      if (from && to) proposal = rebase(subnet.ipv4Cidr, from, to);
    } else if (subnet.ipv4Cidr) {
      const result = proposeSubnetCidr(next, vpc, prefixOf(subnet.ipv4Cidr) ?? 24);
      if (result.ok) proposal = result.cidr;
      else notes.push(result.reason);
    }
    if (proposal) copy.ipv4Cidr = proposal;
    else delete copy.ipv4Cidr;
    next = { ...next, subnets: [...next.subnets, copy] };
    pastedIds.push(id);
    pastedSubnets.add(subnet.id);
  }

  /** A gateway copied without its VPC goes into the VPC it came from, if that is still in the plan and AWS lets it take one more. */
  const gatewayPlace = <T extends { id: string; name: string; vpcId: string }>(gateway: T, what: string, onePerVpc: boolean): string | undefined => {
    const vpcId = mapped(gateway.vpcId) as string;
    if (ids.has(gateway.vpcId)) return vpcId;
    if (!next.vpcs.some((v) => v.id === vpcId)) {
      notes.push(`${gateway.name || what} was not pasted: its VPC is not in this plan.`);
      return undefined;
    }
    if (onePerVpc) {
      notes.push(`${gateway.name || what} was not pasted: its VPC already has ${what === 'internet gateway' ? 'an' : 'a'} ${what}, and a VPC takes only one.`);
      return undefined;
    }
    return vpcId;
  };
  const remap = <T extends { id: string; vpcId: string }>(item: T, vpcId: string): T => ({ ...item, id: ids.get(item.id) as string, vpcId });
  const internetGateways = fragment.internetGateways.flatMap((g) => {
    const vpcId = gatewayPlace(g, 'internet gateway', !ids.has(g.vpcId) && vpcHasInternetGateway(next, g.vpcId));
    return vpcId ? [remap(g, vpcId)] : [];
  });
  const egressOnlyGateways = fragment.egressOnlyGateways.flatMap((g) => {
    const vpcId = gatewayPlace(g, 'egress-only internet gateway', false);
    return vpcId ? [remap(g, vpcId)] : [];
  });
  const vpnGatewaysPlaced = fragment.vpnGateways.flatMap((g) => {
    // One virtual private gateway per VPC: Connect adds VPNs to the VPC's existing one.
    const vpcId = gatewayPlace(g, 'virtual private gateway', !ids.has(g.vpcId) && next.vpnGateways.some((x) => x.vpcId === g.vpcId));
    return vpcId ? [{ gateway: g, vpcId }] : [];
  });
  const natGateways = fragment.natGateways
    .filter((n) => next.subnets.some((s) => s.id === mapped(n.subnetId)))
    .map((n) => ({ ...n, id: ids.get(n.id) as string, name: fitName(`${n.name} copy`), subnetId: mapped(n.subnetId) as string }));
  const peerings = fragment.peerings.map((p) => ({
    ...p,
    id: ids.get(p.id) as string,
    requesterVpcId: mapped(p.requesterVpcId) as string,
    accepterVpcId: mapped(p.accepterVpcId) as string,
  }));

  const externalNetworks = fragment.externalNetworks.map((n) => ({ ...n, id: fresh(n.id, 'ext'), name: fitName(`${n.name} copy`) }));
  const transitGateways = fragment.transitGateways.map((t) => {
    const id = fresh(t.id, 'tgw');
    for (const table of t.routeTables) fresh(table.id, 'tgw-rtb');
    const attachments = t.attachments
      .filter((a) => (a.vpcId !== undefined && ids.has(a.vpcId)) || (a.externalNetworkId !== undefined && ids.has(a.externalNetworkId)))
      .map((a) => ({
        ...a,
        id: fresh(a.id, 'tgw-attach'),
        vpcId: mapped(a.vpcId),
        externalNetworkId: mapped(a.externalNetworkId),
        subnetIds: a.subnetIds.filter((s) => pastedSubnets.has(s)).map((s) => ids.get(s) as string),
        associatedRouteTableId: mapped(a.associatedRouteTableId),
        propagatedRouteTableIds: a.propagatedRouteTableIds.map((r) => mapped(r) as string),
      }));
    for (const a of attachments) for (const key of ['vpcId', 'externalNetworkId', 'associatedRouteTableId'] as const) if (a[key] === undefined) delete a[key];
    const tables = t.routeTables.map((table) => ({
      ...table,
      id: ids.get(table.id) as string,
      routes: table.routes
        .filter((r) => r.attachmentId === undefined || ids.has(r.attachmentId))
        .map((r) => (r.attachmentId === undefined ? r : { ...r, attachmentId: ids.get(r.attachmentId) as string })),
    }));
    return { ...t, id, name: fitName(`${t.name} copy`), routeTables: tables, attachments };
  });
  const serviceNetworks = fragment.serviceNetworks.map((n) => ({
    ...n,
    id: fresh(n.id, 'svcnet'),
    name: fitName(`${n.name} copy`),
    vpcIds: n.vpcIds.filter((v) => ids.has(v)).map((v) => ids.get(v) as string),
    services: n.services.map((s) => {
      const service = { ...s, id: newId('svc') };
      if (s.vpcId !== undefined) {
        if (ids.has(s.vpcId)) service.vpcId = ids.get(s.vpcId) as string;
        else delete service.vpcId;
      }
      return service;
    }),
  }));

  // What the copies may refer to: the plan as it is now, plus the copies that are pasted.
  const present = allIds(next);
  for (const list of [internetGateways, egressOnlyGateways, natGateways, peerings, externalNetworks, transitGateways, serviceNetworks])
    for (const item of list) present.add(item.id);
  for (const { gateway } of vpnGatewaysPlaced) present.add(ids.get(gateway.id) as string);
  const exists = (id: string) => present.has(id);
  const vpnGateways = vpnGatewaysPlaced.map(({ gateway, vpcId }) => ({
    ...remap(gateway, vpcId),
    externalNetworkIds: gateway.externalNetworkIds.map((x) => mapped(x) as string).filter(exists),
  }));
  let routesLeftOut = 0;
  const routeTables = fragment.routeTables.map((t) => {
    const routes = t.routes.flatMap((r) => {
      if (r.targetId === undefined) return [r];
      const targetId = mapped(r.targetId) as string;
      if (!exists(targetId)) {
        routesLeftOut++;
        return [];
      }
      return [{ ...r, targetId }];
    });
    return { ...remap(t, mapped(t.vpcId) as string), routes };
  });
  if (routesLeftOut > 0)
    notes.push(
      `${routesLeftOut} route${routesLeftOut > 1 ? 's were' : ' was'} left out of the copy: ${routesLeftOut > 1 ? 'their targets are' : 'its target is'} no longer in the plan.`,
    );

  for (const item of [...externalNetworks, ...transitGateways, ...serviceNetworks]) pastedIds.push(item.id);
  pastedIds.push(...natGateways.map((n) => n.id));

  if (pastedIds.length === 0) return { plan, pastedIds, notes };
  return {
    plan: {
      ...next,
      internetGateways: internetGateways.length ? [...next.internetGateways, ...internetGateways] : next.internetGateways,
      egressOnlyGateways: egressOnlyGateways.length ? [...next.egressOnlyGateways, ...egressOnlyGateways] : next.egressOnlyGateways,
      vpnGateways: vpnGateways.length ? [...next.vpnGateways, ...vpnGateways] : next.vpnGateways,
      routeTables: routeTables.length ? [...next.routeTables, ...routeTables] : next.routeTables,
      natGateways: natGateways.length ? [...next.natGateways, ...natGateways] : next.natGateways,
      peerings: peerings.length ? [...next.peerings, ...peerings] : next.peerings,
      transitGateways: transitGateways.length ? [...next.transitGateways, ...transitGateways] : next.transitGateways,
      serviceNetworks: serviceNetworks.length ? [...next.serviceNetworks, ...serviceNetworks] : next.serviceNetworks,
      externalNetworks: externalNetworks.length ? [...next.externalNetworks, ...externalNetworks] : next.externalNetworks,
      layout: { ...next.layout, nodes: { ...next.layout.nodes, ...pastedPositions(fragment.positions, ids, offset) } },
    },
    pastedIds,
    notes,
  };
}
