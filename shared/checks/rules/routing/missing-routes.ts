/**
 * Connections that no route leads into: a peering, or a transit gateway attachment, to which
 * none of the VPC's route tables sends any of the far side's blocks. AWS adds no route for a peering or an
 * attachment (docs/network-rules.md#aws-vpc-peering, docs/network-rules.md#aws-transit-gateway),
 * and a subnet follows only its own table's routes (docs/network-rules.md#aws-route-tables-and-subnet-types),
 * so the connection carries nothing from that VPC until a table routes to it.
 *
 * The route tables looked at are the ones the VPC's subnets follow (resolveTable): written
 * tables are read as written; derived routes (settings.deriveRoutes) already send every
 * peer's and every other attachment's blocks to the connection, so they never miss one; a
 * subnet with only the implicit local route misses all of them. A connection that some table
 * routes (part of) a far-side block to is in use: which of the blocks go there is the user's
 * choice (a route for a block the peer no longer has does not count). So is
 * reaching the far side another way: a far-side block that a table sends to another peering,
 * a transit gateway or a VPN gateway is not missing, unless only a default route (/0) does.
 *
 * The fix adds the routes the derived routes would have (the far side's blocks, to the
 * connection) to one of the written tables the VPC's subnets follow.
 *
 * What a VPC's subnets route, and its peering findings, are kept per VPC (./part-memo) by
 * what each VPC's computation read: its subnet list (the key), the route tables and peerings
 * it looked up (recorded by the model's lookups), the blocks of the VPC and of its peers, the
 * names it printed, and settings (deriveRoutes), on which every part depends. The transit
 * gateway findings are worked out on every check from that (checkAttachments): a query per
 * attached VPC against an index of what each gateway table sends on (./tgw-forwarding).
 */
import { equalCidrs, formatCidr, overlaps, type Cidr } from '../../../cidr';
import type { AddRouteAction, FixAction } from '../../../plan/edits/fix-actions';
import { routeDestinations } from '../../../plan/plan-index';
import type { PeeringConnection, Plan, Route, Subnet, TgwAttachment, TgwRouteTable, TransitGateway } from '../../../plan/schema';
import { settingPath } from '../../../plan/settings';
import { labelOf, peerOf, routingModel, subnetBlock, vpcBlocksOf, vpcLabel, type RoutingModel } from '../../../routing/model';
import { resolveTable, type ResolvedTable } from '../../../routing/route-table';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../../types';
import { keepingParts, ValueMemo } from './part-memo';
import { forwardsOverlapping, tgwForwarding, type ForwardEntry, type TgwForwarding } from './tgw-forwarding';

const PEERING_SOURCE =
  'docs/network-rules.md#aws-vpc-peering: a peering carries only what the route tables of each side send to it (AWS VPC Peering Guide, "Update your route tables for a VPC peering connection"); docs/network-rules.md#aws-route-tables-and-subnet-types';
const TGW_SOURCE =
  'docs/network-rules.md#aws-transit-gateway: attaching a VPC adds no route to its route tables (Amazon VPC Transit Gateways, "Transit gateway attachments to a VPC" and "Example: Centralized router"); docs/network-rules.md#aws-route-tables-and-subnet-types';

const FINDINGS = {
  'routing/peering-unrouted': {
    severity: 'warning',
    title: "No route table sends the peer's blocks over the peering",
    source: PEERING_SOURCE,
  },
  'routing/tgw-unrouted': {
    severity: 'warning',
    title: 'No route table sends the networks behind a transit gateway to it',
    source: TGW_SOURCE,
  },
} satisfies FindingDefinitions;

type MissingRouteFinding = FindingOf<typeof FINDINGS>;

export const missingRoutesRule = definePlanRule({
  scope: 'plan',
  name: 'routing/missing-routes',
  findings: FINDINGS,
  dependsOn: [
    'vpcs',
    'subnets',
    'routeTables',
    'peerings',
    'transitGateways',
    'internetGateways',
    'natGateways',
    'egressOnlyGateways',
    'vpnGateways',
    'externalNetworks',
    'settings',
  ],
  check(index: PlanIndex): MissingRouteFinding[] {
    const model = routingModel(index);
    const findings: MissingRouteFinding[] = [];
    vpcParts.begin(index.plan);
    const gatewaysSame = gatewayChecks.begin(index.plan);
    for (const subnets of index.subnetsByVpc.values()) {
      const part = vpcParts.get(model, subnets, vpcPart);
      for (const f of part.findings) findings.push(f);
      if (part.routing) for (const f of gatewayChecks.findings(model, part, gatewaysSame)) findings.push(f);
    }
    return findings;
  },
});

