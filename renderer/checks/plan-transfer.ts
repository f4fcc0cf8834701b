/**
 * Sending the plan to the checker in its worker, edit after edit, so that the worker's copy
 * keeps the object identity the incremental checker relies on (shared/checks: a VPC whose
 * object and subnets are the same objects is not re-checked).
 *
 * Posting the whole plan would give the worker new objects every time (a structured clone
 * copies everything) and so a full check per edit. Instead each object the worker holds has
 * a token; an update names the tokens of unchanged objects and carries only the new ones.
 * For a one-subnet edit on ten thousand subnets that is one subnet and a list of numbers.
 *
 * The layout is never sent: no check reads where a box is drawn, so moving one costs nothing.
 */
import type { Plan } from '../../shared/plan/schema';

/** The plan sections the checks read (all but the layout), and which of them are lists of objects. */
const LIST_SECTIONS = [
  'vpcs',
  'subnets',
  'internetGateways',
  'egressOnlyGateways',
  'vpnGateways',
  'natGateways',
  'routeTables',
  'peerings',
  'transitGateways',
  'serviceNetworks',
  'externalNetworks',
] as const;
const VALUE_SECTIONS = ['format', 'version', 'name', 'description', 'settings'] as const;

type ListSection = (typeof LIST_SECTIONS)[number];
type ValueSection = (typeof VALUE_SECTIONS)[number];

export interface ListUpdate {
  section: ListSection;
  /** The token of each item, in order; an item whose value is in `values` has a new token. */
  tokens: Int32Array;
  /** New items: their position in the list and their value. */
  values: Array<{ at: number; value: unknown }>;
}

export interface PlanUpdate {
  lists: ListUpdate[];
  values: Array<{ section: ValueSection; value: unknown }>;
}

/** The main thread's side: what the worker holds, and the update to the next plan. */
export class PlanSender {
  private lastPlan: Plan | undefined;
  /** Per list section: the list last sent and the token of each of its items. */
  private readonly sent = new Map<ListSection, { list: readonly object[]; tokens: Int32Array }>();
  /** The token each object got when first sent (tokens are never reused). */
  private readonly tokenOf = new WeakMap<object, number>();
  private nextToken = 1;

  /** The update from the last plan sent to `plan`; undefined when nothing the checks read has changed. */
  update(plan: Plan): PlanUpdate | undefined {
    const last = this.lastPlan;
    const update: PlanUpdate = { lists: [], values: [] };
    for (const section of VALUE_SECTIONS) {
      if (!last || plan[section] !== last[section]) update.values.push({ section, value: plan[section] });
    }
    for (const section of LIST_SECTIONS) {
      const list = plan[section] as readonly object[];
      const before = this.sent.get(section);
      if (before && (before.list === list || sameItems(before.list, list))) continue;
      update.lists.push(this.listUpdate(section, list, before));
    }
    this.lastPlan = plan;
    return update.lists.length > 0 || update.values.length > 0 ? update : undefined;
  }

  /** Forget what the worker held (it was replaced): the next update carries the whole plan. */
  reset(): void {
    this.lastPlan = undefined;
    this.sent.clear();
  }

  private listUpdate(section: ListSection, list: readonly object[], before: { list: readonly object[]; tokens: Int32Array } | undefined): ListUpdate {
    const tokens = new Int32Array(list.length);
    const values: ListUpdate['values'] = [];
    // Tokens the worker holds for this section; built only when an item is not where it was (an insert or a delete).
    let held: Set<number> | undefined;
    for (let i = 0; i < list.length; i++) {
      const item = list[i]!;
      // The usual edit replaces one object in place: same position, same object for the rest.
      if (before && i < before.list.length && before.list[i] === item) {
        tokens[i] = before.tokens[i]!;
        continue;
      }
      const known = this.tokenOf.get(item);
      if (known !== undefined && before) {
        held ??= new Set(before.tokens);
        if (held.has(known)) {
          tokens[i] = known;
          continue;
        }
      }
      const token = this.nextToken++;
      tokens[i] = token;
      this.tokenOf.set(item, token);
      values.push({ at: i, value: item });
    }
    this.sent.set(section, { list, tokens });
    // The worker's copy of `tokens` is transferred, not copied: send a copy and keep ours.
    return { section, tokens: tokens.slice(), values };
  }
}

function sameItems(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The worker's side: its copy of the plan, updated in place of identity. */
export class PlanReceiver {
  private plan: Plan | undefined;
  private readonly byToken = new Map<ListSection, Map<number, object>>();

  apply(update: PlanUpdate): Plan {
    const next = { ...(this.plan ?? EMPTY) } as Record<string, unknown>;
    for (const { section, value } of update.values) next[section] = value;
    for (const { section, tokens, values } of update.lists) {
      const old = this.byToken.get(section);
      const fresh = new Map<number, object>();
      const list = new Array<object>(tokens.length);
      let v = 0;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        let item: object | undefined;
        if (v < values.length && values[v]!.at === i) item = values[v++]!.value as object;
        else item = old?.get(token);
        if (item === undefined) throw new Error(`the checker lost its copy of the plan (no object for token ${token} in ${section}); it will start over`);
        fresh.set(token, item);
        list[i] = item;
      }
      this.byToken.set(section, fresh);
      next[section] = list;
    }
    this.plan = next as Plan;
    return this.plan;
  }
}

/** What the worker's plan starts from: no layout is ever sent. */
const EMPTY: Partial<Plan> = { layout: { nodes: {} } };
