import { describe, expect, it } from 'vitest';
import { requestLine } from '../../src/collect/debug-log.ts';

describe('--debug request lines', () => {
  it('name method, host, path and query, and never a header: Authorization and X-Amz-Security-Token stay out', () => {
    const request = {
      method: 'GET',
      hostname: 'logs.s3.eu-west-1.amazonaws.com',
      path: '/',
      query: { policy: null },
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIAABCDEFGHIJKLMNOP/20261127/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=f00d',
        'x-amz-security-token': 'session-token-canary',
      },
    };
    expect(requestLine(request)).toBe('GET logs.s3.eu-west-1.amazonaws.com/?policy');
  });

  it('redact signatures and credentials a query string carries (presigned style)', () => {
    const request = {
      method: 'GET',
      hostname: 'b.s3.amazonaws.com',
      path: '/key',
      query: {
        'X-Amz-Credential': 'AKIAABCDEFGHIJKLMNOP/20261127/us-east-1/s3/aws4_request',
        'X-Amz-Security-Token': 'session-token-canary',
        'X-Amz-Signature': 'deadbeef',
      },
    };
    expect(requestLine(request)).toBe('GET b.s3.amazonaws.com/key?X-Amz-Credential=[redacted]&X-Amz-Security-Token=[redacted]&X-Amz-Signature=[redacted]');
  });

  it('give nothing for something that is not an HTTP request', () => {
    expect(requestLine(undefined)).toBeUndefined();
    expect(requestLine({ method: 'GET' })).toBeUndefined();
  });
});
