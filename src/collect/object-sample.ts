import { GetObjectLegalHoldCommand, GetObjectRetentionCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { absent, present, type Observed } from '../snapshot/observed.ts';
import type { ObjectLock, ObjectLockSample, ObjectLegalHold, ObjectRetention, SampledObjectVersion } from '../snapshot/types.ts';
import type { Api, SendOptions } from './api.ts';
import { observeFailure, observeRegionalFailure, type ReadLocation } from './errors.ts';
import type { BucketInput } from './s3.ts';

/**
 * --sample-objects: one ListObjectVersions page of at most `limit` entries, then the retention and
 * legal hold of each object version in it (2 calls each, through the shared limit). Only object
 * configuration is read, never object data. Buckets without Object Lock enabled are not sampled.
 */
export async function sampleObjectLock(
  api: Api,
  client: S3Client,
  input: BucketInput,
  objectLock: Observed<ObjectLock> | undefined,
  limit: number,
  where: ReadLocation,
): Promise<Observed<ObjectLockSample>> {
  if (objectLock?.state !== 'present' || !objectLock.value.enabled) return absent();
  const sampledAt = new Date().toISOString();
  let page;
  try {
    page = await api.call((options) => client.send(new ListObjectVersionsCommand({ ...input, MaxKeys: limit }), options));
  } catch (err) {
    return observeRegionalFailure('ListObjectVersions', err, where);
  }
  // Delete markers come in their own list (DeleteMarkers): they hold no data to protect.
  const listed = (page.Versions ?? []).flatMap(({ Key, VersionId }) =>
    Key === undefined || VersionId === undefined || VersionId === '' ? [] : [{ key: Key, versionId: VersionId }],
  );
  // A store that ignores MaxKeys must not make the sample, and its cost, larger than asked.
  const versions = await Promise.all(listed.slice(0, limit).map((version) => readVersion(api, client, input, version)));
  return present({ limit, sampledAt, versions });
}

async function readVersion(
  api: Api,
  client: S3Client,
  input: BucketInput,
  version: { readonly key: string; readonly versionId: string },
): Promise<SampledObjectVersion> {
  const objectInput = { ...input, Key: version.key, VersionId: version.versionId };
  const [retention, legalHold] = await Promise.all([
    read('GetObjectRetention', async (options): Promise<ObjectRetention> => {
      const { Retention } = await client.send(new GetObjectRetentionCommand(objectInput), options);
      return {
        ...(Retention?.Mode === undefined ? {} : { mode: Retention.Mode }),
        ...(Retention?.RetainUntilDate === undefined ? {} : { retainUntil: Retention.RetainUntilDate.toISOString() }),
      };
    }),
    read('GetObjectLegalHold', async (options): Promise<ObjectLegalHold> => {
      const { LegalHold } = await client.send(new GetObjectLegalHoldCommand(objectInput), options);
      return LegalHold?.Status === undefined ? {} : { status: LegalHold.Status };
    }),
  ]);
  return { ...version, retention, legalHold };

  async function read<T>(operation: string, send: (options: SendOptions) => Promise<T>): Promise<Observed<T>> {
    try {
      return present(await api.call(send));
    } catch (err) {
      return observeFailure(operation, err);
    }
  }
}
