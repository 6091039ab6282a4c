import { absent, observedError, type Observed } from '../snapshot/observed.ts';

/** What an SDK error says, reduced to what the snapshot and the user may see. */
export interface ErrorInfo {
  /** The S3/STS error code, a Node network code (ECONNREFUSED), or one derived from the HTTP status. */
  readonly code: string;
  /** One line, with anything that looks like a credential or signature removed. */
  readonly message: string;
  readonly httpStatus?: number;
  /** Response headers (lower-case names); empty when the request never got a response. */
  readonly headers: Readonly<Record<string, string>>;
  /** No error code came with the failure (HEAD responses, some S3-compatible stores, network errors). */
  readonly uncoded: boolean;
}

/**
 * The error codes with which AWS answers "this bucket has no such configuration" (reference §1.2).
 * Everything else an operation throws means we could not tell.
 */
const NOT_CONFIGURED: Readonly<Record<string, readonly string[]>> = {
  GetBucketEncryption: ['ServerSideEncryptionConfigurationNotFoundError'],
  GetBucketPolicy: ['NoSuchBucketPolicy'],
  GetBucketPolicyStatus: ['NoSuchBucketPolicy'],
  GetObjectLockConfiguration: ['ObjectLockConfigurationNotFoundError'],
  GetBucketCors: ['NoSuchCORSConfiguration'],
  GetPublicAccessBlock: ['NoSuchPublicAccessBlockConfiguration'],
  GetBucketOwnershipControls: ['OwnershipControlsNotFoundError'],
  GetBucketLifecycleConfiguration: ['NoSuchLifecycleConfiguration'],
  // An object version without retention, or that never had a legal hold.
  GetObjectRetention: ['NoSuchObjectLockConfiguration'],
  GetObjectLegalHold: ['NoSuchObjectLockConfiguration'],
  GetAccessPointPolicy: ['NoSuchAccessPointPolicy'],
  GetAccessPointPolicyStatus: ['NoSuchAccessPointPolicy'],
  GetAccessPointPolicyForObjectLambda: ['NoSuchAccessPointPolicy'],
  GetAccessPointPolicyStatusForObjectLambda: ['NoSuchAccessPointPolicy'],
  // Imported key material, custom key stores, asymmetric and HMAC keys: KMS cannot rotate them automatically.
  GetKeyRotationStatus: ['UnsupportedOperationException'],
  // Glacier answers "no lock initiated" and "no access policy" so (a vault deleted mid-scan too: read as no lock, never as a pass).
  GetVaultLock: ['ResourceNotFoundException'],
  GetVaultAccessPolicy: ['ResourceNotFoundException'],
};

/** KMS's answers when the key a bucket names does not exist: S3 writes that use it fail. */
const KMS_KEY_MISSING = ['NotFoundException', 'InvalidArnException'];

/** Some stores (and terraform-provider-aws) use `ObjectLockConfigurationNotFound…` variants. */
const NOT_CONFIGURED_PREFIX: Readonly<Record<string, string>> = {
  GetObjectLockConfiguration: 'ObjectLockConfigurationNotFound',
};

/** Names the SDK invents when the response had no error code to parse. */
const GENERIC_NAMES = new Set(['', 'Error', 'Unknown', 'UnknownError', 'NotFound', 'Forbidden', 'BadRequest']);

