/**
 * VPC-to-VPC reachability, by classes of VPCs that behave alike.
 *
 * A cell asks whether the subnets of one VPC reach those of another, with replies. Ten
 * thousand VPCs make a hundred million cells, but most VPCs are built the same way: the
 * same kind of route tables pointing at the same gateways, attached to the same transit
 * gateway route tables, their blocks matched by the same routes everywhere. Such VPCs have
 * the same row and the same column, so the cells are decided once per pair of classes.
 *
 * Two VPCs share a class when everything the forwarding decision reads is the same once
 * the VPC itself is written as "own": their subnets' route tables route by route (a local
 * route to the VPC's own block is "own", other destinations stay literal), their
 * attachments (gateway, associated table, zones), and, for each subnet block as a
 * destination, the literal route destinations in the plan that hold it and what each
 * transit gateway table matches for it (its own propagation, or a named route). A VPC that
 * overlaps another is matched by its exact blocks too, and a VPC at either end of a peering
 * that some route uses keeps a class of its own: those answers depend on the addresses or
 * the pair, not on the shape.
 */
import { blockForest, contains, formatCidr, membersOf, type Cidr, type IpVersion } from '../cidr';
import { routeDestinationBlock } from '../plan/plan-index';
import type { Plan, Subnet, TgwAttachment } from '../plan/schema';
import { allVpcBlocks, attachmentZones, routingModelOf, subnetBlock, type RoutingModel } from './model';
import { attachmentOn, commonVersion, legFollows, vpcAttachmentOn } from './reach';
import { PrefixLookup } from './route-lookup';
import { resolveTable, type EffectiveRoute, type ResolvedTable } from './route-table';
import { tgwTableRouting, type TgwTableRouting } from './transit-gateway';

export type MatrixCell = 'self' | 'reachable' | 'partial' | 'none';

export interface ReachabilityMatrix {
  vpcIds: string[];
  /** cells[i][j]: can subnets of vpcIds[i] reach subnets of vpcIds[j] (with replies)? */
  cells: MatrixCell[][];
}

export interface ReachabilityClass {
  /** Members in plan order. */
  vpcIds: string[];
}

export interface ReachabilityClasses {
  /** Every VPC in exactly one class; classes in the plan order of their first member. */
  classes: ReachabilityClass[];
  /** Class of each VPC, by id. */
  classOf: ReadonlyMap<string, number>;
  /**
   * The cell from any member of class `from` to any other member of class `to` (computed
   * on first ask, once per pair of classes); undefined from a one-member class to itself,
   * which has no other member to reach.
   */
  between(from: number, to: number): MatrixCell | undefined;
}

/** The full matrix, VPC by VPC: for small plans (the report shows it up to 30 VPCs). */
export function reachabilityMatrix(plan: Plan): ReachabilityMatrix {
  const grouped = reachabilityClasses(plan);
  const vpcIds = plan.vpcs.map((v) => v.id);
  const classOf = vpcIds.map((id) => grouped.classOf.get(id)!);
  const cells = vpcIds.map((_, i) => vpcIds.map((__, j): MatrixCell => (i === j ? 'self' : grouped.between(classOf[i]!, classOf[j]!)!)));
  return { vpcIds, cells };
}

/** The VPCs in classes that behave alike, with the cells between classes. */
export function reachabilityClasses(plan: Plan): ReachabilityClasses {
  const model = routingModelOf(plan);
  const context = new ClassContext(model);
  const byKey = new Map<string, number>();
  const classes: ReachabilityClass[] = [];
  const representatives: Representatives[] = [];
  const classOf = new Map<string, number>();
  for (const vpc of plan.vpcs) {
    if (classOf.has(vpc.id)) continue; // a duplicate id: the references rule reports it
    const reps = representativesOf(model, vpc.id);
    const key = context.keyOf(vpc.id, reps);
    let c = byKey.get(key);
    if (c === undefined) {
      c = classes.length;
      byKey.set(key, c);
      classes.push({ vpcIds: [] });
      representatives.push(reps);
    }
    classes[c]!.vpcIds.push(vpc.id);
    classOf.set(vpc.id, c);
  }
  const cells = new Map<number, MatrixCell | undefined>();
  const connected = new Connections(model);
  return {
    classes,
    classOf,
    between(from, to) {
      const key = from * classes.length + to;
      if (cells.has(key)) return cells.get(key);
      const a = classes[from]!.vpcIds[0]!;
      const b = from === to ? classes[to]!.vpcIds[1] : classes[to]!.vpcIds[0];
      let cell: MatrixCell | undefined;
      if (b !== undefined) {
        const fromReps = representatives[from]!;
        const toReps = from === to ? representativesOf(model, b) : representatives[to]!;
        cell = cellBetween(model, a, b, fromReps, toReps, connected);
      }
      cells.set(key, cell);
      return cell;
    },
  };
}

