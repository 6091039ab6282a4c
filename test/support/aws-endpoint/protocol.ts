import type { IncomingHttpHeaders } from 'node:http';
import type { ApiError } from './faults.ts';
import type { FaultSpec } from './fixture.ts';

export type ServiceName = 's3' | 's3control' | 'kms' | 'sts' | 'glacier' | 'organizations';

/** The SigV4 credential scope: which region and service the client signed for. */
export interface SigningScope {
  readonly region: string;
  readonly service: string;
  /** Which keys signed: keys from AssumeRole into a member account select that account (organization.ts). */
  readonly accessKeyId: string;
}

export interface EndpointRequest {
  readonly method: string;
  /** The raw (still percent-encoded) path. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly host: string;
  readonly signing: SigningScope | undefined;
}

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type Answer = Reply | ApiError;

export function isApiError(answer: Answer): answer is ApiError {
  return 'code' in answer;
}

/** A request matched to an operation: the fault configured for it, and its normal answer. */
export interface Routed {
  readonly operation: string;
  readonly bucket?: string;
  /** KMS: the KeyId as the request named it (key ARN, key id, alias name or alias ARN). */
  readonly keyId?: string;
  /** `key` scopes the fault's `times` counter (e.g. per bucket). */
  readonly fault?: { readonly spec: FaultSpec; readonly key: string };
  /** This operation's unparsable 200, when the service-wide one would parse (a raw JSON payload). */
  readonly malformedReply?: Reply;
  /** The request id is the one the response will carry (some protocols repeat it in the body). */
  answer(requestId: string): Answer;
}

/** One wire protocol: how requests map to operations and how errors look on the wire. */
export interface Service {
  readonly name: ServiceName;
  route(request: EndpointRequest): Routed;
  renderError(error: ApiError, request: EndpointRequest, requestId: string): Reply;
  /** The response header carrying the request id (x-amz-request-id or x-amzn-RequestId). */
  readonly requestIdHeader: string;
  /** What this service answers when it throttles. */
  readonly throttleError: ApiError;
  /** A 200 whose body the SDK cannot parse. */
  readonly malformedReply: Reply;
}

const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** Reads the region and service from the Authorization header (or a presigned URL's X-Amz-Credential). */
export function signingScope(headers: IncomingHttpHeaders, query: URLSearchParams): SigningScope | undefined {
  const authorization = headers.authorization;
  const presigned = query.get('X-Amz-Credential');
  const source = authorization ?? (presigned === null ? undefined : `Credential=${presigned}`);
  const match = source === undefined ? null : CREDENTIAL_SCOPE.exec(source);
  const accessKeyId = match?.[1];
  const region = match?.[2];
  const service = match?.[3];
  return accessKeyId === undefined || region === undefined || service === undefined ? undefined : { region, service, accessKeyId };
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

let requestCounter = 0;

/** Cheap, unique, AWS-looking request ids (16 upper-case hex digits like S3's). */
export function nextRequestId(): string {
  requestCounter += 1;
  return requestCounter.toString(16).toUpperCase().padStart(16, '0');
}
