/**
 * What the editor shows when it has no plan to show: after New, or on a start with nothing
 * to open. The bundled examples, the recent files, and an empty plan; after "Empty plan" a
 * short hint stays on the empty canvas, with the way back here.
 */
import { useEffect, useState } from 'react';
import type { RecentFile, VpcHost } from '../../shared/host';
import { Icon } from '../canvas/icons';

export interface Example {
  fileName: string;
  name: string;
  description: string;
  counts: string;
  text: string;
}

/** The examples/ folder, bundled into the app: nothing is fetched. */
const EXAMPLE_TEXTS = import.meta.glob('../../examples/*.vpcplan.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function describeExample(path: string, text: string): Example {
  const fileName = path.slice(path.lastIndexOf('/') + 1);
  const plan = JSON.parse(text) as { name?: string; description?: string; vpcs?: unknown[]; subnets?: unknown[] };
  const vpcs = plan.vpcs?.length ?? 0;
  const subnets = plan.subnets?.length ?? 0;
  // The first sentence says what it is; the rest is for when it is open.
  const description = (plan.description ?? '').split(/(?<=\.)\s/)[0] ?? '';
  return { fileName, name: plan.name || fileName, description, counts: `${vpcs} VPC${vpcs === 1 ? '' : 's'}, ${subnets} subnets`, text };
}

export const EXAMPLES: readonly Example[] = Object.entries(EXAMPLE_TEXTS)
  .map(([path, text]) => describeExample(path, text))
  .sort((a, b) => a.fileName.localeCompare(b.fileName));

export function StartView({
  host,
  onExample,
  onRecent,
  onEmpty,
  onOpen,
}: {
  host: VpcHost;
  onExample(example: Example): void;
  onRecent(file: RecentFile): void;
  onEmpty(): void;
  onOpen(): void;
}) {
  const [recent, setRecent] = useState<RecentFile[] | undefined>();
  useEffect(() => {
    let live = true;
    void host.listRecent().then(
      (list) => {
        if (live) setRecent(list);
      },
      () => {
        if (live) setRecent([]);
      },
    );
    return () => {
      live = false;
    };
  }, [host]);
  return (
    <section className="start-view" aria-labelledby="start-title" data-testid="start-view">
      <h2 id="start-title">Start a plan</h2>
      <div className="start-columns">
        <div>
          <h3>New</h3>
          <button type="button" className="start-card" onClick={onEmpty} data-testid="start-empty" autoFocus>
            <Icon name="new" size={20} />
            <span>
              <strong>Empty plan</strong>
              <span className="start-card-text">Draw VPCs, subnets and connections from scratch.</span>
            </span>
          </button>
          <button type="button" className="start-card" onClick={onOpen} data-testid="start-open">
            <Icon name="open" size={20} />
            <span>
              <strong>Open a plan file…</strong>
              <span className="start-card-text">A .vpcplan.json file you saved before.</span>
            </span>
          </button>
          <h3>Examples</h3>
          {EXAMPLES.map((example) => (
            <button
              key={example.fileName}
              type="button"
              className="start-card"
              onClick={() => onExample(example)}
              data-testid="start-example"
              data-file={example.fileName}
            >
              <Icon name="vpc" size={20} />
              <span>
                <strong>{example.name}</strong>
                <span className="start-card-text">{example.description}</span>
                <span className="start-card-meta">{example.counts}</span>
              </span>
            </button>
          ))}
        </div>
        <div>
          <h3>Recent</h3>
          {recent === undefined ? (
            <p className="muted">Reading…</p>
          ) : recent.length === 0 ? (
            <p className="muted" data-testid="start-no-recent">
              No recent files yet. Plans you open or save show here.
            </p>
          ) : (
            <ul className="start-recent">
              {recent.map((file) => (
                <li key={file.handle}>
                  <button type="button" className="link-button" onClick={() => onRecent(file)} data-testid="start-recent" title={file.displayName}>
                    {file.displayName}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

/** On an empty canvas once the start view is closed: how to begin, and the way back to the examples. */
export function EmptyCanvasHint({ onAddVpc, onShowStart, addKey }: { onAddVpc(): void; onShowStart(): void; addKey?: string }) {
  return (
    <div className="empty-hint" data-testid="empty-hint" role="note">
      <p>
        The plan is empty. Start with a VPC
        {addKey ? (
          <>
            {' '}
            (press <kbd>{addKey}</kbd>)
          </>
        ) : null}
        , then add its subnets.
      </p>
      <div className="button-row">
        <button type="button" onClick={onAddVpc}>
          <Icon name="vpc" /> Add a VPC
        </button>
        <button type="button" onClick={onShowStart} data-testid="show-start">
          Examples and recent files
        </button>
      </div>
    </div>
  );
}
