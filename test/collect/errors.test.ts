import { describe, expect, it } from 'vitest';
import { describeError, isNoSuchBucket, observeFailure, observeRegionalFailure, sanitizeMessage } from '../../src/collect/errors.ts';
import { awsError, networkError } from './support.ts';

describe('observeFailure: "not configured" answers become absent', () => {
  it.each([
    ['GetBucketEncryption', 'ServerSideEncryptionConfigurationNotFoundError'],
    ['GetBucketPolicy', 'NoSuchBucketPolicy'],
    ['GetBucketPolicyStatus', 'NoSuchBucketPolicy'],
    ['GetObjectLockConfiguration', 'ObjectLockConfigurationNotFoundError'],
    ['GetObjectLockConfiguration', 'ObjectLockConfigurationNotFound'],
    ['GetBucketCors', 'NoSuchCORSConfiguration'],
    ['GetPublicAccessBlock', 'NoSuchPublicAccessBlockConfiguration'],
    ['GetBucketOwnershipControls', 'OwnershipControlsNotFoundError'],
    ['GetBucketLifecycleConfiguration', 'NoSuchLifecycleConfiguration'],
  ])('%s %s → absent', (operation, code) => {
    expect(observeFailure(operation, awsError({ code, status: 404 }))).toEqual({ state: 'absent', code });
  });

  it('matches a modeled exception by name when it carries no Code (S3 Control)', () => {
    const err = awsError({ name: 'NoSuchPublicAccessBlockConfiguration', status: 404 });
    expect(observeFailure('GetPublicAccessBlock', err)).toEqual({
      state: 'absent',
      code: 'NoSuchPublicAccessBlockConfiguration',
    });
  });

  it('treats a bodiless 404 as absent for operations that have a "not configured" answer', () => {
    const err = awsError({ name: 'NotFound', status: 404 });
    expect(observeFailure('GetBucketPolicy', err)).toEqual({ state: 'absent', code: 'NotFound' });
  });

  it('does not borrow another operation\'s "not configured" code', () => {
    const err = awsError({ code: 'NoSuchBucketPolicy', status: 404 });
    expect(observeFailure('GetBucketCors', err)).toMatchObject({ state: 'error', code: 'NoSuchBucketPolicy' });
  });
});

