import { DeleteObjectCommand, GetBucketPolicyCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Status } from '../../src/checks/types.ts';
import type { Report } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli } from '../support/run-cli.ts';
import { rgwCliEnv, rgwS3Client } from './support/rgw-server.ts';
import { createSuiteBuckets, OBJECT_KEY, SUITE_BUCKETS, type SuiteBucketName, type SuiteFixture } from './support/suite-buckets.ts';

const server = inject('rgw');

/** The checks whose verdicts the suite pins; new catalog entries do not shift the exit codes. */
const CHECKS = [
  'access-point-policy-public',
  'account-public-access-block',
  'bucket-access-logging',
  'bucket-acl-public',
  'bucket-acls-disabled',
  'bucket-cors-insecure-origin',
  'bucket-cors-wildcard-origin',
  'bucket-cors-wildcard-write',
  'bucket-default-encryption',
  'bucket-kms-key-state',
  'bucket-mfa-delete',
  'bucket-object-lock',
  'bucket-object-lock-retention',
  'bucket-policy-cross-account',
  'bucket-policy-public',
  'bucket-public-access-block',
  'bucket-tls-only',
  'bucket-versioning',
  'multi-region-access-point-public-access-block',
];

/** Checks that read only what RGW does not implement (encryption, Object Ownership, logging, S3 Control). */
const UNSUPPORTED_BY_RGW = [
  'access-point-policy-public',
  'account-public-access-block',
  'bucket-access-logging',
  'bucket-acls-disabled',
  'bucket-default-encryption',
  'bucket-kms-key-state',
  'multi-region-access-point-public-access-block',
];

/** The suite's three runs of the CLI: every bucket over HTTP, one over HTTPS, the locked-out one alone. */
type ScanName = 'plainHttp' | 'https' | 'lockedOut';

interface Scan {
  readonly code: number | null;
  readonly report: Report;
}

const scans = new Map<ScanName, Scan>();
let fixture: SuiteFixture | undefined;

function suite(): SuiteFixture {
  if (fixture === undefined) throw new Error('the suite buckets were not created');
  return fixture;
}

function scanOf(name: ScanName): Scan {
  const scan = scans.get(name);
  if (scan === undefined) throw new Error(`the ${name} scan did not run`);
  return scan;
}

async function scan(args: readonly string[]): Promise<Scan> {
  const run = await runBuiltCli(['scan', '--format', 'json', '--no-config', ...args], rgwCliEnv(server));
  if (run.stdout === '') throw new Error(`the CLI wrote no report (exit ${String(run.code)}): ${run.stderr}`);
  return { code: run.code, report: parseJson<Report>(run.stdout) };
}

beforeAll(async () => {
  fixture = await createSuiteBuckets(server);
  const { prefix, bucket } = fixture;
  const [plainHttp, https, lockedOut] = await Promise.all([
    // Every bucket over plain HTTP; the account comes from the ListBuckets owner (RGW has no STS).
    scan(['--endpoint-url', server.httpUrl, '--bucket', `${prefix}-*`, '--checks', CHECKS.join(',')]),
    // Over HTTPS the BoolIfExists bucket lets its owner read it again.
    scan(['--endpoint-url', server.httpsUrl, '--account-id', '123456789012', '--bucket', bucket('tls-bool-if-exists'), '--checks', 'bucket-tls-only,bucket-versioning']),
    scan(['--endpoint-url', server.httpUrl, '--bucket', bucket('locked-out'), '--checks', 'bucket-policy-public,bucket-versioning']),
  ]);
  scans.set('plainHttp', plainHttp).set('https', https).set('lockedOut', lockedOut);
});

afterAll(() => {
  fixture?.remove();
});

interface VerdictCase {
  /** The behaviour the row pins. */
  readonly behaviour: string;
  readonly scan: ScanName;
  /** A suite bucket, or the account-level resources: the account, and `*` for the access-point kinds. */
  readonly resource: SuiteBucketName | 'account' | 'access points';
  readonly check: string;
  readonly status: Status;
  /** `<bucket>` stands for the bucket's full name. */
  readonly message: string;
}

