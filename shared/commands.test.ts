import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  commandForKey,
  commandGroup,
  domKey,
  parseKeys,
  shortcutsFor,
  shortcutText,
  shownShortcut,
  type KeyChord,
  type KeyContext,
  type KeyPress,
  type Platform,
} from './commands';
import { MENU_COMMANDS } from './host';

/** The key press a user makes for this chord on this platform. */
function pressFor(chord: KeyChord, platform: Platform): KeyPress {
  const single = chord.key.length === 1;
  return {
    key: single ? (chord.shift ? chord.key.toUpperCase() : chord.key.toLowerCase()) : domKey(chord.key),
    code: single ? (/[0-9]/.test(chord.key) ? `Digit${chord.key}` : `Key${chord.key.toUpperCase()}`) : chord.key,
    ctrlKey: chord.command && platform === 'other',
    metaKey: chord.command && platform === 'mac',
    altKey: chord.alt,
    shiftKey: chord.shift,
  };
}

const chordKey = (c: KeyChord) => `${c.command}|${c.alt}|${c.shift}|${c.key.toLowerCase()}`;
const none = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
/** Where the focus is: in a field, on the diagram, or elsewhere (a button, the findings list). */
const TYPING: KeyContext = { typing: true, canvas: false };
const CANVAS: KeyContext = { typing: false, canvas: true };
const ELSEWHERE: KeyContext = { typing: false, canvas: false };

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

    it(`on ${platform}, every key of the page runs its command with the diagram focused`, () => {
      for (const spec of COMMANDS) {
        for (const keys of shortcutsFor(spec, platform, 'page'))
          expect(commandForKey(pressFor(parseKeys(keys), platform), platform, CANVAS), keys).toBe(spec.id);
      }
    });

    it(`on ${platform}, the canvas-scoped keys do nothing while the focus is elsewhere, the others still work`, () => {
      for (const spec of COMMANDS) {
        for (const keys of shortcutsFor(spec, platform, 'page')) {
          expect(commandForKey(pressFor(parseKeys(keys), platform), platform, ELSEWHERE), keys).toBe(spec.scope === 'canvas' ? undefined : spec.id);
        }
      }
    });
  }

  it('puts every menu command, and only those, in a native menu', () => {
    const inMenu = COMMANDS.filter((c) => c.menu)
      .map((c) => c.id)
      .sort();
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
    expect(commandForKey(ctrl('s'), 'other', TYPING)).toBe('save');
    expect(commandForKey(ctrl('S', true), 'other', TYPING)).toBe('save-as');
    expect(commandForKey(ctrl('z'), 'other', TYPING)).toBeUndefined();
    expect(commandForKey(ctrl('z'), 'other', ELSEWHERE)).toBe('undo');
    expect(commandForKey({ ...none, key: 'f', code: 'KeyF' }, 'other', TYPING)).toBeUndefined();
    expect(commandForKey({ ...none, key: 'Delete', code: 'Delete' }, 'other', TYPING)).toBeUndefined();
  });

  it('tells canvas keys apart by Shift: L adds a service network, Shift+L lays out', () => {
    expect(commandForKey({ ...none, key: 'l', code: 'KeyL' }, 'other', ELSEWHERE)).toBe('add-service-network');
    expect(commandForKey({ ...none, key: 'L', code: 'KeyL', shiftKey: true }, 'other', ELSEWHERE)).toBe('auto-layout');
    // Caps Lock: an upper-case key without Shift is still the plain key.
    expect(commandForKey({ ...none, key: 'V', code: 'KeyV' }, 'other', ELSEWHERE)).toBe('add-vpc');
  });

  it('finds Alt+N by the physical key, since Option+N types a character on a Mac', () => {
    expect(commandForKey({ ...none, key: '˜', code: 'KeyN', altKey: true }, 'mac', TYPING)).toBe('new');
  });

  it('redoes with Ctrl+Y and Ctrl+Shift+Z on Windows and Linux, Cmd+Shift+Z on a Mac', () => {
    expect(commandForKey({ ...none, key: 'y', code: 'KeyY', ctrlKey: true }, 'other', ELSEWHERE)).toBe('redo');
    expect(commandForKey({ ...none, key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true }, 'other', ELSEWHERE)).toBe('redo');
    expect(commandForKey({ ...none, key: 'Z', code: 'KeyZ', metaKey: true, shiftKey: true }, 'mac', ELSEWHERE)).toBe('redo');
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

  it('deletes only with the diagram focused: a click in the findings list selects, and Delete there must not remove it', () => {
    const del = { ...none, key: 'Delete', code: 'Delete' };
    expect(commandForKey(del, 'other', ELSEWHERE)).toBeUndefined();
    expect(commandForKey(del, 'other', CANVAS)).toBe('delete');
    expect(commandForKey({ ...none, key: 'Backspace', code: 'Backspace' }, 'mac', ELSEWHERE)).toBeUndefined();
  });

  it('knows the DOM names of the arrows, Space and Escape, and takes Shift+arrow as the far move', () => {
    expect(commandForKey({ ...none, key: 'ArrowUp', code: 'ArrowUp' }, 'other', CANVAS)).toBe('move-up');
    expect(commandForKey({ ...none, key: 'ArrowLeft', code: 'ArrowLeft', shiftKey: true }, 'other', CANVAS)).toBe('move-left');
    expect(commandForKey({ ...none, key: ' ', code: 'Space' }, 'other', CANVAS)).toBe('select-focused');
    expect(commandForKey({ ...none, key: ' ', code: 'Space', shiftKey: true }, 'other', CANVAS)).toBe('add-focused-to-selection');
    expect(commandForKey({ ...none, key: 'Escape', code: 'Escape' }, 'other', CANVAS)).toBe('select-none');
    expect(commandForKey({ ...none, key: 'Tab', code: 'Tab', shiftKey: true }, 'other', CANVAS)).toBe('focus-previous');
  });

  it('opens the shortcut list with ?, whichever keyboard layout needs Shift for it, but not while typing', () => {
    expect(commandForKey({ ...none, key: '?', code: 'Slash', shiftKey: true }, 'other', ELSEWHERE)).toBe('show-shortcuts');
    expect(commandForKey({ ...none, key: '?', code: 'Minus', shiftKey: true }, 'mac', CANVAS)).toBe('show-shortcuts');
    expect(commandForKey({ ...none, key: '?', code: 'Slash', shiftKey: true }, 'other', TYPING)).toBeUndefined();
  });

  it('writes the arrows as arrows, and groups every command for the shortcut list', () => {
    expect(shortcutText('Shift+Up', 'other')).toBe('Shift+↑');
    expect(commandGroup(COMMANDS.find((c) => c.id === 'move-up')!)).toBe('canvas');
    expect(commandGroup(COMMANDS.find((c) => c.id === 'add-vpc')!)).toBe('add');
    expect(commandGroup(COMMANDS.find((c) => c.id === 'save')!)).toBe('file');
    expect(commandGroup(COMMANDS.find((c) => c.id === 'show-shortcuts')!)).toBe('help');
  });

  it('refuses a key with a modifier it does not know', () => {
    expect(() => parseKeys('Hyper+K')).toThrow(/unknown modifier "Hyper"/);
  });
});
