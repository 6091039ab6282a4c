import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { memoize } from '@smithy/core/config';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { UserError } from '../errors.ts';
import { describeError } from './errors.ts';

/** --role-arn (or one account of --org / --accounts): whom the scan acts as. Plain data: workers receive it. */
export interface AssumeRoleTarget {
  readonly roleArn: string;
  readonly externalId?: string;
  readonly sessionName: string;
}

/** Refreshed this long before they expire, so that no call of a long scan signs with expiring keys. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/** The role's temporary credentials stay inside the SDK: this module never reads or logs them. */
export interface AssumedRoleOptions {
  readonly target: AssumeRoleTarget;
  /** The home region: STS is called at its regional endpoint (global-endpoint tokens fail in opt-in regions). */
  readonly region: string;
  readonly profile?: string;
  /** A custom STS endpoint (tests, private endpoints). */
  readonly stsEndpoint?: string;
  readonly maxAttempts: number;
}

/**
 * One AssumeRole shared by every client of the scan (the SDK would otherwise assume the role once
 * per client), assumed again shortly before the credentials expire (the SDK's own memoize). A
 * failed attempt is not kept: the next call tries again.
 */
export function assumedRoleCredentials(options: AssumedRoleOptions): AwsCredentialIdentityProvider {
  const assume = fromTemporaryCredentials({
    params: {
      RoleArn: options.target.roleArn,
      RoleSessionName: options.target.sessionName,
      ...(options.target.externalId === undefined ? {} : { ExternalId: options.target.externalId }),
    },
    // Its default chain would not see --profile (only AWS_PROFILE): the profile's credentials assume the role.
    ...(options.profile === undefined ? {} : { masterCredentials: fromNodeProviderChain({ profile: options.profile }) }),
    clientConfig: {
      region: options.region,
      maxAttempts: options.maxAttempts,
      ...(options.stsEndpoint === undefined ? {} : { endpoint: options.stsEndpoint }),
    },
  });
  return memoize(
    assume,
    (credentials) => credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS,
    (credentials) => credentials.expiration !== undefined,
  );
}

/** The role could not be assumed: for one --role-arn a usage error; one account of an organization scan is reported unknown instead. */
export class RoleNotAssumed extends UserError {
  readonly roleArn: string;
  readonly code: string;
  readonly detail: string;

  constructor(roleArn: string, error: unknown) {
    const { code, message } = describeError(error);
    super(`Could not assume role ${roleArn}: ${code}: ${message}`);
    this.roleArn = roleArn;
    this.code = code;
    this.detail = message;
  }
}

// arn:<partition>:iam::<12 digits>:role/<path/>name — IAM allows these characters in role names and paths.
const ROLE_ARN = /^arn:(?:aws|aws-cn|aws-us-gov|aws-iso(?:-[a-z])?|aws-eusc):iam::(\d{12}):role\/[\w+=,.@\-/]{1,512}$/;

/** The account a role ARN belongs to, or undefined when it is not an IAM role ARN. */
export function roleArnAccount(arn: string): string | undefined {
  return ROLE_ARN.exec(arn)?.[1];
}

/** The ARN of `roleName` (with an optional path) in `accountId`. */
export function roleArnIn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}
