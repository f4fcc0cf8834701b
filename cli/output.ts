/** What a command produces; the entry point writes it and exits with the code. */
export interface CommandOutput {
  stdout: string;
  /**
   * The rest of standard output, produced while it is written, for answers too long to
   * build whole (every overlapping pair of 20,000 blocks). Written after `stdout`; the
   * writer stops early when the reader goes away (`| head`).
   */
  more?: Iterable<string>;
  stderr?: string;
  /** 0 ok, 1 findings at error level (or: not reachable), 2 bad input or usage. */
  code: 0 | 1 | 2;
}

/** Bad arguments or input: printed to stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
