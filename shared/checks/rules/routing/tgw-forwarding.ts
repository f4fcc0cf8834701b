/**
 * What a transit gateway route table sends on to its attachments, as an index that answers
 * "does the table send on some block overlapping this one, to an attachment that passes this
 * test?" in a few steps, not one per route. The missing-route rule asks it once per attached
 * VPC on every check: a gateway with thousands of attachments would otherwise cost the
 * square of them, and re-addressing one VPC would re-check every other.
 *
 * The index is kept across checks (and plans) while the gateway object and what each of its
 * attachments propagates (the VPC's block lists, the external network) keep their identity,
 * so an edit elsewhere, or to a VPC on another gateway, rebuilds nothing.
 */
import { contains, formatCidr, lastAddress, type Cidr } from '../../../cidr';
import { routeDestinations } from '../../../plan/plan-index';
import type { TgwAttachment, TgwRouteTable, TransitGateway } from '../../../plan/schema';
import { attachmentBlocks, type RoutingModel } from '../../../routing/model';

/** A route the table sends on to an attachment of the gateway. */
export class ForwardEntry {
  readonly last: bigint;
  /** In the sorted list, the nearest entry (by position) whose block holds this one's; -1 for none. */
  parent = -1;
  private text: string | undefined;

  constructor(
    readonly cidr: Cidr,
    readonly to: TgwAttachment,
  ) {
    this.last = lastAddress(cidr);
  }

  /** The block as the table's route prints it: worded only for a finding. */
  get destination(): string {
    this.text ??= formatCidr(this.cidr);
    return this.text;
  }

  copy(): ForwardEntry {
    return new ForwardEntry(this.cidr, this.to);
  }
}

/** A table's forwarded routes by IP version: sorted by network, the bigger block first, and in the table's own order. */
export interface TgwForwarding {
  sorted: Record<4 | 6, readonly ForwardEntry[]>;
  /** As the table lists them (static routes first, then propagated ones in attachment order): findings list them so. */
  ordered: Record<4 | 6, readonly ForwardEntry[]>;
}

interface Kept {
  tgw: TransitGateway;
  /** What each attachment propagating into the table propagated, as [attachment, first, second] identities. */
  sources: unknown[];
  forwarding: TgwForwarding | undefined;
}

/** By gateway and table id; a gateway deleted leaves one entry per table behind, dropped when the map grows. */
const kept = new Map<string, Kept>();
const KEPT_LIMIT = 4096;

/** What each model has had checked (see tgwForwarding). */
const checkedByModel = new WeakMap<RoutingModel, Map<TransitGateway, Map<string, TgwForwarding | undefined>>>();

/**
 * The table's forwarding, or undefined when the gateway has no such table. Reads no VPC's
 * blocks through the model's recording: call it outside a part's computation.
 */
export function tgwForwarding(model: RoutingModel, tgw: TransitGateway, tableId: string): TgwForwarding | undefined {
  // Checked against the plan once per model (every VPC on the table asks), by gateway object, then table.
  let byModel = checkedByModel.get(model);
  if (!byModel) {
    byModel = new Map();
    checkedByModel.set(model, byModel);
  }
  let byTable = byModel.get(tgw);
  if (!byTable) {
    byTable = new Map();
    byModel.set(tgw, byTable);
  }
  if (byTable.has(tableId)) return byTable.get(tableId);
  const forwarding = keptForwarding(model, tgw, tableId);
  byTable.set(tableId, forwarding);
  return forwarding;
}

function keptForwarding(model: RoutingModel, tgw: TransitGateway, tableId: string): TgwForwarding | undefined {
  const key = `${tgw.id}\u0000${tableId}`;
  const hit = kept.get(key);
  if (hit && hit.tgw === tgw && sourcesHold(model, hit.sources)) return hit.forwarding;
  const table = tgw.routeTables.find((t) => t.id === tableId);
  const forwarding = table ? buildForwarding(tgw, effectiveRoutes(model, tgw, table)) : undefined;
  if (kept.size >= KEPT_LIMIT) kept.clear();
  kept.set(key, { tgw, sources: sourcesOf(model, tgw, tableId), forwarding });
  return forwarding;
}

/** The identities a table's propagated routes come from: each VPC's block lists, each external network. */
function sourcesOf(model: RoutingModel, tgw: TransitGateway, tableId: string): unknown[] {
  const sources: unknown[] = [];
  for (const attachment of tgw.attachments) {
    if (!attachment.propagatedRouteTableIds.includes(tableId)) continue;
    const [first, second] = sourceOf(model, attachment);
    sources.push(attachment, first, second);
  }
  return sources;
}

function sourceOf(model: RoutingModel, attachment: TgwAttachment): [unknown, unknown] {
  if (attachment.type === 'vpc') {
    const vpc = attachment.vpcId === undefined ? undefined : model.index.vpcById.get(attachment.vpcId);
    return [vpc?.ipv4Cidrs, vpc?.ipv6Cidrs];
  }
  const network = attachment.externalNetworkId === undefined ? undefined : model.externalNetworkById.peek(attachment.externalNetworkId);
  return [network, undefined];
}

