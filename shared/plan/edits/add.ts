/**
 * Adding objects. The plain adds put a given object into the plan; the `new…` edits are the
 * palette's commands: they pick the defaults (a free /16, the next name, the selected VPC's
 * public subnet) and apply AWS's rules, and say why when the plan cannot take the object.
 */
import { proposeVpcCidr } from '../proposals';
import type { ExternalNetwork, NatGateway, Plan, ServiceNetwork, Subnet, SubnetTier, TransitGateway, Vpc } from '../schema';
import { idMaker, type NewId } from './ids';
import { findObject, fitName } from '../objects';
import { withPositions, type Point } from './positions';

/** What a palette command did: the plan with the new object, or why it could not add one. */
export type AddResult =
  | {
      ok: true;
      plan: Plan;
      created: string;
      /** Added, but the user must finish something (an error-level notice). */
      problem?: string;
      /** Added, with something the user should know (what else was added, a compromise made). */
      note?: string;
    }
  | { ok: false; reason: string };

// ---------------------------------------------------------------- plain adds

export function addVpc(plan: Plan, vpc: Vpc, position: Point): Plan {
  return { ...plan, vpcs: [...plan.vpcs, vpc], layout: withPositions(plan.layout, { [vpc.id]: position }) };
}

export function addSubnet(plan: Plan, subnet: Subnet): Plan {
  return { ...plan, subnets: [...plan.subnets, subnet] };
}

export function addNatGateway(plan: Plan, nat: NatGateway): Plan {
  return { ...plan, natGateways: [...plan.natGateways, nat] };
}

export function addTransitGateway(plan: Plan, tgw: TransitGateway, position: Point): Plan {
  return { ...plan, transitGateways: [...plan.transitGateways, tgw], layout: withPositions(plan.layout, { [tgw.id]: position }) };
}

export function addServiceNetwork(plan: Plan, network: ServiceNetwork, position: Point): Plan {
  return { ...plan, serviceNetworks: [...plan.serviceNetworks, network], layout: withPositions(plan.layout, { [network.id]: position }) };
}

export function addExternalNetwork(plan: Plan, network: ExternalNetwork, position: Point): Plan {
  return { ...plan, externalNetworks: [...plan.externalNetworks, network], layout: withPositions(plan.layout, { [network.id]: position }) };
}

// ---------------------------------------------------------------- what the selection points at

/** The VPC the selection is about: the first selected VPC, or the VPC of the first selected subnet. */
export function vpcOfSelection(plan: Plan, selection: readonly string[]): string | undefined {
  for (const id of selection) {
    const found = findObject(plan, id);
    if (found?.kind === 'vpc') return found.object.id;
    if (found?.kind === 'subnet') return found.object.vpcId;
  }
  return undefined;
}

/** Where Add subnet puts the subnet: the selection's VPC, else the plan's first VPC. */
export function vpcForNewSubnet(plan: Plan, selection: readonly string[]): { ok: true; vpcId: string } | { ok: false; reason: string } {
  const vpcId = vpcOfSelection(plan, selection) ?? plan.vpcs[0]?.id;
  return vpcId ? { ok: true, vpcId } : { ok: false, reason: 'Add a VPC first: a subnet lives in a VPC.' };
}

/** The region new objects get: the plan's first VPC's, else us-east-1. */
function planRegion(plan: Plan): string {
  return plan.vpcs[0]?.region ?? 'us-east-1';
}

// ---------------------------------------------------------------- the palette

/** A VPC with the first free /16 of the private ranges, named vpc-N. */
export function newVpc(plan: Plan, position: Point, newId: NewId = idMaker(plan)): AddResult {
  const cidr = proposeVpcCidr(plan);
  const id = newId('vpc');
  const vpc: Vpc = { id, name: `vpc-${plan.vpcs.length + 1}`, region: planRegion(plan), ipv4Cidrs: cidr ? [cidr] : [], ipv6Cidrs: [], ipv6Source: 'amazon' };
  const result: AddResult = { ok: true, plan: addVpc(plan, vpc, position), created: id };
  if (!cidr) result.problem = 'No free /16 is left in the private ranges (10/8, 172.16/12, 192.168/16); give the new VPC a block in the inspector.';
  return result;
}

export interface NewSubnetFields {
  name: string;
  vpcId: string;
  availabilityZone: string;
  tier: SubnetTier;
  cidr: string;
}

/** The subnet the Add subnet form describes. */
export function newSubnet(plan: Plan, fields: NewSubnetFields, newId: NewId = idMaker(plan)): AddResult {
  if (!plan.vpcs.some((v) => v.id === fields.vpcId)) return { ok: false, reason: 'That VPC is no longer in the plan; pick another.' };
  const id = newId('subnet');
  const subnet: Subnet = { id, name: fields.name, vpcId: fields.vpcId, availabilityZone: fields.availabilityZone, tier: fields.tier, ipv4Cidr: fields.cidr };
  return { ok: true, plan: addSubnet(plan, subnet), created: id };
}

/**
 * A public NAT gateway for the selection's VPC, where private subnets get internet egress
 * from: in a public subnet of the selected subnet's AZ (AWS recommends a NAT gateway per AZ,
 * so an AZ outage does not cut the others off: Amazon VPC User Guide, "NAT gateways"), else
 * in the first AZ of the VPC that has none yet. A public NAT gateway needs its VPC's
 * internet gateway, so a VPC without one gets one in the same edit.
 * A private NAT gateway (for routing to other private networks) is a public one whose
 * connectivity is changed in the inspector.
 */