const NOT_SUPPORTED_ENCRYPTION =
  'not supported by this endpoint (the endpoint answered GetBucketEncryption with a <ListBucketResult> document instead of <ServerSideEncryptionConfiguration>).';
const NO_S3_CONTROL = (operation: string) =>
  `not supported by this endpoint (the endpoint answered ${operation} with NoSuchBucket for the S3 Control path: it does not implement S3 Control).`;
const ALL_FOUR_OFF =
  'Block Public Access is not in effect for BlockPublicAcls (new public ACLs can be set), IgnorePublicAcls (public ACLs take effect), ' +
  'BlockPublicPolicy (a public bucket policy can be attached) and RestrictPublicBuckets (public bucket policies grant access to anyone): ' +
  'off at the account level (not supported by this endpoint) and at the bucket level.';
const MFA_DELETE_HOW =
  'On this S3-compatible store the bucket owner enables it through the API with an MFA device the store knows ' +
  '(Ceph RGW: one registered with radosgw-admin mfa create).';
const DENIED = (operation: string) => `${operation} failed with AccessDenied (HTTP 403 without error details).`;

const VERDICTS: readonly VerdictCase[] = [
  // What RGW does not implement is unknown, never pass: 200 with another document, S3 Control 404.
  {
    behaviour: 'GetBucketEncryption answering 200 with a ListBucketResult makes default encryption unknown, not configured',
    scan: 'plainHttp',
    resource: 'bare',
    check: 'bucket-default-encryption',
    status: 'unknown',
    message: `Could not read the default encryption configuration: ${NOT_SUPPORTED_ENCRYPTION}`,
  },
  {
    behaviour: 'the KMS key state is unknown when the encryption answer is the wrong document',
    scan: 'plainHttp',
    resource: 'bare',
    check: 'bucket-kms-key-state',
    status: 'unknown',
    message: `Could not read the default-encryption KMS key: ${NOT_SUPPORTED_ENCRYPTION}`,
  },
  {
    behaviour: 'GetBucketOwnershipControls answering 200 with a ListBucketResult makes Object Ownership unknown',
    scan: 'plainHttp',
    resource: 'bare',
    check: 'bucket-acls-disabled',
    status: 'unknown',
    message:
      'Could not read the Object Ownership setting: not supported by this endpoint (the endpoint answered GetBucketOwnershipControls ' +
      'with a <ListBucketResult> document instead of <OwnershipControls>).',
  },
  {
    behaviour: 'account-level Block Public Access is unknown: S3 Control answers 404 NoSuchBucket',
    scan: 'plainHttp',
    resource: 'account',
    check: 'account-public-access-block',
    status: 'unknown',
    message: `Could not read the account-level Block Public Access configuration: ${NO_S3_CONTROL('GetPublicAccessBlock')}`,
  },
  {
    behaviour: 'access points are unknown without S3 Control',
    scan: 'plainHttp',
    resource: 'access points',
    check: 'access-point-policy-public',
    status: 'unknown',
    message: `Could not read the access points of us-east-1: ${NO_S3_CONTROL('ListAccessPoints')}`,
  },
  {
    behaviour: 'Multi-Region Access Points are unknown without S3 Control',
    scan: 'plainHttp',
    resource: 'access points',
    check: 'multi-region-access-point-public-access-block',
    status: 'unknown',
    message: `Could not read the Multi-Region Access Points of the account: ${NO_S3_CONTROL('ListMultiRegionAccessPoints')}`,
  },
  {
    behaviour: 'an empty GetBucketLogging answer cannot tell "off" from "not implemented": access logging is unknown',
    scan: 'plainHttp',
    resource: 'bare',
    check: 'bucket-access-logging',
    status: 'unknown',
    message:
      'Could not read the server access logging configuration: not supported by this endpoint (an empty BucketLoggingStatus from an ' +
      'S3-compatible endpoint cannot tell "logging off" from "bucket logging not implemented", and Ceph RGW answers nothing else).',
  },

  // What RGW answers for a bucket with nothing configured.
  {
    behaviour: "RGW's 200-all-false Block Public Access answer reads as off, like AWS's 404",
    scan: 'plainHttp',
    resource: 'bare',
    check: 'bucket-public-access-block',
    status: 'fail',
    message: ALL_FOUR_OFF,
  },
  {
    behaviour: 'NoSuchBucketPolicy means no policy, so nothing public',
    scan: 'plainHttp',
    resource: 'bare',
    check: 'bucket-policy-public',
    status: 'pass',
    message: 'No bucket policy, so no policy grants public access.',
  },
  {
    behaviour: 'NoSuchCORSConfiguration means no CORS rule',
    scan: 'plainHttp',
    resource: 'bare',
    check: 'bucket-cors-wildcard-origin',
    status: 'pass',
    message: 'The bucket has no CORS configuration.',
  },
  {
    behaviour: 'a versioning status never set reads as never enabled',
    scan: 'plainHttp',
    resource: 'bare',
    check: 'bucket-versioning',
    status: 'fail',
    message: 'Versioning has never been enabled: an overwritten or deleted object cannot be recovered.',
  },
  {
    behaviour: 'a bucket created without Object Lock fails the Object Lock check',
    scan: 'plainHttp',
    resource: 'bare',
    check: 'bucket-object-lock',
    status: 'fail',
    message:
      'Object Lock is not enabled: anyone allowed to delete object versions can destroy them. ' +
      '(Option requiredFor limits this check to the buckets that must have it.)',
  },

  // Policies: the evaluator decides, not RGW's IsPublic.
  {
    behaviour: 'a policy allowing Principal "*" to read objects is public',
    scan: 'plainHttp',
    resource: 'public-policy',
    check: 'bucket-policy-public',
    status: 'fail',
    message:
      'The bucket policy is public and RestrictPublicBuckets is off: "PublicRead" allows s3:GetObject to Principal "*" with no ' +
      'condition that pins the caller to fixed values.',
  },
  {
    behaviour: 'a policy allowing Principal "*" grants access to every account',
    scan: 'plainHttp',
    resource: 'public-policy',
    check: 'bucket-policy-cross-account',
    status: 'fail',
    message: 'The bucket policy grants access to accounts not listed as trusted: any account (Principal "*" in "PublicRead").',
  },
  {
    behaviour: "an Allow to one account passes although RGW's GetBucketPolicyStatus says public, and the disagreement is noted",
    scan: 'plainHttp',
    resource: 'account-policy',
    check: 'bucket-policy-public',
    status: 'pass',
    message:
      "The bucket policy grants access only to fixed principals, networks or accounts; this endpoint's GetBucketPolicyStatus says " +
      "public, but it is not AWS's verdict off AWS, so s3-audit's evaluation decides.",
  },
  {
    behaviour: 'an Allow to an untrusted account is cross-account access',
    scan: 'plainHttp',
    resource: 'account-policy',
    check: 'bucket-policy-cross-account',
    status: 'fail',
    message: 'The bucket policy grants access to accounts not listed as trusted: 111122223333 (arn:aws:iam::111122223333:root in "PartnerRead").',
  },
  {
    behaviour: 'an Allow to a user of the same RGW tenant is not public',
    scan: 'plainHttp',
    resource: 'same-tenant-policy',
    check: 'bucket-policy-public',
    status: 'pass',
    message:
      "The bucket policy grants access only to fixed principals, networks or accounts; this endpoint's GetBucketPolicyStatus says " +
      "public, but it is not AWS's verdict off AWS, so s3-audit's evaluation decides.",
  },
  {
    behaviour: 'an Allow to a user of the same RGW tenant is not cross-account',
    scan: 'plainHttp',
    resource: 'same-tenant-policy',
    check: 'bucket-policy-cross-account',
    status: 'pass',
    message: 'The bucket policy grants nothing to other accounts.',
  },
  {
    behaviour: 'RestrictPublicBuckets does not neutralize a public policy off AWS (RGW does not enforce it)',
    scan: 'plainHttp',
    resource: 'restrict-public-buckets',
    check: 'bucket-policy-public',
    status: 'fail',
    message:
      'The bucket policy is public ("PublicRead" allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed ' +
      'values), and RestrictPublicBuckets (on at the bucket level) is not relied on to neutralize it: this S3-compatible endpoint is ' +
      'not AWS and need not enforce it (Ceph RGW does not).',
  },

  // TLS: what RGW enforces over plain HTTP decides.
  {
    behaviour: 'a Bool aws:SecureTransport deny fails off AWS: RGW omits the key over plain HTTP, so nothing is denied',
    scan: 'plainHttp',
    resource: 'tls-bool',
    check: 'bucket-tls-only',
    status: 'fail',
    message:
      'The bucket policy denies aws:SecureTransport=false ("DenyPlainHttp"), but not plain-HTTP requests without the key: this ' +
      'S3-compatible endpoint need not set aws:SecureTransport on them (Ceph RGW does not), and no Deny applies to them. Use ' +
      'BoolIfExists (or Null "true") instead.',
  },
  {
    behaviour: 'a BoolIfExists deny locks plain HTTP out, the owner included: the policy is unknown over HTTP',
    scan: 'plainHttp',
    resource: 'tls-bool-if-exists',
    check: 'bucket-tls-only',
    status: 'unknown',
    message: `Could not read the bucket policy: ${DENIED('GetBucketPolicy')}`,
  },
  {
    behaviour: 'a BoolIfExists deny makes every configuration unknown over HTTP, versioning too',
    scan: 'plainHttp',
    resource: 'tls-bool-if-exists',
    check: 'bucket-versioning',
    status: 'unknown',
    message: `Could not read the versioning configuration: ${DENIED('GetBucketVersioning')}`,
  },
  {
    behaviour: 'over HTTPS the BoolIfExists deny is read and passes',
    scan: 'https',
    resource: 'tls-bool-if-exists',
    check: 'bucket-tls-only',
    status: 'pass',
    message:
      'The bucket policy denies every request over plain HTTP (aws:SecureTransport=false) by "DenyPlainHttp": all principals, every ' +
      'S3 action, arn:aws:s3:::<bucket> and its objects.',
  },
  {
    behaviour: 'over HTTPS the versioning set through HTTPS is read',
    scan: 'https',
    resource: 'tls-bool-if-exists',
    check: 'bucket-versioning',
    status: 'pass',
    message: 'Versioning is Enabled.',
  },

  // ACLs, and the Block Public Access flag that RGW does enforce for them.
  {
    behaviour: 'a public-read ACL grants READ to AllUsers',
    scan: 'plainHttp',
    resource: 'acl-all-users',
    check: 'bucket-acl-public',
    status: 'fail',
    message:
      'The bucket ACL grants READ (list the objects) to AllUsers (anyone on the internet), and IgnorePublicAcls is off at the bucket ' +
      'level (the account level is not supported by this endpoint).',
  },
  {
    behaviour: 'an authenticated-read ACL grants READ to AuthenticatedUsers, any user of the store',
    scan: 'plainHttp',
    resource: 'acl-authenticated-users',
    check: 'bucket-acl-public',
    status: 'fail',
    message:
      'The bucket ACL grants READ (list the objects) to AuthenticatedUsers (any user of this store), and IgnorePublicAcls is off at ' +
      'the bucket level (the account level is not supported by this endpoint).',
  },
  {
    behaviour: 'IgnorePublicAcls at the bucket neutralizes a public ACL',
    scan: 'plainHttp',
    resource: 'acl-ignored',
    check: 'bucket-acl-public',
    status: 'pass',
    message:
      'The bucket ACL grants READ (list the objects) to AllUsers (anyone on the internet), but IgnorePublicAcls is in effect from the ' +
      'bucket, so S3 ignores these grants.',
  },
  {
    behaviour: 'IgnorePublicAcls alone leaves the three other Block Public Access flags off',
    scan: 'plainHttp',
    resource: 'acl-ignored',
    check: 'bucket-public-access-block',
    status: 'fail',
    message:
      'Block Public Access is not in effect for BlockPublicAcls (new public ACLs can be set), BlockPublicPolicy (a public bucket policy ' +
      'can be attached) and RestrictPublicBuckets (public bucket policies grant access to anyone): off at the account level (not supported ' +
      'by this endpoint) and at the bucket level.',
  },
  {
    behaviour: 'RestrictPublicBuckets on at the bucket is not reported in effect off AWS, the three other flags are',
    scan: 'plainHttp',
    resource: 'all-blocked',
    check: 'bucket-public-access-block',
    status: 'fail',
    message:
      'RestrictPublicBuckets is on at the bucket but not relied on: this S3-compatible endpoint need not enforce it (Ceph RGW does ' +
      'not), so a public bucket policy still grants access to anyone. In effect: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy from the bucket.',
  },
  {
    behaviour: 'RestrictPublicBuckets alone: the three flags that are off are named, and RestrictPublicBuckets is not relied on',
    scan: 'plainHttp',
    resource: 'restrict-public-buckets',
    check: 'bucket-public-access-block',
    status: 'fail',
    message:
      'Block Public Access is not in effect for BlockPublicAcls (new public ACLs can be set), IgnorePublicAcls (public ACLs take effect) ' +
      'and BlockPublicPolicy (a public bucket policy can be attached): off at the account level (not supported by this endpoint) and ' +
      'at the bucket level. RestrictPublicBuckets is on at the bucket but not relied on: this S3-compatible endpoint need not enforce ' +
      'it (Ceph RGW does not).',
  },

  // Versioning and MFA Delete (enabled with a real TOTP code).
  {
    behaviour: 'MFA Delete enabled with a TOTP code reads as Enabled',
    scan: 'plainHttp',
    resource: 'versioning-mfa',
    check: 'bucket-mfa-delete',
    status: 'pass',
    message: 'MFA Delete is Enabled.',
  },
  {
    behaviour: 'versioning enabled with MFA Delete reads as Enabled',
    scan: 'plainHttp',
    resource: 'versioning-mfa',
    check: 'bucket-versioning',
    status: 'pass',
    message: 'Versioning is Enabled.',
  },
  {
    behaviour: 'suspended versioning fails',
    scan: 'plainHttp',
    resource: 'versioning-suspended',
    check: 'bucket-versioning',
    status: 'fail',
    message: 'Versioning is Suspended: new writes no longer keep prior versions, so overwrites and deletes are permanent.',
  },
  {
    behaviour: "MFA Delete off on a suspended bucket fails, naming the suspension and the store's way to enable it",
    scan: 'plainHttp',
    resource: 'versioning-suspended',
    check: 'bucket-mfa-delete',
    status: 'fail',
    message: `MFA Delete is not enabled (and versioning is Suspended): deleting a version for good or suspending versioning needs no MFA code. ${MFA_DELETE_HOW}`,
  },

  // Object Lock.
  {
    behaviour: 'a bucket created with Object Lock passes the Object Lock check',
    scan: 'plainHttp',
    resource: 'lock-governance',
    check: 'bucket-object-lock',
    status: 'pass',
    message: 'Object Lock is enabled.',
  },
  {
    behaviour: 'a 1-day GOVERNANCE default retention meets the default minimum',
    scan: 'plainHttp',
    resource: 'lock-governance',
    check: 'bucket-object-lock-retention',
    status: 'pass',
    message:
      'Default retention is GOVERNANCE for 1 day; principals allowed s3:BypassGovernanceRetention can still shorten or remove it ' +
      '(option minimumMode: COMPLIANCE requires more).',
  },
  {
    behaviour: "a 30-day COMPLIANCE default retention passes, and the store administrator's way around it is named",
    scan: 'plainHttp',
    resource: 'lock-compliance',
    check: 'bucket-object-lock-retention',
    status: 'pass',
    message:
      'Default retention is COMPLIANCE for 30 days: no S3 request can delete or overwrite a new object version before it expires, ' +
      "though this S3-compatible store's administrators may still remove it (Ceph RGW: radosgw-admin bucket rm --purge-objects).",
  },
  {
    behaviour: 'Object Lock without default retention fails the retention check',
    scan: 'plainHttp',
    resource: 'lock-no-retention',
    check: 'bucket-object-lock-retention',
    status: 'fail',
    message:
      'Object Lock is enabled but has no default retention: a new object version is locked only if its writer sets a retention period or legal hold.',
  },
  {
    behaviour: 'a bucket created with Object Lock has versioning Enabled',
    scan: 'plainHttp',
    resource: 'lock-no-retention',
    check: 'bucket-versioning',
    status: 'pass',
    message: 'Versioning is Enabled.',
  },

  // CORS.
  {
    behaviour: 'a CORS rule letting "*" PUT and POST fails the write check',
    scan: 'plainHttp',
    resource: 'cors-wildcards',
    check: 'bucket-cors-wildcard-write',
    status: 'fail',
    message: "CORS lets any website send write requests: rule 'any-upload' lets '*' send PUT, POST.",
  },
  {
    behaviour: 'a CORS rule letting "*" GET fails the origin check',
    scan: 'plainHttp',
    resource: 'cors-wildcards',
    check: 'bucket-cors-wildcard-origin',
    status: 'fail',
    message: "CORS lets any website read: rule 'any-read' lets '*' use GET.",
  },
  {
    behaviour: 'a CORS rule trusting an http:// origin fails the insecure-origin check',
    scan: 'plainHttp',
    resource: 'cors-wildcards',
    check: 'bucket-cors-insecure-origin',
    status: 'fail',
    message: "CORS trusts origins that can be served over plain HTTP: rule 'dev' allows 'http://app.example.com' (GET, HEAD).",
  },

  // A Deny-everything policy: every read is AccessDenied, every verdict unknown.
  {
    behaviour: 'a lock-out policy makes the policy checks unknown',
    scan: 'plainHttp',
    resource: 'locked-out',
    check: 'bucket-policy-public',
    status: 'unknown',
    message: `Could not read the bucket policy: ${DENIED('GetBucketPolicy')}`,
  },
  {
    behaviour: 'a lock-out policy makes Block Public Access unknown',
    scan: 'plainHttp',
    resource: 'locked-out',
    check: 'bucket-public-access-block',
    status: 'unknown',
    message: `Could not read the bucket's Block Public Access configuration: ${DENIED('GetPublicAccessBlock')}`,
  },
  {
    behaviour: 'a lock-out policy makes CORS unknown',
    scan: 'plainHttp',
    resource: 'locked-out',
    check: 'bucket-cors-wildcard-write',
    status: 'unknown',
    message: `Could not read the CORS configuration: ${DENIED('GetBucketCors')}`,
  },
  {
    behaviour: 'a lock-out policy makes Object Lock unknown',
    scan: 'plainHttp',
    resource: 'locked-out',
    check: 'bucket-object-lock',
    status: 'unknown',
    message: `Could not read the Object Lock configuration: ${DENIED('GetObjectLockConfiguration')}`,
  },
  {
    behaviour: 'a scan of the locked-out bucket alone reports its versioning unknown',
    scan: 'lockedOut',
    resource: 'locked-out',
    check: 'bucket-versioning',
    status: 'unknown',
    message: `Could not read the versioning configuration: ${DENIED('GetBucketVersioning')}`,
  },
];

