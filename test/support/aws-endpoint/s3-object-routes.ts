// The object-level reads of --sample-objects: ListObjectVersions and each version's retention and
// legal hold. Objects have no data here; GetObject is not served.
import { apiError } from './faults.ts';
import type { ApiError } from './faults.ts';
import { effectiveObjectLock } from './fixture.ts';
import type { BucketFixture, FaultSpec, ObjectVersionFixture, S3ObjectOperationName } from './fixture.ts';
import type { Answer, EndpointRequest, Reply } from './protocol.ts';
import { leaf, node, xmlDocument, S3_NAMESPACE } from './xml.ts';

/** AWS's page limit for ListObjectVersions, also its default. */
const MAX_KEYS_LIMIT = 1000;
const LAST_MODIFIED = '2025-01-15T10:00:00.000Z';

const NO_LOCK_CONFIGURATION = apiError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', 404);

/** Which object-level operation a GET asks for: `?versions` on the bucket, `?retention` / `?legal-hold` on a key. */
export function objectOperationOf(request: EndpointRequest, key: string | undefined): S3ObjectOperationName | undefined {
  if (request.method !== 'GET') return undefined;
  if (key === undefined) return request.query.has('versions') ? 'ListObjectVersions' : undefined;
  if (request.query.has('retention')) return 'GetObjectRetention';
  if (request.query.has('legal-hold')) return 'GetObjectLegalHold';
  return undefined;
}

/** The fault for this request: the version's own, else the bucket's for the operation. */
export function objectFault(bucket: BucketFixture, operation: S3ObjectOperationName, version: ObjectVersionFixture | undefined): FaultSpec | undefined {
  const own = operation === 'ListObjectVersions' ? undefined : version?.faults?.[operation];
  return own ?? bucket.objectFaults?.[operation];
}

export function findVersion(bucket: BucketFixture, key: string, versionId: string | null): ObjectVersionFixture | undefined {
  const versions = (bucket.objectVersions ?? []).filter((version) => version.key === key);
  return versionId === null ? versions[0] : versions.find((version) => version.versionId === versionId);
}

function xmlReply(body: string): Reply {
  return { status: 200, headers: { 'content-type': 'application/xml' }, body };
}

function listObjectVersions(request: EndpointRequest, bucket: BucketFixture): Answer {
  const maxParam = request.query.get('max-keys');
  const maxKeys = maxParam === null ? MAX_KEYS_LIMIT : Number(maxParam);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) return apiError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400);
  const all = bucket.objectVersions ?? [];
  // Delete markers count against max-keys as AWS does.
  const page = all.slice(0, Math.min(maxKeys, MAX_KEYS_LIMIT));
  const truncated = page.length < all.length;
  const last = page.at(-1);
  const entries = page.map((version, index) => {
    const isLatest = all.findIndex((other) => other.key === version.key) === index;
    const common = [leaf('Key', version.key), leaf('VersionId', version.versionId), leaf('IsLatest', isLatest), leaf('LastModified', LAST_MODIFIED)];
    return version.deleteMarker === true
      ? node('DeleteMarker', common)
      : node('Version', [...common, leaf('ETag', '"d41d8cd98f00b204e9800998ecf8427e"'), leaf('Size', 0), leaf('StorageClass', 'STANDARD')]);
  });
  return xmlReply(
    xmlDocument(
      'ListVersionsResult',
      [
        leaf('Name', bucket.name),
        leaf('Prefix', ''),
        leaf('KeyMarker', ''),
        leaf('VersionIdMarker', ''),
        leaf('MaxKeys', maxKeys),
        leaf('IsTruncated', truncated),
        ...entries,
        ...(truncated && last !== undefined ? [leaf('NextKeyMarker', last.key), leaf('NextVersionIdMarker', last.versionId)] : []),
      ],
      S3_NAMESPACE,
    ),
  );
}

function versionAnswer(operation: 'GetObjectRetention' | 'GetObjectLegalHold', version: ObjectVersionFixture): Answer {
  if (operation === 'GetObjectRetention') {
    const { retention } = version;
    return retention === undefined
      ? NO_LOCK_CONFIGURATION
      : xmlReply(xmlDocument('Retention', [leaf('Mode', retention.mode), leaf('RetainUntilDate', retention.retainUntil)], S3_NAMESPACE));
  }
  return version.legalHold === undefined
    ? NO_LOCK_CONFIGURATION
    : xmlReply(xmlDocument('LegalHold', [leaf('Status', version.legalHold)], S3_NAMESPACE));
}

/** The answer to an object-level operation on a bucket that exists and passed the region and owner checks. */
export function objectAnswer(request: EndpointRequest, bucket: BucketFixture, operation: S3ObjectOperationName, key: string | undefined): Answer {
  if (operation === 'ListObjectVersions') return listObjectVersions(request, bucket);
  if (effectiveObjectLock(bucket) === undefined) return apiError('InvalidRequest', 'Bucket is missing Object Lock Configuration', 400);
  const versionId = request.query.get('versionId');
  const version = key === undefined ? undefined : findVersion(bucket, key, versionId);
  if (version === undefined) return notFound(key ?? '', versionId);
  if (version.deleteMarker === true) return apiError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  return versionAnswer(operation, version);
}

function notFound(key: string, versionId: string | null): ApiError {
  const error =
    versionId === null ? apiError('NoSuchKey', 'The specified key does not exist.', 404) : apiError('NoSuchVersion', 'The specified version does not exist.', 404);
  return { ...error, details: versionId === null ? { Key: key } : { Key: key, VersionId: versionId } };
}
