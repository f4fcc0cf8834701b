/**
 * Which routes a subnet follows: its own route table, else its VPC's main route table,
 * else (when the plan asks for it) the routes the design implies, else only the local route.
 *
 * Every VPC route table holds a local route for each of the VPC's blocks whether or not
 * the plan lists it (AWS: the local route is created with the table and cannot be deleted);
 * we add it when the table does not name that destination itself.
 */
import { formatCidr, type Cidr, type IpVersion } from '../cidr';
import { externalBlocks, routeDestinations, type PlanIndex } from '../plan/plan-index';
import type { NatGateway, RouteTable, RouteTarget, Subnet, SubnetTier } from '../plan/schema';
import { settingPath } from '../plan/settings';
import { PrefixLookup } from './route-lookup';
import {
  addVpcRead,
  attachmentBlocks,
  cached,
  labelOf,
  noteVpcBlocksRead,
  peerOf,
  replayReads,
  routingModel,
  subnetBlock,
  subnetOf,
  vpcBlocksOf,
  vpcName,
  withReads,
  type RoutingModel,
  type SubnetReads,
} from './model';

export type RouteTableSource = 'explicit' | 'main' | 'derived' | 'implicit-local';

export interface EffectiveRoute {
  destination: string;
  target: RouteTarget;
  targetId?: string;
  /** A local route AWS adds to every table, not written in the plan. */
  implicit?: true;
  /** Why a derived route is there, e.g. "public tier: internet gateway". */
  note?: string;
}

export interface EffectiveRouteTable {
  source: RouteTableSource;
  routeTableId?: string;
  vpcId: string;
  routes: EffectiveRoute[];
}

/** A resolved route table, shared by every subnet that uses it. */
export interface ResolvedTable {
  /** Identity of the table: subnets with the same key route identically (AZ aside, for transit gateways). */
  key: string;
  source: RouteTableSource;
  vpcId: string;
  table?: RouteTable;
  /** For messages: "route table app-rt", "the main route table of VPC a", "the derived routes", ... */
  label: string;
  routes(): EffectiveRoute[];
  /** The valid destinations of routes(), as blocks (read once by the plan index, or built from blocks). */
  destinations(): readonly Cidr[];
  /** Longest-prefix match for a block or address. */
  match(destination: Cidr): EffectiveRoute | undefined;
  /** The route internet-bound traffic (0.0.0.0/0 or ::/0) takes. */
  defaultRoute(version: IpVersion): EffectiveRoute | undefined;
}

export const DEFAULT_ROUTE: Record<IpVersion, Cidr> = {
  4: { version: 4, network: 0n, prefix: 0 },
  6: { version: 6, network: 0n, prefix: 0 },
};

/** The routes a subnet follows, and where they come from. Undefined for an unknown subnet. */
export function effectiveRouteTable(index: PlanIndex, subnetId: string): EffectiveRouteTable | undefined {
  const model = routingModel(index);
  const subnet = index.subnetById.get(subnetId);
  if (!subnet) return undefined;
  const resolved = resolveTable(model, subnet);
  const result: EffectiveRouteTable = { source: resolved.source, vpcId: resolved.vpcId, routes: resolved.routes() };
  if (resolved.table) result.routeTableId = resolved.table.id;
  return result;
}

/** The table a subnet follows: explicit table of its own VPC, else main, else derived or implicit local. */
export function resolveTable(model: RoutingModel, subnet: Subnet): ResolvedTable {
  // Resolving reads the subnet and (for derived routes) the NAT gateways' subnets of its own VPC, nothing else.
  if (model.reads) addVpcRead(model.reads, subnet.vpcId);
  // A written table is two lookups away (and memoized per table): remembering it per subnet
  // would cost a map entry for each of ten thousand subnets. Derived tables build a key, so they are remembered.
  const own = subnet.routeTableId === undefined ? undefined : model.routeTableById.get(subnet.routeTableId);
  // A table of another VPC cannot be associated (AWS); the dangling-reference rule reports an unknown id.
  if (own && own.vpcId === subnet.vpcId) return writtenTable(model, own, 'explicit');
  const main = model.mainTableByVpc.get(subnet.vpcId);
  if (main) return writtenTable(model, main, 'main');
  // Remembered with what it read, which every later use replays (./memo keeps parts by their reads).
  let resolved = model.tableOfSubnet.get(subnet) as { value: ResolvedTable; reads: SubnetReads } | undefined;
  if (resolved) replayReads(model, resolved.reads);
  else {
    resolved = withReads(model, () => (model.plan.settings.deriveRoutes ? derivedTable(model, subnet) : implicitLocalTable(model, subnet.vpcId)));
    model.tableOfSubnet.set(subnet, resolved);
  }
  return resolved.value;
}

