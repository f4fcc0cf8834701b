/**
 * Every command of the editor, as data: its names, its keys, where it sits in the native
 * menu, when the toolbar offers it. The native menu (electron/menu-template.ts), the
 * toolbar's tooltips, the in-app File menu and the keyboard handler all read this one table,
 * so a key shown anywhere is the key that works everywhere.
 *
 * Keys are written in Electron's accelerator syntax ('CmdOrCtrl+Shift+S', 'Alt+N', 'F', 'Up').
 * A key without Ctrl, Cmd or Alt is a canvas key: it types text (or deletes it) in a field,
 * so it works only when no field has focus, and the native menu only shows it. A command
 * scoped to the canvas takes its keys only while the diagram has the focus.
 *
 * The shortcut list (`?`) is built from this table too: a key that works is a key listed.
 */
import type { MenuCommand } from './host';

export type PaletteCommand = 'add-vpc' | 'add-subnet' | 'add-nat' | 'add-igw' | 'add-tgw' | 'add-service-network' | 'add-external';
/** Keys of the diagram itself: moving the focus and the selection through it by keyboard. */
export type CanvasCommand =
  | 'focus-next'
  | 'focus-previous'
  | 'select-focused'
  | 'add-focused-to-selection'
  | 'select-none'
  | 'open-inspector'
  | 'move-left'
  | 'move-right'
  | 'move-up'
  | 'move-down';
/** 'open-document' is not a command of its own: it is Open with a file already chosen. */
export type CommandId = Exclude<MenuCommand, 'open-document'> | PaletteCommand | CanvasCommand;

export type Platform = 'mac' | 'other';

export interface Shortcut {
  keys: string;
  /** Only on macOS, or only on Windows and Linux. */
  platform?: Platform;
  /**
   * 'menu': only the native menu has it (a browser keeps Ctrl+N for a new window, so a page
   * never sees it). 'page': only the page handles it (Option+N types a character on a Mac
   * keyboard, so it must not be a menu accelerator there).
   */
  only?: 'menu' | 'page';
}

export type MenuName = 'file' | 'edit' | 'view' | 'help';

/** Where the shortcut list puts a command. */
export type CommandGroup = 'file' | 'edit' | 'view' | 'add' | 'canvas' | 'help';

export interface CommandSpec {
  id: CommandId;
  /** The toolbar button's name (and tooltip). */
  label: string;
  /** The toolbar button's visible text, where it shows one. */
  text?: string;
  /** The name in the native menu and the in-app File menu; the label when not given. */
  menuLabel?: string;
  /** The first shortcut that applies is the one shown; the others are alternatives. */
  shortcuts: readonly Shortcut[];
  /** Its menu, and its group there (groups are separated). */
  menu?: { name: MenuName; group: number };
  /** Its keys also work while typing in a field (the file commands); the others leave their keys to the field. */
  whileTyping?: true;
  /** When the toolbar offers it. */
  enabledWhen?: 'can-undo' | 'can-redo' | 'selection';
  /**
   * 'canvas': its keys act only while the diagram (the canvas, a node or a connection) has the
   * focus. Delete is one: with the focus in the findings list, whose click selected a finding's
   * subjects, the key must not delete them.
   */
  scope?: 'canvas';
  /** The shortcut list's heading for it; the menu's name, else 'add' for the palette. */
  group?: CommandGroup;
  /** What the shortcut list adds to the label ("Shift: 5 × farther"). */
  hint?: string;
}

