import { describe, expect, it } from 'vitest';
import hubAndSpoke from '../../../examples/hub-and-spoke.vpcplan.json';
import { validatePlan } from '../load';
import { emptyPlan, type Plan } from '../schema';
import {
  allIds,
  canConnect,
  connect,
  deleteObjects,
  describeConnection,
  extractFragment,
  findObject,
  fitName,
  idMaker,
  newId,
  newInternetGateway,
  newNatGateway,
  newSubnet,
  newServiceNetwork,
  newTransitGateway,
  newVpc,
  pasteFragment,
  updateObject,
  vpcForNewSubnet,
  describeRemoval,
  updateSettings,
} from '.';
import { referenceProblems, seededRandom } from './edit-test-support';

function hub(): Plan {
  const result = validatePlan(hubAndSpoke);
  if (!result.ok) throw new Error(result.summary);
  return result.plan;
}
const at = { x: 0, y: 0 };

describe('ids', () => {
  it('newId avoids every id in the plan, TGW route tables included', () => {
    const plan = hub();
    const taken = { ...plan, transitGateways: plan.transitGateways.map((t) => ({ ...t, routeTables: [{ id: 'x-00000001', name: 'taken', routes: [] }] })) };
    // The source first offers the taken id, then a free one.
    const values = [1 / 2 ** 32, 0.5];
    expect(newId('x', taken, () => values.shift() ?? 0.5)).toBe('x-80000000');
  });

  it('idMaker never gives the same id twice, though the first is not in the plan yet', () => {
    // The source offers the same number twice, then another.
    let calls = 0;
    const make = idMaker(emptyPlan(), () => (calls++ < 2 ? 0.25 : 0.75));
    expect([make('vpc'), make('vpc')]).toEqual(['vpc-40000000', 'vpc-c0000000']);
  });
});

describe('names', () => {
  it('fitName keeps a name within the format limit and never cuts an emoji in half', () => {
    expect(fitName('web copy')).toBe('web copy');
    const long = `${'a'.repeat(198)}🛰🛰`;
    const fitted = fitName(long);
    expect(fitted.length).toBeLessThanOrEqual(200);
    expect(fitted.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF]…$/.test(fitted)).toBe(false);
  });

  it('a peering between two long-named VPCs gets a name the plan can still load', () => {
    let plan = hub();
    plan = updateObject(plan, 'vpc', 'vpc-prod', { name: 'p'.repeat(200) });
    plan = updateObject(plan, 'vpc', 'vpc-dev', { name: 'd'.repeat(200) });
    const result = connect(plan, 'vpc-prod', 'vpc-dev');
    expect(result.ok).toBe(true);
    if (result.ok) expect(validatePlan(result.plan).ok).toBe(true);
  });
});

