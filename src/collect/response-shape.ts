import type { MiddlewareStack } from '@smithy/types';
import { NOT_SUPPORTED_BY_ENDPOINT } from '../snapshot/observed.ts';

/**
 * The root element each read's answer has on AWS. S3-compatible stores answer operations they do
 * not implement with another document (Ceph RGW 16: a ListBucketResult for ?encryption and
 * ?ownershipControls), which the SDK parses into an empty output that would read as "not
 * configured". GetPublicAccessBlock also accepts RGW's own root names: RGW implements it.
 */
const EXPECTED_ROOTS: Readonly<Record<'s3' | 's3control', Readonly<Record<string, readonly string[]>>>> = {
  s3: {
    ListBuckets: ['ListAllMyBucketsResult'],
    GetBucketEncryption: ['ServerSideEncryptionConfiguration'],
    GetBucketPolicyStatus: ['PolicyStatus'],
    GetBucketVersioning: ['VersioningConfiguration'],
    GetBucketLogging: ['BucketLoggingStatus'],
    GetObjectLockConfiguration: ['ObjectLockConfiguration'],
    GetBucketCors: ['CORSConfiguration'],
    GetPublicAccessBlock: ['PublicAccessBlockConfiguration', 'BlockPublicAccessBlockConfiguration', 'BlockPublicAccessConfiguration'],
    GetBucketAcl: ['AccessControlPolicy'],
    GetBucketOwnershipControls: ['OwnershipControls'],
    GetBucketLifecycleConfiguration: ['LifecycleConfiguration'],
  },
  s3control: {
    GetPublicAccessBlock: ['PublicAccessBlockConfiguration'],
  },
};

/** 405 and 501: how stores refuse an operation they do not know. */
const UNSUPPORTED_STATUSES = new Set([405, 501]);

/** What the SDK would otherwise have thrown or returned: a failure the collector records as NotSupportedByEndpoint. */
export class NotSupportedByEndpoint extends Error {
  override readonly name = NOT_SUPPORTED_BY_ENDPOINT;
  /** Read by describeError as the service's error code. */
  readonly Code = NOT_SUPPORTED_BY_ENDPOINT;
  readonly $metadata: { readonly httpStatusCode: number };
  constructor(message: string, httpStatusCode: number) {
    super(message);
    this.$metadata = { httpStatusCode };
  }
}

interface RawResponse {
  statusCode?: unknown;
  body?: unknown;
}

/**
 * The name of the document's root element, without a namespace prefix; undefined when the body
 * is no complete XML document (a truncated answer is the SDK's to report as malformed).
 */
export function rootElement(body: string): string | undefined {
  const match = /^\s*(?:<\?[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/.exec(body);
  const name = match?.[1];
  if (match === null || name === undefined) return undefined;
  const element = body.slice(match[0].length - name.length - 1).trimEnd();
  const complete = element.endsWith(`</${name}>`) || /^<[^>]*\/>$/.test(element);
  return complete ? name.replace(/^.*:/, '') : undefined;
}

function errorCode(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body === undefined || body === null || typeof body !== 'object' || !(Symbol.asyncIterator in body)) return new Uint8Array();
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * Why an answer is not the operation's, or undefined when it is. `service` says which table applies;
 * S3 Control requests reach an S3-only store as a path-style bucket named v20180820: NoSuchBucket.
 */
export function unsupportedAnswer(service: 's3' | 's3control', operation: string, status: number, body: string): string | undefined {
  if (UNSUPPORTED_STATUSES.has(status)) {
    return `the endpoint answered HTTP ${String(status)} ${errorCode(body) ?? ''}`.trimEnd() + ` to ${operation}: it does not implement it`;
  }
  if (service === 's3control' && status === 404 && errorCode(body) === 'NoSuchBucket') {
    return `the endpoint answered ${operation} with NoSuchBucket for the S3 Control path: it does not implement S3 Control`;
  }
  const expected = EXPECTED_ROOTS[service][operation];
  if (expected === undefined || status < 200 || status >= 300) return undefined;
  if (body.trim() === '') return `the endpoint answered ${operation} with an empty body instead of <${expected[0] ?? ''}>`;
  const root = rootElement(body);
  if (root === undefined || expected.includes(root)) return undefined;
  return `the endpoint answered ${operation} with a <${root}> document instead of <${expected[0] ?? ''}>`;
}

/**
 * For S3-compatible endpoints only (AWS answers in the documented shapes), while `enabled()`: checks the raw answer
 * before the SDK parses it, and turns an answer that is not the operation's into a
 * NotSupportedByEndpoint failure. Sits just inside the SDK's deserializer; the body it reads is
 * handed on as bytes, which the deserializer takes as they are.
 */
export function attachShapeCheck<Input extends object, Output extends object>(
  stack: MiddlewareStack<Input, Output>,
  service: 's3' | 's3control',
  enabled: () => boolean,
): void {
  stack.add(
    (next, context) => async (args) => {
      if (!enabled()) return next(args);
      const result = await next(args);
      const response = result.response as RawResponse;
      const status = typeof response.statusCode === 'number' ? response.statusCode : 0;
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const inspected = UNSUPPORTED_STATUSES.has(status) || (service === 's3control' && status === 404) || (status >= 200 && status < 300 && EXPECTED_ROOTS[service][operation] !== undefined);
      if (!inspected) return result;
      const bytes = await bodyBytes(response.body);
      response.body = bytes;
      const reason = unsupportedAnswer(service, operation, status, Buffer.from(bytes).toString('utf8'));
      if (reason !== undefined) throw new NotSupportedByEndpoint(reason, status);
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 's3AuditShapeCheck' },
  );
}
