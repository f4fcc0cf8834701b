/**
 * Ids for new objects: `<prefix>-<8 hex digits>`, random so that two copies of a plan edited
 * apart rarely give different objects the same id (Compare matches objects by id), and
 * checked against the plan so an edit never makes a duplicate.
 *
 * The randomness is a parameter: the app uses Math.random (ids are names, not secrets);
 * tests pass a seeded source so a failing edit sequence replays exactly.
 */
import type { Plan } from '../schema';
import { allIds } from '../objects';

/** A number in [0, 1), like Math.random. */
export type RandomSource = () => number;

/** Makes a fresh id with this prefix ('vpc', 'subnet', 'tgw-attach'...). */
export type NewId = (prefix: string) => string;

function candidate(prefix: string, random: RandomSource): string {
  return `${prefix}-${Math.floor(random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0')}`;
}

/** One fresh id that no object of `plan` has. */
export function newId(prefix: string, plan?: Plan, random: RandomSource = Math.random): string {
  const taken = plan ? allIds(plan) : new Set<string>();
  for (;;) {
    const id = candidate(prefix, random);
    if (!taken.has(id)) return id;
  }
}

/**
 * Fresh ids for one edit that adds several objects: none is in `plan`, and none repeats one
 * this maker already gave out (the objects are not in the plan yet when the next id is made).
 */
export function idMaker(plan: Plan, random: RandomSource = Math.random): NewId {
  let taken: Set<string> | undefined;
  return (prefix) => {
    taken ??= allIds(plan);
    for (;;) {
      const id = candidate(prefix, random);
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
  };
}
