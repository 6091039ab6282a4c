import { describe, expect, it } from 'vitest';
import { normalizePolicy, parsePolicy, parsePolicyCached, toPolicyDocument } from '../../src/policy/parse.ts';
import type { Policy } from '../../src/policy/types.ts';

function parsed(document: unknown): Policy {
  const result = normalizePolicy(document);
  if (!result.ok) throw new Error(result.error);
  return result.policy;
}

const statement = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b' };

describe('parsePolicy normalizes every shape IAM accepts into one', () => {
  it('a Statement object is a one-statement list', () => {
    expect(parsed({ Statement: statement }).statements).toHaveLength(1);
  });

  it('"*" and {"AWS":"*"} and {"AWS":["*"]} are the same principal', () => {
    const forms = ['*', { AWS: '*' }, { AWS: ['*'] }, { aws: '*' }].map((Principal) => parsed({ Statement: { ...statement, Principal } }).statements[0]?.principal);
    for (const form of forms) expect(form).toEqual({ not: false, entries: [{ type: 'AWS', value: '*' }] });
  });

  it('strings, numbers and booleans in conditions become strings, single values one-element lists', () => {
    const policy = parsed({
      Statement: { ...statement, Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:TlsVersion': 1.2 }, StringEquals: { 'aws:SourceVpce': ['a', 'b'] } } },
    });
    expect(policy.statements[0]?.conditions.map((c) => [c.operator, c.key, c.values])).toEqual([
      ['Bool', 'aws:securetransport', ['false']],
      ['NumericLessThan', 's3:tlsversion', ['1.2']],
      ['StringEquals', 'aws:sourcevpce', ['a', 'b']],
    ]);
  });

  it('operators are case-insensitive, with IfExists and set qualifiers split out', () => {
    const policy = parsed({ Statement: { ...statement, Condition: { 'forallvalues:stringlikeifexists': { 'aws:TagKeys': 'x' }, boolifexists: { k: 'true' } } } });
    expect(policy.statements[0]?.conditions.map((c) => ({ operator: c.operator, ifExists: c.ifExists, qualifier: c.qualifier }))).toEqual([
      { operator: 'StringLike', ifExists: true, qualifier: 'ForAllValues' },
      { operator: 'Bool', ifExists: true, qualifier: undefined },
    ]);
  });

  it('Not* elements are kept as the same lists with not: true', () => {
    const policy = parsed({ Statement: { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::1:role/x' }, NotAction: 's3:Get*', NotResource: 'arn:aws:s3:::b/*' } });
    const s = policy.statements[0];
    expect([s?.principal?.not, s?.action, s?.resource]).toEqual([true, { not: true, patterns: ['s3:Get*'] }, { not: true, patterns: ['arn:aws:s3:::b/*'] }]);
  });

  it('Effect is accepted in any case and canonicalized', () => {
    expect(parsed({ Statement: { ...statement, Effect: 'deny' } }).statements[0]?.effect).toBe('Deny');
  });

  it('toPolicyDocument round-trips: normalizing its output gives the same policy', () => {
    const policy = parsed({ Version: '2012-10-17', Id: 'x', Statement: [{ ...statement, Sid: 'S', Condition: { 'ForAnyValue:StringEqualsIfExists': { K: ['v'] } } }] });
    expect(parsed(toPolicyDocument(policy))).toEqual(policy);
  });
});

describe('parsePolicy returns a clear error for malformed documents, never throws', () => {
  it.each([
    ['text that is not JSON', '{"Statement": [', /^not valid JSON \(/],
    ['a JSON array instead of an object', '[]', /^a policy must be a JSON object, got a list$/],
    ['no Statement', '{"Version":"2012-10-17"}', /^the policy has no Statement$/],
    ['a statement that is a string', '{"Statement":["x"]}', /^Statement 1 must be an object, got string "x"$/],
    ['an Effect that is neither Allow nor Deny', '{"Statement":{"Effect":"Maybe","Action":"s3:*"}}', /^Statement 1 Effect must be "Allow" or "Deny", got string "Maybe"$/],
    ['a statement without Action or NotAction', '{"Statement":{"Effect":"Deny"}}', /^Statement 1 has neither Action nor NotAction$/],
    ['both Action and NotAction', '{"Statement":{"Effect":"Deny","Action":"a","NotAction":"b"}}', /^Statement 1 has both Action and NotAction$/],
    ['a number as an action', '{"Statement":{"Effect":"Deny","Action":3}}', /^Statement 1 Action must be a string or a list of strings, got number 3$/],
    ['an unknown principal type', '{"Statement":{"Effect":"Deny","Action":"a","Principal":{"Robot":"x"}}}', /^Statement 1 Principal has an unknown principal type 'Robot'$/],
    ['a Principal string other than "*"', '{"Statement":{"Effect":"Deny","Action":"a","Principal":"arn:aws:iam::1:root"}}', /^Statement 1 Principal must be "\*" or an object/],
    ['an unknown condition operator', '{"Statement":{"Effect":"Deny","Action":"a","Condition":{"StringSortOf":{"k":"v"}}}}', /^Statement 1 Condition has an unknown condition operator 'StringSortOf'$/],
    ['NullIfExists, which IAM does not have', '{"Statement":{"Effect":"Deny","Action":"a","Condition":{"NullIfExists":{"k":"true"}}}}', /unknown condition operator 'NullIfExists'/],
    ['a null condition value', '{"Statement":{"Effect":"Deny","Action":"a","Condition":{"Bool":{"k":null}}}}', /^Statement 1 Condition Bool.k must be a string, number, boolean or a list of them, got null$/],
    ['a policy over the 20 KB S3 accepts', JSON.stringify({ Statement: { Effect: 'Deny', Action: 's3:*', Sid: 'x'.repeat(20_480) } }), /^20536 bytes without whitespace, more than the 20480 bytes S3 accepts for a bucket policy$/],
    ['a text too large to be worth parsing', `{"Statement": ${' '.repeat(200_000)}[]}`, /^\d+ bytes without whitespace, more than the 20480 bytes S3 accepts for a bucket policy$/],
  ])('%s', (_name, text, message) => {
    const result = parsePolicy(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('the 20 KB bucket policy limit', () => {
  it('counts the document without whitespace: a 20 KB policy, pretty-printed, still parses', () => {
    const statement = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' };
    const document = { Version: '2012-10-17', Statement: [{ ...statement, Sid: 'x'.repeat(20_480 - JSON.stringify({ Version: '2012-10-17', Statement: [{ ...statement, Sid: '' }] }).length) }] };
    expect(JSON.stringify(document)).toHaveLength(20_480);
    expect(parsePolicy(JSON.stringify(document, null, 4)).ok).toBe(true);
  });
});

describe('parsePolicyCached', () => {
  it('returns the same result object for the same text', () => {
    const text = JSON.stringify({ Statement: statement });
    expect(parsePolicyCached(text)).toBe(parsePolicyCached(text));
  });
});
