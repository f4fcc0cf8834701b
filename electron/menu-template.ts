/**
 * The native menu, as data. Every app command is sent to the renderer as a MenuCommand
 * (the renderer owns the document and its undo history); only window and app chores
 * (quit, minimise, dev tools) use Electron's built-in roles. Item ids are the command
 * names, so tests and e2e can find them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuCommandDetail, RecentFile } from '../shared/host';

export interface MenuTemplateInput {
  platform: NodeJS.Platform;
  recent: readonly RecentFile[];
  /** Bundled examples, by handle. */
  examples?: readonly RecentFile[];
  send: (command: MenuCommand, detail?: MenuCommandDetail) => void;
  clearRecent?: () => void;
  /** Dev tools and reload only when developing. */
  isDev?: boolean;
  appName?: string;
}

export function buildMenuTemplate(input: MenuTemplateInput): MenuItemConstructorOptions[] {
  const { platform, recent, send } = input;
  const mac = platform === 'darwin';
  const appName = input.appName ?? 'VPC Planner';
  const command = (id: MenuCommand, label: string, accelerator?: string, extra: Partial<MenuItemConstructorOptions> = {}): MenuItemConstructorOptions => ({
    id,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(id),
    ...extra,
  });

  const openRecent: MenuItemConstructorOptions = {
    id: 'open-recent',
    label: 'Open Recent',
    submenu: [
      ...(recent.length === 0 ? [{ label: 'No Recent Files', enabled: false }] : recent.map((file) => ({ label: file.displayName, click: () => send('open-document', { handle: file.handle }) }))),
      { type: 'separator' },
      { id: 'clear-recent', label: 'Clear Recent', enabled: recent.length > 0 && input.clearRecent !== undefined, click: () => input.clearRecent?.() },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('new', 'New Plan', 'CmdOrCtrl+N'),
      command('open', 'Open…', 'CmdOrCtrl+O'),
      openRecent,
      { type: 'separator' },
      command('save', 'Save', 'CmdOrCtrl+S'),
      command('save-as', 'Save As…', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      command('import', 'Import…', 'CmdOrCtrl+I'),
      command('export', 'Export…', 'CmdOrCtrl+E'),
      command('compare', 'Compare with…'),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      command('undo', 'Undo', 'CmdOrCtrl+Z'),
      // Windows and Linux users expect Ctrl+Y; Ctrl+Shift+Z still works there through a hidden twin.
      command('redo', 'Redo', mac ? 'CmdOrCtrl+Shift+Z' : 'Ctrl+Y'),
      ...(mac ? [] : [command('redo', 'Redo', 'Ctrl+Shift+Z', { id: 'redo-alternative', visible: false })]),
      { type: 'separator' },
      command('cut', 'Cut', 'CmdOrCtrl+X'),
      command('copy', 'Copy', 'CmdOrCtrl+C'),
      command('paste', 'Paste', 'CmdOrCtrl+V'),
      command('duplicate', 'Duplicate', 'CmdOrCtrl+D'),
      // The Mac key labelled "delete" is Backspace.
      command('delete', 'Delete', mac ? 'Backspace' : 'Delete'),
      { type: 'separator' },
      command('select-all', 'Select All', 'CmdOrCtrl+A'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('zoom-to-fit', 'Zoom to Fit', 'CmdOrCtrl+1'),
      command('auto-layout', 'Auto Layout', 'CmdOrCtrl+Shift+L'),
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(input.isDev ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const examples = input.examples ?? [];
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      ...examples.map((example) => ({ label: `Open Example: ${example.displayName}`, click: () => send('open-document', { handle: example.handle }) })),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about', label: `About ${appName}` } as const]),
    ],
  };

  const window: MenuItemConstructorOptions = { role: 'windowMenu' };

  if (!mac) return [file, edit, view, help];
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about', label: `About ${appName}` },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit', label: `Quit ${appName}` },
    ],
  };
  return [appMenu, file, edit, view, window, help];
}
