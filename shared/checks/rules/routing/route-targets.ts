/**
 * Routes in the plan's route tables that cannot work as written: a target that is not
 * there or belongs to another VPC, a peering that is pending, or a peering asked to do
 * what peering never does (carry traffic on to a third VPC, or to the peer's NAT gateway).
 */
import { contains, formatCidr, type Cidr } from '../../../cidr';
import { routeDestinations } from '../../../plan/plan-index';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../../types';
import type { PeeringConnection, Route, RouteTable, TransitGateway } from '../../../plan/schema';
import { labelOf, natVpcId, peerOf, routingModel, vpcBlocksOf, vpcLabel, type RoutingModel } from '../../../routing/model';
import { PartMemo } from './part-memo';
import { vpcBlocksOverlapping } from '../../../routing/vpc-block-owners';

const PEERING_SOURCE = 'docs/network-rules.md#aws-vpc-peering: not transitive, no edge-to-edge routing (AWS VPC peering guide, unsupported configurations)';

const FINDINGS = {
  'routing/transitive-peering': {
    severity: 'error',
    title: 'Route relies on transitive peering',
    source: PEERING_SOURCE,
  },
  'routing/pending-peering': {
    severity: 'warning',
    title: 'Route over a peering that is not active',
    source: 'docs/network-rules.md#aws-vpc-peering (AWS VPC peering guide: a peering carries traffic only once accepted)',
  },
  'routing/missing-target': {
    severity: 'error',
    title: 'Route target missing or in another VPC',
    source:
      "docs/network-rules.md#aws-route-tables-and-subnet-types: a route targets a gateway, peering or transit gateway attachment of the table's own VPC (AWS VPC route tables); docs/network-rules.md#aws-transit-gateway: one attachment per VPC per transit gateway",
  },
  'nat/route-via-peering': {
    severity: 'error',
    title: 'Internet egress through a peering',
    source:
      'docs/network-rules.md#aws-nat-gateway: traffic cannot reach a NAT gateway through VPC peering; docs/network-rules.md#aws-vpc-peering: no edge-to-edge routing',
  },
} satisfies FindingDefinitions;

type RouteFinding = FindingOf<typeof FINDINGS>;

export const routeTargetRule = definePlanRule({
  scope: 'plan',
  name: 'routing/route-targets',
  findings: FINDINGS,
  dependsOn: ['vpcs', 'subnets', 'routeTables', 'peerings', 'internetGateways', 'natGateways', 'egressOnlyGateways', 'vpnGateways', 'transitGateways'],
  check(index: PlanIndex): RouteFinding[] {
    const model = routingModel(index);
    const findings: RouteFinding[] = [];
    tableParts.begin(index.plan);
    for (const table of index.plan.routeTables) {
      for (const f of tableParts.findings(model, table, checkTable)) findings.push(f);
    }
    return findings;
  },
});

/** A table's findings read the table, these sections, and the subnet of each NAT gateway it targets. */
const tableParts = new PartMemo<RouteTable, RouteFinding>(['settings']);

function checkTable(model: RoutingModel, table: RouteTable): RouteFinding[] {
  const findings: RouteFinding[] = [];
  const routes = table.routes;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    // Nearly every route is sound: that is decided before any wording (or closure) is made for it.
    if (!soundTarget(model, table, route)) checkRoute(model, table, route, i, findings);
  }
  return findings;
}

/**
 * True for a route whose target is there and in the table's own VPC (the lookups checkRoute
 * would make, in its order): such a route raises nothing. Peering routes are left to checkRoute.
 */
function soundTarget(model: RoutingModel, table: RouteTable, route: Route): boolean {
  const id = route.targetId;
  switch (route.target) {
    case 'local':
      return true;
    case 'internet-gateway':
      return id !== undefined && model.internetGatewayById.get(id)?.vpcId === table.vpcId;
    case 'egress-only-gateway':
      return id !== undefined && model.egressOnlyById.get(id)?.vpcId === table.vpcId;
    case 'vpn-gateway':
      return id !== undefined && model.vpnGatewayById.get(id)?.vpcId === table.vpcId;
    case 'nat-gateway': {
      const nat = id === undefined ? undefined : model.natGatewayById.get(id);
      return nat !== undefined && natVpcId(model, nat) === table.vpcId;
    }
    case 'transit-gateway': {
      const tgw = id === undefined ? undefined : model.transitGatewayById.get(id);
      return tgw !== undefined && attachedTo(model, table.vpcId, tgw);
    }
    default:
      return false;
  }
}

