/**
 * The IPC contract: for every channel, a zod schema of its arguments, and the only way
 * the main process registers a handler, `handleValidated`, which checks who is calling
 * (the app's own page, in its top frame) and parses the arguments before the handler
 * runs. A bad call is refused with an error that says which argument and why, and never
 * reaches the handler (Electron security checklist: "Validate the sender of all IPC
 * messages"; VS Code's validated IPC).
 */
import { z } from 'zod';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { MENU_COMMANDS, type VpcHost } from '../shared/host';
import { MAX_PLAN_BYTES } from '../shared/plan/load';
import { CHANNELS, TEXT_FIELD_COMMANDS, type HostOperation, type Operation } from './ipc-channels';

export { CHANNELS, TEXT_FIELD_COMMANDS, type HostOperation, type Operation, type TextFieldCommand } from './ipc-channels';

/** Generous for a PNG of a large diagram, small enough that a runaway renderer cannot exhaust memory. */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

// Handles are the UUIDs DocumentHandles mints; anything else was not issued by us.
const handle = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'is not a document handle issued by this app');
const planText = z.string().max(MAX_PLAN_BYTES, `is larger than a plan file may be (${MAX_PLAN_BYTES / 1048576} MB)`);
// Only ever a suggestion for the save dialog, but a name, not a path: no folders, no control characters.
const fileName = z
  .string()
  .min(1, 'is empty')
  .max(255, 'is longer than 255 characters')
  .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'must be a file name without folders or the characters / \\ : * ? " < > |')
  .refine((name) => name !== '.' && name !== '..', 'must be a file name, not . or ..');
const displayName = z.string().min(1, 'is empty').max(255, 'is longer than 255 characters');
const mimeType = z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'is not a MIME type such as "image/png"');
const exportData = z.union(
  [
    z.string().max(MAX_EXPORT_BYTES, 'is larger than an export may be'),
    z.custom<Uint8Array>((value) => value instanceof Uint8Array).refine((bytes) => bytes.byteLength <= MAX_EXPORT_BYTES, 'is larger than an export may be'),
  ],
  { error: 'should be text or bytes (a string or a Uint8Array)' },
);
// The report embeds the diagram as a data: image, so it can be as large as an image export.
const reportHtml = z.string().min(1, 'is empty').max(MAX_EXPORT_BYTES, 'is larger than an export may be');

export const PAYLOAD_SCHEMAS = {
  openPlanFile: z.tuple([]),
  openRecent: z.tuple([handle]),
  listRecent: z.tuple([]),
  savePlanFile: z.tuple([planText, handle.optional(), z.strictObject({ overwriteChangesOnDisk: z.boolean().optional() }).optional()]),
  savePlanFileAs: z.tuple([planText, fileName]),
  exportFile: z.tuple([fileName, exportData, mimeType]),
  exportReportPdf: z.tuple([reportHtml, fileName.refine((name) => /\.pdf$/i.test(name), 'must end in .pdf')]),
  writeRecovery: z.tuple([planText.optional(), displayName.optional()]),
  readRecovery: z.tuple([]),
  initialDocument: z.tuple([]),
  confirmDiscardChanges: z.tuple([displayName]),
  setDocumentState: z.tuple([z.strictObject({ displayName, dirty: z.boolean() })]),
  onMenuCommand: z.tuple([z.enum(MENU_COMMANDS), z.strictObject({ handle }).optional()]),
  editFocusedField: z.tuple([z.enum(TEXT_FIELD_COMMANDS)]),
} satisfies Record<Operation, z.ZodType>;

/** Argument names for error messages, in the order VpcHost declares them. */
const ARGUMENT_NAMES: Record<Operation, readonly string[]> = {
  openPlanFile: [],
  openRecent: ['handle'],
  listRecent: [],
  savePlanFile: ['text', 'handle', 'options'],
  savePlanFileAs: ['text', 'suggestedName'],
  exportFile: ['suggestedName', 'data', 'mimeType'],
  exportReportPdf: ['html', 'suggestedName'],
  writeRecovery: ['text', 'displayName'],
  readRecovery: [],
  initialDocument: [],
  confirmDiscardChanges: ['displayName'],
  setDocumentState: ['state'],
  onMenuCommand: ['command', 'detail'],
  editFocusedField: ['command'],
};

export type InvokeOperation = Exclude<Operation, 'onMenuCommand'>;
export type PayloadOf<Op extends Operation> = z.infer<(typeof PAYLOAD_SCHEMAS)[Op]>;
/** What the handler must return: exactly what the VpcHost method resolves to. */
export type ResultOf<Op extends InvokeOperation> = Op extends HostOperation ? Awaited<ReturnType<VpcHost[Op]>> : void;