/**
 * A route table from the plan, resolved (memoized per table). A table is nearly always used
 * one way only (explicitly, or as its VPC's main table): the cache holds that one resolution,
 * and a pair only for a main table that a subnet also names.
 */
export function writtenTable(model: RoutingModel, table: RouteTable, source: 'explicit' | 'main'): ResolvedTable {
  const cache = model.objectCache;
  const hit = cache.get(table) as WrittenTable | WrittenPair | undefined;
  if (hit instanceof WrittenTable) {
    if (hit.source === source) return hit;
    const other = new WrittenTable(model, table, source);
    cache.set(table, source === 'main' ? { explicit: hit, main: other } : { explicit: other, main: hit });
    return other;
  }
  if (hit) return (hit[source] ??= new WrittenTable(model, table, source));
  const made = new WrittenTable(model, table, source);
  cache.set(table, made);
  return made;
}

type WrittenPair = { explicit?: WrittenTable; main?: WrittenTable };

/** A table written in the plan. A class, not a closure per table: thousands are made per check. */
class WrittenTable implements ResolvedTable {
  readonly vpcId: string;
  private lookup: PrefixLookup<EffectiveRoute> | undefined;
  private allRoutes: EffectiveRoute[] | undefined;
  private allDestinations: Cidr[] | undefined;
  private defaults: Partial<Record<IpVersion, EffectiveRoute>> | undefined;

  constructor(
    private readonly model: RoutingModel,
    readonly table: RouteTable,
    readonly source: 'explicit' | 'main',
  ) {
    this.vpcId = table.vpcId;
  }

  get key(): string {
    return `table:${this.table.id}`;
  }

  get label(): string {
    return this.source === 'main'
      ? `the main route table ${labelOf(this.table)} of VPC ${vpcName(this.model, this.table.vpcId)}`
      : `route table ${labelOf(this.table)}`;
  }

  // The local routes are the VPC's blocks: every use depends on them, not only the first (which builds).
  routes(): EffectiveRoute[] {
    if (!this.allRoutes) this.build();
    else noteVpcBlocksRead(this.model, this.vpcId);
    return this.allRoutes as EffectiveRoute[];
  }

  destinations(): readonly Cidr[] {
    if (!this.allDestinations) this.build();
    return this.allDestinations as Cidr[];
  }

  match(destination: Cidr): EffectiveRoute | undefined {
    if (!this.lookup) this.build();
    else noteVpcBlocksRead(this.model, this.vpcId);
    return (this.lookup as PrefixLookup<EffectiveRoute>).match(destination);
  }

  defaultRoute(version: IpVersion): EffectiveRoute | undefined {
    // Only a /0 holds all of /0, so no lookup is needed (and none is built: the rules ask only this).
    if (!this.defaults) this.defaults = defaultRoutesOf(this.model.index, this.table);
    return this.defaults[version];
  }

  private build(): void {
    const lookup = new PrefixLookup<EffectiveRoute>();
    const written: EffectiveRoute[] = [];
    const writtenDestinations: Cidr[] = [];
    const blocks = routeDestinations(this.model.index, this.table);
    const tableRoutes = this.table.routes;
    for (let i = 0; i < tableRoutes.length; i++) {
      const route = tableRoutes[i]!;
      const copy: EffectiveRoute = { destination: route.destination, target: route.target };
      if (route.targetId !== undefined) copy.targetId = route.targetId;
      written.push(copy);
      const destination = blocks[i];
      if (destination) {
        writtenDestinations.push(destination);
        lookup.add(destination, copy);
      }
    }
    const locals: EffectiveRoute[] = [];
    const localDestinations: Cidr[] = [];
    for (const block of vpcBlocksOf(this.model, this.table.vpcId)) {
      const local: EffectiveRoute = { destination: formatCidr(block), target: 'local', implicit: true };
      if (lookup.add(block, local)) {
        locals.push(local);
        localDestinations.push(block);
      }
    }
    this.lookup = lookup;
    this.allRoutes = [...locals, ...written];
    this.allDestinations = [...localDestinations, ...writtenDestinations];
  }
}

