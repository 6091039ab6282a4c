import fc from 'fast-check';
import { BUCKET, OBJECTS } from './support.ts';

/** Values drawn from small pools, so generated statements often hit the questions the checks ask. */
const action = fc.constantFrom('s3:*', '*', 's3:GetObject', 's3:PutObject', 's3:Get*', 's3:ListBucket', 'S3:PUTOBJECT', 'kms:Decrypt');
const resource = fc.constantFrom(BUCKET, OBJECTS, `${BUCKET}*`, `${BUCKET}/private/*`, 'arn:aws:s3:::other/*', '*');
const awsPrincipal = fc.constantFrom('*', '123456789012', 'arn:aws:iam::111122223333:root', 'arn:aws:iam::123456789012:role/app');
const principal = fc.oneof(
  fc.constant('*'),
  fc.record({ AWS: fc.oneof(awsPrincipal, fc.array(awsPrincipal, { minLength: 1, maxLength: 3 })) }),
  fc.record({ Service: fc.constantFrom('cloudtrail.amazonaws.com', 'logging.s3.amazonaws.com') }),
);
const conditionKey = fc.constantFrom('aws:SecureTransport', 'aws:SourceVpce', 'aws:SourceIp', 's3:TlsVersion', 's3:x-amz-server-side-encryption', 'aws:PrincipalAccount');
const conditionValue = fc.oneof(fc.constantFrom('false', 'true', 'vpce-1', '10.0.0.0/8', '1.2', 'aws:kms', '123456789012'), fc.boolean(), fc.constantFrom(1.2, 0));
const operator = fc.constantFrom('Bool', 'BoolIfExists', 'StringEquals', 'StringNotEquals', 'StringLike', 'NumericLessThan', 'IpAddress', 'NotIpAddress', 'Null', 'ForAnyValue:StringEquals');
const condition = fc
  .uniqueArray(fc.tuple(operator, conditionKey, conditionValue), { maxLength: 3, selector: ([op]) => op })
  .map((entries) => Object.fromEntries(entries.map(([op, key, value]) => [op, { [key]: value }])));

const oneOrMany = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> => fc.oneof(arbitrary, fc.array(arbitrary, { minLength: 1, maxLength: 3 }));

export const statement = fc
  .record({
    effect: fc.constantFrom('Allow', 'Deny'),
    principal,
    notPrincipal: fc.boolean(),
    action: oneOrMany(action),
    notAction: fc.boolean(),
    resource: oneOrMany(resource),
    notResource: fc.boolean(),
    condition,
  })
  .map((s) => ({
    Effect: s.effect,
    [s.notPrincipal && s.principal !== '*' ? 'NotPrincipal' : 'Principal']: s.principal,
    [s.notAction ? 'NotAction' : 'Action']: s.action,
    [s.notResource ? 'NotResource' : 'Resource']: s.resource,
    ...(Object.keys(s.condition).length === 0 ? {} : { Condition: s.condition }),
  }));

export const statements = fc.array(statement, { minLength: 1, maxLength: 4 });

/** Every single value written as a one-element list instead (and lists left alone). */
export function asLists(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asLists(v, k)]));
  }
  // Effect, Sid and the "*" principal shorthand are not lists in IAM's grammar.
  return key === 'Effect' || key === 'Sid' || key === 'Principal' || key === 'NotPrincipal' ? value : [value];
}

/** Condition keys and operators with their case changed. */
export function recased(statementList: readonly Record<string, unknown>[], upper: boolean): Record<string, unknown>[] {
  const change = (text: string): string => (upper ? text.toUpperCase() : text.toLowerCase());
  return statementList.map((s) => {
    const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
    if (condition === undefined) return s;
    return {
      ...s,
      Condition: Object.fromEntries(
        Object.entries(condition).map(([op, keys]) => [change(op), Object.fromEntries(Object.entries(keys).map(([k, v]) => [change(k), v]))]),
      ),
    };
  });
}