/**
 * The transit gateway findings of each part as of the previous check. They read the part's
 * routing and, of the rest of the plan, only the gateways, the VPCs (blocks and names) and the
 * external networks: while those three sections are the same arrays, a part that held gives
 * the findings it gave, without a look at its attachments.
 */
class GatewayChecks {
  private sections: unknown[] = [];
  private checks = 0;
  private kept = new WeakMap<VpcPart, { at: number; findings: MissingRouteFinding[] }>();

  /** Call once per check; whether the sections the gateway findings read are those of the previous check. */
  begin(plan: Plan): boolean {
    if (!keepingParts()) return false;
    const sections = [plan.transitGateways, plan.vpcs, plan.externalNetworks];
    const same = sections.every((section, i) => section === this.sections[i]);
    this.sections = sections;
    this.checks++;
    return same;
  }

  findings(model: RoutingModel, part: VpcPart, sectionsSame: boolean): MissingRouteFinding[] {
    const hit = this.kept.get(part);
    if (sectionsSame && hit?.at === this.checks - 1) {
      hit.at = this.checks;
      return hit.findings;
    }
    const findings: MissingRouteFinding[] = [];
    checkAttachments(model, part.routing!, findings);
    if (keepingParts()) this.kept.set(part, { at: this.checks, findings });
    return findings;
  }
}

const gatewayChecks = new GatewayChecks();

/** What the checks read of one VPC's routing: kept per VPC with its peering findings. */
interface VpcRouting {
  vpcId: string;
  own: readonly Cidr[];
  /** The IP versions the VPC's subnets have blocks in: only those can be routed anywhere. */
  versions: ReadonlySet<4 | 6>;
  use: TablesInUse;
  /** Some table the subnets follow is derived: derived routes send every peer's and attachment's blocks on. */
  derived: boolean;
  /** The destinations the written tables send to each transit gateway, by gateway id. */
  toGateway: ReadonlyMap<string, readonly Cidr[]>;
}

interface VpcPart {
  routing: VpcRouting | undefined;
  findings: MissingRouteFinding[];
}

const NO_PART: VpcPart = { routing: undefined, findings: [] };

/**
 * A VPC's part: what its subnets' tables route, and its peerings' findings. It reads its
 * subnets (the key), settings (deriveRoutes: any change drops every part), and what the model
 * records: lookups, blocks and names. It reads nothing of the transit gateways: their
 * findings are worked out on every check from the part's routing (checkAttachments), so that
 * attaching a VPC, or re-addressing one of thousands on a gateway, re-checks no other part.
 */
const vpcParts = new ValueMemo<readonly Subnet[], VpcPart>(['settings']);

function vpcPart(model: RoutingModel, subnets: readonly Subnet[]): VpcPart {
  const vpcId = subnets[0]?.vpcId;
  if (vpcId === undefined) return NO_PART;
  // The VPC's blocks (and whether it is there at all) are read: recorded before anything else.
  const own = vpcBlocksOf(model, vpcId);
  if (!model.index.vpcById.get(vpcId)) return NO_PART;
  const use = tablesInUse(model, subnets);
  const routing: VpcRouting = {
    vpcId,
    own,
    versions: versionsOf(model, subnets),
    use,
    derived: use.tables.some((t) => t.source === 'derived'),
    toGateway: gatewayDestinations(model, use.tables),
  };
  const findings: MissingRouteFinding[] = [];
  for (const peering of model.peeringsByVpc.get(vpcId) ?? []) {
    const finding = checkPeering(model, routing, peering);
    if (finding) findings.push(finding);
  }
  return { routing, findings };
}

/**
 * Whether a block can be routed out of the VPC at all: in a version its subnets have blocks
 * in, not a default route, and not inside the VPC's own blocks (those take the local route:
 * a network overlap, reported as one, not a missing route).
 */
function reachable(routing: VpcRouting, block: Cidr): boolean {
  return routing.versions.has(block.version) && block.prefix > 0 && !routing.own.some((o) => overlaps(o, block));
}

/** The tables a VPC's subnets follow, the most used first. */
interface TablesInUse {
  tables: ResolvedTable[];
}

