// XML bodies of the S3 bucket-configuration GETs, element names as the SDK's schemas expect them
// (flattened lists: repeated <Rule>/<CORSRule>/<AllowedOrigin>; <MfaDelete>, not <MFADelete>).
import type {
  Acl,
  Cors,
  EncryptionConfiguration,
  Logging,
  ObjectLock,
  OwnershipControls,
  PolicyStatus,
  PublicAccessBlock,
  Versioning,
} from '../../../src/snapshot/types.ts';
import type { BucketFixture, LifecycleFixture } from './fixture.ts';
import { leaf, node, xmlDocument, xmlTextDocument, S3_NAMESPACE } from './xml.ts';

function s3Document(root: string, children: readonly string[]): string {
  return xmlDocument(root, children, S3_NAMESPACE);
}

export function listBucketsBody(input: {
  readonly ownerId: string;
  readonly buckets: readonly BucketFixture[];
  readonly creationDate: (bucket: BucketFixture) => string;
  readonly withRegion: boolean;
  readonly continuationToken?: string;
  readonly prefix?: string;
}): string {
  const buckets = input.buckets.map((b) =>
    node('Bucket', [
      leaf('Name', b.name),
      leaf('CreationDate', input.creationDate(b)),
      input.withRegion ? leaf('BucketRegion', b.region) : '',
    ]),
  );
  return s3Document('ListAllMyBucketsResult', [
    node('Owner', [leaf('ID', input.ownerId)]),
    node('Buckets', buckets),
    leaf('ContinuationToken', input.continuationToken),
    leaf('Prefix', input.prefix),
  ]);
}

/** us-east-1 answers an empty LocationConstraint (the SDK yields undefined). */
export function locationBody(region: string): string {
  return xmlTextDocument('LocationConstraint', region === 'us-east-1' ? '' : region, S3_NAMESPACE);
}

export function encryptionBody(config: EncryptionConfiguration): string {
  const rules = config.rules.map((rule) =>
    node('Rule', [
      rule.sseAlgorithm === undefined
        ? ''
        : node('ApplyServerSideEncryptionByDefault', [
            leaf('SSEAlgorithm', rule.sseAlgorithm),
            leaf('KMSMasterKeyID', rule.kmsMasterKeyId),
          ]),
      leaf('BucketKeyEnabled', rule.bucketKeyEnabled),
      rule.blockedEncryptionTypes === undefined
        ? ''
        : node(
            'BlockedEncryptionTypes',
            rule.blockedEncryptionTypes.map((t) => leaf('EncryptionType', t)),
          ),
    ]),
  );
  return s3Document('ServerSideEncryptionConfiguration', rules);
}

export function policyStatusBody(status: PolicyStatus): string {
  return s3Document('PolicyStatus', [leaf('IsPublic', status.isPublic)]);
}

export function versioningBody(versioning: Versioning | undefined): string {
  return s3Document('VersioningConfiguration', [leaf('Status', versioning?.status), leaf('MfaDelete', versioning?.mfaDelete)]);
}

export function loggingBody(logging: Logging | undefined): string {
  const target = logging?.target;
  if (target === undefined) return s3Document('BucketLoggingStatus', []);
  const keyFormat =
    target.keyFormat === undefined
      ? ''
      : node('TargetObjectKeyFormat', [
          target.keyFormat === 'partitioned'
            ? node('PartitionedPrefix', [leaf('PartitionDateSource', 'EventTime')])
            : node('SimplePrefix'),
        ]);
  return s3Document('BucketLoggingStatus', [
    node('LoggingEnabled', [leaf('TargetBucket', target.bucket), leaf('TargetPrefix', target.prefix), keyFormat]),
  ]);
}

export function objectLockBody(lock: ObjectLock): string {
  const retention = lock.defaultRetention;
  return s3Document('ObjectLockConfiguration', [
    leaf('ObjectLockEnabled', 'Enabled'),
    retention === undefined
      ? ''
      : node('Rule', [
          node('DefaultRetention', [leaf('Mode', retention.mode), leaf('Days', retention.days), leaf('Years', retention.years)]),
        ]),
  ]);
}

export function corsBody(cors: Cors): string {
  const rules = cors.rules.map((rule) =>
    node('CORSRule', [
      leaf('ID', rule.id),
      ...rule.allowedHeaders.map((h) => leaf('AllowedHeader', h)),
      ...rule.allowedMethods.map((m) => leaf('AllowedMethod', m)),
      ...rule.allowedOrigins.map((o) => leaf('AllowedOrigin', o)),
      ...rule.exposeHeaders.map((h) => leaf('ExposeHeader', h)),
      leaf('MaxAgeSeconds', rule.maxAgeSeconds),
    ]),
  );
  return s3Document('CORSConfiguration', rules);
}

export function publicAccessBlockBody(pab: PublicAccessBlock, namespace = S3_NAMESPACE): string {
  return xmlDocument(
    'PublicAccessBlockConfiguration',
    [
      leaf('BlockPublicAcls', pab.blockPublicAcls),
      leaf('IgnorePublicAcls', pab.ignorePublicAcls),
      leaf('BlockPublicPolicy', pab.blockPublicPolicy),
      leaf('RestrictPublicBuckets', pab.restrictPublicBuckets),
    ],
    namespace,
  );
}

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

export function aclBody(acl: Acl): string {
  const grants = acl.grants.map((grant) =>
    node('Grant', [
      node(
        'Grantee',
        [leaf('ID', grant.id), leaf('URI', grant.uri), leaf('EmailAddress', grant.email)],
        `${XSI} xsi:type="${grant.granteeType}"`,
      ),
      leaf('Permission', grant.permission),
    ]),
  );
  return s3Document('AccessControlPolicy', [
    acl.ownerId === undefined ? '' : node('Owner', [leaf('ID', acl.ownerId)]),
    node('AccessControlList', grants),
  ]);
}

export function ownershipControlsBody(controls: OwnershipControls): string {
  return s3Document('OwnershipControls', [node('Rule', [leaf('ObjectOwnership', controls.objectOwnership)])]);
}

export function lifecycleBody(lifecycle: LifecycleFixture): string {
  const rules = lifecycle.rules.map((rule) =>
    node('Rule', [
      leaf('ID', rule.id),
      node('Filter', [leaf('Prefix', rule.prefix ?? '')]),
      leaf('Status', rule.status),
      ...(rule.transitions ?? []).map((t) => node('Transition', [leaf('Days', t.days), leaf('StorageClass', t.storageClass)])),
      rule.expirationDays === undefined ? '' : node('Expiration', [leaf('Days', rule.expirationDays)]),
      rule.noncurrentVersionExpirationDays === undefined
        ? ''
        : node('NoncurrentVersionExpiration', [leaf('NoncurrentDays', rule.noncurrentVersionExpirationDays)]),
      rule.abortIncompleteMultipartUploadDays === undefined
        ? ''
        : node('AbortIncompleteMultipartUpload', [leaf('DaysAfterInitiation', rule.abortIncompleteMultipartUploadDays)]),
    ]),
  );
  return s3Document('LifecycleConfiguration', rules);
}