describe('the palette', () => {
  it('a new VPC gets the first free /16, the next name and the plan region', () => {
    const result = newVpc(hub(), at, idMaker(hub(), seededRandom(1)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const vpc = result.plan.vpcs.at(-1)!;
    expect(vpc).toMatchObject({ id: result.created, name: 'vpc-7', region: hub().vpcs[0]!.region });
    expect(vpc.ipv4Cidrs).toHaveLength(1);
    expect(result.problem).toBeUndefined();
    expect(result.plan.layout.nodes[vpc.id]).toEqual(at);
  });

  it('a new VPC with no free /16 left is added without a block, and says what to do', () => {
    const full: Plan = {
      ...emptyPlan(),
      externalNetworks: [{ id: 'ext', name: 'everything', kind: 'on-premises', cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] }],
    };
    const result = newVpc(full, at);
    expect(result.ok && result.plan.vpcs[0]!.ipv4Cidrs).toEqual([]);
    expect(result.ok && result.problem).toMatch(/No free \/16/);
  });

  it('AWS allows one internet gateway per VPC', () => {
    const plan = hub();
    expect(newInternetGateway(plan, ['vpc-egress'])).toEqual({ ok: false, reason: 'That VPC already has an internet gateway; a VPC takes only one.' });
    expect(newInternetGateway(plan, [])).toMatchObject({ ok: false, reason: expect.stringMatching(/Select the VPC/) });
    const added = newInternetGateway(plan, ['sn-prod-app-a']);
    expect(added.ok && added.plan.internetGateways.at(-1)).toMatchObject({ vpcId: 'vpc-prod', name: 'prod-app-igw' });
    // Named after a VPC with the longest name the format allows, it still fits the format.
    const long = { ...plan, vpcs: plan.vpcs.map((v) => (v.id === 'vpc-prod' ? { ...v, name: 'n'.repeat(200) } : v)) };
    const named = newInternetGateway(long, ['vpc-prod']);
    expect(named.ok && named.plan.internetGateways.at(-1)!.name.length).toBeLessThanOrEqual(200);
  });

  it("a NAT gateway is public, in a public subnet of the selected subnet's AZ (changed: it used to go private into a selected private subnet)", () => {
    const plan = hub();
    // A private subnet of us-east-1b selected: the public subnet of us-east-1b, not the selected one.
    const fromPrivate = newNatGateway(plan, ['sn-egress-tgw-b']);
    expect(fromPrivate.ok && fromPrivate.plan.natGateways.at(-1)).toMatchObject({ subnetId: 'sn-egress-pub-b', connectivity: 'public', addresses: 1 });
    // The name says the AZ and does not repeat an existing one.
    expect(fromPrivate.ok && fromPrivate.plan.natGateways.at(-1)?.name).toBe('nat-b');
    const again = fromPrivate.ok ? newNatGateway(fromPrivate.plan, ['sn-egress-tgw-b']) : fromPrivate;
    expect(again.ok && again.plan.natGateways.at(-1)?.name).toBe('nat-b-2');
    // The VPC has its internet gateway: no second one, no note.
    expect(fromPrivate.ok && fromPrivate.plan.internetGateways).toHaveLength(plan.internetGateways.length);
    expect(fromPrivate.ok && fromPrivate.note).toBeUndefined();
    // The VPC selected: the first AZ without a NAT gateway.
    const withoutB = { ...plan, natGateways: plan.natGateways.filter((n) => n.id !== 'nat-egress-b') };
    const inVpc = newNatGateway(withoutB, ['vpc-egress']);
    expect(inVpc.ok && inVpc.plan.natGateways.at(-1)).toMatchObject({ subnetId: 'sn-egress-pub-b', connectivity: 'public' });
    // No public subnet: says what to add.
    expect(newNatGateway(plan, ['vpc-prod'])).toEqual({ ok: false, reason: expect.stringMatching(/prod-app has no public subnet.*tier "public"/) });
    expect(newNatGateway(plan, [])).toMatchObject({ ok: false, reason: expect.stringMatching(/Select a VPC/) });
  });

  it('a NAT gateway in a VPC without an internet gateway brings one, and says so; another AZ is used and said when the AZ has no public subnet', () => {
    let plan = emptyPlan();
    const vpc = newVpc(plan, at);
    if (!vpc.ok) throw new Error(vpc.reason);
    plan = vpc.plan;
    const cidr = plan.vpcs[0]!.ipv4Cidrs[0]!.replace(/\.0\.0\/16$/, '');
    for (const [name, tier, zone, third] of [
      ['pub-a', 'public', 'us-east-1a', 0],
      ['app-b', 'private', 'us-east-1b', 1],
    ] as const) {
      const added = newSubnet(plan, { name, vpcId: vpc.created, availabilityZone: zone, tier, cidr: `${cidr}.${third}.0/24` });
      if (!added.ok) throw new Error(added.reason);
      plan = added.plan;
    }
    const appB = plan.subnets.find((s) => s.name === 'app-b')!;
    const result = newNatGateway(plan, [appB.id]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.plan.natGateways).toEqual([expect.objectContaining({ subnetId: plan.subnets[0]!.id, connectivity: 'public', name: 'nat-a' })]);
    expect(result.plan.internetGateways).toEqual([expect.objectContaining({ vpcId: vpc.created })]);
    expect(result.note).toMatch(/no public subnet in us-east-1b.*pub-a \(us-east-1a\)/);
    expect(result.note).toMatch(/Added internet gateway vpc-1-igw/);
    expect(referenceProblems(result.plan)).toEqual([]);
  });

  it('a subnet goes in the selected VPC, else the first; none without a VPC', () => {
    expect(vpcForNewSubnet(hub(), ['sn-dev-app-a'])).toEqual({ ok: true, vpcId: 'vpc-dev' });
    expect(vpcForNewSubnet(hub(), [])).toEqual({ ok: true, vpcId: 'vpc-egress' });
    expect(vpcForNewSubnet(emptyPlan(), [])).toEqual({ ok: false, reason: 'Add a VPC first: a subnet lives in a VPC.' });
    expect(newSubnet(emptyPlan(), { name: 'a', vpcId: 'gone', availabilityZone: 'us-east-1a', tier: 'public', cidr: '10.0.0.0/24' }).ok).toBe(false);
  });

  it('a new transit gateway has its default route table', () => {
    const result = newTransitGateway(emptyPlan(), at);
    expect(result.ok && result.plan.transitGateways[0]!.routeTables.map((t) => t.name)).toEqual(['default']);
  });
});

describe('connect', () => {
  it('peers two VPCs once', () => {
    const plan = hub();
    expect(connect(plan, 'vpc-legacy', 'vpc-shared')).toEqual({ ok: false, reason: 'legacy-erp and shared-services are already peered.' });
    const result = connect(plan, 'vpc-prod', 'vpc-dev');
    expect(result.ok && result.plan.peerings.at(-1)).toMatchObject({ requesterVpcId: 'vpc-prod', accepterVpcId: 'vpc-dev', name: 'prod-app ↔ dev-app' });
  });

  it('attaches a VPC (either way round) with one subnet per AZ, associated with the first table', () => {
    const result = connect(hub(), 'tgw-hub', 'vpc-analytics');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const attachment = findObject(result.plan, result.created);
    expect(attachment?.kind).toBe('tgwAttachment');
    expect(attachment?.object).toMatchObject({ vpcId: 'vpc-analytics', associatedRouteTableId: 'tgw-rtb-spokes', propagatedRouteTableIds: ['tgw-rtb-spokes'] });
  });

  it('says why a pair cannot be connected', () => {
    expect(connect(hub(), 'sn-prod-app-a', 'vpc-dev')).toMatchObject({ ok: false, reason: expect.stringMatching(/A subnet cannot be connected to a VPC/) });
  });
});

describe('canConnect', () => {
  it('names the connection a pair makes, in the order the plan stores it', () => {
    const plan = hub();
    expect(canConnect(plan, 'vpc-prod', 'vpc-dev')).toEqual({ ok: true, kind: 'peering', source: 'vpc-prod', target: 'vpc-dev' });
    expect(canConnect(plan, 'tgw-hub', 'vpc-analytics')).toEqual({ ok: true, kind: 'attachment', source: 'vpc-analytics', target: 'tgw-hub' });
    expect(canConnect(plan, 'sn-lattice-apis', 'vpc-dev')).toEqual({ ok: true, kind: 'association', source: 'vpc-dev', target: 'sn-lattice-apis' });
    expect(canConnect(plan, 'ext-dc', 'vpc-dev')).toEqual({ ok: true, kind: 'vpn-gateway', source: 'vpc-dev', target: 'ext-dc' });
    expect(describeConnection(plan, canConnect(plan, 'tgw-hub', 'vpc-analytics'))).toBe('Attach partner-analytics to tgw-hub');
    expect(describeConnection(plan, canConnect(plan, 'vpc-legacy', 'vpc-shared'))).toBe('legacy-erp and shared-services are already peered.');
  });

  it('refuses what AWS refuses, and pairs that do not connect, saying why', () => {
    const plan = hub();
    expect(canConnect(plan, 'vpc-prod', 'vpc-prod')).toMatchObject({ ok: false, reason: expect.stringMatching(/two different objects/) });
    expect(canConnect(plan, 'vpc-legacy', 'vpc-shared')).toMatchObject({ ok: false, reason: expect.stringMatching(/already peered/) });
    expect(canConnect(plan, 'vpc-prod', 'tgw-hub')).toMatchObject({ ok: false, reason: expect.stringMatching(/already attached/) });
    expect(canConnect(plan, 'ext-dc', 'tgw-hub')).toMatchObject({ ok: false, reason: expect.stringMatching(/already attached/) });
    expect(canConnect(plan, 'sn-prod-app-a', 'tgw-hub')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/A subnet cannot be connected to a transit gateway/),
    });
    expect(canConnect(plan, 'tgw-hub', 'sn-lattice-apis')).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot be connected/) });
    expect(canConnect(plan, 'vpc-prod', 'gone')).toMatchObject({ ok: false, reason: expect.stringMatching(/no longer in the plan/) });
  });

  it('a VPC joins one service network only (Lattice), and a second is refused with the way round it', () => {
    let plan = hub();
    const second = newServiceNetwork(plan, at);
    if (!second.ok) throw new Error(second.reason);
    plan = second.plan;
    const check = canConnect(plan, 'vpc-prod', second.created);
    expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(/only one service network.*service-network endpoint/) });
    expect(connect(plan, 'vpc-prod', second.created).ok).toBe(false);
    expect(canConnect(plan, 'vpc-dev', second.created).ok).toBe(true);
  });

  it('two transit gateways peer once, whichever side asked first', () => {
    let plan = hub();
    const other = newTransitGateway(plan, at);
    if (!other.ok) throw new Error(other.reason);
    plan = other.plan;
    const peered = connect(plan, other.created, 'tgw-hub');
    if (!peered.ok) throw new Error(peered.reason);
    expect(canConnect(peered.plan, 'tgw-hub', other.created)).toMatchObject({ ok: false, reason: expect.stringMatching(/already peered/) });
    expect(canConnect(peered.plan, other.created, 'tgw-hub')).toMatchObject({ ok: false });
  });

  it('agrees with connect on every pair of the example', () => {
    const plan = hub();
    const ids = [...allIds(plan)];
    for (const a of ids) {
      for (const b of ids) {
        const check = canConnect(plan, a, b);
        const made = connect(plan, a, b);
        expect(made.ok, `${a} -> ${b}`).toBe(check.ok);
        if (!check.ok && !made.ok) expect(made.reason).toBe(check.reason);
      }
    }
  });
});