/** Whether a VPC has an attachment on the transit gateway (a loop, not .some(): no closure per route). */
function attachedTo(model: RoutingModel, vpcId: string, tgw: TransitGateway): boolean {
  const refs = model.vpcAttachmentsByVpc.get(vpcId);
  if (refs) for (let k = 0; k < refs.length; k++) if (refs[k]!.tgw === tgw) return true;
  return false;
}

/** How a route is named in messages, worked out on first use: most routes raise no finding. */
class RouteWords {
  constructor(
    private readonly model: RoutingModel,
    private readonly table: RouteTable,
    private readonly route: Route,
    private readonly i: number,
  ) {}
  get tableName(): string {
    return `Route table ${labelOf(this.table)}`;
  }
  get vpcName(): string {
    return vpcLabel(this.model, this.table.vpcId);
  }
  get routeText(): string {
    return `the route ${this.route.destination} -> ${this.route.target.replace(/-/g, ' ')}`;
  }
  get field(): string {
    return `routes[${this.i}].targetId`;
  }
}

function checkRoute(model: RoutingModel, table: RouteTable, route: Route, i: number, findings: RouteFinding[]): void {
  if (route.target === 'local') return;
  // The wording below is only read when a finding is made; getters keep a sound route free of it.
  const w = new RouteWords(model, table, route, i);
  const missing = (message: string, fix: string, extraSubjects: string[] = []): void => {
    findings.push({
      code: 'routing/missing-target',
      severity: 'error',
      message,
      subjects: [table.id, ...extraSubjects],
      fix,
      field: w.field,
      cidrs: [route.destination],
    });
  };
  if (route.targetId === undefined) {
    missing(
      `${w.tableName} has ${w.routeText} with no target named, so AWS cannot create it.`,
      `Pick the ${route.target.replace(/-/g, ' ')} of ${w.vpcName} the route should use.`,
    );
    return;
  }
  const id = route.targetId;
  switch (route.target) {
    case 'internet-gateway':
    case 'egress-only-gateway':
    case 'vpn-gateway': {
      const gateway =
        route.target === 'internet-gateway'
          ? model.internetGatewayById.get(id)
          : route.target === 'egress-only-gateway'
            ? model.egressOnlyById.get(id)
            : model.vpnGatewayById.get(id);
      const kind = route.target.replace(/-/g, ' ');
      if (!gateway)
        missing(
          `${w.tableName} has ${w.routeText} ${id}, but there is no ${kind} ${id} in the plan.`,
          `Point the route at the ${kind} of ${w.vpcName}, or add one.`,
        );
      else if (gateway.vpcId !== table.vpcId) {
        missing(
          `${w.tableName} (in ${w.vpcName}) has ${w.routeText} ${labelOf(gateway)}, which belongs to ${vpcLabel(model, gateway.vpcId)}; a route table can use only its own VPC's gateways.`,
          `Use a ${kind} of ${w.vpcName}.`,
          [gateway.id],
        );
      }
      return;
    }
    case 'nat-gateway': {
      const nat = model.natGatewayById.get(id);
      if (!nat) {
        missing(
          `${w.tableName} has ${w.routeText} ${id}, but there is no NAT gateway ${id} in the plan.`,
          `Point the route at a NAT gateway of ${w.vpcName}, or add one.`,
        );
        return;
      }
      const natVpc = natVpcId(model, nat);
      if (natVpc === table.vpcId) return;
      if (natVpc !== undefined && peeringBetween(model, table.vpcId, natVpc)) {
        findings.push({
          code: 'nat/route-via-peering',
          severity: 'error',
          subjects: [table.id, nat.id],
          field: w.field,
          cidrs: [route.destination],
          message: `${w.tableName} (in ${w.vpcName}) sends ${route.destination} to NAT gateway ${labelOf(nat)} of the peered ${vpcLabel(model, natVpc)}; traffic cannot reach a NAT gateway through VPC peering.`,
          fix: `Add a NAT gateway to ${w.vpcName}, or share one egress VPC through a transit gateway.`,
        });
        return;
      }
      missing(
        `${w.tableName} (in ${w.vpcName}) has ${w.routeText} ${labelOf(nat)}, which is in ${natVpc === undefined ? 'no known VPC' : vpcLabel(model, natVpc)}; a route table can use only its own VPC's NAT gateways.`,
        `Use a NAT gateway of ${w.vpcName}.`,
        [nat.id],
      );
      return;
    }
    case 'transit-gateway': {
      const tgw = model.transitGatewayById.get(id);
      if (!tgw)
        missing(
          `${w.tableName} has ${w.routeText} ${id}, but there is no transit gateway ${id} in the plan.`,
          'Point the route at an existing transit gateway.',
        );
      else if (!attachedTo(model, table.vpcId, tgw)) {
        missing(
          `${w.tableName} sends ${route.destination} to transit gateway ${labelOf(tgw)}, but ${w.vpcName} is not attached to it.`,
          `Attach ${w.vpcName} to ${labelOf(tgw)} (one subnet per availability zone), or use a transit gateway it is attached to.`,
          [tgw.id],
        );
      }
      return;
    }
    case 'peering':
      checkPeeringRoute(model, table, route, i, findings, missing, w);
      return;
  }
}