export function newNatGateway(plan: Plan, selection: readonly string[], newId: NewId = idMaker(plan)): AddResult {
  const selected = selection.map((id) => findObject(plan, id)).find((f) => f?.kind === 'subnet');
  const selectedSubnet = selected?.kind === 'subnet' ? selected.object : undefined;
  const vpcId = vpcOfSelection(plan, selection);
  if (!vpcId) return { ok: false, reason: 'Select a VPC or one of its subnets for the NAT gateway.' };
  const vpc = plan.vpcs.find((v) => v.id === vpcId);
  const vpcName = vpc?.name || vpcId;
  const publics = plan.subnets.filter((s) => s.vpcId === vpcId && s.tier === 'public');
  if (publics.length === 0) {
    return { ok: false, reason: `VPC ${vpcName} has no public subnet: a public NAT gateway sits in one. Add a subnet with the tier "public" first.` };
  }
  const notes: string[] = [];
  let subnet: Subnet;
  if (selectedSubnet?.tier === 'public') subnet = selectedSubnet;
  else if (selectedSubnet) {
    const sameZone = publics.find((s) => s.availabilityZone === selectedSubnet.availabilityZone);
    subnet = sameZone ?? publics[0]!;
    if (!sameZone)
      notes.push(
        `${vpcName} has no public subnet in ${selectedSubnet.availabilityZone}, so the NAT gateway went into ${subnet.name || subnet.id} (${subnet.availabilityZone}); traffic from ${selectedSubnet.availabilityZone} then crosses AZs.`,
      );
  } else {
    const zonesWithNat = new Set(
      plan.natGateways
        .map((n) => plan.subnets.find((s) => s.id === n.subnetId))
        .filter((s) => s?.vpcId === vpcId)
        .map((s) => s!.availabilityZone),
    );
    subnet = publics.find((s) => !zonesWithNat.has(s.availabilityZone)) ?? publics[0]!;
  }
  let next = plan;
  if (!vpcHasInternetGateway(plan, vpcId)) {
    const igw = newInternetGateway(plan, [vpcId], newId);
    if (igw.ok) {
      next = igw.plan;
      notes.push(
        `Added internet gateway ${next.internetGateways.at(-1)?.name ?? igw.created} to ${vpcName} too: a public NAT gateway reaches the internet through it.`,
      );
    }
  }
  const id = newId('nat');
  const zoneLetter = subnet.availabilityZone.slice(-1);
  const nat: NatGateway = {
    id,
    name: unusedName(plan.natGateways, `nat-${zoneLetter || subnet.name}`),
    subnetId: subnet.id,
    connectivity: 'public',
    addresses: 1,
  };
  const result: AddResult = { ok: true, plan: addNatGateway(next, nat), created: id };
  if (notes.length > 0) result.note = notes.join(' ');
  return result;
}

/** `base`, or `base-2`, `base-3`... whichever no object of the list has. */
function unusedName(objects: ReadonlyArray<{ name?: string }>, base: string): string {
  const taken = new Set(objects.map((o) => o.name));
  if (!taken.has(fitName(base))) return fitName(base);
  for (let n = 2; ; n++) {
    const name = fitName(`${base.slice(0, 190)}-${n}`);
    if (!taken.has(name)) return name;
  }
}

/** AWS: a VPC has at most one internet gateway attached (Amazon VPC User Guide, "Internet gateways"). */
export function vpcHasInternetGateway(plan: Plan, vpcId: string): boolean {
  return plan.internetGateways.some((g) => g.vpcId === vpcId);
}

/** An internet gateway for the selected VPC, named after it. */
export function newInternetGateway(plan: Plan, selection: readonly string[], newId: NewId = idMaker(plan)): AddResult {
  const vpcId = vpcOfSelection(plan, selection);
  if (!vpcId) return { ok: false, reason: 'Select the VPC that gets the internet gateway.' };
  if (vpcHasInternetGateway(plan, vpcId)) return { ok: false, reason: 'That VPC already has an internet gateway; a VPC takes only one.' };
  const vpc = plan.vpcs.find((v) => v.id === vpcId);
  const id = newId('igw');
  return { ok: true, plan: { ...plan, internetGateways: [...plan.internetGateways, { id, name: fitName(`${vpc?.name ?? vpcId}-igw`), vpcId }] }, created: id };
}

/** A transit gateway named tgw-N with one route table, "default", as AWS creates it. */
export function newTransitGateway(plan: Plan, position: Point, newId: NewId = idMaker(plan)): AddResult {
  const id = newId('tgw');
  const tgw: TransitGateway = {
    id,
    name: `tgw-${plan.transitGateways.length + 1}`,
    region: planRegion(plan),
    routeTables: [{ id: newId('tgw-rtb'), name: 'default', routes: [] }],
    attachments: [],
  };
  return { ok: true, plan: addTransitGateway(plan, tgw, position), created: id };
}

export function newServiceNetwork(plan: Plan, position: Point, newId: NewId = idMaker(plan)): AddResult {
  const id = newId('svcnet');
  const network: ServiceNetwork = { id, name: `service-network-${plan.serviceNetworks.length + 1}`, vpcIds: [], services: [] };
  return { ok: true, plan: addServiceNetwork(plan, network, position), created: id };
}

export function newExternalNetwork(plan: Plan, position: Point, newId: NewId = idMaker(plan)): AddResult {
  const id = newId('ext');
  const network: ExternalNetwork = { id, name: 'datacenter', kind: 'on-premises', cidrs: [] };
  return { ok: true, plan: addExternalNetwork(plan, network, position), created: id };
}