interface Representatives {
  /** The VPC's valid blocks, and whether every representative's blocks lie inside them. */
  blocks: Cidr[];
  inside: boolean;
  /** One subnet per (route table, AZ), in plan order. */
  subnets: Subnet[];
  /** The distinct tables they follow, and which one each follows. */
  tables: ResolvedTable[];
  tableOf: number[];
}

function representativesOf(model: RoutingModel, vpcId: string): Representatives {
  const seen = new Set<string>();
  const blocks = allVpcBlocks(model, model.index.vpcById.get(vpcId));
  const result: Representatives = { blocks, inside: true, subnets: [], tables: [], tableOf: [] };
  for (const subnet of model.index.subnetsByVpc.get(vpcId) ?? []) {
    const table = resolveTable(model, subnet);
    const key = `${table.key}|${subnet.availabilityZone}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let at = result.tables.indexOf(table);
    if (at === -1) at = result.tables.push(table) - 1;
    result.subnets.push(subnet);
    result.tableOf.push(at);
    for (const version of [4, 6] as const) {
      const block = subnetBlock(model, subnet, version);
      if (block && !blocks.some((b) => contains(b, block))) result.inside = false;
    }
  }
  return result;
}

/**
 * One cell: subnets with the same route table in the same AZ route alike, so one subnet per
 * (route table, AZ) stands for the rest; the cell is reachable when every pair of those
 * representatives is, partial when some are. Each pair is decided by `legFollows`, which
 * follows the same hops as reach() but builds no path or explanation.
 */
function cellBetween(model: RoutingModel, a: string, b: string, from: Representatives, to: Representatives, connected: Connections): MatrixCell {
  // reach() follows one peering or one transit gateway: VPCs with neither between them never reach.
  if (!connected.between(a, b)) return 'none';
  if (noRouteLeads(from, to)) return 'none';
  // Route lookups per (source table, destination subnet, family): subnets of one table in several AZs share them.
  const forward: Array<EffectiveRoute | null | undefined> = new Array(from.tables.length * to.subnets.length * 2);
  let reachable = 0;
  let unreachable = 0;
  for (let f = 0; f < from.subnets.length; f++) {
    const source = from.subnets[f] as Subnet;
    for (let t = 0; t < to.subnets.length; t++) {
      const dest = to.subnets[t] as Subnet;
      let ok = false;
      const version = source.id === dest.id ? undefined : commonVersion(model, source, dest);
      if (version !== undefined) {
        const slot = ((from.tableOf[f] as number) * to.subnets.length + t) * 2 + (version === 4 ? 0 : 1);
        let route = forward[slot];
        if (route === undefined) {
          route = (from.tables[from.tableOf[f] as number] as ResolvedTable).match(subnetBlock(model, dest, version) as Cidr) ?? null;
          forward[slot] = route;
        }
        ok =
          legFollows(model, source, dest, subnetBlock(model, dest, version) as Cidr, route ?? undefined) &&
          legFollows(
            model,
            dest,
            source,
            subnetBlock(model, source, version) as Cidr,
            resolveTable(model, dest).match(subnetBlock(model, source, version) as Cidr),
          );
      }
      if (ok) reachable++;
      else unreachable++;
      if (reachable > 0 && unreachable > 0) return 'partial';
    }
  }
  return reachable > 0 ? 'reachable' : 'none';
}

/**
 * True when no source table can send anything to the destination VPC: for each of its
 * blocks, the table's most specific route for the whole block leaves the network (or
 * there is none) and no more specific route lies inside the block. Then every subnet
 * block inside it matches that same route (a route holding a subnet block is either
 * inside the VPC block or holds all of it), so every forward leg fails.
 */
function noRouteLeads(from: Representatives, to: Representatives): boolean {
  if (!to.inside) return false;
  for (const table of from.tables) {
    const destinations = table.destinations();
    for (const block of to.blocks) {
      const route = table.match(block);
      if (route && (route.target === 'local' || route.target === 'peering' || route.target === 'transit-gateway')) return false;
      for (const destination of destinations) {
        if (destination.version === block.version && destination.prefix > block.prefix && contains(block, destination)) return false;
      }
    }
  }
  return true;
}

/** Whether two VPCs have a peering or a transit gateway between them, from per-VPC sets (no list of every pair: 5,000 VPCs on one gateway are 25 million pairs). */
class Connections {
  private readonly peers = new Map<string, Set<string>>();
  private readonly gateways = new Map<string, Set<string>>();

  constructor(model: RoutingModel) {
    const add = (map: Map<string, Set<string>>, key: string, value: string) => {
      const set = map.get(key);
      if (set) set.add(value);
      else map.set(key, new Set([value]));
    };
    for (const peering of model.plan.peerings) {
      add(this.peers, peering.requesterVpcId, peering.accepterVpcId);
      add(this.peers, peering.accepterVpcId, peering.requesterVpcId);
    }
    for (const tgw of model.plan.transitGateways) {
      for (const attachment of tgw.attachments) if (attachment.type === 'vpc' && attachment.vpcId !== undefined) add(this.gateways, attachment.vpcId, tgw.id);
    }
  }

  between(a: string, b: string): boolean {
    if (this.peers.get(a)?.has(b)) return true;
    const mine = this.gateways.get(a);
    const theirs = this.gateways.get(b);
    if (!mine || !theirs) return false;
    for (const tgw of mine) if (theirs.has(tgw)) return true;
    return false;
  }
}

/** What a gateway table's match for a destination block is, as a class key reads it. */
interface GatewayMatch {
  /** The route, written without the VPC ("own" for its own propagation). */
  text: string;
  /** The VPC's own attachment the route delivers to, whose zones decide delivery per subnet. */
  own: TgwAttachment | undefined;
}

/** What a class key is made of, computed once per plan. */
class ClassContext {
  /** Literal route destinations (every route but a VPC's local route to its own block), for longest-prefix lookups. */
  private readonly literals = new PrefixLookup<string>();
  /** Every prefix length among them, by version, longest first. */
  private readonly literalPrefixes: Record<IpVersion, number[]> = { 4: [], 6: [] };
  /** The transit gateway tables some attachment is associated with: the only ones a packet from a VPC is looked up in. */
  private readonly gatewayTables: TgwTableRouting[] = [];
  /** VPCs at an end of a peering that some route points to. */
  private readonly peeredByRoute = new Map<string, string[]>();
  /** VPCs whose blocks overlap another VPC's. */
  private readonly overlapping = new Set<string>();
  /** VPC blocks (as text) with some route destination strictly inside them: their subnets are matched one by one. */
  private readonly splitBlocks = new Set<string>();
  private readonly tableShapes = new WeakMap<ResolvedTable, number>();
  /** Shapes as small numbers, so that keys stay short: a class key is compared, never read. */
  private readonly shapeIds = new Map<string, number>();
  private readonly blockMatches = new Map<string, { literals: number; gateways: GatewayMatch[] }>();

  constructor(private readonly model: RoutingModel) {
    const { plan } = model;
    const referencedPeerings = new Set<string>();
    const prefixesSeen: Record<IpVersion, Set<number>> = { 4: new Set(), 6: new Set() };
    const destinations: Cidr[] = [];
    const addLiteral = (block: Cidr) => {
      destinations.push(block);
      if (this.literals.exact(block) !== undefined) return;
      this.literals.add(block, formatCidr(block));
      if (!prefixesSeen[block.version].has(block.prefix)) {
        prefixesSeen[block.version].add(block.prefix);
        this.literalPrefixes[block.version].push(block.prefix);
      }
    };
    const seen = new Set<ResolvedTable>();
    for (const vpc of plan.vpcs) {
      const own = allVpcBlocks(model, vpc);
      for (const subnet of model.index.subnetsByVpc.get(vpc.id) ?? []) {
        // Every table a subnet can follow (written, main, derived, implicit), each once.
        const table = resolveTable(model, subnet);
        if (seen.has(table)) continue;
        seen.add(table);
        for (const route of routesOf(table)) {
          if (route.target === 'peering' && route.targetId !== undefined) referencedPeerings.add(route.targetId);
          const destination = routeDestinationBlock(model.index, route.destination);
          if (!destination) continue;
          if (
            route.target === 'local' &&
            own.some((b) => b.version === destination.version && b.prefix === destination.prefix && b.network === destination.network)
          )
            continue;
          addLiteral(destination);
        }
      }
    }
    for (const tgw of plan.transitGateways) {
      for (const table of tgw.routeTables) {
        for (const route of table.routes) {
          const destination = routeDestinationBlock(model.index, route.destination);
          if (destination) addLiteral(destination);
        }
      }
      const associated = new Set(tgw.attachments.map((a) => a.associatedRouteTableId).filter((id) => id !== undefined));
      for (const id of associated) {
        const routing = tgwTableRouting(model, tgw, id);
        if (!routing) continue;
        this.gatewayTables.push(routing);
        for (const route of routing.routes) destinations.push(route.cidr);
      }
    }
    for (const prefixes of Object.values(this.literalPrefixes)) prefixes.sort((x, y) => y - x);
    for (const peering of plan.peerings) {
      if (!referencedPeerings.has(peering.id)) continue;
      for (const end of [peering.requesterVpcId, peering.accepterVpcId]) {
        const list = this.peeredByRoute.get(end);
        if (list) list.push(peering.id);
        else this.peeredByRoute.set(end, [peering.id]);
      }
    }
    this.findOverlapsAndSplits(destinations);
  }

  /**
   * One forest over the VPC blocks and every route destination: a VPC overlaps another when
   * its block's group or subtree holds another VPC's block; a block is split when a route
   * destination lies strictly inside it (then its subnets may match different routes).
   */
  private findOverlapsAndSplits(destinations: readonly Cidr[]): void {
    const blocks: Cidr[] = [...destinations];
    const owners: Array<string | undefined> = destinations.map(() => undefined);
    for (const vpc of this.model.plan.vpcs)
      for (const block of allVpcBlocks(this.model, vpc)) {
        blocks.push(block);
        owners.push(vpc.id);
      }
    const forest = blockForest(blocks);
    const groups = forest.blocks.length;
    const vpcsOf: Array<Set<string> | undefined> = new Array(groups);
    const routeAt = new Uint8Array(groups);
    for (let g = 0; g < groups; g++) {
      for (const input of membersOf(forest, g)) {
        const owner = owners[input];
        if (owner === undefined) routeAt[g] = 1;
        else (vpcsOf[g] ??= new Set()).add(owner);
      }
    }
    // Children come after parents: fold each subtree into its parent, last group first.
    const vpcsBelow: Array<Set<string> | undefined> = new Array(groups);
    const routeBelow = new Uint8Array(groups);
    for (let g = groups - 1; g >= 0; g--) {
      const here = vpcsOf[g];
      const below = vpcsBelow[g];
      if (here) {
        const all = below ? new Set([...here, ...below]) : here;
        if (all.size > 1) for (const id of all) this.overlapping.add(id);
        if (routeBelow[g]) this.splitBlocks.add(formatCidr(forest.blocks[g]!));
      }
      const parent = forest.parent[g] as number;
      if (parent < 0) continue;
      if (routeAt[g] || routeBelow[g]) routeBelow[parent] = 1;
      const up = (here ?? below) ? new Set([...(here ?? []), ...(below ?? [])]) : undefined;
      if (up) {
        const target = vpcsBelow[parent];
        if (!target) vpcsBelow[parent] = up;
        else {
          for (const id of up) target.add(id);
          // A set that already names two VPCs marks everything above as overlapping; no need to grow it further.
        }
      }
    }
  }

  private shapeId(text: string): number {
    let id = this.shapeIds.get(text);
    if (id === undefined) this.shapeIds.set(text, (id = this.shapeIds.size));
    return id;
  }

  /** The class key of a VPC (see the top of the file). */
  keyOf(vpcId: string, reps: Representatives): string {
    const { model } = this;
    // Answers that depend on this very VPC: a class of its own.
    if (this.peeredByRoute.has(vpcId) || !reps.inside) return `vpc:${vpcId}`;
    const parts: string[] = [];
    const overlapping = this.overlapping.has(vpcId);
    const own = reps.blocks;
    if (overlapping) parts.push(`blocks:${own.map(formatCidr).join(',')}`);
    for (const { tgw, attachment } of model.vpcAttachmentsByVpc.get(vpcId) ?? []) {
      if (vpcAttachmentOn(model, tgw, vpcId) !== attachment) continue;
      parts.push(`att:${tgw.id}>${attachment.associatedRouteTableId ?? '-'}>${[...attachmentZones(model, attachment)].sort().join(',')}`);
    }
    for (let k = 0; k < reps.subnets.length; k++) {
      const subnet = reps.subnets[k]!;
      const table = reps.tables[reps.tableOf[k]!]!;
      parts.push(`${subnet.availabilityZone}>${this.tableShape(table, own)}`);
      for (const version of [4, 6] as const) {
        const block = subnetBlock(model, subnet, version);
        if (!block) continue;
        // The VPC block holding the subnet stands for it unless a route lies inside that block.
        const holder = own.find((b) => contains(b, block));
        const matchFor = holder && !this.splitBlocks.has(formatCidr(holder)) ? holder : block;
        const { literals, gateways } = this.matchesOf(matchFor, vpcId);
        const delivery = gateways
          .map((m) => (m.own ? `${m.text}:${attachmentZones(model, m.own).has(subnet.availabilityZone) ? 'in' : 'off'}` : m.text))
          .join(',');
        parts.push(`${version}:${overlapping ? formatCidr(block) : ''}>${literals}>${this.shapeId(delivery)}`);
      }
    }
    return parts.join('|');
  }

  /** A table's routes with the VPC's own blocks written as "own": tables of VPCs built alike read the same. */
  private tableShape(table: ResolvedTable, own: readonly Cidr[]): number {
    const known = this.tableShapes.get(table);
    if (known !== undefined) return known;
    const routes: string[] = [];
    const written = new Set<string>();
    for (const route of routesOf(table)) {
      const destination = routeDestinationBlock(this.model.index, route.destination);
      if (!destination) continue;
      // As in the table's lookup: the first route for a destination wins.
      const text = formatCidr(destination);
      if (written.has(text)) continue;
      written.add(text);
      const ownIndex = own.findIndex((b) => b.version === destination.version && b.prefix === destination.prefix && b.network === destination.network);
      const where = ownIndex >= 0 ? `own${ownIndex}` : formatCidr(destination);
      // Only local, peering and transit gateway routes can lead to another VPC; the rest leave the network alike.
      const to =
        route.target === 'peering' || route.target === 'transit-gateway'
          ? `${route.target}:${route.targetId ?? ''}`
          : route.target === 'local'
            ? 'local'
            : 'out';
      routes.push(`${where}>${to}`);
    }
    // A written table also holds the local route for each block of its VPC it does not name (see route-table.ts).
    if (table.table)
      own.forEach((block, k) => {
        if (!written.has(formatCidr(block))) routes.push(`own${k}>local`);
      });
    const shape = this.shapeId(routes.join(';'));
    this.tableShapes.set(table, shape);
    return shape;
  }

  /**
   * A block as a destination: the literal route destinations holding it, and what each
   * transit gateway table matches for it ("own" when it is the VPC's own propagation).
   */
  private matchesOf(block: Cidr, vpcId: string): { literals: number; gateways: GatewayMatch[] } {
    const key = `${vpcId}\u0000${formatCidr(block)}`;
    const known = this.blockMatches.get(key);
    if (known) return known;
    // Every literal holding the block, longest first: a lookup per prefix length present.
    const parts: string[] = [];
    for (const prefix of this.literalPrefixes[block.version]) {
      if (prefix > block.prefix) continue;
      const text = this.literals.exact(truncated(block, prefix));
      if (text !== undefined) parts.push(text);
    }
    const gateways: GatewayMatch[] = [];
    for (const routing of this.gatewayTables) {
      const route = routing.match(block);
      if (!route) {
        gateways.push({ text: '-', own: undefined });
        continue;
      }
      const target = route.attachmentId === undefined ? undefined : attachmentOn(routing.tgw, route.attachmentId);
      const own = target && target.type === 'vpc' && target.vpcId === vpcId ? target : undefined;
      gateways.push({ text: own && route.kind === 'propagated' ? 'own' : `${route.kind}:${route.destination}>${own ? 'own' : (target?.id ?? '-')}`, own });
    }
    const found = { literals: this.shapeId(parts.join(',')), gateways };
    this.blockMatches.set(key, found);
    return found;
  }
}

/**
 * The routes of a table as written: for a table from the plan, its own routes (the implicit
 * local routes are the VPC's blocks, which the caller adds), read without building the
 * table's lookup, which only the few tables of class representatives need.
 */
function routesOf(table: ResolvedTable): ReadonlyArray<{ destination: string; target: string; targetId?: string }> {
  return table.table ? table.table.routes : table.routes();
}

/** The block of `prefix` bits holding `block`. */
function truncated(block: Cidr, prefix: number): Cidr {
  if (block.version === 4) {
    const size = 2 ** (32 - prefix);
    return { version: 4, network: BigInt(Math.floor(Number(block.network) / size) * size), prefix };
  }
  const size = 1n << BigInt(128 - prefix);
  return { version: 6, network: block.network - (block.network % size), prefix };
}
