/** The one-line messages the editor shows above the canvas: what a command did, or why it could not. */
export interface Notice { kind: 'error' | 'info'; text: string; actions?: Array<{ label: string; run(): void }> }

export type Say = (text: string, kind?: Notice['kind']) => void;
