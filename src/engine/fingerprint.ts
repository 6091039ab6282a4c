import { createHash } from 'node:crypto';

/** Stable across scans and versions: baselines and SARIF partialFingerprints depend on it. */
export function fingerprint(checkId: string, resourceArn: string): string {
  // The first 16 bytes as hex (= the first 32 hex digits), without a 64-digit string that a
  // slice would keep alive for every one of millions of findings.
  return createHash('sha256').update(`${checkId}\n${resourceArn}`).digest().toString('hex', 0, 16);
}
