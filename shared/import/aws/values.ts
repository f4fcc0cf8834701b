/** How the AWS CLI prints the values every family reads: Name tags, states, zones and regions. */

export function nameTag(tags: ReadonlyArray<{ Key: string; Value: string }> | undefined): string | undefined {
  const value = tags?.find((t) => t.Key === 'Name')?.Value;
  return value === undefined || value === '' ? undefined : value;
}

export const lower = (s: string | undefined) => (s ?? '').toLowerCase();
/** States after which the object no longer exists (EC2 API reference, the State enums). */
export const GONE = new Set(['deleted', 'deleting', 'failed', 'failing', 'rejected', 'rejecting', 'expired', 'disassociated', 'disassociating']);

/** us-east-1a -> us-east-1; us-west-2-lax-1a (a Local Zone) -> us-west-2. */
export function regionOfZone(zone: string | undefined): string | undefined {
  return zone === undefined ? undefined : /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)/.exec(zone)?.[1];
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
  return best;
}
