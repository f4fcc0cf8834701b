/** The split/join bar: halve a block, or put two halves back together. */
import { formatCidr, maxPrefix, parentOf, siblingOf, type Cidr } from '../cidr';

/** The two halves of `c`, lower first. RangeError for a single address (/32, /128), which has no halves. */
export function splitBlock(c: Cidr): [Cidr, Cidr] {
  if (c.prefix >= maxPrefix(c.version)) {
    throw new RangeError(`${formatCidr(c)} is a single address and cannot be split; split a shorter prefix`);
  }
  const half = 1n << BigInt(maxPrefix(c.version) - c.prefix - 1);
  return [
    { version: c.version, network: c.network, prefix: c.prefix + 1 },
    { version: c.version, network: c.network + half, prefix: c.prefix + 1 },
  ];
}

export type JoinResult = { ok: true; parent: Cidr } | { ok: false; reason: string };

/** The block whose two halves are `a` and `b` (in either order), or why there is none. */
export function joinBlocks(a: Cidr, b: Cidr): JoinResult {
  const aText = formatCidr(a);
  const bText = formatCidr(b);
  if (a.version !== b.version) return { ok: false, reason: `${aText} is IPv${a.version} and ${bText} is IPv${b.version}; only blocks of one version can join` };
  if (a.prefix !== b.prefix) {
    return {
      ok: false,
      reason: `${aText} and ${bText} are different sizes (/${a.prefix} and /${b.prefix}); only two halves of the same size make one block: split the bigger one first`,
    };
  }
  if (a.network === b.network) return { ok: false, reason: `${aText} is the same block twice; join it with its sibling ${formatCidr(siblingOf(a) ?? a)}` };
  const sibling = siblingOf(a);
  const parent = parentOf(a);
  if (!sibling || !parent) return { ok: false, reason: `${aText} is the whole address space; it has nothing to join with` };
  if (sibling.network !== b.network) {
    return {
      ok: false,
      reason: `${aText} and ${bText} are both /${a.prefix} but not the two halves of one block: ${aText} pairs with ${formatCidr(sibling)} (making ${formatCidr(parent)}), and ${bText} with ${formatCidr(siblingOf(b)!)}`,
    };
  }
  return { ok: true, parent };
}
