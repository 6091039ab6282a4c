import picomatch from 'picomatch';

/** --bucket globs select (all when none), --exclude-bucket globs remove; matching is on the whole name. */
export function bucketFilter(include: readonly string[], exclude: readonly string[]): (name: string) => boolean {
  const included = include.length === 0 ? () => true : picomatch([...include]);
  const excluded = exclude.length === 0 ? () => false : picomatch([...exclude]);
  return (name) => included(name) && !excluded(name);
}
