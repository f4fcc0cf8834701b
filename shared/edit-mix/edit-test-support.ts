/**
 * For the edit tests (not used by the app): random sequences of the editor's edits, each
 * step picking its objects from the plan as it is at that step, the sizing assistant's
 * "add a sized VPC" among them. It lives above shared/plan/edits and shared/sizing, which it
 * both uses (the folders form layers: shared/sizing reads the plan, so plan/edits may not
 * import it, not even for a test).
 */
import fc from 'fast-check';
import { routeTargetChoices, type RouteTargetChoice } from '../plan/route-targets';
import { proposeSubnetCidr } from '../plan/proposals';
import type { Plan, Route, SubnetTier, TgwRoute } from '../plan/schema';
import { addSizedVpc, proposeVpc, rangesToAvoid, sizedVpc } from '../sizing';
import { LISTS } from '../plan/objects';
import {
  addRouteTableFor,
  addTgwRouteTable,
  allIds,
  associationId,
  connect,
  deleteObjects,
  extractFragment,
  idMaker,
  moveNodes,
  newExternalNetwork,
  newInternetGateway,
  newNatGateway,
  newServiceNetwork,
  newSubnet,
  newTransitGateway,
  newVpc,
  pasteFragment,
  removeTgwRouteTable,
  setRoutes,
  setTgwRoutes,
  updateAttachment,
  updateObject,
  type Fragment,
  type RandomSource,
} from '../plan/edits';

