/** Moving up and down the tree of blocks: a block's parent, its sibling, its children of a given size. */
import { blockSize, maxPrefix, type Cidr, type IpVersion } from './block';
import { formatCidr } from './format';

const DEFAULT_DIVIDE_LIMIT = 65_536;

export function checkPrefix(version: IpVersion, prefix: number, caller: string): void {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix(version)) {
    throw new RangeError(`${caller}: /${prefix} is not an IPv${version} prefix length (a whole number from 0 to ${maxPrefix(version)})`);
  }
}

/** The block one bit shorter that holds this one; none for /0. */
export function parentOf(c: Cidr): Cidr | undefined {
  if (c.prefix === 0) return undefined;
  const size = blockSize(c.version, c.prefix - 1);
  return { version: c.version, network: c.network - (c.network % size), prefix: c.prefix - 1 };
}

/** The other half of the parent; none for /0. */
export function siblingOf(c: Cidr): Cidr | undefined {
  if (c.prefix === 0) return undefined;
  // The sibling differs only in the last network bit, whose value is the block's own size.
  return { version: c.version, network: c.network ^ blockSize(c.version, c.prefix), prefix: c.prefix };
}

/**
 * How many blocks of `prefix` fit in `c`: 2^(prefix - c.prefix), or 0 when `prefix` is
 * shorter than the block's own (a bigger block does not fit). RangeError for a prefix that
 * is not one of the version at all.
 */
export function divisionCount(c: Cidr, prefix: number): bigint {
  checkPrefix(c.version, prefix, 'divisionCount');
  return prefix < c.prefix ? 0n : 1n << BigInt(prefix - c.prefix);
}

/**
 * Every block of `prefix` inside `c`, in address order. The limit (default 65,536) guards
 * against asking for 2^64 /128s by mistake: pass a bigger one if you really mean it.
 */
export function divide(c: Cidr, prefix: number, limit: number = DEFAULT_DIVIDE_LIMIT): Cidr[] {
  checkPrefix(c.version, prefix, 'divide');
  if (prefix < c.prefix) {
    throw new RangeError(`divide: /${prefix} is bigger than ${formatCidr(c)} itself; choose a prefix from /${c.prefix} to /${maxPrefix(c.version)}`);
  }
  const count = 1n << BigInt(prefix - c.prefix);
  // Counts are powers of two, exact as doubles, so comparing as numbers is exact (and works for limit = Infinity).
  if (Number(count) > limit) {
    throw new RangeError(
      `divide: ${formatCidr(c)} holds ${count.toLocaleString('en-US')} blocks of /${prefix}, more than the limit of ${limit.toLocaleString('en-US')}; divide a smaller block or pass a larger limit`,
    );
  }
  const size = blockSize(c.version, prefix);
  const blocks: Cidr[] = new Array<Cidr>(Number(count));
  let network = c.network;
  for (let i = 0; i < blocks.length; i++) {
    blocks[i] = { version: c.version, network, prefix };
    network += size;
  }
  return blocks;
}
