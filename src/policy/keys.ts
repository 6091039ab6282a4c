/** How messages spell well-known condition keys; policies may write them in any case. */
const KNOWN_KEYS = [
  'aws:SecureTransport',
  'aws:SourceIp',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceArn',
  'aws:SourceAccount',
  'aws:SourceOwner',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalType',
  'aws:PrincipalIsAWSService',
  'aws:PrincipalServiceName',
  'aws:PrincipalTag',
  'aws:userid',
  'aws:username',
  'aws:CalledVia',
  'aws:ViaAWSService',
  'aws:VpcSourceIp',
  'aws:Referer',
  'aws:UserAgent',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:RequestedRegion',
  'aws:MultiFactorAuthPresent',
  's3:TlsVersion',
  's3:authType',
  's3:signatureAge',
  's3:signatureversion',
  's3:x-amz-content-sha256',
  's3:x-amz-server-side-encryption',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:x-amz-server-side-encryption-customer-algorithm',
  's3:DataAccessPointArn',
  's3:DataAccessPointAccount',
  's3:AccessPointNetworkOrigin',
  's3:ResourceAccount',
  's3:prefix',
  'glacier:ArchiveAgeInDays',
] as const;

const DISPLAY = new Map<string, string>(KNOWN_KEYS.map((key) => [key.toLowerCase(), key]));

export function keyName(key: string): string {
  return DISPLAY.get(key.toLowerCase()) ?? key;
}

/** Keys AWS puts in every request context: a requester can choose their value, never their absence. */
export const ALWAYS_PRESENT_KEYS: ReadonlySet<string> = new Set([
  'aws:securetransport',
  'aws:currenttime',
  'aws:epochtime',
  'aws:requestedregion',
]);

/** Keys AWS derives from the requester's identity (see principalKeys); a requester cannot choose them. */
export const PRINCIPAL_KEYS: ReadonlySet<string> = new Set([
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalisawsservice',
  'aws:principalservicename',
]);
