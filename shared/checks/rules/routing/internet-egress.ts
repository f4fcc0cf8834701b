/**
 * Does each subnet reach the internet the way its tier says it should? Private subnets
 * need working egress, bastion subnets must be public, isolated ones must not route to
 * an internet gateway or NAT gateway, and a NAT gateway must itself be able to reach one.
 */
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../../types';
import type { NatGateway, Route, RouteTable, Subnet } from '../../../plan/schema';
import type { IpVersion } from '../../../cidr';
import { settingPath } from '../../../plan/settings';
import { subnetListBlocks } from '../../../plan/plan-index';
import { familyExposureOf, familyExposureWith, natEgress, subnetExposure, type NatEgressProblem } from '../../../routing/exposure';
import { labelOf, routeTargetLabel, routingModel, subnetBlock, subnetOf, subnetsOf, vpcLabel, type RoutingModel } from '../../../routing/model';
import { PartMemo } from './part-memo';
import { derivedTableFor, resolveTable, writtenTable, type EffectiveRoute, type ResolvedTable } from '../../../routing/route-table';

const NAT_SOURCE = 'docs/network-rules.md#aws-nat-gateway';

const FINDINGS = {
  'nat/private-subnet-no-egress': {
    severity: 'warning',
    title: 'Private subnet without internet egress',
    source: `${NAT_SOURCE}: a private subnet reaches the internet through a public NAT gateway in a subnet routed to an internet gateway (or a transit gateway to one; not a peering)`,
  },
  'nat/private-nat-internet': {
    severity: 'error',
    title: 'NAT gateway that cannot reach the internet',
    source: `${NAT_SOURCE}: a private NAT gateway has no Elastic IP and its traffic to an internet gateway is dropped; a public NAT gateway needs a subnet routed to an internet gateway`,
  },
  'exposure/bastion-unreachable': {
    severity: 'error',
    title: 'Bastion subnet is not public',
    source:
      'docs/network-rules.md#aws-route-tables-and-subnet-types: a subnet is public when its route table sends internet traffic to an internet gateway of its VPC (AWS VPC User Guide, internet gateways); a bastion must be reachable from the internet',
  },
  'exposure/isolated-with-internet-route': {
    severity: 'warning',
    title: 'Isolated subnet routes to the internet',
    source:
      'docs/network-rules.md#aws-route-tables-and-subnet-types: an isolated subnet has no route to an internet gateway or NAT gateway (AWS VPC User Guide, subnet types)',
  },
} satisfies FindingDefinitions;

type EgressFinding = FindingOf<typeof FINDINGS>;

export const internetEgressRule = definePlanRule({
  scope: 'plan',
  name: 'routing/internet-egress',
  findings: FINDINGS,
  dependsOn: [
    'vpcs',
    'subnets',
    'routeTables',
    'internetGateways',
    'natGateways',
    'egressOnlyGateways',
    'vpnGateways',
    'peerings',
    'transitGateways',
    'externalNetworks',
    'settings',
  ],
  check(index: PlanIndex): EgressFinding[] {
    const model = routingModel(index);
    const findings: EgressFinding[] = [];
    const { plan } = index;
    subnetParts.begin(plan);
    for (const subnets of index.subnetsByVpc.values()) {
      for (const f of subnetParts.findings(model, subnets, checkVpcSubnets)) findings.push(f);
    }
    tableParts.begin(plan);
    for (const table of plan.routeTables) {
      for (const f of tableParts.findings(model, table, checkNatTarget)) findings.push(f);
    }
    natParts.begin(plan);
    for (const nat of plan.natGateways) {
      if (nat.connectivity !== 'public') continue;
      for (const f of natParts.findings(model, nat, checkNatEgress)) findings.push(f);
    }
    return findings;
  },
});

/** The sections compared whole (see ./part-memo: the rest is read through the model's lookups, which each part records). */
const READS = ['settings'] as const;
const subnetParts = new PartMemo<readonly Subnet[], EgressFinding>(READS);
const tableParts = new PartMemo<RouteTable, EgressFinding>(['settings']);
const natParts = new PartMemo<NatGateway, EgressFinding>(READS);

