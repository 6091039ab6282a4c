import type { KmsKey } from '../../snapshot/types.ts';

const ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  AES256: 'SSE-S3 (AES256)',
  'aws:kms': 'SSE-KMS (aws:kms)',
  'aws:kms:dsse': 'DSSE-KMS (aws:kms:dsse)',
};

/** The user-facing name of an SSEAlgorithm; one AWS added later is shown as sent. */
export function algorithmName(algorithm: string): string {
  return ALGORITHM_NAMES[algorithm] ?? algorithm;
}

/** How messages name a bucket's key: its ARN once described, else what the configuration says. */
export function keyLabel(key: KmsKey): string {
  switch (key.kind) {
    case 'described':
      return key.arn;
    case 'aws-managed-alias':
      return `the AWS managed key ${key.alias}`;
    case 'missing':
      return key.configuredId;
  }
}
