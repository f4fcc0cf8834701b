/**
 * The toolbar: the document's name, the File menu, and a button per command in groups. Each
 * button's name, tooltip key and enabled state come from the command table
 * (shared/commands.ts), the same table the native menu and the keys read.
 */
import { commandSpec, shownShortcut, type CommandId } from '../../shared/commands';
import type { VpcHost } from '../../shared/host';
import { Icon, type IconName } from '../canvas/icons';
import { FileMenu } from '../panels/FileMenu';
import { PLATFORM } from './platform';
import type { RunCommand } from './use-commands';

/** What the table's enabled-when conditions depend on. */
export interface ToolbarState { canUndo: boolean; canRedo: boolean; hasSelection: boolean }

export function Toolbar({ host, documentName, dirty, state, run, onExplore, onSize }: {
  host: VpcHost;
  documentName: string;
  dirty: boolean;
  state: ToolbarState;
  run: RunCommand;
  onExplore(): void;
  onSize(): void;
}) {
  const button = (id: CommandId, icon: IconName, options: { testId?: string; withText?: boolean } = {}) => {
    const spec = commandSpec(id);
    const enabled = spec.enabledWhen === undefined
      || (spec.enabledWhen === 'can-undo' && state.canUndo)
      || (spec.enabledWhen === 'can-redo' && state.canRedo)
      || (spec.enabledWhen === 'selection' && state.hasSelection);
    return (
      <ToolButton icon={icon} label={spec.label} shortcut={shownShortcut(id, PLATFORM)} onClick={() => void run(id)} disabled={!enabled}
        testId={options.testId ?? id} text={options.withText ? spec.text : undefined} />
    );
  };
  return (
    <header className="toolbar" role="toolbar" aria-label="Plan commands">
      <div className="brand" aria-hidden="true"><Icon name="vpc" size={18} /> <span className="brand-name">VPC Planner</span></div>
      <div className="doc-name" data-testid="document-name" title={documentName}>
        {documentName}{dirty ? <span className="dirty-dot" data-testid="dirty" aria-label="unsaved changes"> ●</span> : null}
      </div>
      <FileMenu host={host} run={(command, detail) => void run(command, detail)} />
      <div className="tool-group">
        {button('new', 'new')}
        {button('open', 'open')}
        {button('save', 'save')}
        {button('save-as', 'save', { withText: true })}
      </div>
      <div className="tool-group">
        {button('undo', 'undo')}
        {button('redo', 'redo')}
        {button('duplicate', 'copy')}
        {button('delete', 'trash')}
      </div>
      <div className="tool-group">
        {button('zoom-to-fit', 'fit', { testId: 'fit' })}
        {button('auto-layout', 'layout')}
      </div>
      {/* In narrow windows this group gives way: the File menu and Ctrl+I / Ctrl+E reach the same commands. */}
      <div className="tool-group tool-group-exchange" role="group" aria-label="Exchange with other tools">
        {button('import', 'open', { withText: true })}
        {button('export', 'save', { withText: true })}
        {button('compare', 'copy', { withText: true })}
      </div>
      <div className="tool-group" role="group" aria-label="Learn and size">
        <ToolButton icon="subnet" label="CIDR explorer" onClick={onExplore} testId="open-explorer" text="Explore CIDR" />
        <ToolButton icon="vpc" label="Size a VPC" onClick={onSize} testId="size-vpc" text="Size a VPC" />
        {button('practice', 'practice', { withText: true })}
      </div>
      <div className="tool-group palette" role="group" aria-label="Add to the plan">
        {button('add-vpc', 'vpc', { withText: true })}
        {button('add-subnet', 'subnet', { withText: true })}
        {button('add-nat', 'nat', { withText: true })}
        {button('add-igw', 'igw', { withText: true })}
        {button('add-tgw', 'tgw', { withText: true })}
        {button('add-service-network', 'serviceNetwork', { withText: true })}
        {button('add-external', 'external', { withText: true })}
      </div>
    </header>
  );
}

function ToolButton({ icon, label, shortcut, onClick, disabled, testId, text }: { icon: IconName; label: string; shortcut?: string; onClick(): void; disabled?: boolean; testId?: string; text?: string }) {
  const title = shortcut ? `${label} (${shortcut})` : label;
  return (
    <button type="button" className="tool" onClick={onClick} disabled={disabled} title={title} aria-label={label} aria-keyshortcuts={shortcut} data-testid={testId}>
      <Icon name={icon} size={16} />
      {text ? <span>{text}</span> : null}
    </button>
  );
}