function resourceName(resource: VerdictCase['resource'], report: Report): string {
  if (resource === 'account') return report.account;
  if (resource === 'access points') return '*';
  return suite().bucket(resource);
}

describe('the built CLI against a real Ceph RADOS Gateway', () => {
  for (const { behaviour, scan: scanName, resource, check, status, message } of VERDICTS) {
    it(`${behaviour} (${check} ${status})`, () => {
      const { report } = scanOf(scanName);
      const name = resourceName(resource, report);
      const findings = report.findings.filter((finding) => finding.resource.name === name && finding.checkId === check);
      expect(findings.map((finding) => ({ status: finding.status, message: finding.message }))).toEqual([
        { status, message: message.replaceAll('<bucket>', name) },
      ]);
    });
  }

  it('never passes a check that reads only what RGW does not implement', () => {
    const findings = scanOf('plainHttp').report.findings.filter((finding) => UNSUPPORTED_BY_RGW.includes(finding.checkId));
    // Four bucket checks on every suite bucket, three account-level ones.
    expect(findings).toHaveLength(Object.keys(SUITE_BUCKETS).length * 4 + 3);
    expect(new Set(findings.map((finding) => finding.status))).toEqual(new Set(['unknown']));
  });

  it('reports under the ListBuckets owner when there is no STS, and exits 1 on failing findings', () => {
    const { code, report } = scanOf('plainHttp');
    expect({ code, account: report.account, complete: report.complete }).toEqual({ code: 1, account: server.user, complete: false });
  });

  it('lists every unimplemented answer of a bare bucket as NotSupportedByEndpoint in errors[]', () => {
    const { report } = scanOf('plainHttp');
    const arn = `arn:aws:s3:::${suite().bucket('bare')}`;
    expect(report.errors.filter((error) => error.resource === arn).map((error) => `${error.operation} ${error.code}`)).toEqual([
      'GetBucketEncryption NotSupportedByEndpoint',
      'GetBucketLogging NotSupportedByEndpoint',
      'GetBucketOwnershipControls NotSupportedByEndpoint',
    ]);
  });

  it('reports under --account-id and exits 0 when everything selected passes (HTTPS, BoolIfExists bucket)', () => {
    const { code, report } = scanOf('https');
    expect({ code, account: report.account, complete: report.complete }).toEqual({ code: 0, account: '123456789012', complete: true });
  });

  it('exits 3 when the only verdicts are unknown (the locked-out bucket alone)', () => {
    const { code, report } = scanOf('lockedOut');
    expect({ code, complete: report.complete, statuses: report.findings.map((finding) => finding.status) }).toEqual({
      code: 3,
      complete: false,
      statuses: ['unknown', 'unknown'],
    });
  });
});