function checkPeeringRoute(
  model: RoutingModel,
  table: RouteTable,
  route: Route,
  i: number,
  findings: RouteFinding[],
  missing: (message: string, fix: string, extra?: string[]) => void,
  w: RouteWords,
): void {
  const peering = model.peeringById.get(route.targetId as string);
  if (!peering) {
    missing(
      `${w.tableName} sends ${route.destination} to peering ${route.targetId}, which is not in the plan.`,
      `Point the route at a peering of ${w.vpcName}.`,
    );
    return;
  }
  const peer = peerOf(peering, table.vpcId);
  if (peer === undefined) {
    missing(
      `${w.tableName} (in ${w.vpcName}) sends ${route.destination} over peering ${labelOf(peering)}, which connects ${vpcLabel(model, peering.requesterVpcId)} and ${vpcLabel(model, peering.accepterVpcId)}; ${w.vpcName} is not part of it.`,
      `Use a peering of ${w.vpcName}.`,
      [peering.id],
    );
    return;
  }
  const peerName = (): string => vpcLabel(model, peer);
  const field = `routes[${i}]`;
  if (peering.status !== 'active') {
    findings.push({
      code: 'routing/pending-peering',
      severity: 'warning',
      subjects: [table.id, peering.id],
      field,
      cidrs: [route.destination],
      message: `${w.tableName} sends ${route.destination} over peering ${labelOf(peering)} to ${peerName()}, but the peering is ${peering.status}: it carries no traffic until accepted.`,
      fix: `Have the owner of ${vpcLabel(model, peering.accepterVpcId)} accept the peering.`,
    });
  }
  const destination = routeDestinations(model.index, table)[i];
  if (!destination) return;
  if (destination.prefix === 0) {
    findings.push({
      code: 'nat/route-via-peering',
      severity: 'error',
      subjects: [table.id, peering.id],
      field,
      cidrs: [route.destination],
      message: `${w.tableName} (in ${w.vpcName}) sends internet traffic (${route.destination}) over peering ${labelOf(peering)} to ${peerName()}; a peer cannot use the other VPC's internet gateway or NAT gateway, so it is dropped.`,
      fix: `Give ${w.vpcName} its own NAT gateway or internet gateway, or use a shared egress VPC behind a transit gateway.`,
    });
    return;
  }
  const peerBlocks = vpcBlocksOf(model, peer);
  if (peerBlocks.some((block) => contains(block, destination))) return;
  const third = transitiveTarget(model, table.vpcId, peer, destination);
  if (third === undefined) return;
  findings.push({
    code: 'routing/transitive-peering',
    severity: 'error',
    subjects: [table.id, peering.id, third.vpcId],
    field,
    cidrs: [route.destination, formatCidr(third.block)],
    message: `${w.tableName} (in ${w.vpcName}) sends ${route.destination} over peering ${labelOf(peering)} to ${peerName()}, but that range belongs to ${vpcLabel(model, third.vpcId)} (${formatCidr(third.block)}). Peering is not transitive: ${peerName()} will not forward traffic from ${w.vpcName} to ${vpcLabel(model, third.vpcId)}.`,
    fix: `Peer ${w.vpcName} with ${vpcLabel(model, third.vpcId)} directly and route ${formatCidr(third.block)} over that peering, or connect the VPCs through a transit gateway.`,
  });
}

/** A third VPC whose block the destination overlaps; VPCs peered with the peer first (the A-B-C chain people draw). */
function transitiveTarget(model: RoutingModel, self: string, peer: string, destination: Cidr): { block: Cidr; vpcId: string } | undefined {
  const candidates = vpcBlocksOverlapping(model, destination).filter((owned) => owned.vpcId !== self && owned.vpcId !== peer);
  if (candidates.length === 0) return undefined;
  const peersOfPeer = new Set((model.peeringsByVpc.get(peer) ?? []).map((p) => peerOf(p, peer)));
  return candidates.find((owned) => peersOfPeer.has(owned.vpcId)) ?? candidates[0];
}

function peeringBetween(model: RoutingModel, a: string, b: string): PeeringConnection | undefined {
  return (model.peeringsByVpc.get(a) ?? []).find((p) => peerOf(p, a) === b);
}
