/**
 * Keys and the native menu, into commands. Which key runs which command is the command
 * table's (shared/commands.ts), the same table the native menu is built from.
 */
import { useEffect, useRef } from 'react';
import { commandForKey } from '../../shared/commands';
import type { VpcHost } from '../../shared/host';
import { PLATFORM } from './platform';
import type { RunCommand } from './use-commands';

export function useKeyboardAndMenu(host: VpcHost, run: RunCommand): void {
  // The latest run, without re-subscribing on every render.
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => host.onMenuCommand((command, detail) => { void runRef.current(command, detail); }), [host]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A dialog owns the keys while it is open.
      if (document.querySelector('dialog[open]')) return;
      const target = event.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      const command = commandForKey(event, PLATFORM, typing);
      if (!command) return;
      event.preventDefault();
      void runRef.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