// Compile-time proof that each schema accepts every call VpcHost allows, and nothing of
// another shape (optionality aside: a trailing undefined is trimmed before parsing).
type Same<Payload, Params> = [Params] extends [Payload] ? ([Required<Payload>] extends [Required<Params>] ? true : false) : false;
type SchemasMatchHost = { [Op in Exclude<HostOperation, 'onMenuCommand'>]: Same<PayloadOf<Op>, Parameters<VpcHost[Op]>> };
const schemasMatchHost: SchemasMatchHost = {
  openPlanFile: true,
  openRecent: true,
  listRecent: true,
  savePlanFile: true,
  savePlanFileAs: true,
  exportFile: true,
  exportReportPdf: true,
  writeRecovery: true,
  readRecovery: true,
  initialDocument: true,
  confirmDiscardChanges: true,
  setDocumentState: true,
};
void schemasMatchHost;

/** Where the app's page comes from; anything else calling in is refused. */
export interface SenderPolicy {
  /** The app's page: app://vpc-planner/index.html (app-protocol.ts). */
  appIndexUrl: string;
  /** Dev only: the Vite server, e.g. "http://localhost:5173". Must be localhost. */
  devServerOrigin?: string;
}

export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Why a sender is not trusted, or undefined when it is. */
export function untrustedSenderReason(frame: SenderFrame | null | undefined, policy: SenderPolicy): string | undefined {
  if (!frame) return 'the calling frame has gone';
  // Iframes never get host access, even from our own origin.
  if (frame.parent !== null) return 'it came from a subframe, not the app window';
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return `its URL "${frame.url}" is not a URL`;
  }
  const app = new URL(policy.appIndexUrl);
  // Same scheme, host and page; a query (?restore=draft after a crash) or fragment does not matter.
  if (url.protocol === app.protocol && url.host === app.host && samePath(url.pathname, app.pathname)) return undefined;
  if (policy.devServerOrigin && isLocalDevOrigin(policy.devServerOrigin) && url.origin === new URL(policy.devServerOrigin).origin) return undefined;
  // Only http(s) URLs have an origin worth naming; for file: and app: the page is the point.
  const where = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : `${url.protocol}//${url.host}${url.pathname}`;
  return `it came from ${where}, which is not the app's own page`;
}

function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}

export function isLocalDevOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** Parses a call's arguments; the error names the channel, the argument and the problem. */
export function parsePayload<Op extends Operation>(operation: Op, args: unknown[]): { ok: true; value: PayloadOf<Op> } | { ok: false; error: string } {
  const schema = PAYLOAD_SCHEMAS[operation] as unknown as z.ZodType<PayloadOf<Op>>;
  // An omitted trailing optional argument and an explicit undefined mean the same thing.
  const trimmed = [...args];
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
  const parsed = schema.safeParse(trimmed);
  if (parsed.success) return { ok: true, value: parsed.data };
  const names = ARGUMENT_NAMES[operation];
  const problems = parsed.error.issues.slice(0, 3).map((issue) => {
    const [index, ...rest] = issue.path;
    if (typeof index !== 'number') {
      return issue.code === 'too_big' || issue.code === 'too_small'
        ? `expected ${names.length === 0 ? 'no arguments' : `arguments (${names.join(', ')})`}, got ${args.length}`
        : issue.message;
    }
    const where = `${names[index] ?? `argument ${index + 1}`}${rest.length ? `.${rest.join('.')}` : ''}`;
    return `${where} ${inWords(issue.message)}`;
  });
  return { ok: false, error: `${CHANNELS[operation]} refused: ${problems.join('; ')}` };
}

/** zod's default messages, phrased to follow the argument's name. */
function inWords(message: string): string {
  const typeMismatch = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (typeMismatch) return `should be ${typeMismatch[1] === 'array' || typeMismatch[1] === 'object' ? 'an' : 'a'} ${typeMismatch[1]}, not ${typeMismatch[2]}`;
  const unknownKeys = /^Unrecognized keys?: (.*)$/.exec(message);
  if (unknownKeys) return `has unknown field(s) ${unknownKeys[1]}`;
  return message;
}

export class IpcRefusal extends Error {
  override name = 'IpcRefusal';
}

/**
 * The only way to register a handler (scripts/audit-electron.ts enforces it). The handler
 * sees parsed arguments; an untrusted sender or a bad payload throws, which rejects the
 * renderer's invoke() with the message.
 */
export function handleValidated<Op extends InvokeOperation>(
  ipcMain: Pick<IpcMain, 'handle'>,
  policy: SenderPolicy,
  operation: Op,
  handler: (args: PayloadOf<Op>, event: IpcMainInvokeEvent) => Promise<ResultOf<Op>> | ResultOf<Op>,
  log: (message: string) => void = (message) => console.warn(message),
): void {
  ipcMain.handle(CHANNELS[operation], async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    const untrusted = untrustedSenderReason(event.senderFrame, policy);
    if (untrusted) {
      const message = `${CHANNELS[operation]} refused: ${untrusted}`;
      log(message);
      throw new IpcRefusal(message);
    }
    const payload = parsePayload(operation, args);
    if (!payload.ok) {
      log(payload.error);
      throw new IpcRefusal(payload.error);
    }
    return handler(payload.value, event);
  });
}
