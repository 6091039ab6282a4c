/**
 * An error the user can act on: bad flags, unreadable files, missing credentials, a denied
 * ListBuckets. The CLI prints its message as one line and exits 2; anything else is a bug.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** The user stopped the run (Ctrl-C): nothing partial is written, the CLI exits 130. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor() {
    super('interrupted: the scan stopped before it finished; no report, snapshot or baseline was written');
  }
}
