import type { Severity, ResourceType } from '../../src/checks/types.ts';
import type { CheckInfo } from '../../src/report/types.ts';

function check(
  id: string,
  severity: Severity,
  title: string,
  rationale: string,
  remediation: CheckInfo['remediation'],
  resource: ResourceType = 'bucket',
): CheckInfo {
  return {
    id,
    title,
    severity,
    resource,
    rationale,
    remediation,
    references: { url: [`https://docs.aws.amazon.com/AmazonS3/latest/userguide/${id}.html`] },
  };
}

/**
 * The catalog the fixture report's checks ran with: pinned here rather than taken from the
 * registry, so editing a check's texts does not churn the report golden files.
 */
export const FIXTURE_CHECKS: readonly CheckInfo[] = [
  check('account-public-access-block', 'high', 'Account-level Block Public Access is fully on',
    'Account-level Block Public Access overrides every bucket: with all four flags on, no bucket policy or ACL can make data public.',
    { text: 'Turn on all four Block Public Access settings for the account.', cli: 'aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true' },
    'account'),
  check('bucket-acl-public', 'critical', 'Bucket ACL grants nothing to everyone',
    'An ACL grant to AllUsers or AuthenticatedUsers exposes objects to the whole internet.',
    { text: 'Remove the grants, or disable ACLs with Object Ownership BucketOwnerEnforced.' }),
  check('bucket-acls-disabled', 'low', 'Bucket ACLs are disabled',
    'With ACLs enabled, object writers can grant access that bypasses the bucket policy.',
    { text: 'Set Object Ownership to BucketOwnerEnforced.' }),
  check('bucket-cors-wildcard-origin', 'low', 'CORS rules name their origins',
    'A CORS rule with origin * lets any web page read the bucket from a browser with the visitor’s credentials.',
    { text: 'List the allowed origins explicitly.' }),
  check('bucket-default-encryption', 'medium', 'Bucket default encryption is configured',
    'Without default encryption, objects written without encryption headers are stored unencrypted on S3-compatible stores.',
    { text: 'Configure default encryption (SSE-S3 or SSE-KMS).' }),
  check('bucket-key-enabled', 'low', 'SSE-KMS buckets use an S3 Bucket Key',
    'Without a Bucket Key every object operation is a KMS request: cost and request quota.',
    { text: 'Enable the S3 Bucket Key on the default encryption rule.' }),
  check('bucket-kms-key-rotation', 'low', 'The default-encryption KMS key rotates automatically',
    'Key rotation limits how much data one key version protects.',
    { text: 'Enable automatic rotation on the customer-managed key.', cli: 'aws kms enable-key-rotation --key-id KEY' }),
  check('bucket-kms-key-state', 'critical', 'The default-encryption KMS key is usable',
    'A disabled or deleted key makes every object encrypted with it unreadable, and writes fail.',
    { text: 'Re-enable the key or cancel its deletion, or switch the bucket to a usable key.' }),
  check('bucket-logging-loop', 'high', 'Server access logs do not loop',
    'A bucket that logs into itself, directly or through a cycle, grows without bound.',
    { text: 'Deliver logs to a dedicated bucket that does not log itself.' }),
  check('bucket-object-lock-retention', 'medium', 'Object Lock has a sufficient default retention',
    'Object Lock without a default retention protects only objects written with explicit retention.',
    { text: 'Set a default retention in COMPLIANCE mode for at least the required days.' }),
  check('bucket-policy-public', 'critical', 'Bucket policy grants nothing to everyone',
    'A policy statement that allows anyone exposes data to the internet.',
    { text: 'Restrict the principal or add conditions, and turn on Block Public Access.' }),
  check('bucket-policy-requires-sse-kms', 'medium', 'Bucket policy requires SSE-KMS on upload',
    'Without a deny, clients can write objects under a weaker encryption.',
    { text: 'Deny s3:PutObject unless x-amz-server-side-encryption is aws:kms.' }),
  check('bucket-presigned-url-age', 'info', 'Presigned URL age is limited',
    'Presigned URLs stay valid for up to 7 days unless the policy limits s3:signatureAge.',
    { text: 'Deny requests whose s3:signatureAge exceeds your limit.' }),
  check('bucket-tls-only', 'high', 'Bucket policy denies non-TLS requests',
    'Requests over plain HTTP expose data and credentials to the network path.',
    { text: 'Deny every S3 action on the bucket and its objects when aws:SecureTransport is false.',
      terraform: 'statement {\n  effect  = "Deny"\n  actions = ["s3:*"]\n  condition {\n    test     = "Bool"\n    variable = "aws:SecureTransport"\n    values   = ["false"]\n  }\n}' }),
  check('bucket-versioning', 'medium', 'Bucket versioning is enabled',
    'Without versioning an overwrite or a delete destroys the only copy of an object.',
    { text: 'Enable versioning.', cli: 'aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled' }),
  check('multi-region-access-point-public-access-block', 'medium', 'Multi-Region Access Point blocks public access',
    'A Multi-Region Access Point without Block Public Access can expose every bucket behind it.',
    { text: 'Recreate the Multi-Region Access Point with all Block Public Access flags on.' },
    'multi-region-access-point'),
];
