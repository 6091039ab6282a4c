import type { TestProject } from 'vitest/node';
import { findRunningRgw, type RgwServer } from './support/rgw-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    rgw: RgwServer;
  }
}

/** Fails the whole run at once, with what to do, when no cluster is running. */
export default function setup(project: TestProject): void {
  project.provide('rgw', findRunningRgw());
}
