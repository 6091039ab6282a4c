import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionHolds } from '../../src/policy/conditions.ts';
import { conditionKeys, evaluate } from '../../src/policy/evaluate.ts';
import { isBroadCidr, parseCidr } from '../../src/policy/ip.ts';
import { arnMatches, wildcardMatch } from '../../src/policy/match.ts';
import { parsePolicy } from '../../src/policy/parse.ts';
import type { Condition, Policy } from '../../src/policy/types.ts';

function condition(operator: string, key: string, values: unknown): Condition {
  const result = parsePolicy(JSON.stringify({ Statement: { Effect: 'Deny', Action: '*', Condition: { [operator]: { [key]: values } } } }));
  if (!result.ok) throw new Error(result.error);
  const parsed = result.policy.statements[0]?.conditions[0];
  if (parsed === undefined) throw new Error('no condition');
  return parsed;
}

type Keys = Record<string, string | string[] | undefined>;

describe('condition operators against a request context', () => {
  it.each<[string, string, string, unknown, Keys, boolean]>([
    ['Bool matches false written as a JSON boolean', 'Bool', 'aws:SecureTransport', false, { 'aws:securetransport': 'false' }, true],
    ['Bool compares true/false case-insensitively', 'Bool', 'aws:SecureTransport', 'FALSE', { 'aws:securetransport': 'false' }, true],
    ['Bool with ["true","false"] matches every request', 'Bool', 'aws:SecureTransport', ['true', 'false'], { 'aws:securetransport': 'true' }, true],
    ['condition keys are case-insensitive', 'Bool', 'AWS:SECURETRANSPORT', 'false', { 'aws:SecureTransport': 'false' }, true],
    ['StringEquals on a missing key is false', 'StringEquals', 'aws:SourceVpce', 'vpce-1', {}, false],
    ['StringNotEquals on a missing key is true', 'StringNotEquals', 'aws:SourceVpce', 'vpce-1', {}, true],
    ['StringNotEquals with two values must match neither (AND)', 'StringNotEquals', 's3:x-amz-server-side-encryption', ['aws:kms', 'aws:kms:dsse'], { 's3:x-amz-server-side-encryption': 'aws:kms:dsse' }, false],
    ['StringEquals is case-sensitive', 'StringEquals', 'aws:SourceVpce', 'VPCE-1', { 'aws:sourcevpce': 'vpce-1' }, false],
    ['StringEqualsIgnoreCase is not', 'StringEqualsIgnoreCase', 'aws:SourceVpce', 'VPCE-1', { 'aws:sourcevpce': 'vpce-1' }, true],
    ['StringLike expands * and ?', 'StringLike', 'aws:SourceVpc', 'vpc-?2*', { 'aws:sourcevpc': 'vpc-123' }, true],
    ['StringEqualsIfExists on a missing key is true', 'StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1', {}, true],
    ['NumericLessThan compares numbers, not strings', 'NumericLessThan', 's3:TlsVersion', 1.2, { 's3:tlsversion': '1.10' }, true],
    ['NumericLessThan on a missing key is false (plain HTTP has no TLS version)', 'NumericLessThan', 's3:TlsVersion', 1.2, {}, false],
    ['NumericLessThanIfExists on a missing key is true', 'NumericLessThanIfExists', 's3:TlsVersion', 1.2, {}, true],
    ['NumericGreaterThan on signature age', 'NumericGreaterThan', 's3:signatureAge', 600000, { 's3:signatureage': '600001' }, true],
    ['a non-numeric value never matches a numeric operator', 'NumericGreaterThan', 's3:signatureAge', 'abc', { 's3:signatureage': '1' }, false],
    ['DateGreaterThan reads ISO 8601 and epoch seconds', 'DateGreaterThan', 'aws:CurrentTime', '2020-01-01T00:00:00Z', { 'aws:currenttime': '1700000000' }, true],
    ['IpAddress matches inside the CIDR', 'IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:sourceip': '203.0.113.7' }, true],
    ['IpAddress matches IPv6', 'IpAddress', 'aws:SourceIp', '2001:db8::/32', { 'aws:sourceip': '2001:db8:1::5' }, true],
    ['NotIpAddress outside the CIDR', 'NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', { 'aws:sourceip': '203.0.113.7' }, true],
    ['ArnLike with wildcards in segments', 'ArnLike', 'aws:SourceArn', 'arn:aws:cloudtrail:*:111122223333:trail/*', { 'aws:sourcearn': 'arn:aws:cloudtrail:us-east-1:111122223333:trail/t' }, true],
    ['ArnNotLike on a missing key is true', 'ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::1:role/x', {}, true],
    ['Null true: the key is absent', 'Null', 's3:x-amz-server-side-encryption', 'true', {}, true],
    ['Null false: the key is present', 'Null', 's3:x-amz-server-side-encryption-customer-algorithm', false, { 's3:x-amz-server-side-encryption-customer-algorithm': 'AES256' }, true],
    ['ForAnyValue on an empty set is false', 'ForAnyValue:StringEquals', 'aws:TagKeys', 'a', {}, false],
    ['ForAllValues on an empty set is true', 'ForAllValues:StringEquals', 'aws:TagKeys', 'a', {}, true],
    ['ForAllValues needs every value listed', 'ForAllValues:StringEquals', 'aws:TagKeys', ['a', 'b'], { 'aws:tagkeys': ['a', 'c'] }, false],
    ['ForAnyValue needs one value listed', 'ForAnyValue:StringEquals', 'aws:TagKeys', ['a', 'b'], { 'aws:tagkeys': ['a', 'c'] }, true],
    ['ForAnyValue:StringNotEquals: some value is not listed', 'ForAnyValue:StringNotEquals', 'aws:TagKeys', ['a'], { 'aws:tagkeys': ['a', 'c'] }, true],
  ])('%s', (_name, operator, key, values, keys, expected) => {
    expect(conditionHolds(condition(operator, key, values), conditionKeys(keys))).toBe(expected);
  });
});