describe('delete', () => {
  it('a VPC takes its subnets, gateways, tables, peerings, attachments, associations and the routes to them', () => {
    const plan = deleteObjects(hub(), ['vpc-legacy']);
    expect(referenceProblems(plan)).toEqual([]);
    expect(plan.peerings).toEqual([]);
    expect(plan.routeTables.find((t) => t.id === 'rt-shared-private')!.routes.some((r) => r.targetId === 'pcx-shared-legacy')).toBe(false);
    expect([...allIds(plan)].some((id) => id.includes('legacy'))).toBe(false);
  });

  it('unchanged objects keep their identity; deleting nothing returns the same plan', () => {
    const plan = hub();
    const after = deleteObjects(plan, ['ext-dc']);
    expect(after.vpcs).toBe(plan.vpcs);
    expect(after.subnets).toBe(plan.subnets);
    expect(deleteObjects(plan, ['no-such-id'])).toBe(plan);
  });
});

describe('paste', () => {
  it('a copied VPC keeps its subnets in place in a new block, with its own tables, gateways and routes', () => {
    const plan = hub();
    const result = pasteFragment(plan, extractFragment(plan, ['vpc-egress']), undefined, idMaker(plan, seededRandom(2)));
    expect(referenceProblems(result.plan)).toEqual([]);
    const copy = result.plan.vpcs.find((v) => v.id === result.pastedIds[0])!;
    expect(copy.name).toBe('network-egress copy');
    const tables = result.plan.routeTables.filter((t) => t.vpcId === copy.id);
    expect(tables).toHaveLength(3);
    const igw = result.plan.internetGateways.find((g) => g.vpcId === copy.id)!;
    expect(tables.flatMap((t) => t.routes).some((r) => r.targetId === igw.id)).toBe(true);
  });

  it('leaves out routes whose target was deleted since the copy, and says so', () => {
    const plan = hub();
    const fragment = extractFragment(plan, ['vpc-legacy']);
    const cut = deleteObjects(plan, ['vpc-legacy']);
    const result = pasteFragment(cut, fragment);
    expect(referenceProblems(result.plan)).toEqual([]);
    expect(result.notes.join(' ')).toMatch(/1 route was left out of the copy/);
  });

  it('a subnet pasted into its own VPC keeps its table if the VPC still has it, else follows the main table', () => {
    const plan = hub();
    const fragment = extractFragment(plan, ['sn-prod-app-a']);
    const kept = pasteFragment(plan, fragment);
    expect(kept.plan.subnets.at(-1)).toMatchObject({ vpcId: 'vpc-prod', routeTableId: 'rt-prod-private', name: expect.stringMatching(/ copy$/) });
    const withoutTable = deleteObjects(plan, ['rt-prod-private']);
    const dropped = pasteFragment(withoutTable, fragment);
    expect(dropped.plan.subnets.at(-1)!.routeTableId).toBeUndefined();
    expect(referenceProblems(dropped.plan)).toEqual([]);
  });

  it('does not give a VPC a second internet gateway', () => {
    const plan = hub();
    const result = pasteFragment(plan, extractFragment(plan, ['sn-egress-pub-a', 'igw-egress']));
    expect(result.plan.internetGateways.filter((g) => g.vpcId === 'vpc-egress')).toHaveLength(1);
    expect(result.notes.join(' ')).toMatch(/already has an internet gateway/);
  });

  it('a subnet whose VPC is gone is not pasted', () => {
    const plan = hub();
    const fragment = extractFragment(plan, ['sn-dev-app-a']);
    const result = pasteFragment(deleteObjects(plan, ['vpc-dev']), fragment);
    expect(result.pastedIds).toEqual([]);
    expect(result.notes.join(' ')).toMatch(/its VPC is not in this plan/);
  });
});

