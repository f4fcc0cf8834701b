/**
 * What a route in a VPC route table may point at: only the VPC's own gateways, NAT gateways
 * and peerings, and the transit gateways it is attached to (AWS: a route table uses only its
 * own VPC's targets; a transit gateway route needs an attachment of the VPC). The editor
 * offers these; the checks (routing/missing-target) report a route that points elsewhere.
 */
import type { Plan, Route, RouteTarget } from './schema';

export interface RouteTargetChoice {
  target: RouteTarget;
  targetId?: string;
  /** e.g. "NAT gateway nat-egress-a". */
  label: string;
}

const KIND_LABEL: Record<RouteTarget, string> = {
  local: 'local',
  'internet-gateway': 'internet gateway',
  'nat-gateway': 'NAT gateway',
  'egress-only-gateway': 'egress-only internet gateway',
  peering: 'peering',
  'transit-gateway': 'transit gateway',
  'vpn-gateway': 'virtual private gateway',
};

export function routeTargetKindLabel(target: RouteTarget): string {
  return KIND_LABEL[target];
}

/** The targets a route table of this VPC can use, in the order engineers think of them. */
export function routeTargetChoices(plan: Plan, vpcId: string): RouteTargetChoice[] {
  const choices: RouteTargetChoice[] = [{ target: 'local', label: 'local (inside the VPC)' }];
  const named = (target: RouteTarget, object: { id: string; name?: string }) =>
    choices.push({ target, targetId: object.id, label: `${KIND_LABEL[target]} ${object.name || object.id}` });
  for (const gateway of plan.internetGateways) if (gateway.vpcId === vpcId) named('internet-gateway', gateway);
  const subnetsOfVpc = new Set(plan.subnets.filter((s) => s.vpcId === vpcId).map((s) => s.id));
  for (const nat of plan.natGateways) if (subnetsOfVpc.has(nat.subnetId)) named('nat-gateway', nat);
  for (const gateway of plan.egressOnlyGateways) if (gateway.vpcId === vpcId) named('egress-only-gateway', gateway);
  for (const peering of plan.peerings) {
    const peer = peering.requesterVpcId === vpcId ? peering.accepterVpcId : peering.accepterVpcId === vpcId ? peering.requesterVpcId : undefined;
    if (peer === undefined) continue;
    const peerVpc = plan.vpcs.find((v) => v.id === peer);
    choices.push({ target: 'peering', targetId: peering.id, label: `peering ${peering.name || peering.id} (to ${peerVpc?.name || peer})` });
  }
  for (const tgw of plan.transitGateways) {
    if (tgw.attachments.some((a) => a.type === 'vpc' && a.vpcId === vpcId)) named('transit-gateway', tgw);
  }
  for (const gateway of plan.vpnGateways) if (gateway.vpcId === vpcId) named('vpn-gateway', gateway);
  return choices;
}

/** The choice a route points at, if it is one of the VPC's choices. */
export function choiceOf(choices: readonly RouteTargetChoice[], route: Pick<Route, 'target' | 'targetId'>): RouteTargetChoice | undefined {
  return choices.find((c) => c.target === route.target && (c.target === 'local' || c.targetId === route.targetId));
}
