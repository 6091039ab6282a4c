import { createHash } from 'node:crypto';
import type { Finding, ResourceRef, Severity, Status } from '../../src/checks/types.ts';
import { buildReport, type ReportInput } from '../../src/report/build.ts';
import { findingsOf } from '../../src/report/findings.ts';
import type { Report } from '../../src/report/types.ts';

export const ACCOUNT = '123456789012';

export function bucket(name: string, region: string): ResourceRef {
  return { type: 'bucket', arn: `arn:aws:s3:::${name}`, name, region, account: ACCOUNT };
}

const ACCOUNT_SETTINGS: ResourceRef = {
  type: 'account',
  arn: `arn:aws:s3:us-east-1:${ACCOUNT}:account`,
  name: ACCOUNT,
  region: 'us-east-1',
  account: ACCOUNT,
};
// Multi-Region Access Points are global: no region, and a check id longer than the id column.
const MRAP: ResourceRef = {
  type: 'multi-region-access-point',
  arn: `arn:aws:s3::${ACCOUNT}:accesspoint/mfzwi23gnjvgw.mrap`,
  name: 'acme-global',
  region: '',
  account: ACCOUNT,
};
const ASSETS = bucket('acme-prod-assets', 'us-east-1');
const LOGS = bucket('acme-prod-logs', 'us-east-1');
const BACKUPS = bucket('acme-eu-backups', 'eu-west-1');
const WEBSITE = bucket('acme-eu-website', 'eu-west-1');

export function finding(
  resource: ResourceRef,
  checkId: string,
  severity: Severity,
  status: Status,
  message = `${checkId} is ${status} on ${resource.name}.`,
): Finding {
  return {
    checkId,
    status,
    severity,
    resource,
    messageId: status === 'unknown' ? 'unreadable' : status,
    message,
    fingerprint: createHash('sha256').update(`${checkId}\n${resource.arn}`).digest('hex').slice(0, 32),
  };
}

const denied = (what: string, operation: string, resource: ResourceRef): string =>
  `Could not read ${what}: ${operation} failed with AccessDenied (User: arn:aws:sts::${ACCOUNT}:assumed-role/SecurityAudit/ci ` +
  `is not authorized to perform: s3:${operation} on resource: "${resource.arn}" because no identity-based policy allows the s3:${operation} action).`;

// Deliberately not in report order: buildReport must sort them.
export const FIXTURE_FINDINGS: readonly Finding[] = [
  finding(WEBSITE, 'bucket-cors-wildcard-origin', 'low', 'fail', 'CORS rule "public-read" allows origin * for GET, HEAD.'),
  finding(ASSETS, 'bucket-tls-only', 'high', 'fail', 'Deny on aws:SecureTransport=false covers arn:aws:s3:::acme-prod-assets/* but not arn:aws:s3:::acme-prod-assets.'),
  finding(ASSETS, 'bucket-policy-public', 'critical', 'fail', 'Statement "PublicRead" allows s3:GetObject on arn:aws:s3:::acme-prod-assets/* to Principal "*" with no restricting condition.'),
  finding(ASSETS, 'bucket-acl-public', 'critical', 'pass', 'The ACL grants nothing to AllUsers or AuthenticatedUsers.'),
  finding(ASSETS, 'bucket-versioning', 'medium', 'pass', 'Versioning is Enabled.'),
  finding(ASSETS, 'bucket-key-enabled', 'low', 'fail', 'Default encryption is SSE-KMS without S3 Bucket Key: every object write is a KMS request.'),
  finding(ASSETS, 'bucket-presigned-url-age', 'info', 'fail', 'The policy neither limits s3:signatureAge nor denies query-string authentication.'),
  finding(LOGS, 'bucket-logging-loop', 'high', 'fail', 'Server access logs of acme-prod-logs are delivered to acme-prod-logs itself: every delivery writes another log object.'),
  finding(LOGS, 'bucket-versioning', 'medium', 'fail', 'Versioning was never enabled.'),
  finding(LOGS, 'bucket-acl-public', 'critical', 'pass', 'The ACL grants nothing to AllUsers or AuthenticatedUsers.'),
  finding(LOGS, 'bucket-policy-public', 'critical', 'unknown', denied('the bucket policy', 'GetBucketPolicy', LOGS)),
  finding(BACKUPS, 'bucket-object-lock-retention', 'medium', 'fail', 'Object Lock is enabled but the default retention is GOVERNANCE for 7 days; the options require COMPLIANCE for at least 30 days.'),
  finding(BACKUPS, 'bucket-kms-key-state', 'critical', 'pass', 'Key arn:aws:kms:eu-west-1:123456789012:key/0c8a5e5e-2f4b-4d7e-9b0e-8f1f6f2d9c11 is Enabled.'),
  finding(BACKUPS, 'bucket-kms-key-rotation', 'low', 'fail', 'Key arn:aws:kms:eu-west-1:123456789012:key/0c8a5e5e-2f4b-4d7e-9b0e-8f1f6f2d9c11 has automatic rotation off.'),
  finding(BACKUPS, 'bucket-policy-requires-sse-kms', 'medium', 'pass', 'The policy denies s3:PutObject unless x-amz-server-side-encryption is aws:kms.'),
  finding(WEBSITE, 'bucket-tls-only', 'high', 'pass', 'Every principal is denied every S3 action on the bucket and its objects over plain HTTP.'),
  finding(WEBSITE, 'bucket-default-encryption', 'medium', 'pass', 'Default encryption is SSE-S3 (AES256).'),
  finding(WEBSITE, 'bucket-acls-disabled', 'low', 'unknown', denied('the Object Ownership setting', 'GetBucketOwnershipControls', WEBSITE)),
  finding(ACCOUNT_SETTINGS, 'account-public-access-block', 'high', 'fail', 'Account-level Block Public Access: BlockPublicPolicy and RestrictPublicBuckets are off.'),
  finding(MRAP, 'multi-region-access-point-public-access-block', 'medium', 'fail', 'Block Public Access on acme-global: IgnorePublicAcls is off.'),
];

export const FIXTURE_INPUT: ReportInput = {
  // Pinned, not read from package.json, so a version bump does not churn the golden files.
  tool: { name: 's3-audit', version: '0.1.0' },
  account: ACCOUNT,
  partition: 'aws',
  startedAt: '2025-03-14T09:26:53.000Z',
  finishedAt: '2025-03-14T09:27:05.400Z',
  findings: findingsOf(FIXTURE_FINDINGS),
  errors: [
    { operation: 'GetBucketPolicy', resource: LOGS.arn, code: 'AccessDenied', message: 'Access Denied' },
    { operation: 'GetBucketOwnershipControls', resource: WEBSITE.arn, code: 'AccessDenied', message: 'Access Denied' },
  ],
  notes: ['Bucket acme-tmp-upload was deleted during the scan; it is not in this report.'],
};

export const FIXTURE_REPORT: Report = buildReport(FIXTURE_INPUT);

export function reportOf(findings: readonly Finding[], overrides: Partial<ReportInput> = {}): Report {
  return buildReport({ ...FIXTURE_INPUT, errors: [], notes: [], ...overrides, findings: findingsOf(findings) });
}
