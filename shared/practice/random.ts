/**
 * A small seeded random number generator, so the same seed always gives the same exercises:
 * a teacher can hand out "seed 42" and every student sees the same questions. Mulberry32
 * (Tommy Ettinger's public-domain generator): 32 bits of state, fast, and good enough to pick
 * numbers for exercises (not for anything secret).
 */

export interface Random {
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** The items in a random order (a new array). */
  shuffle<T>(items: readonly T[]): T[];
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`int(${min}, ${max}): give whole numbers with min <= max`);
    return min + Math.floor(next() * (max - min + 1));
  };
  return {
    int,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick: there is nothing to pick from');
      return items[int(0, items.length - 1)]!;
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/** A seed from what a person types ("42", "class 3b"): a number as itself, other text hashed (FNV-1a). */
export function seedFromText(text: string): number {
  const trimmed = text.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < trimmed.length; i++) {
    hash ^= trimmed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
