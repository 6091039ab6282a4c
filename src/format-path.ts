/** `checks.bucket-tls-only.options`, `suppressions[0].reason`: how messages name a place in a file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** The first problem zod found, with where it is: `findings[3].status: Invalid option …`. */
export function describeFirstIssue(error: { readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[] }): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid value';
  const path = formatPath(issue.path);
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
