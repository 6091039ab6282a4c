import type { AccessPointState, MultiRegionAccessPointState, ObjectLambdaAccessPointState } from '../../snapshot/types.ts';
import { formatList } from './format-list.ts';

/** "access point team-a (bucket shared-data)": messages name the bucket behind the door. */
export function accessPointSubject(ap: AccessPointState, accountId: string): string {
  const owner = ap.bucketAccountId !== undefined && ap.bucketAccountId !== accountId ? ` of account ${ap.bucketAccountId}` : '';
  return `access point ${ap.name} (bucket ${ap.bucket}${owner})`;
}

/** "Object Lambda access point redact (bucket shared-data)", or its supporting access point when the bucket is unknown. */
export function objectLambdaSubject(olap: ObjectLambdaAccessPointState): string {
  if (olap.bucket !== undefined) return `Object Lambda access point ${olap.name} (bucket ${olap.bucket})`;
  const configuration = olap.objectLambdaConfiguration;
  if (configuration?.state === 'present') return `Object Lambda access point ${olap.name} (supporting access point ${configuration.value.supportingAccessPoint})`;
  return `Object Lambda access point ${olap.name}`;
}

/** "Multi-Region Access Point global (buckets a in us-east-1 and b in eu-west-1)". */
export function multiRegionSubject(mrap: MultiRegionAccessPointState): string {
  const buckets = mrap.regions.map((r) => `${r.bucket} in ${r.region}`);
  return buckets.length === 0
    ? `Multi-Region Access Point ${mrap.name}`
    : `Multi-Region Access Point ${mrap.name} (${buckets.length === 1 ? 'bucket' : 'buckets'} ${formatList(buckets)})`;
}