function tablesInUse(model: RoutingModel, subnets: readonly Subnet[]): TablesInUse {
  const users = new Map<ResolvedTable, number>();
  for (const subnet of subnets) {
    const table = resolveTable(model, subnet);
    users.set(table, (users.get(table) ?? 0) + 1);
  }
  const tables = [...users.keys()].sort((a, b) => (users.get(b) ?? 0) - (users.get(a) ?? 0) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { tables };
}

/** A written table's routes that lead out of the VPC to another network (peering, transit gateway, VPN), by the routes' identity. */
const connectionsOfRoutes = new WeakMap<readonly Route[], Cidr[]>();

/** The destinations a table sends to another network: a peering, a transit gateway or a VPN gateway. */
function connectionDestinations(model: RoutingModel, table: ResolvedTable): Cidr[] {
  // Only written tables get here (derived ones route everything): their routes as written.
  if (!table.table) return [];
  const key = table.table.routes;
  const hit = connectionsOfRoutes.get(key);
  if (hit) return hit;
  const out: Cidr[] = [];
  const blocks = routeDestinations(model.index, table.table);
  for (let i = 0; i < key.length; i++) {
    const route = key[i]!;
    if (route.target !== 'peering' && route.target !== 'transit-gateway' && route.target !== 'vpn-gateway') continue;
    const block = blocks[i];
    // A default route (to a transit gateway, say) sends the peer's block wherever the default goes: not to the peer.
    if (block && block.prefix > 0) out.push(block);
  }
  connectionsOfRoutes.set(key, out);
  return out;
}

/** The destinations the written tables send to one connection (a peering or a transit gateway). */
function destinationsTo(model: RoutingModel, tables: readonly ResolvedTable[], target: Route['target'], targetId: string): Cidr[] {
  const out: Cidr[] = [];
  for (const table of tables) {
    if (!table.table) continue;
    const routes = table.table.routes;
    let blocks: ReturnType<typeof routeDestinations> | undefined;
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i]!;
      if (r.target !== target || r.targetId !== targetId) continue;
      blocks ??= routeDestinations(model.index, table.table);
      const destination = blocks[i];
      if (destination) out.push(destination);
    }
  }
  return out;
}

/**
 * Whether some table the subnets follow has a route to the connection for (part of) one of
 * `far`, the blocks on the other side; derived tables route every one. A route to a peering
 * for a block the peer no longer has (it was re-addressed) does not count.
 */
function usesConnection(model: RoutingModel, tables: readonly ResolvedTable[], target: Route['target'], targetId: string, far: readonly Cidr[]): boolean {
  if (tables.some((t) => t.source === 'derived')) return true;
  return destinationsTo(model, tables, target, targetId).some((d) => far.some((block) => overlaps(block, d)));
}

/** Destinations a tgw-unrouted finding names in its cidrs and fix at most. */
const MAX_LISTED = 16;

/** Whether some table the subnets follow sends part of `block` to a connection (derived tables always do). */
function routed(model: RoutingModel, tables: readonly ResolvedTable[], block: Cidr): boolean {
  for (const table of tables) {
    if (table.source === 'derived') return true;
    for (const destination of connectionDestinations(model, table)) if (overlaps(destination, block)) return true;
  }
  return false;
}

/** The IP versions the VPC's subnets have blocks in: only those can be routed anywhere. */
function versionsOf(model: RoutingModel, subnets: readonly Subnet[]): Set<4 | 6> {
  const versions = new Set<4 | 6>();
  for (const subnet of subnets) {
    if (subnetBlock(model, subnet, 4)) versions.add(4);
    if (subnetBlock(model, subnet, 6)) versions.add(6);
  }
  return versions;
}

