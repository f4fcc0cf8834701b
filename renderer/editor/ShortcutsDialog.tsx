/**
 * The shortcut list (`?`): every command of the command table (shared/commands.ts) that has
 * a key, under its heading, with the keys this platform and host use. There is no second
 * list to keep in step: a key that works is a key listed here.
 */
import { COMMANDS, commandGroup, shortcutText, shortcutsFor, type CommandGroup } from '../../shared/commands';
import { Modal } from '../panels/dialogs';
import { PLATFORM } from './platform';

const HEADINGS: ReadonlyArray<{ group: CommandGroup; title: string }> = [
  { group: 'file', title: 'File' },
  { group: 'edit', title: 'Edit' },
  { group: 'add', title: 'Add to the plan' },
  { group: 'canvas', title: 'On the diagram (when it has the focus)' },
  { group: 'view', title: 'View' },
  { group: 'help', title: 'Help' },
];

export function ShortcutsDialog({ desktop, onClose }: { desktop: boolean; onClose(): void }) {
  // The desktop app's menu has keys a browser keeps for itself (Ctrl+N); the page has its stand-ins (Alt+N).
  const where = desktop ? 'menu' : 'page';
  const rows = COMMANDS.map((spec) => ({ spec, keys: shortcutsFor(spec, PLATFORM, where).map((k) => shortcutText(k, PLATFORM)) })).filter(
    (row) => row.keys.length > 0,
  );
  return (
    <Modal title="Keyboard shortcuts" onCancel={onClose} testId="shortcuts-dialog" wide>
      <div className="shortcut-groups">
        {HEADINGS.map(({ group, title }) => {
          const inGroup = rows.filter((row) => commandGroup(row.spec) === group);
          if (inGroup.length === 0) return null;
          return (
            <section key={group} className="shortcut-group" aria-labelledby={`shortcuts-${group}`}>
              <h3 id={`shortcuts-${group}`}>{title}</h3>
              <dl className="shortcut-list">
                {inGroup.map(({ spec, keys }) => (
                  <div key={spec.id} className="shortcut-row" data-testid="shortcut" data-command={spec.id}>
                    <dt>
                      {spec.label}
                      {spec.hint ? <span className="shortcut-hint"> ({spec.hint})</span> : null}
                    </dt>
                    <dd>
                      {keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 ? <span className="shortcut-or"> or </span> : null}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
      </div>
      <div className="modal-buttons">
        <button type="button" className="primary" onClick={onClose} autoFocus data-testid="shortcuts-close">
          Close
        </button>
      </div>
    </Modal>
  );
}
