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
 * Findings are kept per VPC (./part-memo) by what each VPC's computation read: its subnet
 * list (the key), the route tables, peerings, attachments and external networks it looked
 * up (recorded by the model's lookups), the blocks of the VPC and of the far sides
 * (vpcBlocksOf, and the transit gateway tables' replayed reads), the
 * names it printed, and settings (deriveRoutes), on which every part depends.
 */
import { formatCidr, overlaps, type Cidr } from '../../../cidr';
import type { AddRouteAction, FixAction } from '../../../plan/edits/fix-actions';
import { routeDestinations } from '../../../plan/plan-index';
import type { PeeringConnection, Route, Subnet, TgwAttachment, TransitGateway } from '../../../plan/schema';
import { settingPath } from '../../../plan/settings';
import {
  labelOf,
  peerOf,
  replayReadsCoarsely,
  routingModel,
  subnetBlock,
  vpcBlocksOf,
  vpcLabel,
  type RoutingModel,
  type SubnetReads,
} from '../../../routing/model';
import { resolveTable, type ResolvedTable } from '../../../routing/route-table';
import { tgwTableRouting, type TgwEffectiveRoute } from '../../../routing/transit-gateway';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../../types';
import { PartMemo } from './part-memo';

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
    for (const subnets of index.subnetsByVpc.values()) {
      for (const f of vpcParts.findings(model, subnets, checkVpc)) findings.push(f);
    }
    return findings;
  },
});

/**
 * A VPC's findings read its subnets (the key), settings (deriveRoutes: any change drops every
 * part), and what the model records: lookups, blocks and names.
 */
const vpcParts = new PartMemo<readonly Subnet[], MissingRouteFinding>(['settings']);

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

const forwardedByTable = new WeakMap<object, Record<4 | 6, TgwEffectiveRoute[]>>();

/** A gateway table's routes that send traffic on to an attachment, by IP version: once per table. */
function forwardedRoutes(table: NonNullable<ReturnType<typeof tgwTableRouting>>): Record<4 | 6, TgwEffectiveRoute[]> {
  let split = forwardedByTable.get(table);
  if (!split) {
    split = { 4: [], 6: [] };
    for (const route of table.routes) if (route.kind !== 'blackhole' && route.attachmentId !== undefined) split[route.cidr.version].push(route);
    forwardedByTable.set(table, split);
  }
  return split;
}

const attachmentMaps = new WeakMap<TransitGateway, Map<string, TgwAttachment>>();

/** A gateway's attachments by id, once per gateway object. */
function attachmentsById(tgw: TransitGateway): Map<string, TgwAttachment> {
  let map = attachmentMaps.get(tgw);
  if (!map) {
    map = new Map(tgw.attachments.map((a) => [a.id, a]));
    attachmentMaps.set(tgw, map);
  }
  return map;
}

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

function checkVpc(model: RoutingModel, subnets: readonly Subnet[]): MissingRouteFinding[] {
  const vpcId = subnets[0]?.vpcId;
  if (vpcId === undefined) return [];
  // The VPC's blocks (and whether it is there at all) are read: recorded before anything else.
  const own = vpcBlocksOf(model, vpcId);
  if (!model.index.vpcById.get(vpcId)) return [];
  const peerings = model.peeringsByVpc.get(vpcId) ?? [];
  const attachments = model.vpcAttachmentsByVpc.get(vpcId) ?? [];
  if (peerings.length === 0 && attachments.length === 0) return [];
  const versions = versionsOf(model, subnets);
  // Blocks inside the VPC's own take the local route (a network overlap, reported as one): not a missing route.
  const reachable = (block: Cidr) => versions.has(block.version) && block.prefix > 0 && !own.some((o) => overlaps(o, block));
  const use = tablesInUse(model, subnets);
  const findings: MissingRouteFinding[] = [];
  for (const peering of peerings) {
    const finding = checkPeering(model, vpcId, peering, use, reachable);
    if (finding) findings.push(finding);
  }
  for (const { tgw, attachment } of attachments) {
    const finding = checkAttachment(model, vpcId, tgw, attachment, use, reachable, versions);
    if (finding) findings.push(finding);
  }
  return findings;
}