function checkPeering(model: RoutingModel, routing: VpcRouting, peering: PeeringConnection): MissingRouteFinding | undefined {
  const { vpcId, use } = routing;
  const peer = peerOf(peering, vpcId);
  if (peer === undefined || peer === vpcId) return undefined;
  // The peer's blocks (and whether it is there) are read: recorded, so re-addressing the peer re-checks this VPC.
  const peerBlocks = vpcBlocksOf(model, peer);
  if (!model.index.vpcById.get(peer)) return undefined;
  const far = peerBlocks.filter((block) => reachable(routing, block));
  if (usesConnection(model, use.tables, 'peering', peering.id, far)) return undefined;
  const missing = far.filter((block) => !routed(model, use.tables, block));
  if (missing.length === 0) return undefined;
  const texts = missing.map(formatCidr);
  const self = vpcLabel(model, vpcId);
  const farName = vpcLabel(model, peer);
  const target = `peering ${labelOf(peering)}`;
  const fixes = addRouteFixes(use, texts, 'peering', peering.id, target);
  return {
    code: 'routing/peering-unrouted',
    severity: 'warning',
    subjects: [vpcId, peering.id, peer, ...writtenTableIds(use)],
    cidrs: texts,
    message: `${self} is peered with ${farName} (${target}), but no route table its subnets follow sends ${blocksOf(farName, texts)} over the peering (${tablesText(use)}), so ${self} cannot reach ${farName}.`,
    fix: fixText(model, use, texts, target, self),
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

/**
 * The transit gateway findings of one VPC, worked out on every check (outside the VPC's part,
 * so nothing here is recorded as read). An attachment is in use when a route to the gateway
 * covers part of what the gateway's table sends on to another attachment (an index query per
 * destination: ./tgw-forwarding); only one that is not in use has its finding built. Both are
 * kept per VPC routing and attachment while what they read holds.
 */
function checkAttachments(model: RoutingModel, routing: VpcRouting, out: MissingRouteFinding[]): void {
  const attachments = model.vpcAttachmentsByVpc.peek(routing.vpcId);
  // Derived routes send every other attachment's blocks to the gateway.
  if (!attachments || routing.derived) return;
  for (const { tgw, attachment } of attachments) {
    // Without subnets or a route table, the attachment's own findings say what is wrong first.
    if (attachment.subnetIds.length === 0 || attachment.associatedRouteTableId === undefined) continue;
    const forwarding = tgwForwarding(model, tgw, attachment.associatedRouteTableId);
    if (!forwarding) continue;
    const finding = attachmentFinding(model, routing, tgw, attachment, forwarding);
    if (finding) out.push(finding);
  }
}

/** What was found for an attachment, with the gateway, its table's forwarding and the plan's VPCs and external networks then. */
interface KeptAttachment {
  attachment: TgwAttachment;
  tgw: TransitGateway;
  forwarding: TgwForwarding;
  vpcs: unknown;
  externalNetworks: unknown;
  inUse: boolean;
  search: MissingSearch | undefined;
}

/**
 * The search for what an attachment that is not in use misses, as done last: the gateway
 * table's routes it went through (in order: it stops at the one past MAX_LISTED missing),
 * whether it went through them all, the names it printed, the gateway's name and table.
 */
interface MissingSearch {
  scanned: ForwardEntry[];
  complete: boolean;
  names: Array<[string, string | undefined]>;
  tgwName: string;
  table: TgwRouteTable | undefined;
  finding: MissingRouteFinding | undefined;
}

/**
 * Per VPC routing (one part's value, kept while the part holds), per attachment id: one entry
 * per attachment, the last object's, so an attachment edited over and over keeps no old gateways.
 */
const keptAttachments = new WeakMap<VpcRouting, Map<string, KeptAttachment>>();

function attachmentFinding(
  model: RoutingModel,
  routing: VpcRouting,
  tgw: TransitGateway,
  attachment: TgwAttachment,
  forwarding: TgwForwarding,
): MissingRouteFinding | undefined {
  let byAttachment = keptAttachments.get(routing);
  if (!byAttachment) {
    byAttachment = new Map();
    keptAttachments.set(routing, byAttachment);
  }
  const { vpcs, externalNetworks } = model.plan;
  const found = byAttachment.get(attachment.id);
  const kept = found?.attachment === attachment ? found : undefined;
  const sameGateway = kept !== undefined && kept.tgw === tgw && kept.forwarding === forwarding;
  if (sameGateway && kept.vpcs === vpcs && kept.externalNetworks === externalNetworks) return kept.search?.finding;
  // In use or not reads the VPC's routing, the attachment, the gateway and what its table sends on: not names.
  const inUse = sameGateway ? kept.inUse : attachmentInUse(routing, tgw, attachment, forwarding);
  let search: MissingSearch | undefined;
  if (!inUse) {
    const earlier = kept?.externalNetworks === externalNetworks ? kept.search : undefined;
    search =
      earlier && searchHolds(model, earlier, routing, tgw, attachment, forwarding, sameGateway)
        ? earlier
        : searchMissing(model, routing, tgw, attachment, forwarding);
  }
  byAttachment.set(attachment.id, { attachment, tgw, forwarding, vpcs, externalNetworks, inUse, search });
  return search?.finding;
}

/** The destinations the written tables send to each transit gateway (the first table's first), by gateway id. */
function gatewayDestinations(model: RoutingModel, tables: readonly ResolvedTable[]): Map<string, Cidr[]> {
  const out = new Map<string, Cidr[]>();
  for (const table of tables) {
    if (!table.table) continue;
    const routes = table.table.routes;
    let blocks: ReturnType<typeof routeDestinations> | undefined;
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i]!;
      if (route.target !== 'transit-gateway' || route.targetId === undefined) continue;
      blocks ??= routeDestinations(model.index, table.table);
      const destination = blocks[i];
      if (!destination) continue;
      const list = out.get(route.targetId);
      if (list) list.push(destination);
      else out.set(route.targetId, [destination]);
    }
  }
  return out;
}

