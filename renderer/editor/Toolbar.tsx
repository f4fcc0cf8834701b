/**
 * The toolbar: the document's name, the File menu, and a button per command in groups. Each
 * button's name, tooltip key and enabled state come from the command table
 * (shared/commands.ts), the same table the native menu and the keys read.
 *
 * It keeps to two rows. When the window is too narrow for that, groups give way into the
 * More menu, least used first (nothing disappears: every command stays one menu away), and
 * the palette drops its words before the editing buttons go.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { commandSpec, shownShortcut, type CommandId } from '../../shared/commands';
import type { VpcHost } from '../../shared/host';
import { Icon, type IconName } from '../canvas/icons';
import { FileMenu } from './FileMenu';
import { MenuButton, type MenuEntry } from './MenuButton';
import { PLATFORM } from './platform';
import type { RunCommand } from './use-commands';

/** What the table's enabled-when conditions depend on. */
export interface ToolbarState {
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
}

type GroupId = 'file' | 'edit' | 'view' | 'exchange' | 'learn' | 'help';

/** Each level of narrowness hides one more group (into More), in this order; 'palette-words' drops the palette's text. */
const GIVE_WAY: ReadonlyArray<GroupId | 'palette-words'> = ['exchange', 'learn', 'palette-words', 'view', 'help', 'file', 'edit'];
const MAX_ROWS = 2;

interface Item {
  id: string;
  icon: IconName;
  label: string;
  shortcut?: string;
  enabled: boolean;
  testId: string;
  text?: string;
  run(): void;
}

