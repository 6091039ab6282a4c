// Ceph RGW 16 (Pacific) where it answers otherwise than AWS, as measured on a real radosgw
// (reference ceph-rgw.md): what an auditor must not mistake for AWS's answers.
import { apiError } from './faults.ts';
import type { ApiError } from './faults.ts';
import type { BucketFixture, S3BucketOperationName } from './fixture.ts';
import type { Reply, ServiceName } from './protocol.ts';
import { leaf, node, xmlDocument, S3_NAMESPACE } from './xml.ts';

function xmlReply(body: string): Reply {
  return { status: 200, headers: { 'content-type': 'application/xml' }, body };
}

/**
 * RGW has neither STS nor S3 Control: a GetCallerIdentity POST is an S3 request it does not
 * allow, and /v20180820/… is a path-style request for a bucket named v20180820.
 */
export function rgwRefusal(service: ServiceName): ApiError | undefined {
  if (service === 'sts') return apiError('MethodNotAllowed', '');
  if (service === 's3control') return { ...apiError('NoSuchBucket', ''), details: { BucketName: 'v20180820' } };
  // Glacier's /-/vaults reads as an object in a bucket named "-".
  if (service === 'glacier') return { ...apiError('NoSuchBucket', ''), details: { BucketName: '-' } };
  return undefined;
}

/** ?encryption and ?ownershipControls fall through to ListObjects: a bucket listing with status 200. */
function listBucketResult(bucket: BucketFixture): Reply {
  return xmlReply(
    xmlDocument(
      'ListBucketResult',
      [leaf('Name', bucket.name), leaf('Prefix', ''), leaf('MaxKeys', 1000), leaf('IsTruncated', false)],
      S3_NAMESPACE,
    ),
  );
}

/** The answers RGW gives instead of AWS's; undefined where it answers as AWS does. */
export function rgwAnswer(operation: S3BucketOperationName, bucket: BucketFixture): Reply | undefined {
  switch (operation) {
    case 'GetBucketEncryption':
    case 'GetBucketOwnershipControls':
      return listBucketResult(bucket);
    case 'GetPublicAccessBlock': {
      // Unset: 200 with every flag false, under RGW's own root element.
      const pab = bucket.publicAccessBlock;
      return xmlReply(
        node('BlockPublicAccessBlockConfiguration', [
          leaf('BlockPublicAcls', pab?.blockPublicAcls ?? false),
          leaf('IgnorePublicAcls', pab?.ignorePublicAcls ?? false),
          leaf('BlockPublicPolicy', pab?.blockPublicPolicy ?? false),
          leaf('RestrictPublicBuckets', pab?.restrictPublicBuckets ?? false),
        ]),
      );
    }
    case 'GetBucketPolicyStatus':
      // Unset: 200 IsPublic false. Set: the fixture's policyStatus stands for RGW's own verdict.
      return bucket.policy === undefined ? xmlReply(xmlDocument('PolicyStatus', [leaf('IsPublic', false)], S3_NAMESPACE)) : undefined;
    case 'GetBucketLogging':
      // PutBucketLogging is refused (405), so GetBucketLogging is always empty.
      return xmlReply(xmlDocument('BucketLoggingStatus', [], S3_NAMESPACE));
    default:
      return undefined;
  }
}