/** Whether the gateway sends a route on to `to` that the VPC's traffic could take: not back to this VPC, and routable from it. */
function sendsOnFrom(routing: VpcRouting, attachment: TgwAttachment, entry: ForwardEntry): boolean {
  const { to } = entry;
  return to !== attachment && !(to.type === 'vpc' && to.vpcId === routing.vpcId) && reachable(routing, entry.cidr);
}

function attachmentInUse(routing: VpcRouting, tgw: TransitGateway, attachment: TgwAttachment, forwarding: TgwForwarding): boolean {
  const destinations = routing.toGateway.get(tgw.id);
  if (!destinations) return false;
  const accept = (entry: ForwardEntry) => sendsOnFrom(routing, attachment, entry);
  for (const destination of destinations) if (forwardsOverlapping(forwarding, destination, accept)) return true;
  return false;
}

/** Whether a search done earlier is what searching now would give: the same names printed, and (when the gateway changed) the same routes gone through. */
function searchHolds(
  model: RoutingModel,
  search: MissingSearch,
  routing: VpcRouting,
  tgw: TransitGateway,
  attachment: TgwAttachment,
  forwarding: TgwForwarding,
  sameGateway: boolean,
): boolean {
  for (const [id, name] of search.names) if (model.index.vpcById.get(id)?.name !== name) return false;
  return sameGateway || sameRoutes(search, routing, tgw, attachment, forwarding);
}

/** Whether the gateway's table sends on the same routes as far as the search went through them, from the same gateway table. */
function sameRoutes(search: MissingSearch, routing: VpcRouting, tgw: TransitGateway, attachment: TgwAttachment, forwarding: TgwForwarding): boolean {
  if (search.tgwName !== labelOf(tgw) || search.table !== tableOf(tgw, attachment)) return false;
  let k = 0;
  for (const version of [4, 6] as const) {
    if (!routing.versions.has(version)) continue;
    for (const entry of forwarding.ordered[version]) {
      // Every route gone through is the same: a search that stopped there stops there again.
      if (k === search.scanned.length) return !search.complete;
      const was = search.scanned[k++]!;
      if (was.to !== entry.to || !equalCidrs(was.cidr, entry.cidr)) return false;
    }
  }
  return k === search.scanned.length;
}

function tableOf(tgw: TransitGateway, attachment: TgwAttachment): TgwRouteTable | undefined {
  return tgw.routeTables.find((t) => t.id === attachment.associatedRouteTableId);
}

/**
 * An attachment no route leads into: what the gateway's table sends on to the other
 * attachments that no table here routes another way, at most MAX_LISTED of them (one route
 * to the gateway for any of them puts the attachment in use, so the fix need not add them
 * all; a gateway with thousands of attachments would otherwise make each VPC's finding as
 * large as the plan).
 */
function searchMissing(model: RoutingModel, routing: VpcRouting, tgw: TransitGateway, attachment: TgwAttachment, forwarding: TgwForwarding): MissingSearch {
  const { vpcId, use } = routing;
  const table = tableOf(tgw, attachment);
  const kept: MissingSearch = { scanned: [], complete: true, names: [], tgwName: labelOf(tgw), table, finding: undefined };
  const seen = new Set<string>();
  const missing: Array<{ text: string; owner: string }> = [];
  search: for (const version of [4, 6] as const) {
    if (!routing.versions.has(version)) continue;
    for (const entry of forwarding.ordered[version]) {
      kept.scanned.push(entry);
      const { to } = entry;
      if (to === attachment || (to.type === 'vpc' && to.vpcId === vpcId) || !reachable(routing, entry.cidr)) continue;
      if (seen.has(entry.destination)) continue;
      seen.add(entry.destination);
      if (routed(model, use.tables, entry.cidr)) continue;
      if (missing.length === MAX_LISTED) {
        kept.complete = false;
        break search;
      }
      missing.push({ text: entry.destination, owner: ownerOf(model, to, kept.names) });
    }
  }
  if (missing.length > 0) kept.finding = unroutedFinding(model, routing, tgw, attachment, table, missing, !kept.complete, kept.names);
  return kept;
}