describe('observeFailure: everything else is an error with operation, code and message', () => {
  it.each([
    ['AccessDenied', awsError({ code: 'AccessDenied', status: 403, message: 'Access Denied' }), 'AccessDenied', 'Access Denied'],
    [
      'MethodNotAllowed (policy read by another account)',
      awsError({ code: 'MethodNotAllowed', status: 405, message: 'The specified method is not allowed' }),
      'MethodNotAllowed',
      'The specified method is not allowed',
    ],
    ['SlowDown after retries', awsError({ code: 'SlowDown', status: 503, message: 'Please reduce your request rate.' }), 'SlowDown', 'Please reduce your request rate.'],
    ['unknown code', awsError({ code: 'XNotImplemented', status: 501, message: 'nope' }), 'XNotImplemented', 'nope'],
    ['bodiless 403', awsError({ name: 'Forbidden', status: 403 }), 'Forbidden', 'HTTP 403 without error details'],
    ['connection refused', networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'), 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'],
    ['connection reset', networkError('ECONNRESET', 'socket hang up'), 'ECONNRESET', 'socket hang up'],
    [
      'request timeout',
      Object.assign(new Error('a request has exceeded the configured 500 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' }),
      'TimeoutError',
      'a request has exceeded the configured 500 ms requestTimeout.',
    ],
    ['a thrown string', 'boom', 'UnknownError', 'boom'],
    [
      'a reset the SDK calls TimeoutError (to retry it): the socket code says what happened',
      Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET', $metadata: {} }),
      'ECONNRESET',
      'socket hang up',
    ],
    [
      'a 200 whose body did not parse, without the SDK advice meant for developers',
      Object.assign(new Error('@aws-sdk XML parse error: missing closing tag </Name>. Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), { $metadata: { httpStatusCode: 200 } }),
      'MalformedResponse',
      '@aws-sdk XML parse error: missing closing tag </Name>.',
    ],
    [
      'a 200 whose JSON did not parse (KMS): SyntaxError is no AWS code',
      Object.assign(new SyntaxError('Unexpected end of JSON input'), { $metadata: { httpStatusCode: 200 } }),
      'MalformedResponse',
      'Unexpected end of JSON input',
    ],
  ])('%s', (_case, err, code, message) => {
    expect(observeFailure('GetBucketPolicy', err)).toEqual({ state: 'error', operation: 'GetBucketPolicy', code, message });
  });

  it('keeps AccessDenied an error even for an operation with a "not configured" code', () => {
    expect(observeFailure('GetBucketCors', awsError({ code: 'AccessDenied', status: 403 }))).toMatchObject({
      state: 'error',
      operation: 'GetBucketCors',
    });
  });
});

describe('observeRegionalFailure: a Region that may not be enabled', () => {
  const denied = (code: string) => awsError({ code, status: 403, message: 'The AWS Access Key Id you provided does not exist in our records.' });
  it.each(['InvalidAccessKeyId', 'InvalidToken', 'AllAccessDisabled', 'IllegalLocationConstraintException'])(
    '%s from a bucket outside the home region says the Region may not be enabled',
    (code) => {
      expect(observeRegionalFailure('GetBucketPolicy', denied(code), { resource: 'bucket', region: 'af-south-1', homeRegion: 'us-east-1' })).toEqual({
        state: 'error',
        operation: 'GetBucketPolicy',
        code,
        message:
          'The AWS Access Key Id you provided does not exist in our records. (the bucket is in af-south-1, which may not be enabled for this account: opt-in Regions must be enabled before their buckets can be read)',
      });
    },
  );

  it('names a KMS key in another Region (UnrecognizedClientException)', () => {
    const err = awsError({ code: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.' });
    expect(observeRegionalFailure('DescribeKey', err, { resource: 'key', region: 'me-south-1', homeRegion: 'us-east-1' })).toMatchObject({
      code: 'UnrecognizedClientException',
      message:
        'The security token included in the request is invalid. (the key is in me-south-1, which may not be enabled for this account: opt-in Regions must be enabled before their keys can be read)',
    });
  });

  it.each([
    ['the same code in the home region, where the credentials were just accepted by STS', 'InvalidAccessKeyId', 'us-east-1'],
    ['AccessDenied in another region', 'AccessDenied', 'af-south-1'],
  ])('no hint for %s', (_case, code, region) => {
    expect(observeRegionalFailure('GetBucketPolicy', denied(code), { resource: 'bucket', region, homeRegion: 'us-east-1' })).toEqual(observeFailure('GetBucketPolicy', denied(code)));
  });
});

describe('describeError', () => {
  it('derives a code from the status of a bodiless response and exposes its headers', () => {
    const info = describeError(awsError({ status: 301, headers: { 'X-Amz-Bucket-Region': 'eu-central-1' } }));
    expect(info).toMatchObject({ code: 'PermanentRedirect', httpStatus: 301, uncoded: true });
    expect(info.headers['x-amz-bucket-region']).toBe('eu-central-1');
  });
});

describe('isNoSuchBucket', () => {
  it.each([
    ['NoSuchBucket from a GET', 'GetBucketPolicy', awsError({ code: 'NoSuchBucket', status: 404 }), true],
    ['bodiless 404 from HeadBucket', 'HeadBucket', awsError({ name: 'NotFound', status: 404 }), true],
    ['bodiless 404 from a GET', 'GetBucketPolicy', awsError({ name: 'NotFound', status: 404 }), false],
    ['AccessDenied', 'GetBucketPolicy', awsError({ code: 'AccessDenied', status: 403 }), false],
  ])('%s → %s', (_case, operation, err, expected) => {
    expect(isNoSuchBucket(operation, err)).toBe(expected);
  });
});

describe('sanitizeMessage', () => {
  it.each([
    [
      'Authorization header echoed by a proxy',
      'denied: Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abcdef',
    ],
    ['presigned query string', 'bad request https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIAABCDEFGHIJKLMNOP%2F2026&X-Amz-Signature=0123456789abcdef'],
    ['bare access key id', 'key AKIAABCDEFGHIJKLMNOP is not valid'],
  ])('strips credentials: %s', (_case, text) => {
    const out = sanitizeMessage(text);
    expect(out).not.toMatch(/AKIA[A-Z0-9]{16}|AKIDEXAMPLE|abcdef|0123456789abcdef/);
    expect(out).toContain('[redacted]');
  });

  it('makes one line of bounded length', () => {
    const out = sanitizeMessage(`first\nsecond\t${'x'.repeat(2_000)}`);
    expect(out).not.toContain('\n');
    expect(out.startsWith('first second ')).toBe(true);
    expect(out.length).toBeLessThanOrEqual(500);
  });
});
