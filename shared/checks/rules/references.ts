/**
 * Every reference between plan objects must point at an object that exists. The file
 * still loads with a dangling id (so the user can mend it); this rule says where it is.
 */
import type { Plan } from '../../plan/schema';
import { nameOf } from '../wording';
import { Concatenation, IdSequenceOf, ListMemo, MapMemo } from './plan-memo';
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
 * What a reference is checked against is the ids of a section, not its objects: a rename, a
 * new block or a moved subnet keeps every id, so the parts keyed on these stay valid.
 */
const sequences = {
  vpcs: new IdSequenceOf(),
  subnets: new IdSequenceOf(),
  routeTables: new IdSequenceOf(),
  transitGateways: new IdSequenceOf(),
  externalNetworks: new IdSequenceOf(),
};

/** Each section's findings, kept item by item (plan-memo); the subnets' by VPC list. */
const memos = {
  subnets: new MapMemo<string, readonly Plan['subnets'][number][], ReferenceFinding>(),
  internetGateways: new ListMemo<Plan['internetGateways'][number], ReferenceFinding>(),
  egressOnlyGateways: new ListMemo<Plan['egressOnlyGateways'][number], ReferenceFinding>(),
  vpnGateways: new ListMemo<Plan['vpnGateways'][number], ReferenceFinding>(),
  vpnExternals: new ListMemo<Plan['vpnGateways'][number], ReferenceFinding>(),
  natGateways: new ListMemo<Plan['natGateways'][number], ReferenceFinding>(),
  routeTables: new ListMemo<Plan['routeTables'][number], ReferenceFinding>(),
  peerings: new ListMemo<Plan['peerings'][number], ReferenceFinding>(),
  transitGateways: new ListMemo<Plan['transitGateways'][number], ReferenceFinding>(),
  serviceNetworks: new ListMemo<Plan['serviceNetworks'][number], ReferenceFinding>(),
};
const all = new Concatenation<ReferenceFinding>();

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
  check(index: PlanIndex): ReferenceFinding[] {
    const { plan } = index;
    const vpcIds = sequences.vpcs.of(plan.vpcs);
    const subnetIds = sequences.subnets.of(plan.subnets);
    const routeTableIds = sequences.routeTables.of(plan.routeTables);
    const tgwIds = sequences.transitGateways.of(plan.transitGateways);
    const externalIds = sequences.externalNetworks.of(plan.externalNetworks);
    const { vpcById } = index;
    const tgwDeps = [vpcIds, subnetIds, externalIds, tgwIds];
    const vpcFix = (thing: string) => `Pick one of the plan's ${vpcIds.length} VPCs for the ${thing}, or delete it.`;
    const gateway =
      (what: string) =>
      (g: { id: string; name: string; vpcId: string }, out: ReferenceFinding[]): void => {
        if (!vpcById.has(g.vpcId)) dangling(out, [g.id], 'vpcId', `${what} ${nameOf(g)}`, 'VPC', g.vpcId, vpcFix('gateway'));
      };
    // A route's targetId and a transit gateway route's attachmentId are checked by the routing
    // rules (routing/missing-target, tgw/route-to-missing-attachment), which also know whose they are.
    return all.of([
      // By VPC list: the index keeps the lists of unedited VPCs, so after a subnet edit one list is looked at again.
      memos.subnets.findings(index.subnetsByVpc, [vpcIds, routeTableIds], (vpcId, list, out) => subnetFindings(index, vpcId, list, vpcFix, out)),
      memos.internetGateways.findings(plan.internetGateways, [vpcIds], gateway('Internet gateway')),
      memos.egressOnlyGateways.findings(plan.egressOnlyGateways, [vpcIds], gateway('Egress-only internet gateway')),
      memos.vpnGateways.findings(plan.vpnGateways, [vpcIds], gateway('VPN gateway')),
      memos.vpnExternals.findings(plan.vpnGateways, [externalIds], (g, out) => vpnExternalFindings(index, g, out)),
      memos.natGateways.findings(plan.natGateways, [subnetIds], (n, out) => {
        if (!index.subnetById.has(n.subnetId))
          dangling(
            out,
            [n.id],
            'subnetId',
            `NAT gateway ${nameOf(n)}`,
            'subnet',
            n.subnetId,
            'Place the NAT gateway in an existing (public) subnet, or delete it.',
          );
      }),
      memos.routeTables.findings(plan.routeTables, [vpcIds], (t, out) => {
        if (!vpcById.has(t.vpcId)) dangling(out, [t.id], 'vpcId', `Route table ${nameOf(t)}`, 'VPC', t.vpcId, vpcFix('route table'));
      }),
      memos.peerings.findings(plan.peerings, [vpcIds], (p, out) => {
        if (!vpcById.has(p.requesterVpcId)) dangling(out, [p.id], 'requesterVpcId', `Peering ${nameOf(p)}`, 'VPC', p.requesterVpcId, vpcFix('peering'));
        if (!vpcById.has(p.accepterVpcId)) dangling(out, [p.id], 'accepterVpcId', `Peering ${nameOf(p)}`, 'VPC', p.accepterVpcId, vpcFix('peering'));
      }),
      memos.transitGateways.findings(plan.transitGateways, tgwDeps, (tgw, out) => transitGatewayFindings(index, tgw, tgwDeps, vpcFix, out)),
      memos.serviceNetworks.findings(plan.serviceNetworks, [vpcIds], (sn, out) => serviceNetworkFindings(index, sn, out)),
    ]);
  },
});

