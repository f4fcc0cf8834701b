/**
 * The checker behind the transport: the worker's copy of the plan (kept by identity, see
 * ./plan-transfer) and the incremental checker over it. The worker runs it; so does the
 * editor's thread when no worker can start.
 */
import { createChecker } from '../../shared/checks';
import type { Finding } from '../../shared/checks/types';
import type { CheckReply, CheckRequest } from './check-client';
import { PlanReceiver } from './plan-transfer';

export function createCheckerHost(): (request: CheckRequest) => CheckReply {
  const receiver = new PlanReceiver();
  const checker = createChecker();
  let findings: Finding[] = [];
  return ({ seq, update }) => {
    try {
      // No update: nothing the checks read has changed (a box was moved), so the answer stands.
      if (update) findings = checker.check(receiver.apply(update));
      return { seq, findings };
    } catch (error) {
      return { seq, failure: error instanceof Error ? error.message : String(error) };
    }
  };
}