function defaultRoutesOf(index: PlanIndex, table: RouteTable): Partial<Record<IpVersion, EffectiveRoute>> {
  const found: Partial<Record<IpVersion, EffectiveRoute>> = {};
  const routes = table.routes;
  let blocks: ReadonlyArray<Cidr | undefined> | undefined;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    // A valid /0 always contains "/0" (a prefix has no leading zero): a table with none needs no block at all.
    if (!route.destination.includes('/0')) continue;
    blocks ??= routeDestinations(index, table);
    const destination = blocks[i];
    if (!destination || destination.prefix !== 0 || found[destination.version]) continue;
    const copy: EffectiveRoute = { destination: route.destination, target: route.target };
    if (route.targetId !== undefined) copy.targetId = route.targetId;
    found[destination.version] = copy;
  }
  return found;
}

function implicitLocalTable(model: RoutingModel, vpcId: string): ResolvedTable {
  return cached(model, `implicit:${vpcId}`, () => {
    const lookup = new PrefixLookup<EffectiveRoute>();
    const routes: EffectiveRoute[] = [];
    const destinations: Cidr[] = [];
    for (const block of vpcBlocksOf(model, vpcId)) {
      const local: EffectiveRoute = { destination: formatCidr(block), target: 'local', implicit: true };
      if (lookup.add(block, local)) {
        routes.push(local);
        destinations.push(block);
      }
    }
    return {
      key: `implicit:${vpcId}`,
      source: 'implicit-local',
      vpcId,
      label: `only the implicit local route (the subnet has no route table, its VPC has no main route table, and ${settingPath('deriveRoutes')} is off)`,
      routes: () => routes,
      destinations: () => destinations,
      match: (destination) => lookup.match(destination),
      defaultRoute: () => undefined,
    };
  });
}

/**
 * The derived routes a subnet would follow if the plan derived routes, whatever the setting
 * says: a finding uses it to tell whether turning the setting on would fix what it reports.
 */
export function derivedTableFor(model: RoutingModel, subnet: Subnet): ResolvedTable {
  if (model.reads) addVpcRead(model.reads, subnet.vpcId);
  return derivedTable(model, subnet);
}

/**
 * The routes the design implies for a subnet (settings.deriveRoutes). The internet routes
 * depend on the tier (and, for NAT, the AZ); the rest (local, peering, transit gateway,
 * VPN) is the same for every subnet of the VPC and is built once per VPC, and only when
 * someone asks for it: the rules need only the internet routes.
 */
function derivedTable(model: RoutingModel, subnet: Subnet): ResolvedTable {
  const hasIpv6 = subnetBlock(model, subnet, 6) !== undefined;
  const zone = subnet.tier === 'private' ? subnet.availabilityZone : '';
  const key = `derived:${subnet.vpcId}|${subnet.tier}|${zone}|${hasIpv6 ? 6 : 4}`;
  return cached(model, key, () => {
    const internet = derivedInternetRoutes(model, subnet.vpcId, subnet.tier, subnet.availabilityZone, hasIpv6);
    let routes: EffectiveRoute[] | undefined;
    let destinations: Cidr[] | undefined;
    let lookup: PrefixLookup<EffectiveRoute> | undefined;
    // Built on first use; what building read is replayed on every later use (see resolveTable).
    let builtFrom: SubnetReads | undefined;
    const build = (): void => {
      if (routes) {
        if (builtFrom) replayReads(model, builtFrom);
        return;
      }
      builtFrom = withReads(model, buildRoutes).reads;
    };
    const buildRoutes = (): void => {
      const shared = derivedVpcRoutes(model, subnet.vpcId);
      lookup = new PrefixLookup();
      routes = [];
      destinations = [];
      const locals = shared.filter((r) => r.route.target === 'local');
      const rest = shared.filter((r) => r.route.target !== 'local');
      for (const { route, block } of [...locals, ...internet, ...rest]) {
        if (lookup.add(block, route)) {
          routes.push(route);
          destinations.push(block);
        }
      }
    };
    return {
      key,
      source: 'derived',
      vpcId: subnet.vpcId,
      label: `the derived route table for ${subnet.tier} subnets of VPC ${vpcName(model, subnet.vpcId)}`,
      routes() {
        build();
        return routes as EffectiveRoute[];
      },
      destinations() {
        if (!destinations) build();
        return destinations as Cidr[];
      },
      match(destination) {
        build();
        return (lookup as PrefixLookup<EffectiveRoute>).match(destination);
      },
      defaultRoute(version) {
        return internet.find((r) => r.block.version === version)?.route;
      },
    };
  });
}

