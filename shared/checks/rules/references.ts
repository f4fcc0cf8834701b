/**
 * Every reference between plan objects must point at an object that exists. The file
 * still loads with a dangling id (so the user can mend it); this rule says where it is.
 */
import { nameOf } from '../wording';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../types';

const SOURCE = 'Plan integrity (docs/plan.schema.json: objects refer to each other by id)';

function idSet(items: ReadonlyArray<{ id: string }>): Set<string> {
  const set = new Set<string>();
  for (const item of items) set.add(item.id);
  return set;
}

/** Id sets per section, kept while the section keeps its identity (a subnet edit leaves the others alone). */
const idSets = new WeakMap<object, Set<string>>();
function ids(items: ReadonlyArray<{ id: string }>): Set<string> {
  let set = idSets.get(items);
  if (!set) {
    set = idSet(items);
    idSets.set(items, set);
  }
  return set;
}

const FINDINGS = {
  'plan/dangling-reference': { severity: 'error', title: 'A reference to an object that does not exist', source: SOURCE },
} satisfies FindingDefinitions;

type ReferenceFinding = FindingOf<typeof FINDINGS>;

/**
 * Findings for one part of the plan, kept while that part and the sections its ids point
 * into keep their identity: after a subnet edit only that VPC's subnets are looked at again.
 */
const partCache = new WeakMap<object, { deps: readonly unknown[]; findings: ReferenceFinding[] }>();
function cachedPart(part: object, deps: readonly unknown[], compute: (out: ReferenceFinding[]) => void): ReferenceFinding[] {
  const hit = partCache.get(part);
  if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.findings;
  const findings: ReferenceFinding[] = [];
  compute(findings);
  partCache.set(part, { deps, findings });
  return findings;
}

function dangling(out: ReferenceFinding[], subjects: string[], field: string, owner: string, what: string, id: string, fix: string): void {
  out.push({
    code: 'plan/dangling-reference',
    severity: 'error',
    subjects,
    field,
    message: `${owner} refers to ${what} "${id}" in ${field}, but the plan has no ${what} with that id.`,
    fix,
  });
}