function sourcesHold(model: RoutingModel, sources: readonly unknown[]): boolean {
  for (let i = 0; i < sources.length; i += 3) {
    const [first, second] = sourceOf(model, sources[i] as TgwAttachment);
    if (first !== sources[i + 1] || second !== sources[i + 2]) return false;
  }
  return true;
}

interface RoutedOn {
  kind: 'static' | 'propagated' | 'blackhole';
  cidr: Cidr;
  attachmentId?: string | undefined;
}

/** A block's identity as a map key: its numbers, never its text (nothing is formatted for a route dropped). */
function blockKey(block: Cidr): number | string {
  return block.version === 4 ? Number(block.network) * 64 + block.prefix : `${block.network}/${block.prefix}`;
}

/**
 * The table's effective routes in its own order, as ../../../routing/transit-gateway words them
 * (tgwTableRouting), without the words: static and blackhole routes first (the first of equal
 * blocks), then each attachment's propagated blocks in attachment order, unless an earlier
 * attachment propagates the same block or a static route has it (docs/network-rules.md#aws-transit-gateway).
 */
function effectiveRoutes(model: RoutingModel, tgw: TransitGateway, table: TgwRouteTable): RoutedOn[] {
  const routes: RoutedOn[] = [];
  const written = new Set<number | string>();
  const blocks = routeDestinations(model.index, table);
  for (let i = 0; i < table.routes.length; i++) {
    const route = table.routes[i]!;
    const block = blocks[i];
    if (!block) continue;
    const key = blockKey(block);
    if (written.has(key)) continue;
    written.add(key);
    routes.push({ kind: route.kind, cidr: block, attachmentId: route.kind === 'static' ? route.attachmentId : undefined });
  }
  const propagated = new Set<number | string>();
  for (const attachment of tgw.attachments) {
    if (!attachment.propagatedRouteTableIds.includes(table.id)) continue;
    for (const block of attachmentBlocks(model, attachment)) {
      const key = blockKey(block);
      if (propagated.has(key) || written.has(key)) continue;
      propagated.add(key);
      routes.push({ kind: 'propagated', cidr: block, attachmentId: attachment.id });
    }
  }
  return routes;
}

/** The forwarding of a table's effective routes (exported for its tests). */
export function buildForwarding(tgw: TransitGateway, routes: readonly RoutedOn[]): TgwForwarding {
  const byId = new Map(tgw.attachments.map((a) => [a.id, a]));
  const ordered: Record<4 | 6, ForwardEntry[]> = { 4: [], 6: [] };
  for (const route of routes) {
    // A blackhole drops; a static route to an attachment the gateway does not have goes nowhere.
    if (route.kind === 'blackhole' || route.attachmentId === undefined) continue;
    const to = byId.get(route.attachmentId);
    if (!to) continue;
    const { cidr } = route;
    ordered[cidr.version].push(new ForwardEntry(cidr, to));
  }
  return { ordered, sorted: { 4: sortedWithParents(ordered[4]), 6: sortedWithParents(ordered[6]) } };
}

function sortedWithParents(ordered: readonly ForwardEntry[]): ForwardEntry[] {
  const list = ordered.map((entry) => entry.copy());
  list.sort((a, b) => (a.cidr.network < b.cidr.network ? -1 : a.cidr.network > b.cidr.network ? 1 : a.cidr.prefix - b.cidr.prefix));
  linkParents(list);
  return list;
}

/** Each entry's nearest enclosing entry: the blocks nest or are apart, so a stack of open blocks finds it. */
function linkParents(list: ForwardEntry[]): void {
  const open: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!;
    while (open.length > 0 && list[open[open.length - 1]!]!.last < entry.cidr.network) open.pop();
    entry.parent = open.length > 0 ? open[open.length - 1]! : -1;
    open.push(i);
  }
}

/**
 * Whether the table sends on some block overlapping `block` to an attachment `accept` takes.
 * Blocks overlap when one holds the other: the entries inside `block` start within it (a run
 * of the sorted list), and those holding it are the enclosing chain of the last entry that
 * starts before it.
 */
export function forwardsOverlapping(forwarding: TgwForwarding, block: Cidr, accept: (entry: ForwardEntry) => boolean): boolean {
  const list = forwarding.sorted[block.version];
  const last = lastAddress(block);
  let i = firstAtOrAfter(list, block.network);
  for (let j = i; j < list.length && list[j]!.cidr.network <= last; j++) if (accept(list[j]!)) return true;
  for (i = i - 1; i >= 0; i = list[i]!.parent) {
    const entry = list[i]!;
    if (contains(entry.cidr, block) && accept(entry)) return true;
  }
  return false;
}

/** The position of the first entry whose network is at or after `network`. */
function firstAtOrAfter(list: readonly ForwardEntry[], network: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.cidr.network < network) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
