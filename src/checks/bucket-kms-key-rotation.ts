import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineCheck({
  id: 'bucket-kms-key-rotation',
  title: 'Customer managed default-encryption key rotates automatically',
  severity: 'low',
  resource: 'bucket',
  needs: ['kmsKey', 'kmsKeyRotation'],
  enabledByDefault: true,
  rationale:
    'With automatic rotation KMS creates new key material on a schedule and keeps the old material to decrypt ' +
    'older objects, so the amount of data under one key material stays bounded with no change for S3 or its ' +
    'clients. AWS rotates its managed keys every year; customer managed keys rotate only when told to.',
  remediation: {
    text: 'Enable automatic rotation on the key (optionally with a period of 90 to 2560 days).',
    cli: 'aws kms enable-key-rotation --key-id KEY_ARN --rotation-period-in-days 365',
    terraform: 'resource "aws_kms_key" "this" {\n  enable_key_rotation     = true\n  rotation_period_in_days = 365\n}',
  },
  references: {
    url: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
    securityHub: 'KMS.4',
    cis: '3.6',
    awsConfig: 'cmk-backing-key-rotation-enabled',
    prowler: 'kms_cmk_rotation_enabled',
  },
  messages: {
    rotating: 'Automatic rotation of customer managed key {{key}} is on{{period}}.',
    notRotating:
      'Automatic rotation of customer managed key {{key}} is off: the same key material protects every object for as ' +
      'long as the key lives.',
    cannotRotate:
      'KMS cannot rotate customer managed key {{key}} automatically ({{code}}; origin {{origin}}, key spec ' +
      '{{keySpec}}): rotate its key material yourself.',
  },
  evaluate(bucket) {
    const observedKey = bucket.kmsKey;
    if (observedKey === undefined || observedKey.state === 'absent') return undefined;
    if (observedKey.state === 'error') return unreadable('the default-encryption KMS key', observedKey);
    const key = observedKey.value;
    // AWS managed keys rotate every year; a missing key is bucket-kms-key-state's finding; a key
    // pending deletion always reports rotation off, which says nothing about its setting.
    if (key.kind !== 'described' || key.keyManager !== 'CUSTOMER' || key.keyState === 'PendingDeletion') return undefined;
    const rotation = bucket.kmsKeyRotation;
    if (rotation === undefined) return undefined;
    if (rotation.state === 'error') return unreadable('the key rotation status', rotation);
    const evidence = { keyArn: key.arn };
    if (rotation.state === 'absent') {
      return {
        status: 'fail',
        messageId: 'cannotRotate',
        data: {
          key: key.arn,
          code: rotation.code ?? 'no rotation status',
          origin: key.origin ?? 'unknown',
          keySpec: key.keySpec ?? 'unknown',
        },
        evidence,
      };
    }
    const { enabled, periodDays } = rotation.value;
    if (!enabled) return { status: 'fail', messageId: 'notRotating', data: { key: key.arn }, evidence: { ...evidence, rotationEnabled: false } };
    return {
      status: 'pass',
      messageId: 'rotating',
      data: { key: key.arn, period: periodDays === undefined ? '' : ` (every ${periodDays} days)` },
      evidence: { ...evidence, rotationEnabled: true, ...(periodDays === undefined ? {} : { rotationPeriodInDays: periodDays }) },
    };
  },
});
