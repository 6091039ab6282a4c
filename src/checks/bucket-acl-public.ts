import { isNotSupportedByEndpoint } from '../snapshot/observed.ts';
import type { AclGrant } from '../snapshot/types.ts';
import { defineCheck } from './lib/define-check.ts';
import { effectiveFlag, unreadableLevel } from './lib/effective-public-access-block.ts';
import { formatList } from './lib/format-list.ts';
import { unreadable } from './lib/unreadable.ts';
import { BUCKET_OWNER_ENFORCED } from './lib/remediation-snippets.ts';

const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** The two predefined groups S3 counts as public, and who they are. */
const PUBLIC_GROUPS: Readonly<Record<string, string>> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers (anyone on the internet)',
  [AUTHENTICATED_USERS]: 'AuthenticatedUsers (any AWS account)',
};

/** On an S3-compatible store the group means its own users, not AWS accounts. */
const STORE_AUTHENTICATED_USERS = 'AuthenticatedUsers (any user of this store)';

/** What each bucket ACL permission lets the grantee do. */
const PERMISSION_EFFECTS: Readonly<Record<string, string>> = {
  READ: 'list the objects',
  WRITE: 'create, overwrite and delete objects',
  READ_ACP: 'read the ACL',
  WRITE_ACP: 'rewrite the ACL',
  FULL_CONTROL: 'all of list, write, read and rewrite the ACL',
};

function publicGroup(grant: AclGrant, offAws: boolean): string | undefined {
  if (grant.uri === undefined) return undefined;
  return offAws && grant.uri === AUTHENTICATED_USERS ? STORE_AUTHENTICATED_USERS : PUBLIC_GROUPS[grant.uri];
}

function describeGrant(grant: AclGrant, group: string): string {
  const effect = PERMISSION_EFFECTS[grant.permission];
  return `${grant.permission}${effect === undefined ? '' : ` (${effect})`} to ${group}`;
}

export default defineCheck({
  id: 'bucket-acl-public',
  title: 'Bucket ACL grants nothing to AllUsers or AuthenticatedUsers',
  severity: 'critical',
  resource: 'bucket',
  needs: ['acl', 'publicAccessBlock', 'accountPublicAccessBlock'],
  enabledByDefault: true,
  rationale:
    'A bucket ACL grant to AllUsers opens the bucket to anyone on the internet, and one to AuthenticatedUsers ' +
    'to anyone with any AWS account, which is just as public. Only IgnorePublicAcls (account or bucket) makes ' +
    'S3 ignore such grants; BlockPublicAcls only refuses new ones and leaves existing grants in force, a ' +
    'distinction some tools miss. While IgnorePublicAcls is on, S3 leaves the ignored grants out of ' +
    'GetBucketAcl, so grants that would come back if it were turned off cannot be seen. Object ACLs are not ' +
    'read by this check.',
  remediation: {
    text:
      'Remove the public grants (reset the ACL to private), then set Object Ownership to BucketOwnerEnforced so ' +
      'ACLs no longer apply at all, and turn on IgnorePublicAcls at the account level.',
    cli: `aws s3api put-bucket-acl --bucket BUCKET --acl private\n${BUCKET_OWNER_ENFORCED.cli}`,
    terraform: BUCKET_OWNER_ENFORCED.terraform,
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    ],
    securityHub: 'S3.2, S3.3',
    awsConfig: 's3-bucket-public-read-prohibited, s3-bucket-public-write-prohibited',
    prowler: 's3_bucket_public_list_acl, s3_bucket_public_write_acl',
  },
  messages: {
    noPublicGrant: 'The bucket ACL grants nothing to AllUsers or AuthenticatedUsers ({{grants}} grant(s) checked).',
    ignored: 'The bucket ACL grants {{grants}}, but IgnorePublicAcls is in effect from {{source}}, so S3 ignores these grants.',
    publicGrant: 'The bucket ACL grants {{grants}}, and IgnorePublicAcls is off at the account and the bucket level.',
    publicGrantNoAccountLevel:
      'The bucket ACL grants {{grants}}, and IgnorePublicAcls is off at the bucket level (the account level is not ' +
      'supported by this endpoint).',
  },
  evaluate(bucket, context) {
    const { acl } = bucket;
    const accountLevel = context.account.publicAccessBlock;
    const bucketLevel = bucket.publicAccessBlock;
    if (acl === undefined || accountLevel === undefined || bucketLevel === undefined) return undefined;
    if (acl.state === 'error') return unreadable('the bucket ACL', acl);
    const grants = acl.state === 'present' ? acl.value.grants : [];
    const publicGrants = grants.flatMap((grant) => {
      const group = publicGroup(grant, context.account.s3Compatible === true);
      return group === undefined ? [] : [describeGrant(grant, group)];
    });
    if (publicGrants.length === 0) return { status: 'pass', messageId: 'noPublicGrant', data: { grants: grants.length } };

    const evidence = { publicGrants };
    const ignore = effectiveFlag('ignorePublicAcls', accountLevel, bucketLevel);
    if (ignore === 'unknown') return unreadableLevel(accountLevel, bucketLevel);
    const data = { grants: formatList(publicGrants) };
    if (ignore === 'off') {
      return { status: 'fail', messageId: isNotSupportedByEndpoint(accountLevel) ? 'publicGrantNoAccountLevel' : 'publicGrant', data, evidence };
    }
    const source = ignore === 'both' ? 'the account and the bucket' : `the ${ignore}`;
    return { status: 'pass', messageId: 'ignored', data: { ...data, source }, evidence };
  },
});
