/** The areas of S3 security a check belongs to: the columns of the HTML report's matrix. */
export const CHECK_FAMILIES = ['Public access', 'Encryption', 'Transport', 'Data protection', 'Logging', 'CORS', 'Other'] as const;
export type CheckFamily = (typeof CHECK_FAMILIES)[number];

// First match wins; ordered so that e.g. bucket-policy-requires-sse-kms counts as encryption.
const RULES: readonly (readonly [RegExp, CheckFamily])[] = [
  [/kms|encryption|sse|bucket-key/, 'Encryption'],
  [/tls/, 'Transport'],
  [/cors/, 'CORS'],
  [/logging/, 'Logging'],
  [/versioning|mfa-delete|object-lock|vault-lock/, 'Data protection'],
  [/public|acl|cross-account|network-origin|presigned/, 'Public access'],
];

/** Derived from the id, which is stable forever (design §4), so a family never moves. */
export function checkFamily(checkId: string): CheckFamily {
  return RULES.find(([pattern]) => pattern.test(checkId))?.[1] ?? 'Other';
}
