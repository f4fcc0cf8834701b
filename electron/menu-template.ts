/**
 * The native menu, as data. The app's commands, their names, keys and places come from the
 * command table (shared/commands.ts), which the renderer's toolbar and keys read too. Every
 * app command is sent to the renderer as a MenuCommand (the renderer owns the document and
 * its undo history); only window and app chores (quit, minimise, dev tools) use Electron's
 * built-in roles. Item ids are the command names, so tests and e2e can find them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, isCanvasKey, shortcutsFor, type MenuName } from '../shared/commands';
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

  const openRecent: MenuItemConstructorOptions = {
    id: 'open-recent',
    label: 'Open Recent',
    submenu: [
      ...(recent.length === 0
        ? [{ label: 'No Recent Files', enabled: false }]
        : recent.map((file) => ({ label: file.displayName, click: () => send('open-document', { handle: file.handle }) }))),
      { type: 'separator' },
      { id: 'clear-recent', label: 'Clear Recent', enabled: recent.length > 0 && input.clearRecent !== undefined, click: () => input.clearRecent?.() },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      ...commandItems('file', mac, send, { after: 'open', item: openRecent }),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = { label: '&Edit', submenu: commandItems('edit', mac, send) };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...commandItems('view', mac, send),
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
      ...commandItems('help', mac, send),
      ...(examples.length > 0 ? [{ type: 'separator' } as const] : []),
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

/**
 * The table's commands of one menu, in table order, a separator between groups. The first
 * shortcut is the item's accelerator; other shortcuts with Ctrl, Cmd or Alt become hidden
 * twins (Electron gives an item one accelerator). A canvas key (no Ctrl, Cmd or Alt) is shown
 * but not registered, since Electron would fire it while the user types in a field; macOS has
 * no such switch, so there a canvas key that types a character is left out of the menu.
 */
function commandItems(
  name: MenuName,
  mac: boolean,
  send: MenuTemplateInput['send'],
  insert?: { after: string; item: MenuItemConstructorOptions },
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  let group: number | undefined;
  for (const spec of COMMANDS) {
    if (spec.menu?.name !== name) continue;
    if (group !== undefined && spec.menu.group !== group) items.push({ type: 'separator' });
    group = spec.menu.group;
    const id = spec.id as MenuCommand;
    const keys = shortcutsFor(spec, mac ? 'mac' : 'other', 'menu').filter((k) => !(mac && isCanvasKey(k) && typesCharacter(k)));
    const [shown, ...alternatives] = keys;
    items.push({
      id,
      label: spec.menuLabel ?? spec.label,
      click: () => send(id),
      ...(shown ? { accelerator: shown, ...(isCanvasKey(shown) ? { registerAccelerator: false } : {}) } : {}),
    });
    alternatives
      .filter((k) => !isCanvasKey(k))
      .forEach((accelerator, i) => {
        items.push({
          id: `${id}-alternative${i > 0 ? `-${i + 1}` : ''}`,
          label: spec.menuLabel ?? spec.label,
          accelerator,
          visible: false,
          click: () => send(id),
        });
      });
    if (insert?.after === id) items.push(insert.item);
  }
  return items;
}

/** A key that puts a character in a field ('F', 'Shift+L'), as opposed to Delete or Backspace. */
function typesCharacter(keys: string): boolean {
  return (keys.split('+').pop() ?? '').length === 1;
}
