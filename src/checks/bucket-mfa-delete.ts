import { defineCheck } from './lib/define-check.ts';
import { quote } from './lib/format-list.ts';
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
    disabled:
      'MFA Delete is not enabled{{versioningNote}}: deleting a version for good or suspending versioning needs no ' +
      "MFA code. Only the root user can enable it, with the root user's MFA device, through the API or CLI (not " +
      'the console).',
    disabledOffAws:
      'MFA Delete is not enabled{{versioningNote}}: deleting a version for good or suspending versioning needs no ' +
      'MFA code. On this S3-compatible store the bucket owner enables it through the API with an MFA device the store ' +
      'knows (Ceph RGW: one registered with radosgw-admin mfa create).',
    disabledWithLifecycle:
      'MFA Delete is not enabled{{versioningNote}}, and it cannot be while the bucket has lifecycle rules ' +
      '({{rules}}): MFA Delete and lifecycle configurations are incompatible. Remove them and have the root user ' +
      'enable MFA Delete through the API or CLI, or protect versions with Object Lock instead.',
    disabledLifecycleUnknown:
      'MFA Delete is not enabled{{versioningNote}}: deleting a version for good or suspending versioning needs no ' +
      "MFA code. Only the root user can enable it, with the root user's MFA device, through the API or CLI, and " +
      'not while lifecycle rules exist (whether they do is unknown: {{operation}} failed with {{code}}).',
  },
  evaluate(bucket, context) {
    const versioning = bucket.versioning;
    if (versioning === undefined) return undefined;
    if (versioning.state === 'error') return unreadable('the versioning configuration', versioning);
    const value = versioning.state === 'present' ? versioning.value : {};
    if (value.mfaDelete === 'Enabled') return { status: 'pass', messageId: 'enabled', evidence: { mfaDelete: 'Enabled' } };

    const versioningNote =
      value.status === 'Enabled' ? '' : value.status === 'Suspended' ? ' (and versioning is Suspended)' : ' (versioning is not enabled either)';
    const evidence = { mfaDelete: value.mfaDelete ?? null, versioning: value.status ?? null };
    const lifecycle = bucket.lifecycle;
    if (lifecycle?.state === 'error') {
      return {
        status: 'fail',
        messageId: 'disabledLifecycleUnknown',
        data: { versioningNote, operation: lifecycle.operation, code: lifecycle.code },
        evidence,
      };
    }
    const rules = lifecycle?.state === 'present' ? lifecycle.value.rules : [];
    if (rules.length > 0) {
      const names = rules.map((rule, index) => (rule.id === undefined || rule.id === '' ? `#${index + 1}` : quote(rule.id)));
      return { status: 'fail', messageId: 'disabledWithLifecycle', data: { versioningNote, rules: names.join(', ') }, evidence };
    }
    // Who can enable it, and how, is AWS's rule (the root user); a store has its own.
    const messageId = context.account.s3Compatible === true ? 'disabledOffAws' : 'disabled';
    return { status: 'fail', messageId, data: { versioningNote }, evidence };
  },
});
