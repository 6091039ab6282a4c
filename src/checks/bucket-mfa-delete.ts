import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineCheck({
  id: 'bucket-mfa-delete',
  title: 'Bucket versioning requires MFA to delete versions',
  severity: 'medium',
  resource: 'bucket',
  needs: ['versioning', 'lifecycle'],
  enabledByDefault: true,
  rationale:
    'With MFA Delete, permanently deleting an object version or changing the versioning state needs the root ' +
    "user's MFA code, so a stolen access key cannot purge the version history that versioning keeps.",
  remediation: {
    text:
      'Only the root user of the bucket owner account can enable MFA Delete, and only through the API or CLI ' +
      '(not the console), with its MFA device. MFA Delete cannot be used together with lifecycle rules: where ' +
      'lifecycle expiry is needed, protect versions with Object Lock instead.',
    cli:
      'aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled,MFADelete=Enabled ' +
      '--mfa "arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device CODE"',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMFADelete.html',
    ],
    securityHub: 'S3.20',
    cis: '2.1.2',
    prowler: 's3_bucket_no_mfa_delete',
  },
  messages: {
    enabled: 'MFA Delete is Enabled.',
    disabled: 'MFA Delete is not enabled{{versioningNote}}: a permanent version delete needs no MFA code.',
    disabledWithLifecycle:
      'MFA Delete is not enabled{{versioningNote}}. The bucket has {{rules}} lifecycle rule(s), and MFA Delete ' +
      'cannot be used with lifecycle rules: remove them first, or protect versions with Object Lock instead.',
  },
  evaluate(bucket) {
    const versioning = bucket.versioning;
    if (versioning === undefined) return undefined;
    if (versioning.state === 'error') return unreadable('the versioning configuration', versioning);
    const value = versioning.state === 'present' ? versioning.value : {};
    if (value.mfaDelete === 'Enabled') return { status: 'pass', messageId: 'enabled', evidence: { mfaDelete: 'Enabled' } };

    const versioningNote = value.status === 'Enabled' ? '' : ' (versioning is not enabled either)';
    const evidence = { mfaDelete: value.mfaDelete ?? null, versioning: value.status ?? null };
    const lifecycle = bucket.lifecycle;
    const rules = lifecycle?.state === 'present' ? lifecycle.value.rules.length : 0;
    if (rules > 0) {
      return { status: 'fail', messageId: 'disabledWithLifecycle', data: { versioningNote, rules }, evidence };
    }
    return { status: 'fail', messageId: 'disabled', data: { versioningNote }, evidence };
  },
});