export const referencesRule = definePlanRule({
  scope: 'plan',
  name: 'references',
  findings: FINDINGS,
  dependsOn: [
    'vpcs',
    'subnets',
    'internetGateways',
    'egressOnlyGateways',
    'vpnGateways',
    'natGateways',
    'routeTables',
    'peerings',
    'transitGateways',
    'serviceNetworks',
    'externalNetworks',
  ],
  check({ plan, vpcById, subnetById, subnetsByVpc }: PlanIndex): ReferenceFinding[] {
    const out: ReferenceFinding[] = [];
    const vpcFix = (thing: string) => `Pick one of the plan's ${plan.vpcs.length} VPCs for the ${thing}, or delete it.`;
    const routeTableIds = ids(plan.routeTables);
    // Subnets by VPC list: the index keeps the lists of unedited VPCs, so their result is reused.
    for (const [vpcId, list] of subnetsByVpc) {
      const found = cachedPart(list, [plan.vpcs, plan.routeTables], (part) => {
        const vpcMissing = !vpcById.has(vpcId);
        for (const s of list) {
          if (vpcMissing) dangling(part, [s.id], 'vpcId', `Subnet ${nameOf(s)}`, 'VPC', s.vpcId, vpcFix('subnet'));
          if (s.routeTableId !== undefined && !routeTableIds.has(s.routeTableId)) {
            dangling(
              part,
              [s.id],
              'routeTableId',
              `Subnet ${nameOf(s)}`,
              'route table',
              s.routeTableId,
              'Pick an existing route table, or clear routeTableId to use the VPC main route table.',
            );
          }
        }
      });
      for (const f of found) out.push(f);
    }
    for (const [list, what] of [
      ['internetGateways', 'Internet gateway'],
      ['egressOnlyGateways', 'Egress-only internet gateway'],
      ['vpnGateways', 'VPN gateway'],
    ] as const) {
      for (const g of plan[list]) if (!vpcById.has(g.vpcId)) dangling(out, [g.id], 'vpcId', `${what} ${nameOf(g)}`, 'VPC', g.vpcId, vpcFix('gateway'));
    }
    const externalIds = ids(plan.externalNetworks);
    for (const g of plan.vpnGateways) {
      g.externalNetworkIds.forEach((e, i) => {
        if (!externalIds.has(e))
          dangling(
            out,
            [g.id],
            `externalNetworkIds[${i}]`,
            `VPN gateway ${nameOf(g)}`,
            'external network',
            e,
            'Add the on-premises network to the plan, or remove the id.',
          );
      });
    }
    for (const n of plan.natGateways) {
      if (!subnetById.has(n.subnetId))
        dangling(
          out,
          [n.id],
          'subnetId',
          `NAT gateway ${nameOf(n)}`,
          'subnet',
          n.subnetId,
          'Place the NAT gateway in an existing (public) subnet, or delete it.',
        );
    }
    // A route's targetId and a transit gateway route's attachmentId are checked by the routing
    // rules (routing/missing-target, tgw/route-to-missing-attachment), which also know whose they are.
    const routeTableFindings = cachedPart(plan.routeTables, [plan.vpcs], (part) => {
      for (const t of plan.routeTables) {
        if (!vpcById.has(t.vpcId)) dangling(part, [t.id], 'vpcId', `Route table ${nameOf(t)}`, 'VPC', t.vpcId, vpcFix('route table'));
      }
    });
    for (const f of routeTableFindings) out.push(f);
    for (const p of plan.peerings) {
      if (!vpcById.has(p.requesterVpcId)) dangling(out, [p.id], 'requesterVpcId', `Peering ${nameOf(p)}`, 'VPC', p.requesterVpcId, vpcFix('peering'));
      if (!vpcById.has(p.accepterVpcId)) dangling(out, [p.id], 'accepterVpcId', `Peering ${nameOf(p)}`, 'VPC', p.accepterVpcId, vpcFix('peering'));
    }
    const tgwIds = ids(plan.transitGateways);
    for (const tgw of plan.transitGateways) {
      const tables = idSet(tgw.routeTables);
      for (const a of tgw.attachments) {
        const owner = `Transit gateway ${nameOf(tgw)}'s attachment ${nameOf(a)}`;
        const subjects = [a.id, tgw.id];
        if (a.vpcId !== undefined && !vpcById.has(a.vpcId)) dangling(out, subjects, 'vpcId', owner, 'VPC', a.vpcId, vpcFix('attachment'));
        a.subnetIds.forEach((s, i) => {
          if (!subnetById.has(s))
            dangling(out, subjects, `subnetIds[${i}]`, owner, 'subnet', s, 'Pick an existing subnet of the attached VPC, one per availability zone.');
        });
        if (a.externalNetworkId !== undefined && !externalIds.has(a.externalNetworkId)) {
          dangling(
            out,
            subjects,
            'externalNetworkId',
            owner,
            'external network',
            a.externalNetworkId,
            'Add the on-premises network to the plan, or pick an existing one.',
          );
        }
        if (a.peerTransitGatewayId !== undefined && !tgwIds.has(a.peerTransitGatewayId)) {
          dangling(out, subjects, 'peerTransitGatewayId', owner, 'transit gateway', a.peerTransitGatewayId, 'Pick an existing transit gateway to peer with.');
        }
        if (a.associatedRouteTableId !== undefined && !tables.has(a.associatedRouteTableId)) {
          dangling(
            out,
            subjects,
            'associatedRouteTableId',
            owner,
            `route table of transit gateway ${nameOf(tgw)}`,
            a.associatedRouteTableId,
            `Associate it with one of ${nameOf(tgw)}'s ${tgw.routeTables.length} route tables.`,
          );
        }
        a.propagatedRouteTableIds.forEach((r, i) => {
          if (!tables.has(r))
            dangling(
              out,
              subjects,
              `propagatedRouteTableIds[${i}]`,
              owner,
              `route table of transit gateway ${nameOf(tgw)}`,
              r,
              `Propagate to one of ${nameOf(tgw)}'s route tables, or remove the id.`,
            );
        });
      }
    }
    for (const sn of plan.serviceNetworks) {
      sn.vpcIds.forEach((v, i) => {
        if (!vpcById.has(v))
          dangling(out, [sn.id], `vpcIds[${i}]`, `Service network ${nameOf(sn)}`, 'VPC', v, 'Remove the association, or pick an existing VPC.');
      });
      sn.services.forEach((svc, i) => {
        if (svc.vpcId !== undefined && !vpcById.has(svc.vpcId))
          dangling(
            out,
            [sn.id, svc.id],
            `services[${i}].vpcId`,
            `Service ${nameOf(svc)} of service network ${nameOf(sn)}`,
            'VPC',
            svc.vpcId,
            'Pick the VPC the service runs in, or clear vpcId.',
          );
      });
    }
    return out;
  },
});
