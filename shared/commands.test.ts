import { describe, expect, it } from 'vitest';
import {
  COMMANDS, commandForKey, parseKeys, shortcutsFor, shortcutText, shownShortcut, type KeyChord, type KeyPress, type Platform,
} from './commands';
import { MENU_COMMANDS } from './host';

/** The key press a user makes for this chord on this platform. */
function pressFor(chord: KeyChord, platform: Platform): KeyPress {
  const single = chord.key.length === 1;
  return {
    key: single ? (chord.shift ? chord.key.toUpperCase() : chord.key.toLowerCase()) : chord.key,
    code: single ? (/[0-9]/.test(chord.key) ? `Digit${chord.key}` : `Key${chord.key.toUpperCase()}`) : chord.key,
    ctrlKey: chord.command && platform === 'other', metaKey: chord.command && platform === 'mac', altKey: chord.alt, shiftKey: chord.shift,
  };
}

const chordKey = (c: KeyChord) => `${c.command}|${c.alt}|${c.shift}|${c.key.toLowerCase()}`;
const none = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };

describe('the command table', () => {
  it('names each command once', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
  });

  for (const platform of ['mac', 'other'] as const) {
    for (const where of ['menu', 'page'] as const) {
      it(`gives no key to two commands (${platform}, ${where})`, () => {
        const owner = new Map<string, string>();
        for (const spec of COMMANDS) {
          for (const keys of shortcutsFor(spec, platform, where)) {
            const key = chordKey(parseKeys(keys));
            expect(owner.get(key), `${keys}: ${spec.id} and ${owner.get(key)}`).toBeUndefined();
            owner.set(key, spec.id);
          }
        }
      });
    }

    it(`on ${platform}, every key of the page runs its command`, () => {
      for (const spec of COMMANDS) {
        for (const keys of shortcutsFor(spec, platform, 'page')) expect(commandForKey(pressFor(parseKeys(keys), platform), platform, false), keys).toBe(spec.id);
      }
    });
  }

  it('puts every menu command, and only those, in a native menu', () => {
    const inMenu = COMMANDS.filter((c) => c.menu).map((c) => c.id).sort();
    expect(inMenu).toEqual(MENU_COMMANDS.filter((c) => c !== 'open-document').sort());
  });

  it('has one zoom-to-fit key, F, everywhere', () => {
    for (const platform of ['mac', 'other'] as const) {
      const spec = COMMANDS.find((c) => c.id === 'zoom-to-fit')!;
      expect(shortcutsFor(spec, platform, 'menu')).toEqual(['F']);
      expect(shortcutsFor(spec, platform, 'page')).toEqual(['F']);
      expect(shownShortcut('zoom-to-fit', platform)).toBe('F');
    }
  });
});

describe('keys in the page', () => {
  it('leaves a field its keys, except the file commands', () => {
    const ctrl = (key: string, shiftKey = false): KeyPress => ({ ...none, key, code: `Key${key.toUpperCase()}`, ctrlKey: true, shiftKey });
    expect(commandForKey(ctrl('s'), 'other', true)).toBe('save');
    expect(commandForKey(ctrl('S', true), 'other', true)).toBe('save-as');
    expect(commandForKey(ctrl('z'), 'other', true)).toBeUndefined();
    expect(commandForKey(ctrl('z'), 'other', false)).toBe('undo');
    expect(commandForKey({ ...none, key: 'f', code: 'KeyF' }, 'other', true)).toBeUndefined();
    expect(commandForKey({ ...none, key: 'Delete', code: 'Delete' }, 'other', true)).toBeUndefined();
  });

  it('tells canvas keys apart by Shift: L adds a service network, Shift+L lays out', () => {
    expect(commandForKey({ ...none, key: 'l', code: 'KeyL' }, 'other', false)).toBe('add-service-network');
    expect(commandForKey({ ...none, key: 'L', code: 'KeyL', shiftKey: true }, 'other', false)).toBe('auto-layout');
    // Caps Lock: an upper-case key without Shift is still the plain key.
    expect(commandForKey({ ...none, key: 'V', code: 'KeyV' }, 'other', false)).toBe('add-vpc');
  });

  it('finds Alt+N by the physical key, since Option+N types a character on a Mac', () => {
    expect(commandForKey({ ...none, key: '˜', code: 'KeyN', altKey: true }, 'mac', true)).toBe('new');
  });

  it('redoes with Ctrl+Y and Ctrl+Shift+Z on Windows and Linux, Cmd+Shift+Z on a Mac', () => {
    expect(commandForKey({ ...none, key: 'y', code: 'KeyY', ctrlKey: true }, 'other', false)).toBe('redo');
    expect(commandForKey({ ...none, key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true }, 'other', false)).toBe('redo');
    expect(commandForKey({ ...none, key: 'Z', code: 'KeyZ', metaKey: true, shiftKey: true }, 'mac', false)).toBe('redo');
  });

  it('shows keys the way each platform writes them', () => {
    expect(shortcutText('CmdOrCtrl+Shift+S', 'mac')).toBe('⌘Shift+S');
    expect(shortcutText('CmdOrCtrl+Shift+S', 'other')).toBe('Ctrl+Shift+S');
    expect(shortcutText('Shift+L', 'other')).toBe('Shift+L');
    expect(shownShortcut('new', 'other')).toBe('Alt+N');
    expect(shownShortcut('redo', 'other')).toBe('Ctrl+Y');
    expect(shownShortcut('delete', 'mac')).toBe('Backspace');
    expect(shownShortcut('compare', 'other')).toBeUndefined();
  });

  it('refuses a key with a modifier it does not know', () => {
    expect(() => parseKeys('Hyper+K')).toThrow(/unknown modifier "Hyper"/);
  });
});
