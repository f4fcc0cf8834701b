import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../shared/checks';
import type { Finding } from '../../shared/checks/types';
import { planWith, subnet, vpc } from '../../shared/checks/fixture';
import type { Plan } from '../../shared/plan/schema';
import { CheckClient, type CheckReply, type CheckRequest, type CheckTransport } from './check-client';
import { createCheckerHost } from './checker-host';
import { PlanReceiver, PlanSender } from './plan-transfer';

/** A transport the test drives: requests pile up, and the test answers them when and how it likes. */
class FakeTransport implements CheckTransport {
  readonly requests: CheckRequest[] = [];
  private reply: (reply: CheckReply) => void = () => {};
  private failure: (reason: string) => void = () => {};
  private readonly host = createCheckerHost();
  closed = false;
  send(request: CheckRequest) {
    this.requests.push(request);
  }
  onReply(handler: (reply: CheckReply) => void) {
    this.reply = handler;
  }
  onFailure(handler: (reason: string) => void) {
    this.failure = handler;
  }
  close() {
    this.closed = true;
  }
  /** Answers the oldest request not yet answered, as the worker would (it keeps their order). */
  answerNext(): CheckReply {
    const request = this.requests.shift();
    if (!request) throw new Error('no request to answer');
    const reply = this.host(request);
    this.reply(reply);
    return reply;
  }
  fail(reason: string) {
    this.failure(reason);
  }
}

const base = planWith({ vpcs: [vpc('a', ['10.0.0.0/16'])], subnets: [subnet('s1', 'a', '10.0.0.0/24'), subnet('s2', 'a', '10.0.1.0/24')] });
const withSubnet = (plan: Plan, id: string, cidr: string): Plan => ({
  ...plan,
  subnets: plan.subnets.map((s) => (s.id === id ? { ...s, ipv4Cidr: cidr } : s)),
});
const codes = (findings: readonly Finding[]) => findings.map((f) => `${f.code}:${f.subjects.join(',')}`).sort();

describe('CheckClient', () => {
  it("keeps one check in flight, sends only the newest of those that waited, and shows only the newest plan's result", () => {
    const transport = new FakeTransport();
    const client = new CheckClient(transport);
    const shown: Plan[] = [];
    client.subscribe((result) => shown.push(result.plan));
    const one = withSubnet(base, 's2', '10.0.0.0/24'); // overlaps s1
    const two = withSubnet(base, 's2', '10.0.2.0/24');
    const three = withSubnet(base, 's2', '10.0.0.128/25'); // overlaps s1 again
    client.check(one);
    client.check(two);
    client.check(three);
    expect(transport.requests.map((r) => r.seq)).toEqual([1]); // two waits, then three replaces it
    expect(client.pending()).toBe(true);
    transport.answerNext(); // the answer for one: stale, dropped
    expect(shown).toEqual([]);
    expect(transport.requests.map((r) => r.seq)).toEqual([3]);
    transport.answerNext();
    expect(shown).toEqual([three]);
    expect(client.pending()).toBe(false);
    expect(codes(client.latest()!.findings)).toEqual(codes(checkPlan(three)));
  });

  it('drops a reply that arrives after a newer edit, whatever the timing', () => {
    // Any interleaving of edits and answers: what is shown is always the newest plan asked
    // at that moment, and with that plan's own findings.
    const plans = [
      base,
      withSubnet(base, 's2', '10.0.0.0/24'),
      withSubnet(base, 's2', '10.0.3.0/24'),
      withSubnet(base, 's1', '10.1.0.0/24'),
      withSubnet(base, 's1', '10.0.1.0/25'),
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.nat(plans.length - 1).map((k) => ({ edit: k })),
            fc.constant({ answer: true }),
          ),
          { maxLength: 30 },
        ),
        (steps) => {
          const transport = new FakeTransport();
          const client = new CheckClient(transport);
          let newest: Plan | undefined;
          client.subscribe((result) => {
            expect(result.plan).toBe(newest);
            expect(codes(result.findings)).toEqual(codes(checkPlan(result.plan)));
          });
          for (const step of steps) {
            if ('edit' in step) {
              newest = plans[step.edit]!;
              client.check(newest);
            } else if (transport.requests.length > 0) {
              transport.answerNext();
            }
          }
          while (transport.requests.length > 0) transport.answerNext();
          if (newest) expect(client.latest()?.plan).toBe(newest);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers findingsOf(plan) when that plan is checked', async () => {
    const transport = new FakeTransport();
    const client = new CheckClient(transport);
    const plan = withSubnet(base, 's2', '10.0.0.0/24');
    const waiting = client.findingsOf(plan);
    transport.answerNext();
    expect(codes(await waiting)).toEqual(codes(checkPlan(plan)));
  });

  it('starts over on the fallback when the worker fails, with the whole plan', () => {
    const first = new FakeTransport();
    const second = new FakeTransport();
    const client = new CheckClient(first, () => second);
    const plan = withSubnet(base, 's2', '10.0.0.0/24');
    client.check(base);
    first.answerNext();
    client.check(plan);
    first.fail('worker crashed');
    expect(first.closed).toBe(true);
    expect(second.requests).toHaveLength(1);
    second.answerNext();
    expect(client.latest()?.plan).toBe(plan);
    expect(codes(client.latest()!.findings)).toEqual(codes(checkPlan(plan)));
  });

  it('shows a failure as a finding when there is nowhere left to check', () => {
    const transport = new FakeTransport();
    const client = new CheckClient(transport);
    client.check(base);
    transport.fail('out of memory');
    expect(client.latest()?.findings.map((f) => f.code)).toEqual(['engine/rule-failed']);
    expect(client.latest()?.findings[0]?.message).toContain('out of memory');
  });
});