const OPERATIONS = [
  'new-vpc',
  'new-subnet',
  'new-nat',
  'new-igw',
  'new-tgw',
  'new-service-network',
  'new-external',
  'connect',
  'delete',
  'copy',
  'cut',
  'paste',
  'duplicate',
  'move',
  'rename',
  'subnet-route-table',
  'add-route-table',
  'set-routes',
  'tgw-add-table',
  'tgw-remove-table',
  'tgw-set-routes',
  'attachment-tables',
  'sized-vpc',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** One step: what to do, and numbers that pick objects (modulo how many there are when the step runs). */
export interface EditStep {
  operation: Operation;
  picks: number[];
  name: string;
}

/** Names up to the format's limit and beyond what fits once " copy" or " ↔ " is added, with and without emoji. */
const nameArbitrary = fc.oneof(
  fc.constantFrom('web', 'app', 'db', ''),
  fc.integer({ min: 150, max: 200 }).map((n) => 'n'.repeat(n)),
  fc.integer({ min: 100, max: 199 }).map((n) => `${'e'.repeat(n - 1)}🛰`),
);

export const editStepArbitrary: fc.Arbitrary<EditStep> = fc.record({
  operation: fc.constantFrom(...OPERATIONS),
  picks: fc.array(fc.nat({ max: 1000 }), { minLength: 4, maxLength: 4 }),
  name: nameArbitrary,
});

export interface EditorModel {
  plan: Plan;
  clipboard?: Fragment;
}

/**
 * A step as the editor would run it: the edit for the plan (or undefined when the command
 * would refuse or do nothing), and the clipboard after it.
 */
export function editFor(model: EditorModel, step: EditStep, random: RandomSource): { edit?: (plan: Plan) => Plan; clipboard?: Fragment } {
  const { plan } = model;
  const [a = 0, b = 0, c = 0, d = 0] = step.picks;
  const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
  const newId = idMaker(plan, random);
  // What the user can select: a node or an edge of the canvas, or (rarely) anything with an id.
  const selectable = [
    plan.vpcs.map((v) => v.id),
    plan.subnets.map((s) => s.id),
    [...plan.natGateways, ...plan.internetGateways].map((n) => n.id),
    [...plan.transitGateways, ...plan.serviceNetworks, ...plan.externalNetworks].map((o) => o.id),
    [...plan.peerings, ...plan.vpnGateways, ...plan.transitGateways.flatMap((t) => t.attachments)]
      .map((o) => o.id)
      .concat(plan.serviceNetworks.flatMap((n) => n.vpcIds.map((v) => associationId(n.id, v)))),
    [...allIds(plan)].sort(),
  ];
  const choose = (n: number) =>
    pick(
      pick(
        selectable.filter((list) => list.length > 0),
        n,
      ) ?? [],
      n >> 3,
    );
  const selection = [choose(a), ...(b % 3 === 0 ? [choose(c)] : [])].filter((x): x is string => x !== undefined);
  const at = { x: (a % 2000) - 1000 + 0.25, y: (b % 1500) - 750 };
  const keep = { clipboard: model.clipboard };
  const ok = (result: { ok: true; plan: Plan } | { ok: false }) => (result.ok ? { ...keep, edit: () => result.plan } : keep);

  switch (step.operation) {
    case 'new-vpc':
      return ok(newVpc(plan, at, newId));
    case 'new-subnet': {
      const vpc = pick(plan.vpcs, a);
      if (!vpc) return keep;
      const proposal = proposeSubnetCidr(plan, vpc, 20 + (b % 9));
      // The Add subnet form offers only a free block.
      if (!proposal.ok) return keep;
      const tier = (['public', 'private', 'isolated'] as SubnetTier[])[c % 3] as SubnetTier;
      return ok(newSubnet(plan, { name: step.name, vpcId: vpc.id, availabilityZone: `us-east-1${'abc'[d % 3]}`, tier, cidr: proposal.cidr }, newId));
    }
    case 'new-nat':
      return ok(newNatGateway(plan, selection, newId));
    case 'new-igw':
      return ok(newInternetGateway(plan, selection, newId));
    case 'new-tgw':
      return ok(newTransitGateway(plan, at, newId));
    case 'new-service-network':
      return ok(newServiceNetwork(plan, at, newId));
    case 'new-external':
      return ok(newExternalNetwork(plan, at, newId));
    case 'connect': {
      // Mostly ends that connect; sometimes a subnet, which cannot.
      const ends = [...plan.vpcs, ...plan.transitGateways, ...plan.serviceNetworks, ...plan.externalNetworks].map((o) => o.id);
      const source = c % 8 === 0 ? pick(plan.subnets, a)?.id : pick(ends, a);
      const target = pick(ends, b);
      return source && target ? ok(connect(plan, source, target, newId)) : keep;
    }
    case 'delete':
      return { ...keep, edit: (p) => deleteObjects(p, selection) };
    case 'copy':
      return { clipboard: extractFragment(plan, selection) };
    case 'cut':
      return { clipboard: extractFragment(plan, selection), edit: (p) => deleteObjects(p, selection) };
    case 'paste':
      return model.clipboard ? { ...keep, edit: (p) => pasteFragment(p, model.clipboard as Fragment, undefined, newId).plan } : keep;
    case 'duplicate':
      return { ...keep, edit: (p) => pasteFragment(p, extractFragment(p, selection), undefined, newId).plan };
    case 'move': {
      const id = pick(Object.keys(plan.layout.nodes).sort(), a);
      return id ? { ...keep, edit: (p) => moveNodes(p, { [id]: at }) } : keep;
    }
    case 'rename': {
      const lists = ['vpc', 'subnet', 'transitGateway', 'serviceNetwork', 'externalNetwork', 'natGateway'] as const;
      const kind = lists[a % lists.length] as (typeof lists)[number];
      const list: ReadonlyArray<{ id: string }> = plan[LISTS[kind]];
      const object = pick(list, b);
      return object ? { ...keep, edit: (p) => updateObject(p, kind, object.id, { name: step.name }) } : keep;
    }
    case 'subnet-route-table': {
      // The inspector offers the subnet's own VPC's tables, or none (the main table).
      const subnet = pick(plan.subnets, a);
      if (!subnet) return keep;
      const table = pick(
        plan.routeTables.filter((t) => t.vpcId === subnet.vpcId),
        b,
      );
      return { ...keep, edit: (p) => updateObject(p, 'subnet', subnet.id, { routeTableId: c % 3 === 0 ? undefined : table?.id }) };
    }
    case 'add-route-table': {
      const subnet = pick(plan.subnets, a);
      if (!subnet) return keep;
      const table = { id: newId('rtb'), name: `${step.name.slice(0, 180)}-rt`, vpcId: subnet.vpcId, main: false, routes: [] };
      return { ...keep, edit: (p) => addRouteTableFor(p, subnet.id, table) };
    }
    case 'set-routes': {
      const table = pick(plan.routeTables, a);
      if (!table) return keep;
      // The inspector's route editor offers these targets.
      const choices = routeTargetChoices(plan, table.vpcId);
      const routes: Route[] = Array.from({ length: b % 4 }, (_, i) => {
        const choice: RouteTargetChoice = pick(choices, c + i) ?? { target: 'local', label: 'local' };
        return choice.targetId === undefined
          ? { destination: `10.${i}.0.0/16`, target: choice.target }
          : { destination: `10.${i}.0.0/16`, target: choice.target, targetId: choice.targetId };
      });
      return { ...keep, edit: (p) => setRoutes(p, table.id, routes) };
    }
    case 'tgw-add-table': {
      const tgw = pick(plan.transitGateways, a);
      return tgw ? { ...keep, edit: (p) => addTgwRouteTable(p, tgw.id, newId('tgw-rtb')) } : keep;
    }
    case 'tgw-remove-table': {
      const tgw = pick(plan.transitGateways, a);
      const table = tgw && pick(tgw.routeTables, b);
      return tgw && table ? { ...keep, edit: (p) => removeTgwRouteTable(p, tgw.id, table.id) } : keep;
    }
    case 'tgw-set-routes': {
      const tgw = pick(plan.transitGateways, a);
      const table = tgw && pick(tgw.routeTables, b);
      if (!tgw || !table) return keep;
      const routes: TgwRoute[] = Array.from({ length: c % 3 }, (_, i) => {
        const attachment = pick(tgw.attachments, d + i);
        return attachment
          ? { destination: `10.${i}.0.0/16`, kind: 'static', attachmentId: attachment.id }
          : { destination: `10.${i}.0.0/16`, kind: 'blackhole' };
      });
      return { ...keep, edit: (p) => setTgwRoutes(p, tgw.id, table.id, routes) };
    }
    case 'sized-vpc': {
      // The sizing assistant: a VPC clear of the plan's ranges, with or without its gateways and route tables.
      const proposal = proposeVpc({
        region: 'us-east-1',
        azs: 1 + (a % 3),
        growthPercent: 20,
        ipv6: b % 2 === 0,
        avoid: rangesToAvoid(plan).map((r) => r.cidr),
        tiers: [
          { name: step.name, tier: 'public', hostsPerSubnet: 20 },
          { name: 'app', tier: 'private', hostsPerSubnet: 100 + (c % 500) },
        ],
      });
      if (!proposal.ok) return keep;
      const sized = sizedVpc(
        plan,
        proposal,
        { region: 'us-east-1', azs: 1, growthPercent: 20, ipv6: false, avoid: [], tiers: [] },
        step.name,
        { network: d % 2 === 0 },
        newId,
      );
      return { ...keep, edit: (p) => addSizedVpc(p, sized, at) };
    }
    case 'attachment-tables': {
      // The inspector offers the attachment's own gateway's tables.
      const tgw = pick(
        plan.transitGateways.filter((t) => t.attachments.length > 0),
        a,
      );
      const attachment = tgw && pick(tgw.attachments, b);
      if (!tgw || !attachment) return keep;
      const associated = c % 4 === 0 ? undefined : pick(tgw.routeTables, c)?.id;
      const propagated = tgw.routeTables.filter((_, i) => (d >> i) & 1).map((t) => t.id);
      return { ...keep, edit: (p) => updateAttachment(p, attachment.id, { associatedRouteTableId: associated, propagatedRouteTableIds: propagated }) };
    }
  }
}