type VpcFix = (thing: string) => string;

function subnetFindings({ plan, vpcById }: PlanIndex, vpcId: string, list: readonly Plan['subnets'][number][], vpcFix: VpcFix, out: ReferenceFinding[]): void {
  const routeTableIds = ids(plan.routeTables);
  const vpcMissing = !vpcById.has(vpcId);
  for (const s of list) {
    if (vpcMissing) dangling(out, [s.id], 'vpcId', `Subnet ${nameOf(s)}`, 'VPC', s.vpcId, vpcFix('subnet'));
    if (s.routeTableId !== undefined && !routeTableIds.has(s.routeTableId)) {
      dangling(
        out,
        [s.id],
        'routeTableId',
        `Subnet ${nameOf(s)}`,
        'route table',
        s.routeTableId,
        'Pick an existing route table, or clear routeTableId to use the VPC main route table.',
      );
    }
  }
}

function vpnExternalFindings({ plan }: PlanIndex, g: Plan['vpnGateways'][number], out: ReferenceFinding[]): void {
  const externalIds = ids(plan.externalNetworks);
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

type Attachment = Plan['transitGateways'][number]['attachments'][number];

/**
 * Which of a gateway's attachments were sound, by gateway id, against the attachments and
 * the id sequences they were judged with: attaching a VPC replaces the gateway and adds one
 * attachment, and the hundreds already there keep their identity and their verdict.
 */
const soundness = new Map<string, { attachments: readonly Attachment[]; tables: unknown; deps: readonly unknown[]; sound: boolean[] }>();

function transitGatewayFindings(
  index: PlanIndex,
  tgw: Plan['transitGateways'][number],
  deps: readonly unknown[],
  vpcFix: VpcFix,
  out: ReferenceFinding[],
): void {
  const tables = idSet(tgw.routeTables);
  const externalIds = ids(index.plan.externalNetworks);
  const tgwIds = ids(index.plan.transitGateways);
  const before = soundness.get(tgw.id);
  const known = before && before.deps.length === deps.length && before.deps.every((d, i) => d === deps[i]) ? before : undefined;
  const sound = new Array<boolean>(tgw.attachments.length);
  // A gateway holds hundreds of attachments, nearly all sound: look first, word only the faulty.
  tgw.attachments.forEach((a, i) => {
    // A verdict also rests on the gateway's own route tables: the same array, or look again.
    const kept = known && known.attachments[i] === a && tgw.routeTables === known.tables ? known.sound[i] : undefined;
    sound[i] = kept ?? attachmentSound(index, a, tables, externalIds, tgwIds);
    if (!sound[i]) attachmentFindings(index, tgw, a, tables, vpcFix, out);
  });
  soundness.set(tgw.id, { attachments: tgw.attachments, deps, sound, tables: tgw.routeTables });
}

function attachmentSound({ vpcById, subnetById }: PlanIndex, a: Attachment, tables: Set<string>, externalIds: Set<string>, tgwIds: Set<string>): boolean {
  if (a.vpcId !== undefined && !vpcById.has(a.vpcId)) return false;
  for (const s of a.subnetIds) if (!subnetById.has(s)) return false;
  if (a.externalNetworkId !== undefined && !externalIds.has(a.externalNetworkId)) return false;
  if (a.peerTransitGatewayId !== undefined && !tgwIds.has(a.peerTransitGatewayId)) return false;
  if (a.associatedRouteTableId !== undefined && !tables.has(a.associatedRouteTableId)) return false;
  for (const r of a.propagatedRouteTableIds) if (!tables.has(r)) return false;
  return true;
}

function attachmentFindings(
  { plan, vpcById, subnetById }: PlanIndex,
  tgw: Plan['transitGateways'][number],
  a: Attachment,
  tables: Set<string>,
  vpcFix: VpcFix,
  out: ReferenceFinding[],
): void {
  const externalIds = ids(plan.externalNetworks);
  const tgwIds = ids(plan.transitGateways);
  const owner = `Transit gateway ${nameOf(tgw)}'s attachment ${nameOf(a)}`;
  const subjects = [a.id, tgw.id];
  const tableOf = `route table of transit gateway ${nameOf(tgw)}`;
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
      tableOf,
      a.associatedRouteTableId,
      `Associate it with one of ${nameOf(tgw)}'s ${tgw.routeTables.length} route tables.`,
    );
  }
  a.propagatedRouteTableIds.forEach((r, i) => {
    if (!tables.has(r))
      dangling(out, subjects, `propagatedRouteTableIds[${i}]`, owner, tableOf, r, `Propagate to one of ${nameOf(tgw)}'s route tables, or remove the id.`);
  });
}

function serviceNetworkFindings({ vpcById }: PlanIndex, sn: Plan['serviceNetworks'][number], out: ReferenceFinding[]): void {
  sn.vpcIds.forEach((v, i) => {
    if (!vpcById.has(v)) dangling(out, [sn.id], `vpcIds[${i}]`, `Service network ${nameOf(sn)}`, 'VPC', v, 'Remove the association, or pick an existing VPC.');
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
