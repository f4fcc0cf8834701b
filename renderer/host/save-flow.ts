/**
 * Saving a document through the host, with the one question a save can raise: the file
 * changed on disk since it was opened or last saved. The user is asked (Overwrite /
 * Cancel); Overwrite saves again with `overwriteChangesOnDisk`. Kept apart from React so the
 * flow is unit-tested against a fake host.
 */
import type { HostResult, VpcHost } from '../../shared/host';

export const CHANGED_ON_DISK_MESSAGE = 'The file changed on disk since you opened it.';

export type SaveOutcome =
  | { kind: 'saved'; handle: string; displayName: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: string };

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
