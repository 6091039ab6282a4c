import { createRequire } from 'node:module';

function readPackage(): { readonly name: string; readonly version: string } {
  const pkg: unknown = createRequire(import.meta.url)('../package.json');
  if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && 'version' in pkg) {
    const { name, version } = pkg;
    if (typeof name === 'string' && typeof version === 'string') return { name, version };
  }
  throw new Error('package.json has no name and version');
}

export const TOOL = readPackage();
