/**
 * The side panels can be folded away to give the diagram the room (a narrow window, a big
 * plan); the choice is remembered across sessions. A folded panel leaves a rail with the
 * button that opens it again. In a narrow window the findings panel starts folded, so the
 * diagram keeps room to be read (the rail still shows the counts); opened there, it stays
 * open until the window is wide again.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Icon } from '../canvas/icons';

export interface PanelsOpen {
  left: boolean;
  right: boolean;
}

const KEY = 'vpc-planner:panels';

function remembered(): PanelsOpen {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<PanelsOpen>;
    return { left: stored.left !== false, right: stored.right !== false };
  } catch {
    return { left: true, right: true };
  }
}

/** Narrower than this, both panels open would leave the diagram under about 470 px. */
export const NARROW_WINDOW = '(max-width: 959px)';

function useNarrowWindow(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof matchMedia !== 'function') return () => undefined;
      const query = matchMedia(NARROW_WINDOW);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => typeof matchMedia === 'function' && matchMedia(NARROW_WINDOW).matches,
  );
}

export function usePanels(): [PanelsOpen, (side: keyof PanelsOpen, open: boolean) => void] {
  const [stored, setStored] = useState(remembered);
  const narrow = useNarrowWindow();
  // The findings panel opened by hand while the window is narrow.
  const [openedNarrow, setOpenedNarrow] = useState(false);
  const narrowNow = useRef(narrow);
  narrowNow.current = narrow;
  useEffect(() => {
    if (!narrow) setOpenedNarrow(false);
  }, [narrow]);
  const set = useCallback((side: keyof PanelsOpen, open: boolean) => {
    if (side === 'left' && narrowNow.current) setOpenedNarrow(open);
    setStored((current) => {
      if (current[side] === open) return current;
      const next = { ...current, [side]: open };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // No storage: the panels still fold, only not remembered.
      }
      return next;
    });
  }, []);
  const panels = narrow && !openedNarrow && stored.left ? { ...stored, left: false } : stored;
  return [panels, set];
}

/** The button in an open panel's header that folds it. */
export function CollapseButton({ side, name, onClick }: { side: keyof PanelsOpen; name: string; onClick(): void }) {
  return (
    <button
      type="button"
      className="icon-button panel-fold"
      aria-label={`Hide the ${name} panel`}
      title={`Hide the ${name} panel`}
      aria-expanded="true"
      onClick={onClick}
      data-testid={`fold-${side}`}
    >
      <Icon name={side === 'left' ? 'collapseLeft' : 'collapseRight'} size={16} />
    </button>
  );
}

/** What is left of a folded panel: a rail with the button that opens it, and a few words of what is in it. */
export function PanelRail({
  side,
  name,
  label,
  onOpen,
  children,
}: {
  side: keyof PanelsOpen;
  name: string;
  label: string;
  onOpen(): void;
  children?: ReactNode;
}) {
  return (
    <aside className={`side side-${side} side-rail`} aria-label={label} data-testid={`rail-${side}`}>
      <button
        type="button"
        className="rail-button"
        aria-label={`Show the ${name} panel`}
        title={`Show the ${name} panel`}
        aria-expanded="false"
        onClick={onOpen}
        data-testid={`unfold-${side}`}
      >
        <Icon name={side === 'left' ? 'expandLeft' : 'expandRight'} size={16} />
        <span className="rail-label">
          {name.charAt(0).toUpperCase()}
          {name.slice(1)}
        </span>
        {children}
      </button>
    </aside>
  );
}
