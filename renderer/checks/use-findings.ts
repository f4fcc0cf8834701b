/**
 * The findings the editor shows: those of the newest plan, from the checker's worker. The
 * request goes out after the edit has painted (an effect), so an edit repaints at once and
 * its findings follow; until they come, the previous findings stay and `checking` is true.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Finding } from '../../shared/checks/types';
import type { Plan } from '../../shared/plan/schema';
import { CheckClient } from './check-client';
import { checkTransport } from './transports';

const NO_FINDINGS: readonly Finding[] = [];
let shared: CheckClient | undefined;

/** The page's one check client (one worker), made on first use. */
export function checkClient(): CheckClient {
  if (!shared) {
    const { transport, fallback } = checkTransport();
    shared = new CheckClient(transport, fallback);
    // For the start-up benchmark (bench/startup.bench.ts): when the first findings came.
    const first = shared.subscribe(() => {
      first();
      performance.mark('first-findings');
    });
  }
  return shared;
}

/**
 * `checking`: the findings shown are not yet the plan's (an edit is being checked);
 * `ready`: some plan has been checked (until then there is nothing to show, not "no findings").
 */
export function useFindings(plan: Plan): { findings: readonly Finding[]; checking: boolean; ready: boolean } {
  const client = checkClient();
  useEffect(() => {
    if (performance.getEntriesByName('editor-ready').length === 0) performance.mark('editor-ready');
  }, []);
  useEffect(() => {
    client.check(plan);
  }, [client, plan]);
  const result = useSyncExternalStore(
    (notify) => client.subscribe(notify),
    () => client.latest(),
  );
  return { findings: result?.findings ?? NO_FINDINGS, checking: result?.plan !== plan, ready: result !== undefined };
}
