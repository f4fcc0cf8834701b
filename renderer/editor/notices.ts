/** The one-line messages the editor shows above the canvas: what a command did, or why it could not. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  actions?: Array<{ label: string; run(): void }>;
}

export type Say = (text: string, kind?: Notice['kind']) => void;

/** A short-lived message over the canvas with one action: "Deleted 2 VPCs and 11 subnets. [Undo]". */
export interface Toast {
  text: string;
  action: { label: string; run(): void };
}
