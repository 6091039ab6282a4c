import { createHash } from 'node:crypto';

/** Stable across scans and versions: baselines and SARIF partialFingerprints depend on it. */
export function fingerprint(checkId: string, resourceArn: string): string {
  return createHash('sha256').update(`${checkId}\n${resourceArn}`).digest('hex').slice(0, 32);
}