describe('PlanSender and PlanReceiver', () => {
  /** Edits as the editor makes them: replace, insert, delete, reorder, and going back to an earlier plan (undo). */
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(20), cidr: fc.nat(255) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(20), cidr: fc.nat(255) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(20) }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(20) }),
    fc.record({ kind: fc.constant('undo' as const), back: fc.nat(5) }),
    fc.record({ kind: fc.constant('rename-vpc' as const) }),
    fc.record({ kind: fc.constant('move' as const) }),
  );

  it('gives the worker the same plan (layout aside), keeping every unchanged object the same object', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        const sender = new PlanSender();
        const receiver = new PlanReceiver();
        const history: Plan[] = [base];
        let plan = base;
        let previous: { sent: Plan; got: Plan } | undefined;
        const send = () => {
          const update = sender.update(plan);
          const got = update ? receiver.apply(structuredClone(update)) : previous!.got;
          expect({ ...got, layout: undefined }).toEqual({ ...plan, layout: undefined });
          if (previous) {
            // An object the editor kept is the very object the worker had for it.
            for (const section of ['vpcs', 'subnets'] as const) {
              (plan[section] as object[]).forEach((item, i) => {
                const k = (previous!.sent[section] as object[]).indexOf(item);
                if (k >= 0) expect((got[section] as object[])[i]).toBe((previous!.got[section] as object[])[k]);
              });
              if (plan[section] === previous.sent[section]) expect(got[section]).toBe(previous.got[section]);
            }
          }
          previous = { sent: plan, got };
        };
        send();
        for (const e of edits) {
          const subnets = plan.subnets.slice();
          const at = subnets.length === 0 ? 0 : ('at' in e ? e.at : 0) % subnets.length;
          if (e.kind === 'replace' && subnets.length > 0) subnets[at] = { ...subnets[at]!, ipv4Cidr: `10.0.${e.cidr}.0/24` };
          if (e.kind === 'insert') subnets.splice(at, 0, { ...subnet(`n${history.length}`, 'a', `10.0.${e.cidr}.0/24`), tier: 'private' as const });
          if (e.kind === 'delete' && subnets.length > 0) subnets.splice(at, 1);
          if (e.kind === 'swap' && subnets.length > 1) [subnets[0], subnets[at]] = [subnets[at]!, subnets[0]!];
          if (e.kind === 'undo') plan = history[Math.max(0, history.length - 1 - e.back)]!;
          else if (e.kind === 'rename-vpc') plan = { ...plan, vpcs: plan.vpcs.map((v) => ({ ...v, name: `${v.name}'` })) };
          else if (e.kind === 'move') plan = { ...plan, layout: { nodes: { a: { x: history.length, y: 0 } } } };
          else plan = { ...plan, subnets };
          history.push(plan);
          send();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sends nothing for a move (the checks never read the layout), and one object for a one-subnet edit', () => {
    const sender = new PlanSender();
    sender.update(base);
    expect(sender.update({ ...base, layout: { nodes: { a: { x: 1, y: 2 } } } })).toBeUndefined();
    const update = sender.update(withSubnet(base, 's2', '10.0.9.0/24'))!;
    expect(update.values).toEqual([]);
    expect(update.lists.map((l) => [l.section, l.tokens.length, l.values.map((v) => v.at)])).toEqual([['subnets', 2, [1]]]);
  });
});
