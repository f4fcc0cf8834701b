/**
 * The editor's side of the checker, which runs in a Web Worker (./check-worker.ts) so that
 * the canvas stays interactive while ten thousand subnets are checked.
 *
 * Every plan asked about gets a sequence number. At most one check is in flight; a plan
 * asked about meanwhile waits, and a newer one replaces it (intermediate states of a fast
 * edit are never checked). A reply is shown only when it answers the newest plan asked:
 * a result that arrives after a newer edit is dropped, so a stale result is never shown.
 *
 * When no worker can be started (a host that refuses module workers), the same protocol
 * runs on this thread, a task after the edit: slower to answer, never wrong.
 */
import type { Finding } from '../../shared/checks/types';
import type { Plan } from '../../shared/plan/schema';
import { PlanSender, type PlanUpdate } from './plan-transfer';

export interface CheckRequest {
  seq: number;
  /** Undefined for a plan whose checked parts did not change: the worker answers from its last result. */
  update: PlanUpdate | undefined;
}

export type CheckReply = { seq: number; findings: Finding[] } | { seq: number; failure: string };

/** How requests reach the checker and replies come back: a worker, or this thread. */
export interface CheckTransport {
  send(request: CheckRequest): void;
  onReply(handler: (reply: CheckReply) => void): void;
  /** The checker died (a worker that failed to load, or crashed): what it held is gone. */
  onFailure(handler: (reason: string) => void): void;
  close(): void;
}

export interface CheckResult {
  plan: Plan;
  findings: readonly Finding[];
}

export class CheckClient {
  private seq = 0;
  private newest: { seq: number; plan: Plan } | undefined;
  private inFlight: number | undefined;
  private waiting: { seq: number; plan: Plan } | undefined;
  private result: CheckResult | undefined;
  private readonly sender = new PlanSender();
  private readonly listeners = new Set<(result: CheckResult) => void>();
  private readonly waiters: Array<{ plan: Plan; resolve(findings: readonly Finding[]): void }> = [];
  private transport: CheckTransport;

  /** @param fallback makes the transport to use when the first one fails (the worker could not start). */
  constructor(
    transport: CheckTransport,
    private readonly fallback?: () => CheckTransport,
  ) {
    this.transport = transport;
    this.attach(transport);
  }

  /** Ask for the findings of `plan`; the newest plan asked wins. */
  check(plan: Plan): void {
    if (this.newest?.plan === plan) return;
    const request = { seq: ++this.seq, plan };
    this.newest = request;
    if (this.inFlight === undefined) this.send(request);
    else this.waiting = request;
  }

  /** The result for the newest plan asked, once it has come (until then the previous one, or undefined). */
  latest(): CheckResult | undefined {
    return this.result;
  }

  /** True while the newest plan asked has no result yet. */
  pending(): boolean {
    return this.newest !== undefined && this.result?.plan !== this.newest.plan;
  }

  subscribe(listener: (result: CheckResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The findings of `plan`, when its check is done (asking for it if it is not the newest plan). */
  findingsOf(plan: Plan): Promise<readonly Finding[]> {
    if (this.result?.plan === plan) return Promise.resolve(this.result.findings);
    this.check(plan);
    return new Promise((resolve) => this.waiters.push({ plan, resolve }));
  }

  close(): void {
    this.transport.close();
    this.listeners.clear();
  }

  private send(request: { seq: number; plan: Plan }): void {
    this.inFlight = request.seq;
    this.transport.send({ seq: request.seq, update: this.sender.update(request.plan) });
  }

  private attach(transport: CheckTransport): void {
    transport.onReply((reply) => this.receive(transport, reply));
    transport.onFailure((reason) => this.failed(transport, reason));
  }

  private receive(transport: CheckTransport, reply: CheckReply): void {
    if (transport !== this.transport || reply.seq !== this.inFlight) return;
    this.inFlight = undefined;
    if (this.newest && reply.seq === this.newest.seq) {
      const findings = 'findings' in reply ? reply.findings : [failureFinding(reply.failure)];
      this.result = { plan: this.newest.plan, findings };
      for (const listener of this.listeners) listener(this.result);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const waiter = this.waiters[i]!;
        if (waiter.plan === this.newest.plan) {
          this.waiters.splice(i, 1);
          waiter.resolve(findings);
        }
      }
    }
    // An older reply is dropped: a newer plan is waiting, and it goes now.
    const next = this.waiting;
    this.waiting = undefined;
    if (next) this.send(next);
  }

  private failed(transport: CheckTransport, reason: string): void {
    if (transport !== this.transport) return;
    transport.close();
    const replacement = this.fallback?.();
    if (!replacement) {
      this.inFlight = undefined;
      if (this.newest) {
        this.result = { plan: this.newest.plan, findings: [failureFinding(reason)] };
        for (const listener of this.listeners) listener(this.result);
      }
      return;
    }
    // Start over on the replacement: it holds nothing, so the next update carries the whole plan.
    console.warn(`The checker's worker stopped (${reason}); checking on the editor's thread instead.`);
    this.transport = replacement;
    this.attach(replacement);
    this.sender.reset();
    this.inFlight = undefined;
    this.waiting = undefined;
    if (this.newest) this.send(this.newest);
  }
}

/** A check that could not run is itself a finding: the user sees it where findings are, and their work is untouched. */
function failureFinding(reason: string): Finding {
  return {
    code: 'engine/rule-failed',
    severity: 'error',
    subjects: [],
    message: `The checks could not run: ${reason}.`,
    fix: 'Report this with the plan file; your plan is unchanged and is checked again after the next edit.',
  };
}