export const COMMANDS: readonly CommandSpec[] = [
  // A browser keeps Ctrl+N for a new window: the page uses Alt+N, the desktop menu Ctrl+N.
  {
    id: 'new',
    label: 'New',
    menuLabel: 'New Plan',
    shortcuts: [
      { keys: 'CmdOrCtrl+N', only: 'menu' },
      { keys: 'Alt+N', only: 'page' },
    ],
    menu: { name: 'file', group: 0 },
    whileTyping: true,
  },
  { id: 'open', label: 'Open', menuLabel: 'Open…', shortcuts: [{ keys: 'CmdOrCtrl+O' }], menu: { name: 'file', group: 0 }, whileTyping: true },
  { id: 'save', label: 'Save', shortcuts: [{ keys: 'CmdOrCtrl+S' }], menu: { name: 'file', group: 1 }, whileTyping: true },
  {
    id: 'save-as',
    label: 'Save As',
    text: 'Save As',
    menuLabel: 'Save As…',
    shortcuts: [{ keys: 'CmdOrCtrl+Shift+S' }],
    menu: { name: 'file', group: 1 },
    whileTyping: true,
  },
  {
    id: 'import',
    label: 'Import AWS CLI output or CSV',
    text: 'Import',
    menuLabel: 'Import…',
    shortcuts: [{ keys: 'CmdOrCtrl+I' }],
    menu: { name: 'file', group: 2 },
    whileTyping: true,
  },
  {
    id: 'export',
    label: 'Export image, report, Terraform, CSV',
    text: 'Export',
    menuLabel: 'Export…',
    shortcuts: [{ keys: 'CmdOrCtrl+E' }],
    menu: { name: 'file', group: 2 },
    whileTyping: true,
  },
  { id: 'compare', label: 'Compare with another plan', text: 'Compare', menuLabel: 'Compare with…', shortcuts: [], menu: { name: 'file', group: 2 } },

  { id: 'undo', label: 'Undo', shortcuts: [{ keys: 'CmdOrCtrl+Z' }], menu: { name: 'edit', group: 0 }, enabledWhen: 'can-undo' },
  // Windows and Linux users expect Ctrl+Y; Ctrl+Shift+Z works there too.
  {
    id: 'redo',
    label: 'Redo',
    menu: { name: 'edit', group: 0 },
    enabledWhen: 'can-redo',
    shortcuts: [
      { keys: 'CmdOrCtrl+Shift+Z', platform: 'mac' },
      { keys: 'Ctrl+Y', platform: 'other' },
      { keys: 'Ctrl+Shift+Z', platform: 'other' },
    ],
  },
  { id: 'cut', label: 'Cut', shortcuts: [{ keys: 'CmdOrCtrl+X' }], menu: { name: 'edit', group: 1 } },
  { id: 'copy', label: 'Copy', shortcuts: [{ keys: 'CmdOrCtrl+C' }], menu: { name: 'edit', group: 1 } },
  { id: 'paste', label: 'Paste', shortcuts: [{ keys: 'CmdOrCtrl+V' }], menu: { name: 'edit', group: 1 } },
  { id: 'duplicate', label: 'Duplicate', shortcuts: [{ keys: 'CmdOrCtrl+D' }], menu: { name: 'edit', group: 1 }, enabledWhen: 'selection' },
  // The Mac key labelled "delete" is Backspace; elsewhere both keys delete.
  {
    id: 'delete',
    label: 'Delete',
    menu: { name: 'edit', group: 1 },
    enabledWhen: 'selection',
    scope: 'canvas',
    shortcuts: [{ keys: 'Backspace', platform: 'mac' }, { keys: 'Delete' }, { keys: 'Backspace', platform: 'other' }],
  },
  { id: 'select-all', label: 'Select all', menuLabel: 'Select All', shortcuts: [{ keys: 'CmdOrCtrl+A' }], menu: { name: 'edit', group: 2 } },
  {
    id: 'connect-selected',
    label: 'Connect the two selected objects (peering, attachment, association)',
    menuLabel: 'Connect Selected',
    shortcuts: [{ keys: 'C' }],
    menu: { name: 'edit', group: 2 },
    enabledWhen: 'selection',
  },
  { id: 'settings', label: 'Plan settings', menuLabel: 'Plan Settings…', shortcuts: [{ keys: 'CmdOrCtrl+,' }], menu: { name: 'edit', group: 3 } },

  { id: 'zoom-to-fit', label: 'Zoom to fit', menuLabel: 'Zoom to Fit', shortcuts: [{ keys: 'F' }], menu: { name: 'view', group: 0 } },
  { id: 'auto-layout', label: 'Automatic layout', menuLabel: 'Auto Layout', shortcuts: [{ keys: 'Shift+L' }], menu: { name: 'view', group: 0 } },
  {
    id: 'route-lines',
    label: "Route lines: where the selected subnet's or route table's routes go",
    menuLabel: 'Route Lines',
    shortcuts: [{ keys: 'R' }],
    menu: { name: 'view', group: 1 },
  },

  {
    id: 'practice',
    label: 'Practise CIDR maths: short exercises with hints',
    text: 'Practice',
    menuLabel: 'Practice CIDR Maths…',
    shortcuts: [],
    menu: { name: 'help', group: 0 },
  },

  { id: 'add-vpc', label: 'VPC', text: 'VPC', shortcuts: [{ keys: 'V' }] },
  { id: 'add-subnet', label: 'Subnet', text: 'Subnet', shortcuts: [{ keys: 'S' }] },
  { id: 'add-nat', label: 'NAT gateway', text: 'NAT', shortcuts: [{ keys: 'N' }] },
  { id: 'add-igw', label: 'Internet gateway', text: 'IGW', shortcuts: [{ keys: 'I' }] },
  { id: 'add-tgw', label: 'Transit gateway', text: 'TGW', shortcuts: [{ keys: 'T' }] },
  { id: 'add-service-network', label: 'Lattice service network', text: 'Lattice', shortcuts: [{ keys: 'L' }] },
  { id: 'add-external', label: 'On-premises or other-cloud network', text: 'External', shortcuts: [{ keys: 'E' }] },

  // The diagram by keyboard. Tab goes through the nodes in reading order (top left to bottom
  // right), then the connections; the arrows move the selected nodes.
  { id: 'focus-next', label: 'Next object on the canvas', shortcuts: [{ keys: 'Tab' }], scope: 'canvas', hint: 'nodes in reading order, then connections' },
  { id: 'focus-previous', label: 'Previous object on the canvas', shortcuts: [{ keys: 'Shift+Tab' }], scope: 'canvas' },
  { id: 'select-focused', label: 'Select the focused object', shortcuts: [{ keys: 'Space' }], scope: 'canvas' },
  { id: 'add-focused-to-selection', label: 'Add the focused object to the selection (or take it out)', shortcuts: [{ keys: 'Shift+Space' }], scope: 'canvas' },
  { id: 'open-inspector', label: 'Edit the focused object in the inspector', shortcuts: [{ keys: 'Enter' }], scope: 'canvas', hint: 'Escape there comes back' },
  { id: 'select-none', label: 'Clear the selection', shortcuts: [{ keys: 'Escape' }], scope: 'canvas' },
  { id: 'move-left', label: 'Move the selection left', shortcuts: [{ keys: 'Left' }, { keys: 'Shift+Left' }], scope: 'canvas', hint: 'Shift: farther' },
  { id: 'move-right', label: 'Move the selection right', shortcuts: [{ keys: 'Right' }, { keys: 'Shift+Right' }], scope: 'canvas', hint: 'Shift: farther' },
  { id: 'move-up', label: 'Move the selection up', shortcuts: [{ keys: 'Up' }, { keys: 'Shift+Up' }], scope: 'canvas', hint: 'Shift: farther' },
  { id: 'move-down', label: 'Move the selection down', shortcuts: [{ keys: 'Down' }, { keys: 'Shift+Down' }], scope: 'canvas', hint: 'Shift: farther' },

  { id: 'show-shortcuts', label: 'Keyboard shortcuts', menuLabel: 'Keyboard Shortcuts', shortcuts: [{ keys: '?' }], menu: { name: 'help', group: 0 } },
];

