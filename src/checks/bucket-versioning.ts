import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineCheck({
  id: 'bucket-versioning',
  title: 'Bucket versioning is enabled',
  severity: 'medium',
  resource: 'bucket',
  needs: ['versioning'],
  enabledByDefault: true,
  rationale:
    'Without versioning an overwrite or a delete destroys the only copy of an object: ransomware, a buggy job ' +
    'or a stolen credential can wipe data with no way back. Versioning keeps every version until a lifecycle ' +
    'rule or an explicit version delete removes it, and it is required for replication and Object Lock.',
  remediation: {
    text: 'Enable versioning, and add a lifecycle rule that expires noncurrent versions to bound the cost.',
    cli: 'aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled',
    terraform:
      'resource "aws_s3_bucket_versioning" "this" {\n  bucket = aws_s3_bucket.this.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}',
  },
  references: {
    url: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'],
    securityHub: 'S3.14',
    awsConfig: 's3-bucket-versioning-enabled',
    prowler: 's3_bucket_object_versioning',
  },
  messages: {
    enabled: 'Versioning is Enabled.',
    suspended:
      'Versioning is Suspended: new writes no longer keep prior versions, so overwrites and deletes are permanent.',
    neverEnabled: 'Versioning has never been enabled: an overwritten or deleted object cannot be recovered.',
  },
  evaluate(bucket) {
    const versioning = bucket.versioning;
    if (versioning === undefined) return undefined;
    if (versioning.state === 'error') return unreadable('the versioning configuration', versioning);
    const status = versioning.state === 'present' ? versioning.value.status : undefined;
    if (status === 'Enabled') return { status: 'pass', messageId: 'enabled', evidence: { status } };
    if (status === 'Suspended') return { status: 'fail', messageId: 'suspended', evidence: { status } };
    return { status: 'fail', messageId: 'neverEnabled', evidence: { status: null } };
  },
});
