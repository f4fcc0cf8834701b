/**
 * Transit gateway route tables as the gateway sees them (docs/network-rules.md#aws-transit-gateway):
 * each attachment is associated with exactly one table (which decides where its traffic
 * goes) and propagates its blocks into any number of tables. Longest prefix wins; at equal
 * prefix a static route (a blackhole is a static route that drops) beats a propagated one.
 */
import { formatCidr, type Cidr } from '../cidr';
import { routeDestinations, type PlanIndex } from '../plan/plan-index';
import type { TgwAttachment, TgwRouteTable, TransitGateway } from '../plan/schema';
import { PrefixLookup } from './route-lookup';
import { attachmentBlocks, attachmentLabel, cached, labelOf, routingModel, type RoutingModel } from './model';

export interface TgwEffectiveRoute {
  destination: string;
  cidr: Cidr;
  kind: 'static' | 'propagated' | 'blackhole';
  /** Where the traffic goes; none for a blackhole (or a static route written without one). */
  attachmentId?: string;
  /** Where the route came from, in words: "static route in rt-shared", "propagated by attachment a (VPC a)". */
  from: string;
}

/** A propagated route the table does not use, and why. */
export interface TgwSuppressedRoute {
  destination: string;
  cidr: Cidr;
  attachmentId: string;
  reason: string;
}

export interface TgwTableRouting {
  tgw: TransitGateway;
  table: TgwRouteTable;
  routes: TgwEffectiveRoute[];
  suppressed: TgwSuppressedRoute[];
  match(destination: Cidr): TgwEffectiveRoute | undefined;
}

/** The effective routes of one transit gateway route table: static, blackhole and propagated, each with its origin. */
export function tgwRouteTableRoutes(tgw: TransitGateway, tableId: string, index: PlanIndex): TgwEffectiveRoute[] {
  return tgwTableRouting(routingModel(index), tgw, tableId)?.routes ?? [];
}

export function tgwTableRouting(model: RoutingModel, tgw: TransitGateway, tableId: string): TgwTableRouting | undefined {
  const table = tgw.routeTables.find((t) => t.id === tableId);
  if (!table) return undefined;
  return cached(model, `tgw-table:${tgw.id}:${tableId}`, () => buildTable(model, tgw, table));
}

function buildTable(model: RoutingModel, tgw: TransitGateway, table: TgwRouteTable): TgwTableRouting {
  const lookup = new PrefixLookup<TgwEffectiveRoute>();
  const routes: TgwEffectiveRoute[] = [];
  const suppressed: TgwSuppressedRoute[] = [];
  const tableName = labelOf(table);
  const blocks = routeDestinations(model.index, table);
  for (let i = 0; i < table.routes.length; i++) {
    const route = table.routes[i]!;
    const block = blocks[i];
    if (!block) continue;
    const effective: TgwEffectiveRoute = {
      destination: formatCidr(block),
      cidr: block,
      kind: route.kind,
      from: route.kind === 'blackhole' ? `blackhole route in ${tableName}` : `static route in ${tableName}`,
    };
    if (route.kind === 'static' && route.attachmentId !== undefined) effective.attachmentId = route.attachmentId;
    // Static routes first: at equal prefix static (and blackhole) beats propagated.
    if (lookup.add(block, effective)) routes.push(effective);
  }
  // Keyed by the block's numbers (IPv4) rather than its text: nothing is formatted for a route that is suppressed.
  const propagatedV4 = new Map<number, TgwAttachment>();
  const propagatedV6 = new Map<string, TgwAttachment>();
  for (const attachment of tgw.attachments) {
    if (!attachment.propagatedRouteTableIds.includes(table.id)) continue;
    for (const block of attachmentBlocks(model, attachment)) {
      const v4Key = block.version === 4 ? Number(block.network) * 64 + block.prefix : 0;
      const v6Key = block.version === 4 ? '' : formatCidr(block);
      const earlier = block.version === 4 ? propagatedV4.get(v4Key) : propagatedV6.get(v6Key);
      if (earlier) {
        // Identical CIDRs: the second attachment's route is not propagated (docs/network-rules.md#aws-transit-gateway,
        // older docs / inferred: AWS documents it for VPC attachments).
        suppressed.push(new SuppressedRoute(model, block, attachment.id, tableName, earlier, undefined));
        continue;
      }
      const staticRoute = lookup.exact(block);
      if (staticRoute) {
        suppressed.push(new SuppressedRoute(model, block, attachment.id, tableName, undefined, staticRoute.kind));
        continue;
      }
      if (block.version === 4) propagatedV4.set(v4Key, attachment);
      else propagatedV6.set(v6Key, attachment);
      const effective: TgwEffectiveRoute = {
        destination: block.version === 4 ? formatCidr(block) : v6Key,
        cidr: block,
        kind: 'propagated',
        attachmentId: attachment.id,
        from: `propagated by ${attachmentLabel(model, attachment)}`,
      };
      lookup.add(block, effective);
      routes.push(effective);
    }
  }
  return { tgw, table, routes, suppressed, match: (destination) => lookup.match(destination) };
}

/**
 * A suppressed route, worded when asked: with ten thousand VPCs on one block, all but the
 * first propagate an identical CIDR, and nothing reads why each one is not used.
 */
class SuppressedRoute implements TgwSuppressedRoute {
  constructor(
    private readonly model: RoutingModel,
    readonly cidr: Cidr,
    readonly attachmentId: string,
    private readonly tableName: string,
    /** The attachment that propagates the same CIDR first, or (when undefined) the kind of the static route that wins. */
    private readonly earlier: TgwAttachment | undefined,
    private readonly staticKind: TgwEffectiveRoute['kind'] | undefined,
  ) {}

  get destination(): string {
    return formatCidr(this.cidr);
  }

  get reason(): string {
    const destination = this.destination;
    return this.earlier
      ? `${attachmentLabel(this.model, this.earlier)} already propagates ${destination} into ${this.tableName}; an identical CIDR from a second attachment is not propagated`
      : `the ${this.staticKind} route for ${destination} in ${this.tableName} wins over the propagated one at equal prefix`;
  }
}