const PALETTE: ReadonlySet<CommandId> = new Set<PaletteCommand>([
  'add-vpc',
  'add-subnet',
  'add-nat',
  'add-igw',
  'add-tgw',
  'add-service-network',
  'add-external',
]);

/** The shortcut list's heading for a command. */
export function commandGroup(spec: CommandSpec): CommandGroup {
  if (spec.group) return spec.group;
  if (spec.menu) return spec.menu.name;
  if (PALETTE.has(spec.id)) return 'add';
  return spec.scope === 'canvas' ? 'canvas' : 'view';
}

const BY_ID = new Map(COMMANDS.map((c) => [c.id, c]));

export function commandSpec(id: CommandId): CommandSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new Error(`No command "${id}" in the command table.`);
  return spec;
}

/** The command's shortcuts on this platform, for the native menu or the page, the shown one first. */
export function shortcutsFor(spec: CommandSpec, platform: Platform, where: 'menu' | 'page'): string[] {
  return spec.shortcuts.filter((s) => (s.platform === undefined || s.platform === platform) && (s.only === undefined || s.only === where)).map((s) => s.keys);
}

// ---------------------------------------------------------------- keys

export interface KeyChord {
  /** Ctrl, or Cmd on a Mac ('CmdOrCtrl', 'Ctrl' and 'Cmd' all mean the platform's command key here). */
  command: boolean;
  alt: boolean;
  shift: boolean;
  /** The key itself, as in Electron: 'N', '1', 'Delete', 'Backspace'. */
  key: string;
}

