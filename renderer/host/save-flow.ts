/**
 * Saving a document through the host, with the one question a save can raise: the file
 * changed on disk since it was opened or last saved. The user is asked (Overwrite /
 * Cancel); Overwrite saves again with `overwriteChangesOnDisk`. Kept apart from React so the
 * flow is unit-tested against a fake host.
 */
import type { HostResult, VpcHost } from '../../shared/host';

export const CHANGED_ON_DISK_MESSAGE = 'The file changed on disk since you opened it.';

export type SaveOutcome = { kind: 'saved'; handle: string; displayName: string } | { kind: 'cancelled' } | { kind: 'failed'; error: string };

export interface SaveRequest {
  text: string;
  /** The document's handle; none = Save As. */
  handle?: string;
  suggestedName: string;
  as: boolean;
}

export async function saveDocument(
  host: Pick<VpcHost, 'savePlanFile' | 'savePlanFileAs'>,
  request: SaveRequest,
  askOverwrite: (displayMessage: string) => Promise<boolean>,
): Promise<SaveOutcome> {
  const asked = request.as || !request.handle;
  let result: HostResult<{ handle: string; displayName: string } | undefined> = asked
    ? await host.savePlanFileAs(request.text, request.suggestedName)
    : await host.savePlanFile(request.text, request.handle);
  if (!result.ok && result.reason === 'changed-on-disk' && !asked) {
    if (!(await askOverwrite(CHANGED_ON_DISK_MESSAGE))) return { kind: 'cancelled' };
    result = await host.savePlanFile(request.text, request.handle, { overwriteChangesOnDisk: true });
  }
  if (!result.ok) return { kind: 'failed', error: result.error };
  if (!result.value) return { kind: 'cancelled' };
  return { kind: 'saved', handle: result.value.handle, displayName: result.value.displayName };
}

/** Every plan file ends so: Open's filter and the desktop's file association look for it. */
export const PLAN_SUFFIX = '.vpcplan.json';

/** Characters no file name may hold on Windows, macOS or Linux, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f]/g;

/**
 * The name Save proposes: the file's own name once it has one, else the plan's name (what
 * the user called it in the inspector), made safe for a file system.
 */
export function suggestedFileName(displayName: string, planName: string): string {
  if (displayName.toLowerCase().endsWith('.json')) return displayName;
  const base = (planName.trim() || displayName.trim() || 'plan').replace(UNSAFE, '-').replace(/\s+/g, ' ').trim();
  return `${base}${PLAN_SUFFIX}`;
}

/** What is wrong with a file name the user typed, in words; undefined when it will do. */
export function fileNameProblem(name: string): string | undefined {
  const base = name.trim();
  if (base === '' || base.toLowerCase() === PLAN_SUFFIX) return 'Enter a name for the file.';
  const unsafe = base.match(UNSAFE);
  if (unsafe) return `A file name cannot contain ${[...new Set(unsafe)].map((c) => (c < ' ' ? 'control characters' : `“${c}”`)).join(' or ')}.`;
  if (/^\.+$/.test(base)) return 'Enter a name for the file.';
  if (base.length > 200) return 'That name is too long: 200 characters at most.';
  return undefined;
}

/** The typed name with the plan suffix: "prod" and "prod.json" both become "prod.vpcplan.json". */
export function withPlanSuffix(name: string): string {
  const base = name.trim();
  if (base.toLowerCase().endsWith(PLAN_SUFFIX)) return base;
  return `${base.replace(/\.json$/i, '')}${PLAN_SUFFIX}`;
}
