/**
 * Longest-prefix match over a list of routes: the rule every router in the plan follows
 * (VPC route tables and transit gateway route tables alike).
 *
 * A lookup is built once per route table and answers in at most 33 (IPv4) or 129 (IPv6)
 * map probes, whatever the number of routes: a VPC attached to a transit gateway with a
 * thousand other VPCs has a thousand routes, and the reachability matrix asks it often.
 */
import { parseAddress, parseCidr, type Cidr, type IpVersion } from '../cidr';

const SIZES: Record<IpVersion, readonly bigint[]> = {
  4: Array.from({ length: 33 }, (_, p) => 1n << BigInt(32 - p)),
  6: Array.from({ length: 129 }, (_, p) => 1n << BigInt(128 - p)),
};

/** The block of `prefix` bits that holds `network`. */
function truncate(version: IpVersion, network: bigint, prefix: number): bigint {
  const size = SIZES[version][prefix] as bigint;
  return network - (network % size);
}

interface ByVersion<K, T> {
  /** Prefix lengths that have at least one route, longest first. */
  prefixes: number[];
  byPrefix: Map<number, Map<K, T>>;
}

/**
 * An IPv6 network as a map key: the high 64 bits folded into the low ones. V8 hashes a
 * bigint by its low 64 bits only, and those are zero in every /64 or shorter network, so
 * keyed as they are a thousand VPC /56s land in one hash bucket (a map of them costs
 * quadratic time). The fold is one-to-one (the high half is kept as it is).
 */
function v6Key(network: bigint): bigint {
  return network ^ (network >> 64n);
}

/** 2^(32 - prefix) as a number. */
const SIZE_V4: readonly number[] = Array.from({ length: 33 }, (_, p) => 2 ** (32 - p));

/**
 * Routes kept in a list up to this many: most tables hold a handful of routes, and a scan
 * of a few beats building (and collecting) a map per prefix for each of thousands of tables.
 */
const SCAN_LIMIT = 16;

/**
 * Routes indexed for longest-prefix match; `T` is whatever route shape the caller keeps.
 * A small table is a list, scanned; past SCAN_LIMIT routes, maps by prefix.
 * IPv4 networks are keyed as numbers (exact below 2^32): hashing and truncating a number is
 * several times cheaper than a bigint, and IPv4 lookups are the hot path of the checks.
 */
export class PrefixLookup<T> {
  /** The routes while few, in the order added (undefined once in the maps). */
  private blocks: Cidr[] | undefined = [];
  private routes: T[] = [];
  /** blocks[i].network as a number for IPv4 (NaN for IPv6): compared without a bigint. */
  private numbers: number[] = [];
  private v4: ByVersion<number, T> | undefined;
  private v6: ByVersion<bigint, T> | undefined;

  /** Adds a route; for a destination already present the first one added stays (the caller decides precedence by order). */
  add(destination: Cidr, route: T): boolean {
    const blocks = this.blocks;
    if (blocks) {
      if (this.scanExact(destination) >= 0) return false;
      if (blocks.length < SCAN_LIMIT) {
        blocks.push(destination);
        this.routes.push(route);
        this.numbers.push(destination.version === 4 ? Number(destination.network) : Number.NaN);
        return true;
      }
      this.toMaps();
    }
    return this.addToMaps(destination, route);
  }

