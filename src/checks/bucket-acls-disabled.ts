import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';
import { BUCKET_OWNER_ENFORCED } from './lib/remediation-snippets.ts';

/** Why each Object Ownership setting other than BucketOwnerEnforced falls short. */
const SHORTFALLS: Readonly<Record<string, string>> = {
  BucketOwnerPreferred:
    'ACLs are still evaluated, and objects another account uploads without the bucket-owner-full-control ACL stay theirs',
  ObjectWriter: 'ACLs are evaluated, and objects another account uploads are owned by that account, not by the bucket owner',
};

export default defineCheck({
  id: 'bucket-acls-disabled',
  title: 'Bucket ACLs are disabled (Object Ownership is BucketOwnerEnforced)',
  severity: 'low',
  resource: 'bucket',
  needs: ['ownershipControls'],
  enabledByDefault: true,
  rationale:
    'With BucketOwnerEnforced, S3 ignores every bucket and object ACL and the bucket owner owns every object, ' +
    'so access is decided by policies alone: one place to review, and no object another account can keep ' +
    'out of the owner\'s control. A bucket without an Object Ownership setting (created before April 2023 and ' +
    'never changed, or the setting deleted) behaves as ObjectWriter: ACLs are enabled.',
  remediation: {
    text:
      'Check that no access depends on ACLs (grants to other accounts, the LogDelivery group for legacy log ' +
      'delivery, CloudFront standard logs), move any such access into the bucket policy, then set Object ' +
      'Ownership to BucketOwnerEnforced.',
    ...BUCKET_OWNER_ENFORCED,
  },
  references: {
    url: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html'],
    securityHub: 'S3.12',
    awsConfig: 's3-bucket-acl-prohibited',
    prowler: 's3_bucket_acl_prohibited',
  },
  messages: {
    enforced: 'Object Ownership is BucketOwnerEnforced: ACLs are disabled and the bucket owner owns every object.',
    aclsEnabled: 'Object Ownership is {{ownership}}, not BucketOwnerEnforced: {{shortfall}}.',
    notConfigured:
      'The bucket has no Object Ownership setting ({{code}}), so it behaves as ObjectWriter: ACLs are enabled and ' +
      'objects another account uploads are owned by that account.',
  },
  evaluate(bucket) {
    const controls = bucket.ownershipControls;
    if (controls === undefined) return undefined;
    if (controls.state === 'error') return unreadable('the Object Ownership setting', controls);
    if (controls.state === 'absent') {
      return {
        status: 'fail',
        messageId: 'notConfigured',
        data: { code: controls.code ?? 'no setting returned' },
        evidence: { objectOwnership: null },
      };
    }
    const ownership = controls.value.objectOwnership;
    const evidence = { objectOwnership: ownership };
    if (ownership === 'BucketOwnerEnforced') return { status: 'pass', messageId: 'enforced', evidence };
    const shortfall = SHORTFALLS[ownership] ?? 'ACLs may be in effect';
    return { status: 'fail', messageId: 'aclsEnabled', data: { ownership, shortfall }, evidence };
  },
});
