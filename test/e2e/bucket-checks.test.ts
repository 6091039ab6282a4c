import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';

const OWNER = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
const allOn = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

/** One bucket per situation, configured through the real wire formats (XML bodies, 404 codes, faults). */
const ACCOUNT: AccountFixture = {
  accountId: '123456789012',
  ownerId: OWNER,
  accountPublicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false },
  buckets: [
    {
      name: 'vault',
      region: 'us-east-1',
      versioning: { status: 'Enabled', mfaDelete: 'Enabled' },
      objectLock: { enabled: true, defaultRetention: { mode: 'COMPLIANCE', years: 1 } },
      publicAccessBlock: allOn,
      ownershipControls: { objectOwnership: 'BucketOwnerEnforced' },
    },
    {
      name: 'legacy-public',
      region: 'us-east-1',
      versioning: { status: 'Suspended' },
      acl: {
        ownerId: OWNER,
        grants: [
          { granteeType: 'CanonicalUser', id: OWNER, permission: 'FULL_CONTROL' },
          { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' },
          { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers', permission: 'WRITE' },
        ],
      },
      lifecycle: { rules: [{ id: 'expire-old', status: 'Enabled', expirationDays: 30 }] },
    },
    {
      name: 'uploads',
      region: 'eu-west-1',
      versioning: { status: 'Enabled' },
      objectLock: { enabled: true },
      publicAccessBlock: allOn,
      ownershipControls: { objectOwnership: 'BucketOwnerPreferred' },
      cors: {
        rules: [
          { id: 'browser-upload', allowedOrigins: ['https://*'], allowedMethods: ['PUT', 'POST'], allowedHeaders: ['*'], exposeHeaders: ['ETag'] },
          { allowedOrigins: ['*'], allowedMethods: ['GET'], allowedHeaders: [], exposeHeaders: [], maxAgeSeconds: 600 },
          { id: 'dev', allowedOrigins: ['http://localhost:3000', 'http://app.example.com'], allowedMethods: ['GET'], allowedHeaders: [], exposeHeaders: [] },
        ],
      },
    },
    {
      name: 'denied',
      region: 'eu-west-1',
      versioning: { status: 'Enabled' },
      faults: {
        GetBucketCors: 'AccessDenied',
        GetPublicAccessBlock: 'AccessDenied',
        GetObjectLockConfiguration: 'AccessDenied',
        GetBucketAcl: 'AccessDenied',
        GetBucketOwnershipControls: 'AccessDenied',
      },
    },
  ],
};

const CHECKS = [
  'account-public-access-block',
  'bucket-acl-public',
  'bucket-acls-disabled',
  'bucket-cors-insecure-origin',
  'bucket-cors-wildcard-origin',
  'bucket-cors-wildcard-write',
  'bucket-mfa-delete',
  'bucket-object-lock',
  'bucket-object-lock-retention',
  'bucket-public-access-block',
];

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe('single-bucket checks end to end (built CLI, real SDK, local endpoint)', () => {
  it('judges Block Public Access, ACLs, Object Lock, MFA Delete and CORS from what AWS answers', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT);
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', CHECKS.join(',')], TEST_CREDENTIALS);
    expect(run.code).toBe(1);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.complete).toBe(false);
    expect(report.findings.map((f) => `${f.resource.name} ${f.checkId} ${f.status}`)).toEqual([
      'denied bucket-acl-public unknown',
      'denied bucket-acls-disabled unknown',
      'denied bucket-cors-insecure-origin unknown',
      'denied bucket-cors-wildcard-origin unknown',
      'denied bucket-cors-wildcard-write unknown',
      'denied bucket-mfa-delete fail',
      'denied bucket-object-lock unknown',
      'denied bucket-object-lock-retention unknown',
      'denied bucket-public-access-block unknown',
      'legacy-public bucket-acl-public fail',
      'legacy-public bucket-acls-disabled fail',
      'legacy-public bucket-cors-insecure-origin pass',
      'legacy-public bucket-cors-wildcard-origin pass',
      'legacy-public bucket-cors-wildcard-write pass',
      'legacy-public bucket-mfa-delete fail',
      'legacy-public bucket-object-lock fail',
      'legacy-public bucket-public-access-block fail',
      'uploads bucket-acl-public pass',
      'uploads bucket-acls-disabled fail',
      'uploads bucket-cors-insecure-origin fail',
      'uploads bucket-cors-wildcard-origin fail',
      'uploads bucket-cors-wildcard-write fail',
      'uploads bucket-mfa-delete fail',
      'uploads bucket-object-lock pass',
      'uploads bucket-object-lock-retention fail',
      'uploads bucket-public-access-block pass',
      'vault bucket-acl-public pass',
      'vault bucket-acls-disabled pass',
      'vault bucket-cors-insecure-origin pass',
      'vault bucket-cors-wildcard-origin pass',
      'vault bucket-cors-wildcard-write pass',
      'vault bucket-mfa-delete pass',
      'vault bucket-object-lock pass',
      'vault bucket-object-lock-retention pass',
      'vault bucket-public-access-block pass',
      '123456789012 account-public-access-block fail',
    ]);

    const message = (resource: string, checkId: string) =>
      report.findings.find((f) => f.resource.name === resource && f.checkId === checkId)?.message;
    // What only the wire can get wrong: XML lists and fields, 404 codes, per-level flags.
    expect(message('123456789012', 'account-public-access-block')).toBe(
      'Account-level Block Public Access is off for IgnorePublicAcls (public ACLs take effect) and RestrictPublicBuckets ' +
        '(public bucket policies grant access to anyone).',
    );
    expect(message('legacy-public', 'bucket-public-access-block')).toBe(
      'Block Public Access is not in effect for IgnorePublicAcls (public ACLs take effect) and RestrictPublicBuckets ' +
        '(public bucket policies grant access to anyone): off at the account level and at the bucket level (no configuration).',
    );
    expect(message('uploads', 'bucket-public-access-block')).toBe(
      'All 4 Block Public Access flags are in effect: BlockPublicAcls, BlockPublicPolicy from the account and the bucket; ' +
        'IgnorePublicAcls, RestrictPublicBuckets from the bucket.',
    );
    expect(message('legacy-public', 'bucket-acl-public')).toBe(
      'The bucket ACL grants READ (list the objects) to AllUsers (anyone on the internet) and WRITE (create, overwrite ' +
        'and delete objects) to AuthenticatedUsers (any AWS account), and IgnorePublicAcls is off at the account and the bucket level.',
    );
    expect(message('legacy-public', 'bucket-acls-disabled')).toBe(
      'The bucket has no Object Ownership setting (OwnershipControlsNotFoundError), so it behaves as ObjectWriter: ACLs ' +
        'are enabled and objects another account uploads are owned by that account.',
    );
    expect(message('legacy-public', 'bucket-mfa-delete')).toBe(
      "MFA Delete is not enabled (and versioning is Suspended), and it cannot be while the bucket has lifecycle rules ('expire-old'): " +
        'MFA Delete and lifecycle configurations are incompatible. Remove them and have the root user enable MFA Delete ' +
        'through the API or CLI, or protect versions with Object Lock instead.',
    );
    expect(message('uploads', 'bucket-cors-wildcard-write')).toBe(
      "CORS lets any website send write requests: rule 'browser-upload' lets 'https://*' send PUT, POST.",
    );
    expect(message('uploads', 'bucket-cors-wildcard-origin')).toBe("CORS lets any website read: rule #2 lets '*' use GET.");
    expect(message('uploads', 'bucket-cors-insecure-origin')).toBe(
      "CORS trusts origins that can be served over plain HTTP: rule 'dev' allows 'http://app.example.com' (GET).",
    );
    expect(message('uploads', 'bucket-object-lock-retention')).toBe(
      'Object Lock is enabled but has no default retention: a new object version is locked only if its writer sets a ' +
        'retention period or legal hold.',
    );
    expect(message('vault', 'bucket-object-lock-retention')).toBe(
      'Default retention is COMPLIANCE for 1 year (365 days): no one, root included, can delete or overwrite a new ' +
        'object version before it expires.',
    );
    expect(report.errors.map((e) => `${e.operation} ${e.code}`)).toEqual([
      'GetBucketAcl AccessDenied',
      'GetBucketCors AccessDenied',
      'GetBucketOwnershipControls AccessDenied',
      'GetObjectLockConfiguration AccessDenied',
      'GetPublicAccessBlock AccessDenied',
    ]);
  });

  it('collects only what the selected checks need: CORS checks call GetBucketCors and nothing else per bucket', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT);
    const run = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'bucket-cors-*'],
      TEST_CREDENTIALS,
    );
    expect(run.code).toBe(1);
    expect(endpoint.counts()).toEqual({ 'sts:GetCallerIdentity': 1, 's3:ListBuckets': 1, 's3:GetBucketCors': 4 });
  });
});