/** A route the design implies, with its destination as a block (made from blocks, so never read back from text). */
interface DerivedRoute {
  route: EffectiveRoute;
  block: Cidr;
}

function derivedInternetRoutes(model: RoutingModel, vpcId: string, tier: SubnetTier, zone: string, hasIpv6: boolean): DerivedRoute[] {
  const routes: DerivedRoute[] = [];
  const add = (version: IpVersion, route: EffectiveRoute) => routes.push({ route, block: DEFAULT_ROUTE[version] });
  if (tier === 'public') {
    const igw = model.internetGatewaysByVpc.get(vpcId)?.[0];
    if (igw) {
      add(4, { destination: '0.0.0.0/0', target: 'internet-gateway', targetId: igw.id, note: 'public tier: internet gateway' });
      if (hasIpv6) add(6, { destination: '::/0', target: 'internet-gateway', targetId: igw.id, note: 'public tier: internet gateway' });
    }
  } else if (tier === 'private') {
    const nat = preferredNat(model, vpcId, zone);
    if (nat) add(4, { destination: '0.0.0.0/0', target: 'nat-gateway', targetId: nat.id, note: 'private tier: NAT gateway' });
    const egressOnly = model.egressOnlyByVpc.get(vpcId)?.[0];
    if (egressOnly && hasIpv6) {
      add(6, { destination: '::/0', target: 'egress-only-gateway', targetId: egressOnly.id, note: 'private tier: egress-only internet gateway' });
    }
  }
  // Isolated tier: local only.
  return routes;
}

/** A NAT gateway for a private subnet: public before private connectivity, same AZ before any other. */
function preferredNat(model: RoutingModel, vpcId: string, zone: string): NatGateway | undefined {
  const nats = model.natGatewaysByVpc.get(vpcId) ?? [];
  let best: NatGateway | undefined;
  let bestScore = -1;
  for (const nat of nats) {
    const sameZone = subnetOf(model, nat.subnetId)?.availabilityZone === zone;
    const score = (nat.connectivity === 'public' ? 2 : 0) + (sameZone ? 1 : 0);
    if (score > bestScore) {
      best = nat;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Local, peering, transit gateway and VPN routes of a VPC, for derived tables. A peer's
 * blocks go via the peering (pending ones too: reach then says the peering is pending);
 * a transit gateway carries the blocks of every other attachment on it. Default routes
 * (/0) of external networks are not derived: sending internet traffic on-premises is a
 * choice to write down in a route table.
 */
function derivedVpcRoutes(model: RoutingModel, vpcId: string): DerivedRoute[] {
  return cached(model, `derived-vpc:${vpcId}`, () => {
    const routes: DerivedRoute[] = [];
    const add = (block: Cidr, route: EffectiveRoute) => routes.push({ route, block });
    for (const block of vpcBlocksOf(model, vpcId)) {
      add(block, { destination: formatCidr(block), target: 'local', note: 'local route of the VPC' });
    }
    for (const peering of model.peeringsByVpc.get(vpcId) ?? []) {
      const peer = peerOf(peering, vpcId);
      if (peer === undefined || peer === vpcId) continue;
      for (const block of vpcBlocksOf(model, peer)) {
        add(block, { destination: formatCidr(block), target: 'peering', targetId: peering.id, note: `peering ${labelOf(peering)}` });
      }
    }
    for (const { tgw, attachment } of model.vpcAttachmentsByVpc.get(vpcId) ?? []) {
      for (const other of tgw.attachments) {
        if (other === attachment || (other.type === 'vpc' && other.vpcId === vpcId)) continue;
        for (const block of attachmentBlocks(model, other)) {
          if (block.prefix === 0) continue;
          add(block, {
            destination: formatCidr(block),
            target: 'transit-gateway',
            targetId: tgw.id,
            note: `transit gateway ${labelOf(tgw)}, ${labelOf(other)}`,
          });
        }
      }
    }
    for (const gateway of model.vpnGatewaysByVpc.get(vpcId) ?? []) {
      for (const networkId of gateway.externalNetworkIds) {
        const network = model.externalNetworkById.get(networkId);
        if (!network) continue;
        for (const { block } of externalBlocks(model.index, network)) {
          if (block.prefix === 0) continue;
          add(block, {
            destination: formatCidr(block),
            target: 'vpn-gateway',
            targetId: gateway.id,
            note: `VPN gateway ${labelOf(gateway)} to ${labelOf(network)}`,
          });
        }
      }
    }
    return routes;
  });
}
