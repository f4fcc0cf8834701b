/**
 * How any CIDR in the editor opens the explorer: the editor provides `open`, a CIDR field
 * (or a finding's "Why?") calls it. Without a provider (a field rendered on its own), there
 * is nothing to open and the affordance is not shown.
 */
import { createContext, useContext } from 'react';

export interface ExplorerTarget {
  /** The block to explore. */
  cidr: string;
  /** A second block to compare it with: "Why do these overlap?" */
  compare?: string;
  /** Shown above the comparison, e.g. the finding's message. */
  reason?: string;
}

export type OpenExplorer = (target: ExplorerTarget) => void;

export const ExplorerContext = createContext<OpenExplorer | undefined>(undefined);

export function useOpenExplorer(): OpenExplorer | undefined {
  return useContext(ExplorerContext);
}
