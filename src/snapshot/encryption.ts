import type { EncryptionConfiguration, EncryptionRule } from './types.ts';

/** The SSE algorithms that encrypt with a KMS key named by KMSMasterKeyID. */
export const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'] as const;

/**
 * The rule that sets the default algorithm. A rule may carry only BucketKeyEnabled (seen in the
 * wild), so the first rule is not necessarily the one that applies.
 */
export function defaultEncryptionRule(configuration: EncryptionConfiguration): EncryptionRule | undefined {
  return configuration.rules.find((rule) => rule.sseAlgorithm !== undefined);
}

/** The default rule when it encrypts with KMS (SSE-KMS or DSSE-KMS); undefined otherwise. */
export function kmsEncryptionRule(configuration: EncryptionConfiguration): EncryptionRule | undefined {
  const rule = defaultEncryptionRule(configuration);
  return KMS_ALGORITHMS.some((algorithm) => algorithm === rule?.sseAlgorithm) ? rule : undefined;
}
