import { BUILTIN_CHECKS } from '../../src/checks/registry.ts';

/**
 * Tests about the CLI, exit codes, reports or the config file use fixtures written for the first
 * three checks; pinning them keeps new catalog entries from shifting their counts.
 */
export const PINNED_CHECK_IDS = ['bucket-default-encryption', 'bucket-mfa-delete', 'bucket-versioning'] as const;

/** Runs exactly the pinned checks (`--checks` wins over the config file). */
export const ONLY_PINNED_CHECKS = ['--checks', PINNED_CHECK_IDS.join(',')] as const;

/** Skips every other check, so the config file can still turn pinned ones off. */
export const SKIP_UNPINNED_CHECKS = [
  '--skip-checks',
  BUILTIN_CHECKS.map((check) => check.id)
    .filter((id) => !(PINNED_CHECK_IDS as readonly string[]).includes(id))
    .join(','),
] as const;
