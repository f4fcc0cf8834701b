import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { COMMANDS, commandForKey, parseKeys, shortcutText, shownShortcut, type CommandId, type KeyPress, type Platform } from '../shared/commands';
import { MENU_COMMANDS, type MenuCommand } from '../shared/host';
import { buildMenuTemplate } from './menu-template';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const recent = [
  { handle: '11111111-1111-4111-8111-111111111111', displayName: 'hub.vpcplan.json' },
  { handle: '22222222-2222-4222-8222-222222222222', displayName: 'tiers.vpcplan.json' },
];

/** `undefined`: the command is in the menu without a key. */
const expectedAccelerators: Record<Exclude<MenuCommand, 'open-document'>, { darwin?: string; linux?: string; win32?: string }> = {
  new: { darwin: 'CmdOrCtrl+N', linux: 'CmdOrCtrl+N', win32: 'CmdOrCtrl+N' },
  open: { darwin: 'CmdOrCtrl+O', linux: 'CmdOrCtrl+O', win32: 'CmdOrCtrl+O' },
  save: { darwin: 'CmdOrCtrl+S', linux: 'CmdOrCtrl+S', win32: 'CmdOrCtrl+S' },
  'save-as': { darwin: 'CmdOrCtrl+Shift+S', linux: 'CmdOrCtrl+Shift+S', win32: 'CmdOrCtrl+Shift+S' },
  export: { darwin: 'CmdOrCtrl+E', linux: 'CmdOrCtrl+E', win32: 'CmdOrCtrl+E' },
  import: { darwin: 'CmdOrCtrl+I', linux: 'CmdOrCtrl+I', win32: 'CmdOrCtrl+I' },
  compare: {},
  practice: {},
  undo: { darwin: 'CmdOrCtrl+Z', linux: 'CmdOrCtrl+Z', win32: 'CmdOrCtrl+Z' },
  redo: { darwin: 'CmdOrCtrl+Shift+Z', linux: 'Ctrl+Y', win32: 'Ctrl+Y' },
  cut: { darwin: 'CmdOrCtrl+X', linux: 'CmdOrCtrl+X', win32: 'CmdOrCtrl+X' },
  copy: { darwin: 'CmdOrCtrl+C', linux: 'CmdOrCtrl+C', win32: 'CmdOrCtrl+C' },
  paste: { darwin: 'CmdOrCtrl+V', linux: 'CmdOrCtrl+V', win32: 'CmdOrCtrl+V' },
  duplicate: { darwin: 'CmdOrCtrl+D', linux: 'CmdOrCtrl+D', win32: 'CmdOrCtrl+D' },
  delete: { darwin: 'Backspace', linux: 'Delete', win32: 'Delete' },
  'select-all': { darwin: 'CmdOrCtrl+A', linux: 'CmdOrCtrl+A', win32: 'CmdOrCtrl+A' },
  // Canvas keys (the toolbar's F and Shift+L): shown on Windows and Linux, not taken on macOS (see the test below).
  'zoom-to-fit': { linux: 'F', win32: 'F' },
  'auto-layout': { linux: 'Shift+L', win32: 'Shift+L' },
  'connect-selected': { linux: 'C', win32: 'C' },
  settings: { darwin: 'CmdOrCtrl+,', linux: 'CmdOrCtrl+,', win32: 'CmdOrCtrl+,' },
  'show-shortcuts': { linux: '?', win32: '?' },
  'route-lines': { linux: 'R', win32: 'R' },
};

