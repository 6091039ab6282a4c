import { apiError } from './faults.ts';
import { callerArn, KMS_OPERATIONS, policyText } from './fixture.ts';
import type { AccountFixture, KmsKeyFixture, KmsOperationName } from './fixture.ts';
import { KmsKeyIndex } from './kms-keys.ts';
import type { ResolvedKey } from './kms-keys.ts';
import { header } from './protocol.ts';
import type { Answer, Reply, Routed, Service } from './protocol.ts';

const TARGET_PREFIX = 'TrentService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const DEFAULT_CREATION = '2023-03-01T09:00:00.000Z';
const DAY_MS = 86_400_000;

export function isKmsTarget(target: string | undefined): boolean {
  return target?.startsWith(TARGET_PREFIX) === true;
}

function isKmsOperation(name: string): name is KmsOperationName {
  return KMS_OPERATIONS.some((op) => op === name);
}

function jsonReply(value: unknown): Reply {
  return { status: 200, headers: { 'content-type': CONTENT_TYPE }, body: JSON.stringify(value) };
}

/** KMS JSON carries timestamps as epoch seconds. */
function epochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** A string member of the JSON request body, or undefined. */
function stringMember(body: string, member: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body === '' ? '{}' : body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const value: unknown = Reflect.get(parsed, member);
  return typeof value === 'string' ? value : undefined;
}

function defaultKeyPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  });
}

function keyState(key: KmsKeyFixture): string {
  return key.keyState ?? 'Enabled';
}

function describeKey({ key, parts, keyId }: ResolvedKey): Answer {
  const state = keyState(key);
  const keySpec = key.keySpec ?? 'SYMMETRIC_DEFAULT';
  const created = key.creationDate ?? DEFAULT_CREATION;
  return jsonReply({
    KeyMetadata: {
      AWSAccountId: parts.account,
      KeyId: keyId,
      Arn: key.arn,
      CreationDate: epochSeconds(created),
      Enabled: state === 'Enabled',
      Description: key.description ?? '',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: state,
      ...(state === 'PendingDeletion'
        ? { DeletionDate: epochSeconds(key.deletionDate ?? new Date(Date.parse(created) + 400 * DAY_MS).toISOString()) }
        : {}),
      Origin: key.origin ?? 'AWS_KMS',
      KeyManager: key.keyManager ?? 'CUSTOMER',
      CustomerMasterKeySpec: keySpec,
      KeySpec: keySpec,
      ...(keySpec === 'SYMMETRIC_DEFAULT' ? { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } : {}),
      MultiRegion: key.multiRegion ?? false,
    },
  });
}

function getKeyRotationStatus({ key }: ResolvedKey): Answer {
  // Only symmetric keys with KMS-generated material rotate automatically.
  if ((key.keySpec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT' || (key.origin ?? 'AWS_KMS') !== 'AWS_KMS') {
    return apiError('UnsupportedOperationException', `${key.arn} origin or key spec does not support automatic rotation`, 400);
  }
  const enabled = keyState(key) !== 'PendingDeletion' && (key.rotationEnabled ?? key.keyManager === 'AWS');
  const period = key.rotationPeriodInDays ?? 365;
  return jsonReply({
    KeyId: key.arn,
    KeyRotationEnabled: enabled,
    ...(enabled ? { RotationPeriodInDays: period, NextRotationDate: epochSeconds('2027-03-01T09:00:00.000Z') } : {}),
  });
}

/** KMS JSON 1.1 (`X-Amz-Target: TrentService.<Op>`). */
export function kmsService(account: AccountFixture): Service {
  const keys = new KmsKeyIndex(account.kmsKeys ?? []);

  function getKeyPolicy({ key, parts }: ResolvedKey, policyName: string | undefined): Answer {
    // GetKeyPolicy is same-account only; AWS answers AccessDeniedException (HTTP 400).
    if (parts.account !== account.accountId) {
      return apiError(
        'AccessDeniedException',
        `User: ${callerArn(account)} is not authorized to perform: kms:GetKeyPolicy on resource: ${key.arn} because no resource-based policy allows the kms:GetKeyPolicy action`,
      );
    }
    if (policyName !== undefined && policyName !== 'default') return apiError('NotFoundException', `No such policy: ${policyName}`);
    return jsonReply({ Policy: key.policy === undefined ? defaultKeyPolicy(account.accountId) : policyText(key.policy), PolicyName: 'default' });
  }

  return {
    name: 'kms',
    route(request): Routed {
      const operation = (header(request.headers, 'x-amz-target') ?? '').slice(TARGET_PREFIX.length);
      if (!isKmsOperation(operation)) {
        return { operation, answer: () => apiError('UnknownOperationException', `${operation} is not implemented by the test endpoint`) };
      }
      const keyId = stringMember(request.body, 'KeyId');
      if (keyId === undefined || keyId === '') {
        return { operation, answer: () => apiError('ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null") };
      }
      const lookup = keys.lookup(keyId, {
        region: request.signing?.region ?? 'us-east-1',
        account: account.accountId,
        allowAlias: operation === 'DescribeKey',
      });
      if (!lookup.found) {
        const error = apiError('NotFoundException', lookup.message);
        return { operation, keyId, answer: () => error };
      }
      const { resolved } = lookup;
      const spec = resolved.key.faults?.[operation];
      return {
        operation,
        keyId,
        ...(spec === undefined ? {} : { fault: { spec, key: `${resolved.key.arn}|${operation}` } }),
        answer: () => {
          switch (operation) {
            case 'DescribeKey':
              return describeKey(resolved);
            case 'GetKeyRotationStatus':
              return getKeyRotationStatus(resolved);
            case 'GetKeyPolicy':
              return getKeyPolicy(resolved, stringMember(request.body, 'PolicyName'));
          }
        },
      };
    },
    renderError(error) {
      return {
        status: error.status,
        headers: { 'content-type': CONTENT_TYPE, ...error.headers },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
    },
    requestIdHeader: 'x-amzn-requestid',
    throttleError: apiError('ThrottlingException'),
    malformedReply: { status: 200, headers: { 'content-type': CONTENT_TYPE }, body: '{"KeyMetadata": {"KeyId": ' },
  };
}
