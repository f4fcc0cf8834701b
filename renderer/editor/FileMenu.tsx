/**
 * The toolbar's File menu: New, Open, Open recent ▸ (the host's recent list, read when the
 * menu opens), Save, Save As, Import, Export, Compare with. It runs the same commands as the
 * native menu and the keys.
 * Keyboard: Enter/Space/ArrowDown open it, arrows move, ArrowRight opens the recent list,
 * Escape closes and returns focus to the button.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { commandSpec, shownShortcut, type CommandId } from '../../shared/commands';
import type { MenuCommand, MenuCommandDetail, RecentFile, VpcHost } from '../../shared/host';
import { PLATFORM } from './platform';
import './file-menu.css';

interface FileMenuProps {
  host: VpcHost;
  run(command: MenuCommand, detail?: MenuCommandDetail): void;
}

export function FileMenu({ host, run }: FileMenuProps) {
  const [open, setOpen] = useState(false);
  const [recentOpen, setRecentOpen] = useState(false);
  const [recent, setRecent] = useState<RecentFile[] | undefined>();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const close = useCallback((refocus = false) => {
    setOpen(false);
    setRecentOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setRecent(undefined);
    void host.listRecent().then(
      (list) => {
        if (live) setRecent(list);
      },
      () => {
        if (live) setRecent([]);
      },
    );
    const onDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) close();
    };
    document.addEventListener('mousedown', onDown);
    requestAnimationFrame(() => root.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus());
    return () => {
      live = false;
      document.removeEventListener('mousedown', onDown);
    };
  }, [open, host, close]);

  const choose = (command: MenuCommand, detail?: MenuCommandDetail) => {
    close();
    run(command, detail);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!open) return;
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role=menuitem]:not([disabled])') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      items[(at + 1) % items.length]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      items[(at - 1 + items.length) % items.length]?.focus();
    } else if (event.key === 'ArrowRight' && (document.activeElement as HTMLElement | null)?.dataset.testid === 'file-recent') {
      event.preventDefault();
      setRecentOpen(true);
    } else if (event.key === 'ArrowLeft' && recentOpen) {
      event.preventDefault();
      setRecentOpen(false);
      root.current?.querySelector<HTMLElement>('[data-testid=file-recent]')?.focus();
    }
  };

  return (
    <div className="file-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="tool file-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="file-menu"
        onClick={() => (open ? close() : setOpen(true))}
        onKeyDown={(e) => {
          if (!open && e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        File <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div className="menu" role="menu" aria-label="File" data-testid="file-menu-items">
          <MenuItem command="new" onClick={() => choose('new')} />
          <MenuItem command="open" onClick={() => choose('open')} />
          <div className="menu-sub" onMouseEnter={() => setRecentOpen(true)} onMouseLeave={() => setRecentOpen(false)}>
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              aria-haspopup="menu"
              aria-expanded={recentOpen}
              data-testid="file-recent"
              onClick={() => setRecentOpen(true)}
            >
              <span>Open recent</span>
              <span className="menu-shortcut" aria-hidden="true">
                ▸
              </span>
            </button>
            {recentOpen ? (
              <div className="menu menu-side" role="menu" aria-label="Open recent" data-testid="recent-list">
                {recent === undefined ? (
                  <div className="menu-note">Reading…</div>
                ) : recent.length === 0 ? (
                  <div className="menu-note" data-testid="recent-empty">
                    No recent files yet.
                  </div>
                ) : (
                  recent.map((file) => (
                    <button
                      key={file.handle}
                      type="button"
                      role="menuitem"
                      className="menu-item"
                      data-testid="recent-item"
                      data-handle={file.handle}
                      onClick={() => choose('open-document', { handle: file.handle })}
                      title={file.displayName}
                    >
                      <span>{file.displayName}</span>
                    </button>
                  ))
                )}
              </div>
            ) : null}
          </div>
          <div className="menu-separator" role="separator" />
          <MenuItem command="save" onClick={() => choose('save')} />
          <MenuItem command="save-as" onClick={() => choose('save-as')} />
          <div className="menu-separator" role="separator" />
          <MenuItem command="import" onClick={() => choose('import')} />
          <MenuItem command="export" onClick={() => choose('export')} />
          <MenuItem command="compare" onClick={() => choose('compare')} />
        </div>
      ) : null}
    </div>
  );
}

/** A command of the File menu, named and keyed as in the native menu (the command table). */
function MenuItem({ command, onClick }: { command: CommandId; onClick(): void }) {
  const spec = commandSpec(command);
  const label = spec.menuLabel ?? spec.label;
  const shortcut = shownShortcut(command, PLATFORM);
  const testId = `file-${command}`;
  return (
    <button type="button" role="menuitem" className="menu-item" data-testid={testId} onClick={onClick}>
      <span>{label}</span>
      {shortcut ? <span className="menu-shortcut">{shortcut}</span> : null}
    </button>
  );
}
