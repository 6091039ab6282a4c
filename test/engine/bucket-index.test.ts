import { describe, expect, it } from 'vitest';
import { indexGap } from '../../src/checks/lib/index-gap.ts';
import { BucketIndexBuilder } from '../../src/engine/bucket-index.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';

const denied = (operation: string) => observedError(operation, 'AccessDenied', 'Access Denied');

describe('bucket index', () => {
  it('keeps name, region, logging target and Object Lock (enabled, default retention) of each bucket', () => {
    const index = new BucketIndexBuilder();
    index.addBucket(
      {
        name: 'app',
        region: 'eu-west-1',
        logging: present({ target: { bucket: 'logs', prefix: 'app/', keyFormat: 'partitioned' } }),
        objectLock: present({ enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 1 } }),
        versioning: present({ status: 'Enabled' }),
      },
      true,
    );
    expect(index.get('app')).toEqual({
      name: 'app',
      region: 'eu-west-1',
      scanned: true,
      logging: { state: 'present', value: { targetBucket: 'logs' } },
      objectLock: { state: 'present', value: { enabled: true, defaultRetention: true } },
    });
    expect(index.get('logs'), 'a target is not a bucket of the account by being named').toBeUndefined();
  });

  it('folds "not configured" into the value and keeps errors as errors', () => {
    const index = new BucketIndexBuilder();
    index.addBucket({ name: 'a', region: 'us-east-1', logging: absent('NotImplemented'), objectLock: absent('ObjectLockConfigurationNotFoundError') }, true);
    index.addBucket({ name: 'b', region: 'us-east-1', logging: denied('GetBucketLogging'), objectLock: denied('GetObjectLockConfiguration') }, true);
    expect(index.get('a')).toMatchObject({ logging: { state: 'present', value: {} }, objectLock: { state: 'present', value: { enabled: false, defaultRetention: false } } });
    expect(index.get('b')).toMatchObject({ logging: denied('GetBucketLogging'), objectLock: denied('GetObjectLockConfiguration') });
  });

  it('leaves out what was not collected, and says why', () => {
    const index = new BucketIndexBuilder();
    index.addBucket({ name: 'partial', region: 'us-east-1', logging: present({}) }, true);
    index.addListed('listed', 'us-west-2');
    index.addListed('no-region', undefined);
    expect(index.get('partial')).toEqual({ name: 'partial', region: 'us-east-1', scanned: true, logging: { state: 'present', value: {} } });
    expect(index.get('listed')).toEqual({ name: 'listed', region: 'us-west-2', scanned: false });
    expect(index.get('no-region')).toEqual({ name: 'no-region', region: undefined, scanned: false });
    const partial = index.get('partial');
    const listed = index.get('listed');
    if (partial === undefined || listed === undefined) throw new Error('indexed buckets are missing');
    expect(indexGap(partial, 'objectLock')).toBe('is not in the snapshot');
    expect(indexGap(listed, 'logging')).toBe('was not read: the bucket is outside the scanned buckets (--bucket/--exclude-bucket)');
    expect(indexGap(partial, 'logging')).toBeUndefined();
  });

  it('a listed bucket whose record arrives later becomes scanned; a later listing does not undo a record', () => {
    const index = new BucketIndexBuilder();
    index.addListed('a', 'us-east-1');
    index.addBucket({ name: 'a', region: 'us-east-1', logging: present({}) }, false);
    index.addBucket({ name: 'b', region: 'us-east-1', logging: present({}) }, true);
    index.addListed('b', 'us-east-1');
    expect(index.size).toBe(2);
    expect(index.get('a')?.scanned).toBe(true);
    expect(index.get('b')?.logging).toEqual({ state: 'present', value: {} });
    expect([index.isEvaluated(0), index.isEvaluated(1)]).toEqual([false, true]);
  });

  it('counts the buckets of the same region that log into a bucket, not counting itself, first by name', () => {
    const index = new BucketIndexBuilder();
    for (const name of ['web', 'api', 'logs']) index.addBucket({ name, region: 'us-east-1', logging: present({ target: { bucket: 'logs', prefix: '' } }) }, true);
    index.addBucket({ name: 'abroad', region: 'eu-west-1', logging: present({ target: { bucket: 'logs', prefix: '' } }) }, true);
    expect(index.logSources('logs', 'us-east-1')).toEqual({ count: 2, first: 'api' });
    expect(index.logSources('logs', 'eu-west-1')).toEqual({ count: 1, first: 'abroad' });
    expect(index.logSources('web', 'us-east-1')).toBeUndefined();
  });

  it('counts the buckets of a region (or of no known region) whose logging is not known', () => {
    const index = new BucketIndexBuilder();
    index.addBucket({ name: 'known', region: 'us-east-1', logging: present({}) }, true);
    expect(index.unknownLogging('us-east-1')).toBeUndefined();
    index.addBucket({ name: 'zed', region: 'us-east-1', logging: denied('GetBucketLogging') }, true);
    index.addBucket({ name: 'no-logging-data', region: 'us-east-1' }, true);
    index.addBucket({ name: 'abroad', region: 'eu-west-1', logging: denied('GetBucketLogging') }, true);
    index.addListed('listed', 'us-east-1');
    expect(index.unknownLogging('us-east-1')).toEqual({ count: 3, first: { name: 'listed', region: 'us-east-1', scanned: false } });
    index.addListed('a-store-bucket', undefined);
    expect(index.unknownLogging('us-east-1')).toEqual({ count: 4, first: { name: 'a-store-bucket', region: undefined, scanned: false } });
    expect(index.unknownLogging('eu-west-1')?.count).toBe(2);
    expect(index.unknownLogging('ap-south-1')?.count).toBe(1);
  });
});
