import type { DenyQuestion } from './coverage.ts';
import { allS3Targets, objectTargets, probePrincipals } from './s3-requests.ts';
import type { BucketScope } from './s3-requests.ts';
import type { Policy } from './types.ts';

/**
 * The deny-coverage questions the bucket checks ask, as data: who, what, and which key values
 * the request is known to carry. Everything else a Deny mentions is the requester's choice.
 */

/**
 * Every principal, every representative S3 action, bucket and objects, over plain HTTP (no TLS,
 * so no s3:TlsVersion). AWS sets aws:SecureTransport "false" on such requests; an S3-compatible
 * store may leave the key out (`secureTransport` 'absent': Ceph RGW does).
 */
export function plainHttpQuestion(policy: Policy, scope: BucketScope, secureTransport: 'false' | 'absent' = 'false'): DenyQuestion {
  return {
    principals: probePrincipals(policy, scope),
    targets: allS3Targets(policy, scope),
    fixed: { 'aws:securetransport': secureTransport === 'false' ? ['false'] : undefined, 's3:tlsversion': undefined },
  };
}

/** The same requests over HTTPS with an old TLS version. */
export function oldTlsQuestion(policy: Policy, scope: BucketScope, tlsVersion: string): DenyQuestion {
  return {
    principals: probePrincipals(policy, scope),
    targets: allS3Targets(policy, scope),
    fixed: { 'aws:securetransport': ['true'], 's3:tlsversion': [tlsVersion] },
  };
}

const SSE_HEADER = 's3:x-amz-server-side-encryption';
const SSE_C_HEADER = 's3:x-amz-server-side-encryption-customer-algorithm';

/** An upload asking for `encryption` (undefined: no encryption header at all), without SSE-C. */
export function uploadQuestion(policy: Policy, scope: BucketScope, encryption: string | undefined): DenyQuestion {
  return {
    principals: probePrincipals(policy, scope),
    targets: objectTargets(policy, scope, ['s3:PutObject']),
    fixed: { [SSE_HEADER]: encryption === undefined ? undefined : [encryption], [SSE_C_HEADER]: undefined },
  };
}

/** An upload with customer-provided keys (SSE-C): the algorithm header is present, the SSE header is not. */
export function sseCUploadQuestion(policy: Policy, scope: BucketScope): DenyQuestion {
  return {
    principals: probePrincipals(policy, scope),
    targets: objectTargets(policy, scope, ['s3:PutObject']),
    fixed: { [SSE_C_HEADER]: ['AES256'], [SSE_HEADER]: undefined },
  };
}

/** A presigned (query-string authenticated) request signed `ageMs` milliseconds ago. */
export function presignedQuestion(policy: Policy, scope: BucketScope, ageMs: number): DenyQuestion {
  return {
    principals: probePrincipals(policy, scope).filter((probe) => probe.principal.kind === 'aws'),
    targets: objectTargets(policy, scope, ['s3:GetObject', 's3:PutObject']),
    fixed: { 's3:authtype': ['REST-QUERY-STRING'], 's3:signatureage': [String(ageMs)] },
  };
}
