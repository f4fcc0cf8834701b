/**
 * Memos for plan rules, which the checker re-runs whenever a section they depend on is
 * replaced: the editor replaces a section's array to change one object in it, so most of
 * a re-run would re-derive what the untouched objects gave last time. These keep a rule's
 * work per object, checked against the objects themselves, so a re-run costs what changed.
 *
 * A memo answers only for what it was given: whatever plan comes next (a fresh copy,
 * another plan in between), the answer is what a fresh run gives, so a rule stays a function of the plan.
 */

/**
 * The ids of a section, in order, as one object that stays the same while the ids do
 * (a rename or a new block replaces the object, not its id). It holds the first array seen
 * with these ids, to compare the next one with.
 */
export class IdSequence {
  constructor(readonly items: ReadonlyArray<{ id: string }>) {}
  /** How many objects the section holds (ids may repeat in a plan being mended). */
  get length(): number {
    return this.items.length;
  }
}

/** Hands out the id sequence of one section, the same object while the ids stay the same. */
export class IdSequenceOf {
  private last: IdSequence | undefined;
  /** The array the last answer was for. */
  private lastItems: ReadonlyArray<{ id: string }> = [];

  of(items: ReadonlyArray<{ id: string }>): IdSequence {
    if (!this.last || !sameIds(this.lastItems, items)) this.last = new IdSequence(items);
    this.lastItems = items;
    return this.last;
  }
}

/**
 * Whether two versions of a section hold the same ids in the same order. An edit keeps most
 * objects, so identity settles nearly every place and only a replaced object's id is read
 * (ten thousand subnets compare in a few microseconds, not a walk over every object).
 */
function sameIds(a: ReadonlyArray<{ id: string }>, b: ReadonlyArray<{ id: string }>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.id !== b[i]!.id) return false;
  return true;
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A rule's findings over a list (a plan section), item by item, against the previous list:
 * an item that is the same object as the one at its place last time gives what it gave then.
 * `deps` are what every item's findings also read (an id sequence, a setting): when one of
 * them changes, every item is looked at again. `check` must read nothing but its item and
 * what `deps` stand for. While nothing changed the same output array comes back, which
 * tells the checker that nothing did.
 */
export class ListMemo<T, F> {
  private items: readonly T[] = [];
  private deps: readonly unknown[] | undefined;
  private found: Array<readonly F[] | undefined> = [];
  private out: F[] = [];

  findings(items: readonly T[], deps: readonly unknown[], check: (item: T, out: F[], at: number) => void): F[] {
    const depsKept = this.deps !== undefined && sameDeps(deps, this.deps);
    if (items === this.items && depsKept) return this.out;
    const fresh = !depsKept || items.length !== this.items.length;
    const found = fresh ? new Array<readonly F[] | undefined>(items.length) : this.found;
    let changed = fresh;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (!fresh && item === this.items[i]) continue;
      const before = found[i];
      const here: F[] = [];
      check(item, here, i);
      found[i] = here.length > 0 ? here : undefined;
      // An item replaced with no findings before or after leaves the output as it was.
      if (before !== undefined || here.length > 0) changed = true;
    }
    this.items = items;
    this.deps = deps;
    this.found = found;
    if (changed) {
      const out: F[] = [];
      for (const list of found) if (list) for (const f of list) out.push(f);
      this.out = out;
    }
    return this.out;
  }
}

/**
 * ListMemo over a map's entries (the index's subnet lists by VPC), walked in step with the
 * previous map: an entry with the same key and the same value at the same place gives what
 * it gave then. An edit to one subnet replaces one list, so one list is looked at again.
 */
export class MapMemo<K, V, F> {
  private map: ReadonlyMap<K, V> | undefined;
  private keys: K[] = [];
  private values: V[] = [];
  private deps: readonly unknown[] | undefined;
  private found: Array<readonly F[] | undefined> = [];
  private out: F[] = [];

  findings(map: ReadonlyMap<K, V>, deps: readonly unknown[], check: (key: K, value: V, out: F[]) => void): F[] {
    const depsKept = this.deps !== undefined && sameDeps(deps, this.deps);
    if (map === this.map && depsKept) return this.out;
    this.map = map;
    const fresh = !depsKept || map.size !== this.keys.length;
    const keys: K[] = new Array(map.size);
    const values: V[] = new Array(map.size);
    const found: Array<readonly F[] | undefined> = new Array(map.size);
    let changed = fresh;
    let i = 0;
    for (const [key, value] of map) {
      keys[i] = key;
      values[i] = value;
      if (!fresh && key === this.keys[i] && value === this.values[i]) found[i] = this.found[i];
      else {
        const here: F[] = [];
        check(key, value, here);
        found[i] = here.length > 0 ? here : undefined;
        if (fresh || this.found[i] !== undefined || here.length > 0) changed = true;
      }
      i++;
    }
    this.keys = keys;
    this.values = values;
    this.deps = deps;
    this.found = found;
    if (changed) {
      const out: F[] = [];
      for (const list of found) if (list) for (const f of list) out.push(f);
      this.out = out;
    }
    return this.out;
  }
}

/**
 * The concatenation of a rule's parts, the same array as last time when every part is: a
 * rule that hands back its previous findings tells the checker that nothing changed.
 */
export class Concatenation<F> {
  private parts: ReadonlyArray<readonly F[]> = [];
  private out: F[] = [];

  of(parts: ReadonlyArray<readonly F[]>): F[] {
    if (sameDeps(parts, this.parts)) return this.out;
    const out: F[] = [];
    for (const part of parts) for (const f of part) out.push(f);
    this.parts = parts;
    this.out = out;
    return out;
  }
}