export function Toolbar({
  host,
  documentName,
  dirty,
  state,
  run,
  onExplore,
  onSize,
}: {
  host: VpcHost;
  documentName: string;
  dirty: boolean;
  state: ToolbarState;
  run: RunCommand;
  onExplore(): void;
  onSize(): void;
}) {
  const command = (id: CommandId, icon: IconName, options: { testId?: string; withText?: boolean } = {}): Item => {
    const spec = commandSpec(id);
    const enabled =
      spec.enabledWhen === undefined ||
      (spec.enabledWhen === 'can-undo' && state.canUndo) ||
      (spec.enabledWhen === 'can-redo' && state.canRedo) ||
      (spec.enabledWhen === 'selection' && state.hasSelection);
    const shortcut = shownShortcut(id, PLATFORM);
    return {
      id,
      icon,
      label: spec.label,
      enabled,
      testId: options.testId ?? id,
      run: () => void run(id),
      ...(shortcut ? { shortcut } : {}),
      ...(options.withText && spec.text ? { text: spec.text } : {}),
    };
  };
  const groups: ReadonlyArray<{ id: GroupId; label: string; items: Item[] }> = [
    {
      id: 'file',
      label: 'File',
      items: [command('new', 'new'), command('open', 'open'), command('save', 'save'), command('save-as', 'save', { withText: true })],
    },
    { id: 'edit', label: 'Edit', items: [command('undo', 'undo'), command('redo', 'redo'), command('duplicate', 'copy'), command('delete', 'trash')] },
    { id: 'view', label: 'View', items: [command('zoom-to-fit', 'fit', { testId: 'fit' }), command('auto-layout', 'layout')] },
    {
      id: 'exchange',
      label: 'Exchange with other tools',
      items: [command('import', 'open', { withText: true }), command('export', 'save', { withText: true }), command('compare', 'copy', { withText: true })],
    },
    {
      id: 'learn',
      label: 'Learn and size',
      items: [
        { id: 'explore', icon: 'subnet', label: 'CIDR explorer', enabled: true, testId: 'open-explorer', text: 'Explore CIDR', run: onExplore },
        { id: 'size', icon: 'vpc', label: 'Size a VPC', enabled: true, testId: 'size-vpc', text: 'Size a VPC', run: onSize },
        command('practice', 'practice', { withText: true }),
      ],
    },
    { id: 'help', label: 'Settings and help', items: [command('settings', 'settings'), command('show-shortcuts', 'keyboard')] },
  ];
  const palette = [
    command('add-vpc', 'vpc', { withText: true }),
    command('add-subnet', 'subnet', { withText: true }),
    command('add-nat', 'nat', { withText: true }),
    command('add-igw', 'igw', { withText: true }),
    command('add-tgw', 'tgw', { withText: true }),
    command('add-service-network', 'serviceNetwork', { withText: true }),
    command('add-external', 'external', { withText: true }),
  ];

  const bar = useRef<HTMLElement>(null);
  const [level, setLevel] = useState(0);
  const [width, setWidth] = useState(0);
  const lastWidth = useRef(0);
  // A new width starts from everything shown; the effect below then gives way until it fits.
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      const next = element.clientWidth;
      if (next === lastWidth.current) return;
      lastWidth.current = next;
      setLevel(0);
      setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element || level >= GIVE_WAY.length) return;
    if (rowsOf(element) > MAX_ROWS) setLevel(level + 1);
  }, [level, width, documentName, dirty]);

  const given = new Set(GIVE_WAY.slice(0, level));
  const hidden = groups.filter((g) => given.has(g.id));
  const moreEntries: MenuEntry[] = hidden.flatMap((group, g) =>
    group.items.map((item, i) => ({
      key: item.id,
      label: item.label,
      disabled: !item.enabled,
      testId: `more-${item.testId}`,
      run: item.run,
      separated: g > 0 && i === 0,
      ...(item.shortcut ? { shortcut: item.shortcut } : {}),
    })),
  );

  return (
    <header
      ref={bar}
      className={`toolbar${given.has('palette-words') ? ' palette-compact' : ''}`}
      role="toolbar"
      aria-label="Plan commands"
      data-testid="toolbar"
    >
      <div className="brand" aria-hidden="true">
        <Icon name="vpc" size={18} /> <span className="brand-name">VPC Planner</span>
      </div>
      <div className="doc-name" data-testid="document-name" title={documentName}>
        {documentName}
        {dirty ? (
          <span className="dirty-dot" data-testid="dirty" aria-label="unsaved changes">
            {' '}
            ●
          </span>
        ) : null}
      </div>
      <FileMenu host={host} run={(id, detail) => void run(id, detail)} />
      {groups
        .filter((g) => !given.has(g.id))
        .map((group) => (
          <div key={group.id} className="tool-group" role="group" aria-label={group.label} data-group={group.id}>
            {group.items.map((item) => (
              <ToolButton key={item.id} item={item} />
            ))}
          </div>
        ))}
      {hidden.length > 0 ? (
        <div className="tool-group">
          <MenuButton label="More commands" entries={moreEntries} testId="toolbar-more">
            <Icon name="more" size={16} />
            <span>More</span>
          </MenuButton>
        </div>
      ) : null}
      <div className="tool-group palette" role="group" aria-label="Add to the plan" data-group="palette">
        {palette.map((item) => (
          <ToolButton key={item.id} item={item} />
        ))}
      </div>
    </header>
  );
}

/** How many rows the toolbar's items take: items whose middles are within a few pixels share a row (they differ in height). */
function rowsOf(toolbar: HTMLElement): number {
  const middles = [...toolbar.children]
    .map((child) => child.getBoundingClientRect())
    .filter((box) => box.width > 0)
    .map((box) => box.top + box.height / 2)
    .sort((a, b) => a - b);
  let rows = 0;
  let last = -Infinity;
  for (const middle of middles) {
    if (middle - last > 12) rows += 1;
    last = middle;
  }
  return rows;
}

function ToolButton({ item }: { item: Item }) {
  const title = item.shortcut ? `${item.label} (${item.shortcut})` : item.label;
  return (
    <button
      type="button"
      className="tool"
      onClick={item.run}
      disabled={!item.enabled}
      title={title}
      aria-label={item.label}
      aria-keyshortcuts={item.shortcut}
      data-testid={item.testId}
    >
      <Icon name={item.icon} size={16} />
      {item.text ? <span className="tool-text">{item.text}</span> : null}
    </button>
  );
}