describe('wildcards and ARNs', () => {
  it.each([
    ['* spans / and :', 'arn:aws:s3:::b*', 'arn:aws:s3:::b/x/y:z', true],
    ['? is exactly one character', 'arn:aws:s3:::b?', 'arn:aws:s3:::bb', true],
    ['? is not zero characters', 'arn:aws:s3:::b?', 'arn:aws:s3:::b', false],
    ['regex characters in a pattern are literal', 'arn:aws:s3:::b.c', 'arn:aws:s3:::bxc', false],
    ['the bucket part is case-sensitive', 'arn:aws:s3:::Logs/*', 'arn:aws:s3:::logs/x', false],
    ['the partition and service are not', 'ARN:AWS:S3:::logs/*', 'arn:aws:s3:::logs/x', true],
  ])('%s', (_name, pattern, arn, expected) => {
    expect(arnMatches(pattern, arn)).toBe(expected);
  });

  it('actions match case-insensitively', () => {
    expect(wildcardMatch('S3:get*', 's3:GetObject', true)).toBe(true);
  });

  it.each([
    ['a * that must give back what it took', 'a*b*c', 'axbxbyc', false, true],
    ['a * at the end takes the rest', 'logs/*', 'logs/', false, true],
    ['stars in a row are one star', 'a**b', 'ab', false, true],
    ['a lone * matches the empty value', '*', '', false, true],
    ['a value longer than a star-less pattern', 'ab', 'abc', false, false],
    ['ASCII case folds only when asked', 'ABC', 'abc', false, false],
    ['beyond ASCII, case folds as JavaScript folds it', 'ÉTÉ*', 'été-2026', true, true],
  ])('%s', (_name, pattern, value, ignoreCase, expected) => {
    expect(wildcardMatch(pattern, value, ignoreCase)).toBe(expected);
  });

  it('matches exactly as the equivalent anchored regular expression', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'A', 'b', '/', ':', '.', '*', '?', 'é', 'É', '\n'), maxLength: 8 });
    fc.assert(
      fc.property(text, text, fc.boolean(), (pattern, value, ignoreCase) => {
        const source = pattern.split('').map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'))).join('');
        const literal = !pattern.includes('*') && !pattern.includes('?');
        const expected = ignoreCase && literal ? pattern.toLowerCase() === value.toLowerCase() : new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
        expect(wildcardMatch(pattern, value, ignoreCase)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('CIDRs', () => {
  it.each([
    ['0.0.0.0/0 is broad', '0.0.0.0/0', true],
    ['a /7 is broader than /8', '2.0.0.0/7', true],
    ['a /8 is not', '11.0.0.0/8', false],
    ['RFC 1918 10/8 is private, not broad', '10.0.0.0/8', false],
    ['::/0 is broad', '::/0', true],
    ['an IPv6 /32 is not', '2001:db8::/32', false],
    ['an IPv4-mapped IPv6 address parses', '::ffff:10.0.0.1', false],
  ])('%s', (_name, text, broad) => {
    const cidr = parseCidr(text);
    expect(cidr).toBeDefined();
    if (cidr !== undefined) expect(isBroadCidr(cidr)).toBe(broad);
  });

  it.each(['10.0.0.256', '10.0.0.0/33', '1::2::3', 'vpc-1', '10.0.0.0/8/1'])('%s is not an address', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('evaluate: explicit deny wins over allow', () => {
  const result = parsePolicy(
    JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': false } } },
      ],
    }),
  );
  const policy = (result as { policy: Policy }).policy;
  const request = (secure: string) => ({
    principal: { kind: 'anonymous' as const },
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::b/k',
    keys: conditionKeys({ 'aws:SecureTransport': secure }),
  });

  it('an anonymous GetObject over HTTPS is allowed', () => {
    expect(evaluate(policy, request('true')).effect).toBe('allow');
  });

  it('over plain HTTP it is explicitly denied', () => {
    expect(evaluate(policy, request('false')).effect).toBe('explicit-deny');
  });

  it('an action nothing mentions is implicitly denied', () => {
    expect(evaluate(policy, { ...request('true'), action: 's3:PutObject' }).effect).toBe('implicit-deny');
  });
});
