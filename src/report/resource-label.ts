import type { ResourceRef, ResourceType } from '../checks/types.ts';

const NOUN: Readonly<Record<ResourceType, string>> = {
  account: 'Account',
  bucket: 'Bucket',
  'access-point': 'Access point',
  'object-lambda-access-point': 'Object Lambda access point',
  'multi-region-access-point': 'Multi-Region Access Point',
  'glacier-vault': 'Glacier vault',
};

/** "Bucket acme-logs", "Account 123456789012": names the resource in a sentence. */
export function resourceLabel(resource: ResourceRef): string {
  return `${NOUN[resource.type]} ${resource.name}`;
}