describe('what a delete removed, in words', () => {
  it('lists the kinds, containers first, with counts and articles', () => {
    const plan = hub();
    const after = deleteObjects(plan, ['vpc-prod', 'vpc-dev', plan.serviceNetworks[0]!.id]);
    const removal = describeRemoval(plan, after);
    const subnets = plan.subnets.filter((s) => s.vpcId === 'vpc-prod' || s.vpcId === 'vpc-dev').length;
    expect(removal.text).toMatch(new RegExp(`^2 VPCs, a service network, ${subnets} subnets, .* and `));
    expect(removal.count).toBe(allIds(plan).size - allIds(after).size);
  });

  it('says one thing as one thing, and nothing as nothing', () => {
    const plan = hub();
    expect(describeRemoval(plan, deleteObjects(plan, ['sn-legacy-b']))).toEqual({ count: 1, text: 'a subnet' });
    expect(describeRemoval(plan, deleteObjects(plan, ['igw-egress'])).text).toBe('an internet gateway');
    expect(describeRemoval(plan, plan)).toEqual({ count: 0, text: '' });
  });
});

describe('settings', () => {
  it('changes only what differs, and a change to nothing is no edit', () => {
    const plan = hub();
    expect(updateSettings(plan, { deriveRoutes: plan.settings.deriveRoutes })).toBe(plan);
    const on = updateSettings(plan, { deriveRoutes: true, showRouteLines: true });
    expect(on.settings).toMatchObject({ deriveRoutes: true, showRouteLines: true, quotas: plan.settings.quotas });
    expect(plan.settings.deriveRoutes).toBe(false);
  });
});