/** The findings about one VPC's subnets (the subnets with one vpcId, in plan order). */
function checkVpcSubnets(model: RoutingModel, subnets: readonly Subnet[]): EgressFinding[] {
  const findings: EgressFinding[] = [];
  // Only derived tables are grouped (their NAT finding lists the subnets table by table); the
  // per-subnet findings are independent of one another, so the rest need no map.
  let derived: Map<ResolvedTable, Subnet[]> | undefined;
  // The list's blocks, read once per list by the plan index: no lookup per subnet.
  const listed = subnetListBlocks(model.index, subnets);
  for (let k = 0; k < subnets.length; k++) {
    const subnet = subnets[k]!;
    const table = resolveTable(model, subnet);
    checkSubnet(model, table, subnet, listed.v4[k] !== undefined, listed.v6[k] !== undefined, findings);
    if (table.source !== 'derived') continue;
    derived ??= new Map();
    const list = derived.get(table);
    if (list) list.push(subnet);
    else derived.set(table, [subnet]);
  }
  if (derived) checkDerivedNatTargets(model, derived, findings);
  return findings;
}

function checkNatEgress(model: RoutingModel, nat: NatGateway): EgressFinding[] {
  const egress = natEgress(model, nat);
  if (egress.ok) return [];
  return [
    {
      code: 'nat/private-nat-internet',
      severity: 'error',
      subjects: [nat.id, nat.subnetId],
      message: `Public NAT gateway ${labelOf(nat)} cannot reach the internet: ${egress.reason} Everything routed to it is dropped.`,
      fix: natEgressFix(model, nat, egress.problem),
      field: 'subnetId',
    },
  ];
}

/**
 * What to change so a public NAT gateway reaches the internet, for the case at hand. "Move it
 * into a public subnet" is only the answer when its subnet is not public by tier; a subnet
 * marked public that is not routed to an internet gateway needs the gateway or the route.
 */
function natEgressFix(model: RoutingModel, nat: NatGateway, problem: NatEgressProblem): string {
  const name = labelOf(nat);
  if (problem.kind !== 'no-internet-route')
    return `Put ${name} in a public subnet of its VPC, one whose route table sends 0.0.0.0/0 to the VPC's internet gateway.`;
  const { subnet, table } = problem;
  const vpc = vpcLabel(model, subnet.vpcId);
  if (subnet.tier !== 'public') {
    const candidate = publicSubnetNear(model, subnet);
    const where = candidate ? ` (such as ${labelOf(candidate)}, in ${candidate.availabilityZone})` : '';
    return `Move ${name} into a public subnet of ${vpc}${where}: subnet ${labelOf(subnet)} is ${subnet.tier}. Or set its connectivity to private if it serves only other private networks.`;
  }
  const igw = model.internetGatewaysByVpc.get(subnet.vpcId)?.[0];
  const route = igw ? `0.0.0.0/0 to internet gateway ${labelOf(igw)}` : '0.0.0.0/0 to the internet gateway';
  const routing =
    table.source === 'implicit-local'
      ? `turn on ${settingPath('deriveRoutes')} (public subnets then send ${route}), or give subnet ${labelOf(subnet)} a route table with that route`
      : table.source === 'derived'
        ? `the derived routes of subnet ${labelOf(subnet)} then send ${route}`
        : `add a route ${route} to ${table.label}, which subnet ${labelOf(subnet)} follows`;
  if (!igw) return `Add an internet gateway to ${vpc} (select the VPC, then Add IGW); ${routing}.`;
  return `${routing.charAt(0).toUpperCase()}${routing.slice(1)}.`;
}

/** A public subnet of the same VPC for a gateway in `subnet`: the same AZ first. */
function publicSubnetNear(model: RoutingModel, subnet: Subnet): Subnet | undefined {
  const publics = subnetsOf(model, subnet.vpcId).filter((s) => s.tier === 'public');
  return publics.find((s) => s.availabilityZone === subnet.availabilityZone) ?? publics[0];
}

function subnetAndTable(subnet: Subnet, table: ResolvedTable): string[] {
  return table.table ? [subnet.id, table.table.id] : [subnet.id];
}