const STATUS_CODES: Readonly<Record<number, string>> = {
  301: 'PermanentRedirect',
  307: 'TemporaryRedirect',
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

const MAX_MESSAGE_LENGTH = 500;

/** The SDK's advice to developers, which a user of the CLI cannot follow. */
const SDK_NOISE = /^@smithy\/node-http-handler - \[ERROR\] |\s*Deserialization error: to see the raw response.*$/gs;

/** The SDK names a reset or broken connection TimeoutError (to retry it); the socket's code says what happened. */
function isDroppedConnection(name: string, nodeCode: string | undefined): nodeCode is string {
  return name === 'TimeoutError' && (nodeCode === 'ECONNRESET' || nodeCode === 'EPIPE');
}

export function describeError(err: unknown): ErrorInfo {
  if (typeof err !== 'object' || err === null) {
    return { code: 'UnknownError', message: sanitizeMessage(String(err)), headers: {}, uncoded: false };
  }
  const name = stringField(err, 'name') ?? '';
  const serviceCode = stringField(err, 'Code');
  const nodeCode = stringField(err, 'code');
  const httpStatus = statusOf(err);
  // A 2xx that still failed: the body did not parse (a proxy's HTML page, a truncated answer).
  const malformed = serviceCode === undefined && httpStatus !== undefined && httpStatus >= 200 && httpStatus < 300;
  const uncoded = serviceCode === undefined && (malformed || GENERIC_NAMES.has(name) || /^\d+$/.test(name));
  const statusCode = httpStatus === undefined ? undefined : (STATUS_CODES[httpStatus] ?? `HTTP${httpStatus}`);
  const code = sanitizeMessage(
    malformed
      ? 'MalformedResponse'
      : uncoded
        ? (nodeCode ?? statusCode ?? (name === '' ? 'UnknownError' : name))
        : (serviceCode ?? (isDroppedConnection(name, nodeCode) ? nodeCode : name)),
  );
  const raw = (stringField(err, 'message') ?? '').replace(SDK_NOISE, '');
  const message =
    raw === '' || raw === 'UnknownError'
      ? httpStatus === undefined
        ? code
        : `HTTP ${httpStatus} without error details`
      : sanitizeMessage(raw);
  return {
    code,
    message,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    headers: headersOf(err),
    uncoded,
  };
}

/** Whether AWS answered the operation with "not configured" rather than a failure. */
function isNotConfigured(operation: string, info: ErrorInfo): boolean {
  const codes = NOT_CONFIGURED[operation];
  if (codes === undefined) return false;
  if (codes.includes(info.code)) return true;
  const prefix = NOT_CONFIGURED_PREFIX[operation];
  if (prefix !== undefined && info.code.startsWith(prefix)) return true;
  // A 404 without a body cannot name its reason; for these operations it means "none configured".
  return info.uncoded && info.httpStatus === 404;
}

/** The tri-state value for a failed read: `absent` for "not configured", otherwise `error`. */
export function observeFailure(operation: string, err: unknown): Observed<never> {
  const info = describeError(err);
  return isNotConfigured(operation, info) ? absent(info.code) : observedError(operation, info.code, info.message);
}

/** DescribeKey says there is no such key (as opposed to: we could not ask). */
export function isKmsKeyMissing(info: ErrorInfo): boolean {
  return KMS_KEY_MISSING.includes(info.code);
}

/** The bucket no longer exists (deleted since it was listed). */
export function isNoSuchBucket(operation: string, err: unknown): boolean {
  const info = describeError(err);
  if (info.code === 'NoSuchBucket') return true;
  // HEAD responses have no body: a 404 there can only mean the bucket is gone.
  return operation === 'HeadBucket' && info.httpStatus === 404;
}

const REDACTIONS: readonly (readonly [RegExp, string])[] = [
  [/\bAuthorization\s*[:=]\s*[^,;\n]*/gi, 'Authorization=[redacted]'],
  [/\b(X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|Credential)=[^&\s,;]+/gi, '$1=[redacted]'],
  [/\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/g, '[redacted]'],
];

/** One line, no credentials: SDK messages carry none, but a proxy or S3-compatible store might echo them. */
export function sanitizeMessage(text: string): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  return out.length > MAX_MESSAGE_LENGTH ? `${out.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : out;
}

function stringField(value: object, key: string): string | undefined {
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'string' ? field : undefined;
}

function statusOf(err: object): number | undefined {
  const metadata: unknown = Reflect.get(err, '$metadata');
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const status: unknown = Reflect.get(metadata, 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
}

function headersOf(err: object): Readonly<Record<string, string>> {
  const response: unknown = Reflect.get(err, '$response');
  if (typeof response !== 'object' || response === null) return {};
  const headers: unknown = Reflect.get(response, 'headers');
  if (typeof headers !== 'object' || headers === null) return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
}

/**
 * What AWS answers in a Region the account has not enabled (opt-in Regions such as af-south-1 or
 * me-south-1): the credentials do not exist there (InvalidAccessKeyId, InvalidToken for global
 * STS tokens), access is off (AllAccessDisabled), or a request reached the wrong regional endpoint
 * (IllegalLocationConstraintException).
 */
const REGION_NOT_ENABLED_CODES = new Set([
  'InvalidAccessKeyId',
  'InvalidToken',
  'AllAccessDisabled',
  'IllegalLocationConstraintException',
  // KMS's answer to credentials it does not know.
  'UnrecognizedClientException',
]);

/** Where a failed read was made: a bucket or a KMS key, its region, and the scan's home region. */
export interface ReadLocation {
  readonly resource: 'bucket' | 'key';
  readonly region: string;
  readonly homeRegion: string;
}

/**
 * observeFailure for a read in another region than the home one. The scan's credentials already
 * worked in the home region, so a credential error elsewhere most likely means that Region is
 * not enabled for the account: say so.
 */
export function observeRegionalFailure(operation: string, err: unknown, where: ReadLocation): Observed<never> {
  const observed = observeFailure(operation, err);
  if (observed.state !== 'error' || where.region === where.homeRegion || !REGION_NOT_ENABLED_CODES.has(observed.code)) return observed;
  return observedError(
    operation,
    observed.code,
    `${observed.message} (the ${where.resource} is in ${where.region}, which may not be enabled for this account: opt-in Regions must be enabled before their ${where.resource}s can be read)`,
  );
}