const COMMAND_MODIFIERS = new Set(['cmdorctrl', 'commandorcontrol', 'ctrl', 'control', 'cmd', 'command', 'super', 'meta']);

export function parseKeys(keys: string): KeyChord {
  const parts = keys.split('+');
  const key = parts.pop() ?? '';
  const chord: KeyChord = { command: false, alt: false, shift: false, key };
  for (const part of parts) {
    const modifier = part.toLowerCase();
    if (COMMAND_MODIFIERS.has(modifier)) chord.command = true;
    else if (modifier === 'alt' || modifier === 'option') chord.alt = true;
    else if (modifier === 'shift') chord.shift = true;
    else throw new Error(`"${keys}" has an unknown modifier "${part}".`);
  }
  return chord;
}

/**
 * A key that types (or deletes) text in a field: no Ctrl, Cmd or Alt. The page handles it
 * only outside fields, and the native menu must not take it (Electron fires single-key
 * accelerators while the user types in a field).
 */
export function isCanvasKey(keys: string): boolean {
  const chord = parseKeys(keys);
  return !chord.command && !chord.alt;
}

/** Keys as the shortcut list and tooltips write them: the arrows as arrows. */
const KEY_TEXT: Readonly<Record<string, string>> = { Up: '↑', Down: '↓', Left: '←', Right: '→' };

/** As the user reads it: '⌘S' on a Mac, 'Ctrl+S' elsewhere; canvas keys as they are ('F', 'Shift+L', '↑'). */
export function shortcutText(keys: string, platform: Platform): string {
  const chord = parseKeys(keys);
  const parts = [chord.alt ? 'Alt+' : '', chord.shift ? 'Shift+' : '', KEY_TEXT[chord.key] ?? chord.key].join('');
  if (!chord.command) return parts;
  return platform === 'mac' ? `⌘${parts}` : `Ctrl+${parts}`;
}

/** The shortcut the toolbar and the in-app menus show for a command on this platform. */
export function shownShortcut(id: CommandId, platform: Platform): string | undefined {
  const keys = shortcutsFor(commandSpec(id), platform, 'page')[0];
  return keys === undefined ? undefined : shortcutText(keys, platform);
}

/** A key press as the page sees it (the fields of a DOM KeyboardEvent that matter). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Electron's names for keys whose DOM `KeyboardEvent.key` differs. */
const DOM_KEYS: Readonly<Record<string, string>> = {
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
  Space: ' ',
  Esc: 'Escape',
  Return: 'Enter',
};

/** The DOM `KeyboardEvent.key` of an accelerator's key ('Up' is 'ArrowUp', 'Space' is ' '). */
export function domKey(key: string): string {
  return DOM_KEYS[key] ?? key;
}

/** A punctuation key ('?', ','): the character says which key it is, so Shift is part of it, not a modifier. */
function isPunctuation(key: string): boolean {
  return key.length === 1 && !/[A-Za-z0-9]/.test(key);
}

function matches(chord: KeyChord, press: KeyPress): boolean {
  const shiftMatters = !isPunctuation(chord.key);
  if (chord.command !== (press.ctrlKey || press.metaKey) || chord.alt !== press.altKey || (shiftMatters && chord.shift !== press.shiftKey)) return false;
  // With Alt (Option on a Mac) the key types another character: compare the physical key.
  if (chord.alt && /^[A-Z0-9]$/.test(chord.key)) return press.code === (/[0-9]/.test(chord.key) ? `Digit${chord.key}` : `Key${chord.key}`);
  return press.key.toLowerCase() === domKey(chord.key).toLowerCase();
}

/** Where the focus is when a key is pressed. */
export interface KeyContext {
  /** A text field has the focus: only the file commands take their keys. */
  typing: boolean;
  /** The diagram has the focus: the canvas-scoped commands take their keys. */
  canvas: boolean;
}

/** The command a key press runs in the page, if any. */
export function commandForKey(press: KeyPress, platform: Platform, where: KeyContext): CommandId | undefined {
  for (const spec of COMMANDS) {
    if (where.typing && !spec.whileTyping) continue;
    if (spec.scope === 'canvas' && !where.canvas) continue;
    for (const keys of shortcutsFor(spec, platform, 'page')) if (matches(parseKeys(keys), press)) return spec.id;
  }
  return undefined;
}