/** The server facts the verdicts above rest on: if a Ceph release changes one, these say which. */
describe('what the RGW server really does with these configurations', () => {
  const anonymousGet = (path: string) => fetch(`${server.httpUrl}/${path}`).then((response) => response.status);
  let owner: S3Client;
  beforeAll(() => {
    owner = rgwS3Client(server, 'http');
  });
  afterAll(() => {
    owner.destroy();
  });

  const anonymousReads: readonly { behaviour: string; bucket: SuiteBucketName; path: string; status: number }[] = [
    { behaviour: 'anyone reads an object of the public-policy bucket', bucket: 'public-policy', path: OBJECT_KEY, status: 200 },
    { behaviour: 'RestrictPublicBuckets does not stop anyone reading the object', bucket: 'restrict-public-buckets', path: OBJECT_KEY, status: 200 },
    { behaviour: 'a public-read ACL lets anyone list the bucket', bucket: 'acl-all-users', path: '', status: 200 },
    { behaviour: 'IgnorePublicAcls stops anyone listing the bucket', bucket: 'acl-ignored', path: '', status: 403 },
  ];
  for (const { behaviour, bucket, path, status } of anonymousReads) {
    it(`${behaviour} (anonymous GET: ${status})`, async () => {
      expect(await anonymousGet(`${suite().bucket(bucket)}/${path}`)).toBe(status);
    });
  }

  it('a Bool aws:SecureTransport deny lets the owner read the bucket over plain HTTP', async () => {
    const answer = await owner.send(new GetBucketPolicyCommand({ Bucket: suite().bucket('tls-bool') }));
    expect(answer.$metadata.httpStatusCode).toBe(200);
  });

  it('a BoolIfExists aws:SecureTransport deny refuses the owner over plain HTTP', async () => {
    await expect(owner.send(new GetBucketPolicyCommand({ Bucket: suite().bucket('tls-bool-if-exists') }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('MFA Delete refuses to delete an object version without an MFA code', async () => {
    const bucket = suite().bucket('versioning-mfa');
    const versions = await owner.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const versionId = versions.Versions?.[0]?.VersionId;
    expect(versionId).toBeDefined();
    await expect(owner.send(new DeleteObjectCommand({ Bucket: bucket, Key: OBJECT_KEY, VersionId: versionId }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});
