/**
 * An error the user can act on: bad flags, unreadable files, missing credentials, a denied
 * ListBuckets. The CLI prints its message as one line and exits 2; anything else is a bug.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
