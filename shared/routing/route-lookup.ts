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

/** 2^(32 - prefix) as a number. */
const SIZE_V4: readonly number[] = Array.from({ length: 33 }, (_, p) => 2 ** (32 - p));

/**
 * Routes indexed for longest-prefix match; `T` is whatever route shape the caller keeps.
 * IPv4 networks are keyed as numbers (exact below 2^32): hashing and truncating a number is
 * several times cheaper than a bigint, and IPv4 lookups are the hot path of the checks.
 */
export class PrefixLookup<T> {
  private readonly v4: ByVersion<number, T> = { prefixes: [], byPrefix: new Map() };
  private readonly v6: ByVersion<bigint, T> = { prefixes: [], byPrefix: new Map() };

  /** Adds a route; for a destination already present the first one added stays (the caller decides precedence by order). */
  add(destination: Cidr, route: T): boolean {
    if (destination.version === 4) return addTo(this.v4, destination.prefix, Number(destination.network), route);
    return addTo(this.v6, destination.prefix, destination.network, route);
  }

  /** The most specific route whose destination holds all of `target` (a block, or one address as /32 or /128). */
  match(target: Cidr): T | undefined {
    if (target.version === 4) {
      const network = Number(target.network);
      for (const prefix of this.v4.prefixes) {
        if (prefix > target.prefix) continue;
        const size = SIZE_V4[prefix] as number;
        const found = this.v4.byPrefix.get(prefix)!.get(Math.floor(network / size) * size);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    for (const prefix of this.v6.prefixes) {
      if (prefix > target.prefix) continue;
      const found = this.v6.byPrefix.get(prefix)!.get(truncate(6, target.network, prefix));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The route with exactly this destination, if any. */
  exact(destination: Cidr): T | undefined {
    if (destination.version === 4) return this.v4.byPrefix.get(destination.prefix)?.get(Number(destination.network));
    return this.v6.byPrefix.get(destination.prefix)?.get(destination.network);
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