function checkPeering(
  model: RoutingModel,
  vpcId: string,
  peering: PeeringConnection,
  use: TablesInUse,
  reachable: (b: Cidr) => boolean,
): MissingRouteFinding | undefined {
  const peer = peerOf(peering, vpcId);
  if (peer === undefined || peer === vpcId) return undefined;
  // The peer's blocks (and whether it is there) are read: recorded, so re-addressing the peer re-checks this VPC.
  const peerBlocks = vpcBlocksOf(model, peer);
  if (!model.index.vpcById.get(peer)) return undefined;
  const far = peerBlocks.filter(reachable);
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

function checkAttachment(
  model: RoutingModel,
  vpcId: string,
  tgw: TransitGateway,
  attachment: TgwAttachment,
  use: TablesInUse,
  reachable: (b: Cidr) => boolean,
  versions: ReadonlySet<4 | 6>,
): MissingRouteFinding | undefined {
  // Without subnets or a route table, the attachment's own findings say what is wrong first.
  if (attachment.subnetIds.length === 0 || attachment.associatedRouteTableId === undefined) return undefined;
  const tgwTable = gatewayTable(model, tgw, attachment.associatedRouteTableId);
  if (!tgwTable) return undefined;
  // Derived routes send every other attachment's blocks to the gateway.
  if (use.tables.some((t) => t.source === 'derived')) return undefined;
  const byId = attachmentsById(tgw);
  const sentOn = (route: TgwEffectiveRoute): boolean => {
    if (route.kind === 'blackhole' || route.attachmentId === undefined) return false;
    const to = byId.get(route.attachmentId);
    return to !== undefined && to !== attachment && !(to.type === 'vpc' && to.vpcId === vpcId) && reachable(route.cidr);
  };
  // In use when a route to the gateway covers part of what the gateway sends on: looked for
  // first, stopping at the first, as a VPC on a gateway nearly always has one; only among the
  // routes of the versions routed to the gateway.
  const forward = forwardedRoutes(tgwTable);
  const toGateway = destinationsTo(model, use.tables, 'transit-gateway', tgw.id);
  for (const version of [4, 6] as const) {
    const here = toGateway.filter((d) => d.version === version);
    if (here.length === 0) continue;
    for (const route of forward[version]) if (sentOn(route) && here.some((d) => overlaps(d, route.cidr))) return undefined;
  }
  // What the gateway's table sends on to the other attachments that no table here routes another
  // way: at most MAX_LISTED (one route to the gateway for any of them puts the attachment in use,
  // so the fix need not add them all). A gateway with thousands of attachments would otherwise
  // make each VPC's finding, and its check, as large as the plan.
  const seen = new Set<string>();
  const missing: Array<{ text: string; owner: string }> = [];
  let truncated = false;
  search: for (const version of [4, 6] as const) {
    if (!versions.has(version)) continue;
    for (const route of forward[version]) {
      if (!sentOn(route) || seen.has(route.destination)) continue;
      seen.add(route.destination);
      if (routed(model, use.tables, route.cidr)) continue;
      if (missing.length === MAX_LISTED) {
        truncated = true;
        break search;
      }
      missing.push({ text: route.destination, owner: ownerOf(model, byId.get(route.attachmentId!)!) });
    }
  }
  if (missing.length === 0) return undefined;
  const texts = missing.map((m) => m.text);
  const self = vpcLabel(model, vpcId);
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
    message: `${self} is attached to ${target}, but no route table its subnets follow sends the gateway any of what its route table ${labelOf(tgwTable.table)} sends on to other attachments (${tablesText(use)}), so ${self} cannot reach ${listed}.`,
    fix: fixText(model, use, texts, target, self),
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

/**
 * A transit gateway route table's routes, read as depending on every VPC's blocks: its
 * propagated routes read the blocks (and names) of every attached VPC, and recording those
 * VPC by VPC in each attached VPC's part would make the parts of a gateway with thousands of
 * attachments as large as the plan each. The lookups it read (gateways, external networks)
 * are recorded as they are; the names are not, as no finding here prints the table's words.
 */
function gatewayTable(model: RoutingModel, tgw: TransitGateway, tableId: string): ReturnType<typeof tgwTableRouting> {
  const outer = model.reads;
  model.reads = undefined;
  let table: ReturnType<typeof tgwTableRouting>;
  try {
    table = tgwTableRouting(model, tgw, tableId);
  } finally {
    model.reads = outer;
  }
  const entry = model.cache.get(`tgw-table:${tgw.id}:${tableId}`) as { reads: SubnetReads } | undefined;
  if (entry) replayReadsCoarsely(model, entry.reads);
  return table;
}

/** The written tables the subnets follow, where the route would go: the inspector shows the finding on each. */
function writtenTableIds(use: TablesInUse): string[] {
  return use.tables.flatMap((t) => (t.table ? [t.table.id] : []));
}

function ownerOf(model: RoutingModel, attachment: TgwAttachment): string {
  if (attachment.type === 'vpc' && attachment.vpcId !== undefined) return vpcLabel(model, attachment.vpcId);
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
