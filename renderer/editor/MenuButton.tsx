/**
 * A button that opens a menu of commands (the toolbar's More menu). Keyboard: Enter, Space or
 * ArrowDown open it on its first item, the arrows, Home and End move, Escape closes it and
 * gives the focus back to the button; a click outside closes it.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface MenuEntry {
  key: string;
  label: string;
  shortcut?: string;
  disabled?: boolean;
  testId?: string;
  /** A separator comes before it. */
  separated?: boolean;
  run(): void;
}

export function MenuButton({ label, children, entries, testId }: { label: string; children: ReactNode; entries: readonly MenuEntry[]; testId: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('mousedown', onDown);
    requestAnimationFrame(() => root.current?.querySelector<HTMLElement>('[role=menuitem]:not([disabled])')?.focus());
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, close]);

  // A menu that would run off the window's right edge opens leftwards from the button's right edge instead.
  const [alignEnd, setAlignEnd] = useState(false);
  useLayoutEffect(() => {
    if (!open) {
      setAlignEnd(false);
      return;
    }
    const menu = root.current?.querySelector('[role=menu]');
    if (menu && !alignEnd && menu.getBoundingClientRect().right > document.documentElement.clientWidth) setAlignEnd(true);
  }, [open, alignEnd]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!open) {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        setOpen(true);
      }
      return;
    }
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role=menuitem]:not([disabled])') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => {
      event.preventDefault();
      items[(index + items.length) % items.length]?.focus();
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(items.length - 1);
    else if (event.key === 'Tab') close(false);
  };

  return (
    <div className="menu-button" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="tool"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid={testId}
        aria-label={label}
        title={label}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        {children}
      </button>
      {open ? (
        <div className={`menu${alignEnd ? ' menu-end' : ''}`} role="menu" aria-label={label} data-testid={`${testId}-items`}>
          {entries.map((entry) => [
            entry.separated ? <div key={`${entry.key}-separator`} className="menu-separator" role="separator" /> : null,
            <button
              key={entry.key}
              type="button"
              role="menuitem"
              className="menu-item"
              disabled={entry.disabled}
              data-testid={entry.testId}
              onClick={() => {
                close(true);
                entry.run();
              }}
            >
              <span>{entry.label}</span>
              {entry.shortcut ? <span className="menu-shortcut">{entry.shortcut}</span> : null}
            </button>,
          ])}
        </div>
      ) : null}
    </div>
  );
}