/** `hasIpv4`, `hasIpv6`: whether the subnet has a valid block of each version. */
function checkSubnet(model: RoutingModel, table: ResolvedTable, subnet: Subnet, hasIpv4: boolean, hasIpv6: boolean, findings: EgressFinding[]): void {
  // Wording is built only for a finding: most subnets raise none.
  if (subnet.tier === 'private') {
    const version = hasIpv4 ? 4 : 6;
    // The table is resolved already (checkVpcSubnets): no second lookup per subnet.
    const family = hasIpv4 || hasIpv6 ? familyExposureWith(model, subnet, table, version) : familyExposureOf(model, subnet, version);
    if (family.hasAddress && family.kind === 'isolated') {
      findings.push({
        code: 'nat/private-subnet-no-egress',
        severity: 'warning',
        subjects: subnetAndTable(subnet, table),
        message: `Subnet ${labelOf(subnet)} is private but has no path to the internet. ${family.explanation}`,
        fix: derivingWouldHelp(model, table, subnet, version)
          ? `Turn on ${settingPath('deriveRoutes')} (private subnets then send ${version === 4 ? '0.0.0.0/0 to a NAT gateway' : '::/0 to an egress-only internet gateway'} of their VPC), or give ${labelOf(subnet)} a route table that does.`
          : hasIpv4
            ? `Send 0.0.0.0/0 from its route table to a public NAT gateway of its VPC (in a public subnet, ideally in ${subnet.availabilityZone}), or to a transit gateway with a shared egress VPC; mark the subnet isolated if it needs no internet.`
            : `Send ::/0 from its route table to an egress-only internet gateway of its VPC; mark the subnet isolated if it needs no internet.`,
        field: 'routeTableId',
      });
    }
  }
  if (subnet.bastion) {
    const exposure = subnetExposure(model, subnet);
    if (exposure.kind !== 'public') {
      findings.push({
        code: 'exposure/bastion-unreachable',
        severity: 'error',
        subjects: subnetAndTable(subnet, table),
        message: `Subnet ${labelOf(subnet)} holds a bastion host but is not public, so the bastion cannot be reached from the internet. ${exposure.explanation}`,
        fix: `Give ${labelOf(subnet)} a route table that sends 0.0.0.0/0 to its VPC's internet gateway (and the tier "public"), or move the bastion to a public subnet.`,
        field: 'bastion',
      });
    }
  }
  if (subnet.tier === 'isolated' && table.table) {
    const internet = internetRoutes(model, table.table);
    if (internet.length > 0) {
      const listed = internet.map((r) => `${r.destination} -> ${routeTargetLabel(model, r.target, r.targetId)}`).join(', ');
      findings.push({
        code: 'exposure/isolated-with-internet-route',
        severity: 'warning',
        subjects: [subnet.id, table.table.id],
        message: `Subnet ${labelOf(subnet)} is marked isolated, but ${table.label} sends traffic to the internet (${listed}).`,
        fix: `Give ${labelOf(subnet)} a route table without internet gateway or NAT gateway routes, or change its tier to ${internet.some((r) => r.target === 'internet-gateway') ? 'public' : 'private'}.`,
        field: 'routeTableId',
        cidrs: internet.map((r) => r.destination),
      });
    }
  }
}

/**
 * True when the subnet has no route table only because the plan does not derive routes, and
 * the derived routes would give it working egress: then the finding names the setting.
 */
function derivingWouldHelp(model: RoutingModel, table: ResolvedTable, subnet: Subnet, version: IpVersion): boolean {
  if (table.source !== 'implicit-local') return false;
  const route = derivedTableFor(model, subnet).defaultRoute(version);
  if (route?.target === 'egress-only-gateway') return true;
  if (route?.target !== 'nat-gateway' || route.targetId === undefined) return false;
  const nat = model.natGatewayById.get(route.targetId);
  const natSubnet = nat?.connectivity === 'public' ? subnetOf(model, nat.subnetId) : undefined;
  if (!natSubnet) return false;
  // A written table routes the same whatever the setting; the NAT gateway's subnet without one would be derived too.
  const natTable = resolveTable(model, natSubnet);
  const out = (natTable.source === 'implicit-local' ? derivedTableFor(model, natSubnet) : natTable).defaultRoute(4);
  return out?.target === 'internet-gateway' && out.targetId !== undefined && model.internetGatewayById.get(out.targetId)?.vpcId === natSubnet.vpcId;
}