function unroutedFinding(
  model: RoutingModel,
  routing: VpcRouting,
  tgw: TransitGateway,
  attachment: TgwAttachment,
  table: TgwRouteTable | undefined,
  missing: ReadonlyArray<{ text: string; owner: string }>,
  truncated: boolean,
  names: Array<[string, string | undefined]>,
): MissingRouteFinding {
  const { vpcId, use } = routing;
  const texts = missing.map((m) => m.text);
  const self = vpcLabelNoted(model, vpcId, names);
  const target = `transit gateway ${labelOf(tgw)}`;
  const listed =
    missing
      .slice(0, 4)
      .map((m) => `${m.text} (${m.owner})`)
      .join(', ') + (truncated ? ` and more than ${missing.length - 4} others` : missing.length > 4 ? ` and ${missing.length - 4} more` : '');
  const fixes = addRouteFixes(use, texts, 'transit-gateway', tgw.id, target);
  return {
    code: 'routing/tgw-unrouted',
    severity: 'warning',
    subjects: [vpcId, tgw.id, attachment.id, ...writtenTableIds(use)],
    cidrs: texts,
    message: `${self} is attached to ${target}, but no route table its subnets follow sends the gateway any of what its route table ${labelOf(table)} sends on to other attachments (${tablesText(use)}), so ${self} cannot reach ${listed}.`,
    fix: fixText(model, use, texts, target, self),
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

/** A VPC's label, noting the name printed (a kept finding is built again when it changes). */
function vpcLabelNoted(model: RoutingModel, vpcId: string, names: Array<[string, string | undefined]>): string {
  names.push([vpcId, model.index.vpcById.get(vpcId)?.name]);
  return vpcLabel(model, vpcId);
}

/** The written tables the subnets follow, where the route would go: the inspector shows the finding on each. */
function writtenTableIds(use: TablesInUse): string[] {
  return use.tables.flatMap((t) => (t.table ? [t.table.id] : []));
}

function ownerOf(model: RoutingModel, attachment: TgwAttachment, names: Array<[string, string | undefined]>): string {
  if (attachment.type === 'vpc' && attachment.vpcId !== undefined) return vpcLabelNoted(model, attachment.vpcId, names);
  if (attachment.externalNetworkId !== undefined) return labelOf(model.externalNetworkById.get(attachment.externalNetworkId), attachment.externalNetworkId);
  return labelOf(attachment);
}

function blocksOf(far: string, texts: readonly string[]): string {
  return `${far}'s ${texts.length === 1 ? 'block' : 'blocks'} ${texts.join(', ')}`;
}

function tablesText(use: TablesInUse): string {
  const names = use.tables.slice(0, 3).map((t) => t.label);
  const more = use.tables.length > 3 ? ` and ${use.tables.length - 3} more` : '';
  return `${names.join('; ')}${more}`;
}

/** The written tables the subnets follow, the most used first: each is one way to fix it. */
function addRouteFixes(use: TablesInUse, destinations: readonly string[], target: Route['target'], targetId: string, targetName: string): FixAction[] {
  const fixes: FixAction[] = [];
  for (const table of use.tables) {
    if (!table.table) continue;
    const routes: Route[] = destinations.map((destination) => ({ destination, target, targetId }));
    const action: AddRouteAction = { kind: 'add-route', routeTableId: table.table.id, routes };
    const what = destinations.length === 1 ? `route ${destinations[0]}` : `routes ${destinations.join(', ')}`;
    fixes.push({ ...action, label: `Add ${what} → ${targetName} in ${labelOf(table.table)}` });
  }
  return fixes;
}

function fixText(model: RoutingModel, use: TablesInUse, texts: readonly string[], target: string, self: string): string {
  const written = use.tables.filter((t) => t.table);
  const routes = `${texts.length === 1 ? 'a route' : 'routes'} for ${texts.join(', ')} to ${target}`;
  if (written.length === 0) {
    const derive = model.plan.settings.deriveRoutes
      ? ''
      : `Turn on ${settingPath('deriveRoutes')} (derived routes send every peer's and attachment's blocks to it), or `;
    return `${derive}${derive ? 'give' : 'Give'} the subnets of ${self} a route table with ${routes}.`;
  }
  const where = written.length === 1 ? labelOf(written[0]!.table) : `${labelOf(written[0]!.table)} (or another table whose subnets should reach it)`;
  return `Add ${routes} in ${where}.`;
}
