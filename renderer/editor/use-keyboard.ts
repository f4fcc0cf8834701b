/**
 * Keys and the native menu, into commands. Which key runs which command is the command
 * table's (shared/commands.ts), the same table the native menu is built from; where the
 * focus is decides which keys apply (a field keeps its typing keys; the canvas keys, Delete
 * among them, act only while the diagram has the focus).
 */
import { useEffect, useRef } from 'react';
import { commandForKey } from '../../shared/commands';
import type { VpcHost } from '../../shared/host';
import type { CanvasFocus } from './canvas-focus';
import { PLATFORM } from './platform';
import type { RunCommand } from './use-commands';

/** Enter and Space press the focused button or link (a CIDR on a node, a zoom button): not a command. */
const ACTIVATES = 'button, a[href], summary, [role="button"], [role="menuitem"], [role="tab"], [role="checkbox"], [role="switch"]';

export function useKeyboardAndMenu(host: VpcHost, run: RunCommand, canvas: CanvasFocus): void {
  // The latest run, without re-subscribing on every render.
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(
    () =>
      host.onMenuCommand((command, detail) => {
        void runRef.current(command, detail);
      }),
    [host],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A dialog owns the keys while it is open. (Not `defaultPrevented`: React Flow prevents
      // the default of every key pressed with Ctrl or Shift held, Ctrl+Z among them.)
      if (document.querySelector('dialog[open]')) return;
      const target = event.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if ((event.key === 'Enter' || event.key === ' ') && target?.closest(ACTIVATES)) return;
      const command = commandForKey(event, PLATFORM, { typing, canvas: !typing && canvas.hasFocus() });
      if (!command) return;
      event.preventDefault();
      void runRef.current(command, { far: event.shiftKey, repeat: event.repeat });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canvas]);
}