describe('buildMenuTemplate', () => {
  for (const platform of ['darwin', 'linux', 'win32'] as const) {
    it(`on ${platform}, has every command with its accelerator, and clicking sends it`, () => {
      const send = vi.fn();
      const items = flatten(buildMenuTemplate({ platform, recent, send }));
      for (const [command, accelerators] of Object.entries(expectedAccelerators)) {
        const item = items.find((i) => i.id === command);
        expect(item, command).toBeDefined();
        expect(item?.accelerator, command).toBe(accelerators[platform]);
        send.mockClear();
        item?.click?.(undefined as never, undefined, undefined as never);
        expect(send).toHaveBeenCalledWith(command);
      }
    });
  }

  it('covers every MenuCommand', () => {
    const items = flatten(buildMenuTemplate({ platform: 'linux', recent, send: () => undefined, examples: recent }));
    const ids = new Set(items.map((i) => i.id));
    for (const command of MENU_COMMANDS.filter((c) => c !== 'open-document')) expect(ids, command).toContain(command);
    expect(Object.keys(expectedAccelerators).sort()).toEqual(MENU_COMMANDS.filter((c) => c !== 'open-document').sort());
  });

  it('lists Import…, Export… and Compare with… in the File menu, after saving', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const menu = buildMenuTemplate({ platform, recent, send: () => undefined });
      const file = menu.find((m) => m.label === '&File')!;
      const labels = (file.submenu as MenuItemConstructorOptions[]).map((i) => i.label ?? i.type ?? i.role);
      expect(labels.slice(labels.indexOf('Save As…'))).toEqual(expect.arrayContaining(['Import…', 'Export…', 'Compare with…']));
      expect(labels.indexOf('Import…')).toBeLessThan(labels.indexOf('Export…'));
      expect(labels.indexOf('Export…')).toBeLessThan(labels.indexOf('Compare with…'));
    }
  });

  it('gives no two items the same accelerator', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const accelerators = flatten(buildMenuTemplate({ platform, recent, send: () => undefined }))
        .map((i) => i.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });

  it('has the macOS app menu and Window menu only on darwin, and Quit in File elsewhere', () => {
    const mac = buildMenuTemplate({ platform: 'darwin', recent, send: () => undefined });
    expect(mac.map((m) => m.label ?? m.role)).toEqual(['VPC Planner', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    expect(flatten(mac[0]!.submenu as MenuItemConstructorOptions[]).map((i) => i.role)).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
    const macFile = flatten([mac[1]!]);
    expect(macFile.some((i) => i.role === 'quit')).toBe(false);

    const linux = buildMenuTemplate({ platform: 'linux', recent, send: () => undefined });
    expect(linux.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(flatten([linux[0]!]).find((i) => i.role === 'quit')?.accelerator).toBe('CmdOrCtrl+Q');
  });

  it('on Windows and Linux, Ctrl+Shift+Z also redoes through a hidden item', () => {
    const send = vi.fn();
    const items = flatten(buildMenuTemplate({ platform: 'win32', recent, send }));
    const twin = items.find((i) => i.id === 'redo-alternative');
    expect(twin).toMatchObject({ accelerator: 'Ctrl+Shift+Z', visible: false });
    twin?.click?.(undefined as never, undefined, undefined as never);
    expect(send).toHaveBeenCalledWith('redo');
    expect(flatten(buildMenuTemplate({ platform: 'darwin', recent, send })).some((i) => i.id === 'redo-alternative')).toBe(false);
  });

  it('lists recent files, which open by handle, and can be cleared', () => {
    const send = vi.fn();
    const clearRecent = vi.fn();
    const items = flatten(buildMenuTemplate({ platform: 'linux', recent, send, clearRecent }));
    const entry = items.find((i) => i.label === 'tiers.vpcplan.json');
    entry?.click?.(undefined as never, undefined, undefined as never);
    expect(send).toHaveBeenCalledWith('open-document', { handle: recent[1]!.handle });
    const clear = items.find((i) => i.id === 'clear-recent');
    expect(clear?.enabled).toBe(true);
    clear?.click?.(undefined as never, undefined, undefined as never);
    expect(clearRecent).toHaveBeenCalledOnce();

    const empty = flatten(buildMenuTemplate({ platform: 'linux', recent: [], send }));
    expect(empty.find((i) => i.label === 'No Recent Files')?.enabled).toBe(false);
    expect(empty.find((i) => i.id === 'clear-recent')?.enabled).toBe(false);
  });

  it('shows dev tools and reload only in dev', () => {
    const roles = (isDev: boolean) => flatten(buildMenuTemplate({ platform: 'linux', recent, send: () => undefined, isDev })).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('offers the bundled examples under Help', () => {
    const send = vi.fn();
    const items = flatten(buildMenuTemplate({ platform: 'linux', recent: [], examples: [recent[0]!], send }));
    items.find((i) => i.label === 'Open Example: hub.vpcplan.json')?.click?.(undefined as never, undefined, undefined as never);
    expect(send).toHaveBeenCalledWith('open-document', { handle: recent[0]!.handle });
  });
});

describe('the native menu and the page keys', () => {
  const platforms = [
    ['darwin', 'mac'],
    ['linux', 'other'],
    ['win32', 'other'],
  ] as const;
  /** The command a menu item runs: its id, or its hidden twin's. */
  const commandOf = (item: MenuItemConstructorOptions) => COMMANDS.find((c) => item.id === c.id || item.id?.startsWith(`${c.id}-alternative`));
  const press = (keys: string, platform: Platform): KeyPress => {
    const chord = parseKeys(keys);
    const single = chord.key.length === 1;
    return {
      key: single ? (chord.shift ? chord.key.toUpperCase() : chord.key.toLowerCase()) : chord.key,
      code: single ? `Key${chord.key.toUpperCase()}` : chord.key,
      ctrlKey: chord.command && platform === 'other',
      metaKey: chord.command && platform === 'mac',
      altKey: chord.alt,
      shiftKey: chord.shift,
    };
  };

  for (const [os, platform] of platforms) {
    it(`on ${os}, come from one table: each menu key runs the same command in the page, and the toolbar shows the menu's key`, () => {
      const items = flatten(buildMenuTemplate({ platform: os, recent, send: () => undefined })).filter((i) => i.accelerator && commandOf(i));
      expect(items.length).toBeGreaterThan(10);
      for (const item of items) {
        const spec = commandOf(item)!;
        const keys = String(item.accelerator);
        // A browser keeps Ctrl+N for itself: that one is the menu's only.
        const menuOnly = spec.shortcuts.some((s) => s.keys === keys && s.only === 'menu');
        // With the diagram focused: Delete acts only there.
        expect(commandForKey(press(keys, platform), platform, { typing: false, canvas: true }), `${os} ${keys}`).toBe(menuOnly ? undefined : spec.id);
        if (!menuOnly && item.visible !== false) expect(shownShortcut(spec.id as CommandId, platform), `${os} ${spec.id}`).toBe(shortcutText(keys, platform));
      }
    });
  }

  it('shows canvas keys (no Ctrl, Cmd or Alt) without registering them, so typing in a field never runs them', () => {
    for (const [os] of platforms) {
      const canvasItems = flatten(buildMenuTemplate({ platform: os, recent, send: () => undefined })).filter(
        (i) => i.accelerator && commandOf(i) && !/(CmdOrCtrl|Ctrl|Cmd|Alt)\+/.test(String(i.accelerator)),
      );
      expect(canvasItems.length, os).toBeGreaterThan(0);
      for (const item of canvasItems) expect(item.registerAccelerator, `${os} ${item.id}`).toBe(false);
      // macOS cannot show a key without taking it: keys that type a character stay out of its menu.
      if (os === 'darwin') expect(canvasItems.map((i) => i.accelerator)).toEqual(['Backspace']);
    }
  });
});