  /** The most specific route whose destination holds all of `target` (a block, or one address as /32 or /128). */
  match(target: Cidr): T | undefined {
    if (this.blocks) return this.scanMatch(target);
    if (target.version === 4) {
      const v4 = this.v4!;
      const network = Number(target.network);
      for (const prefix of v4.prefixes) {
        if (prefix > target.prefix) continue;
        const size = SIZE_V4[prefix] as number;
        const found = v4.byPrefix.get(prefix)!.get(Math.floor(network / size) * size);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    const v6 = this.v6!;
    for (const prefix of v6.prefixes) {
      if (prefix > target.prefix) continue;
      const found = v6.byPrefix.get(prefix)!.get(v6Key(truncate(6, target.network, prefix)));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The route with exactly this destination, if any. */
  exact(destination: Cidr): T | undefined {
    if (this.blocks) {
      const at = this.scanExact(destination);
      return at >= 0 ? this.routes[at] : undefined;
    }
    if (destination.version === 4) return this.v4!.byPrefix.get(destination.prefix)?.get(Number(destination.network));
    return this.v6!.byPrefix.get(destination.prefix)?.get(v6Key(destination.network));
  }

  private scanExact(destination: Cidr): number {
    const blocks = this.blocks!;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (block.prefix === destination.prefix && block.version === destination.version && block.network === destination.network) return i;
    }
    return -1;
  }

  /** The longest prefix that holds the target wins; a list holds each destination once, so there is no tie. */
  private scanMatch(target: Cidr): T | undefined {
    const blocks = this.blocks!;
    let best = -1;
    let bestPrefix = -1;
    const v4 = target.version === 4;
    const network = v4 ? Number(target.network) : 0;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      const prefix = block.prefix;
      if (block.version !== target.version || prefix > target.prefix || prefix <= bestPrefix) continue;
      const holds = v4
        ? Math.floor(network / (SIZE_V4[prefix] as number)) * (SIZE_V4[prefix] as number) === this.numbers[i]
        : truncate(6, target.network, prefix) === block.network;
      if (holds) {
        best = i;
        bestPrefix = prefix;
      }
    }
    return best >= 0 ? this.routes[best] : undefined;
  }

  /** Past SCAN_LIMIT routes: the list moves into maps by prefix, in the order added. */
  private toMaps(): void {
    const blocks = this.blocks!;
    const routes = this.routes;
    this.blocks = undefined;
    this.routes = [];
    this.numbers = [];
    this.v4 = { prefixes: [], byPrefix: new Map() };
    this.v6 = { prefixes: [], byPrefix: new Map() };
    for (let i = 0; i < blocks.length; i++) this.addToMaps(blocks[i]!, routes[i]!);
  }

  private addToMaps(destination: Cidr, route: T): boolean {
    if (destination.version === 4) return addTo(this.v4!, destination.prefix, Number(destination.network), route);
    return addTo(this.v6!, destination.prefix, v6Key(destination.network), route);
  }
}

function addTo<K, T>(table: ByVersion<K, T>, prefix: number, network: K, route: T): boolean {
  let atPrefix = table.byPrefix.get(prefix);
  if (!atPrefix) {
    atPrefix = new Map();
    table.byPrefix.set(prefix, atPrefix);
    table.prefixes.push(prefix);
    table.prefixes.sort((a, b) => b - a);
  }
  if (atPrefix.has(network)) return false;
  atPrefix.set(network, route);
  return true;
}

/** A CIDR block, or a single address read as a /32 or /128; undefined when the text is neither. */
export function destinationOf(addressOrCidr: string | Cidr): Cidr | undefined {
  if (typeof addressOrCidr !== 'string') return addressOrCidr;
  if (addressOrCidr.includes('/')) {
    const block = parseCidr(addressOrCidr);
    return block.ok ? block.cidr : undefined;
  }
  const address = parseAddress(addressOrCidr);
  if (!address.ok) return undefined;
  return { version: address.version, network: address.value, prefix: address.version === 4 ? 32 : 128 };
}

/**
 * Longest-prefix match of an address or block over any list of routes with CIDR-text
 * destinations (not necessarily a plan's: the engine's own tables use PrefixLookup over
 * blocks the plan index read). Routes whose destination does not parse are skipped (the
 * syntax rule reports them); for two routes with the same destination the first wins.
 */
export function lookupRoute<R extends { destination: string }>(routes: readonly R[], addressOrCidr: string | Cidr): R | undefined {
  const target = destinationOf(addressOrCidr);
  if (!target) return undefined;
  let best: R | undefined;
  let bestPrefix = -1;
  for (const route of routes) {
    const read = parseCidr(route.destination);
    const destination = read.ok && read.cidr.version === target.version ? read.cidr : undefined;
    if (!destination || destination.prefix <= bestPrefix || destination.prefix > target.prefix) continue;
    if (truncate(target.version, target.network, destination.prefix) !== destination.network) continue;
    best = route;
    bestPrefix = destination.prefix;
  }
  return best;
}