/** Routes of a written table to an internet gateway or NAT gateway (derived isolated tables have none by construction). */
function internetRoutes(model: RoutingModel, table: RouteTable): Route[] {
  let routes = model.objectCache.get(table.routes) as Route[] | undefined;
  if (!routes) {
    routes = table.routes.filter((r) => r.target === 'internet-gateway' || r.target === 'nat-gateway');
    model.objectCache.set(table.routes, routes);
  }
  return routes;
}

function privateNat(model: RoutingModel, table: ResolvedTable): { nat: NatGateway; route: EffectiveRoute } | undefined {
  const route = table.defaultRoute(4);
  if (route?.target !== 'nat-gateway' || route.targetId === undefined) return undefined;
  const nat = model.natGatewayById.get(route.targetId);
  return nat && nat.connectivity === 'private' ? { nat, route } : undefined;
}

const privateNatMessage = (nat: NatGateway) =>
  `NAT gateway ${labelOf(nat)}, which has private connectivity: it has no Elastic IP and its traffic to an internet gateway is dropped.`;

/** 0.0.0.0/0 to a private NAT gateway in a written table (used or not). */
function checkNatTarget(model: RoutingModel, written: RouteTable): EgressFinding[] {
  const hit = privateNat(model, writtenTable(model, written, written.main ? 'main' : 'explicit'));
  if (!hit) return [];
  return [
    {
      code: 'nat/private-nat-internet',
      severity: 'error',
      subjects: [written.id, hit.nat.id],
      cidrs: [hit.route.destination],
      message: `Route table ${labelOf(written)} sends ${hit.route.destination} to ${privateNatMessage(hit.nat)}`,
      fix: `Send 0.0.0.0/0 to a public NAT gateway instead; keep ${labelOf(hit.nat)} for routes to other private networks.`,
      field: `routes[${written.routes.findIndex((r) => r.targetId === hit.nat.id && r.destination === hit.route.destination)}].targetId`,
    },
  ];
}

/**
 * 0.0.0.0/0 to a private NAT gateway in the derived routes of IPv4 subnets. Derived routes
 * pick a public NAT gateway when the VPC has one; a VPC with only private ones gets this,
 * once per gateway (a derived table only ever picks a NAT gateway of its own VPC).
 */
function checkDerivedNatTargets(model: RoutingModel, byTable: Map<ResolvedTable, Subnet[]>, findings: EgressFinding[]): void {
  const derivedUsers = new Map<NatGateway, Subnet[]>();
  for (const [table, subnets] of byTable) {
    if (table.source !== 'derived') continue;
    const hit = privateNat(model, table);
    const withIpv4 = subnets.filter((s) => subnetBlock(model, s, 4) !== undefined);
    if (!hit || withIpv4.length === 0) continue;
    derivedUsers.set(hit.nat, [...(derivedUsers.get(hit.nat) ?? []), ...withIpv4]);
  }
  for (const [nat, subnets] of derivedUsers) {
    const names =
      subnets
        .slice(0, 3)
        .map((s) => labelOf(s))
        .join(', ') + (subnets.length > 3 ? ` and ${subnets.length - 3} more` : '');
    findings.push({
      code: 'nat/private-nat-internet',
      severity: 'error',
      subjects: [nat.id, ...subnets.map((s) => s.id)],
      cidrs: ['0.0.0.0/0'],
      message: `The derived routes of ${subnets.length === 1 ? 'subnet' : 'subnets'} ${names} send 0.0.0.0/0 to ${privateNatMessage(nat)}`,
      fix: `Add a public NAT gateway to ${vpcLabel(model, subnets[0]?.vpcId ?? '?')} in a public subnet.`,
    });
  }
}
