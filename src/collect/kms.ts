import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { kmsEncryptionRule } from '../snapshot/encryption.ts';
import { isAwsManagedAlias, parseKmsKeyId, S3_AWS_MANAGED_ALIAS } from '../snapshot/kms-key-id.ts';
import { absent, observedError, present, type Observed } from '../snapshot/observed.ts';
import type {
  BucketState,
  EncryptionConfiguration,
  KmsBucketDataKey,
  KmsKey,
  KmsKeyPolicy,
  KmsKeyRotation,
} from '../snapshot/types.ts';
import type { Api } from './api.ts';
import { describeError, isKmsKeyMissing, observeRegionalFailure, type ReadLocation } from './errors.ts';
import { Memo } from './memo.ts';
import { normalizeKeyMetadata, normalizeKeyPolicy, normalizeKeyRotation } from './normalize.ts';

export type KmsBucketData = { -readonly [K in KmsBucketDataKey]?: Exclude<BucketState[K], undefined> };

export interface KmsLookup {
  /** The KMS data of one bucket. Every call is made once per distinct key, however many buckets share it. */
  forBucket(bucketRegion: string, encryption: Observed<EncryptionConfiguration> | undefined): Promise<KmsBucketData>;
}

/**
 * Joins buckets to the keys their default encryption names: DescribeKey in the key's region,
 * then GetKeyRotationStatus (customer managed keys) and GetKeyPolicy (keys of the scanned
 * account), each only when `keys` asks for it. Lookups never reject: failures are recorded.
 * `homeRegion`, where the credentials are known to work, lets a failure elsewhere name the Region.
 */
export function createKmsLookup(api: Api, accountId: string, keys: readonly KmsBucketDataKey[], homeRegion?: string): KmsLookup {
  const where = (region: string): ReadLocation => ({ resource: 'key', region, homeRegion: homeRegion ?? region });
  const described = new Memo<Promise<Observed<KmsKey>>>();
  const rotations = new Memo<Promise<Observed<KmsKeyRotation>>>();
  const policies = new Memo<Promise<Observed<KmsKeyPolicy>>>();

  function keyOf(bucketRegion: string, encryption: Observed<EncryptionConfiguration> | undefined): Promise<Observed<KmsKey>> | Observed<KmsKey> {
    if (encryption === undefined || encryption.state === 'absent') return absent();
    // Which key applies cannot be known, for the same reason the configuration could not be read.
    if (encryption.state === 'error') return encryption;
    const rule = kmsEncryptionRule(encryption.value);
    if (rule === undefined) return absent();
    const configuredId = rule.kmsMasterKeyId;
    if (configuredId === undefined || configuredId === '') {
      return present({ kind: 'aws-managed-alias', region: bucketRegion, alias: S3_AWS_MANAGED_ALIAS });
    }
    const id = parseKmsKeyId(configuredId);
    const region = id.form === 'key-arn' || id.form === 'alias-arn' ? id.region : bucketRegion;
    if ((id.form === 'alias-name' || id.form === 'alias-arn') && isAwsManagedAlias(id.alias)) {
      return present({ kind: 'aws-managed-alias', configuredId, region, alias: id.alias });
    }
    // A key id or alias means a different key in each region, so the region is part of the cache key.
    return described.get(`${region} ${configuredId}`, () => describeKey(api, configuredId, where(region)));
  }

  function rotationOf(key: Observed<KmsKey>): Observed<KmsKeyRotation> | Promise<Observed<KmsKeyRotation>> {
    if (key.state !== 'present') return key;
    // AWS rotates its own keys every year; there is nothing to ask.
    if (key.value.kind !== 'described' || key.value.keyManager !== 'CUSTOMER') return absent();
    const { arn, region } = key.value;
    return rotations.get(arn, () => keyRotation(api, arn, where(region)));
  }

  function policyOf(key: Observed<KmsKey>): Observed<KmsKeyPolicy> | Promise<Observed<KmsKeyPolicy>> {
    if (key.state !== 'present') return key;
    if (key.value.kind !== 'described') return absent();
    if (key.value.accountId !== accountId) {
      return observedError(
        'GetKeyPolicy',
        'CrossAccountKey',
        `GetKeyPolicy works only in the key's own account; ${key.value.arn} belongs to account ${key.value.accountId}`,
      );
    }
    const { arn, region } = key.value;
    return policies.get(arn, () => keyPolicy(api, arn, where(region)));
  }

  return {
    async forBucket(bucketRegion, encryption) {
      const key = await keyOf(bucketRegion, encryption);
      const [rotation, policy] = await Promise.all([
        keys.includes('kmsKeyRotation') ? rotationOf(key) : undefined,
        keys.includes('kmsKeyPolicy') ? policyOf(key) : undefined,
      ]);
      return {
        ...(keys.includes('kmsKey') ? { kmsKey: key } : {}),
        ...(rotation === undefined ? {} : { kmsKeyRotation: rotation }),
        ...(policy === undefined ? {} : { kmsKeyPolicy: policy }),
      };
    },
  };
}

/** KMS keys are regional: a key ARN is asked in its own region, a key id or alias in the bucket's. */
async function describeKey(api: Api, configuredId: string, location: ReadLocation): Promise<Observed<KmsKey>> {
  const { region } = location;
  const client = api.clients.kms(region);
  try {
    const output = await api.call((options) => client.send(new DescribeKeyCommand({ KeyId: configuredId }), options));
    return normalizeKeyMetadata(output.KeyMetadata, configuredId, region);
  } catch (err) {
    const info = describeError(err);
    if (isKmsKeyMissing(info)) return present({ kind: 'missing', configuredId, region, code: info.code, message: info.message });
    return observeRegionalFailure('DescribeKey', err, location);
  }
}

/** By key ARN, which also works for a key of another account (if its key policy allows us). */
async function keyRotation(api: Api, arn: string, location: ReadLocation): Promise<Observed<KmsKeyRotation>> {
  const client = api.clients.kms(location.region);
  try {
    return normalizeKeyRotation(
      await api.call((options) => client.send(new GetKeyRotationStatusCommand({ KeyId: arn }), options)),
    );
  } catch (err) {
    return observeRegionalFailure('GetKeyRotationStatus', err, location);
  }
}

async function keyPolicy(api: Api, arn: string, location: ReadLocation): Promise<Observed<KmsKeyPolicy>> {
  const client = api.clients.kms(location.region);
  try {
    return normalizeKeyPolicy(
      await api.call((options) => client.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: 'default' }), options)),
    );
  } catch (err) {
    return observeRegionalFailure('GetKeyPolicy', err, location);
  }
}
