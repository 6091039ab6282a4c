import picomatch from 'picomatch';

/**
 * The first glob that matches the whole bucket name, or undefined. Globs follow the same rules as
 * --bucket (picomatch): `*` does not cross `/`, which bucket names never contain anyway.
 */
export function matchingGlob(name: string, globs: readonly string[]): string | undefined {
  return globs.find((glob) => picomatch.isMatch(name, glob));
}
