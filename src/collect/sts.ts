import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { isAwsAccountId } from '../aws-account-id.ts';
import { UserError } from '../errors.ts';
import type { Api } from './api.ts';
import { describeError } from './errors.ts';

export interface CallerIdentity {
  readonly accountId: string;
  /** aws, aws-cn, aws-us-gov, … (from the caller ARN). */
  readonly partition: string;
}

const CREDENTIAL_SOURCES =
  'environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the shared config and credentials files ' +
  '(AWS_PROFILE or --profile), SSO, web identity (AWS_WEB_IDENTITY_TOKEN_FILE), and container/instance metadata';

const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const REJECTED_KEY_CODES = new Set(['InvalidClientTokenId', 'InvalidAccessKeyId', 'UnrecognizedClientException']);

/** Answers that are about the credentials, not about whether the endpoint speaks STS. */
const CREDENTIAL_FAILURES = new Set(['CredentialsProviderError', 'AccessDenied', 'SignatureDoesNotMatch', ...EXPIRED_CODES, ...REJECTED_KEY_CODES]);

/**
 * Who we are: the account to scan. On AWS any failure is the user's to fix, so it becomes a
 * UserError. An S3-compatible store (`customEndpoint`) may not implement STS (Ceph RGW does not
 * know GetCallerIdentity): then undefined, and the caller names the account otherwise. A
 * credentials problem stays an error everywhere.
 */
export async function getCallerIdentity(api: Api, profile: string | undefined, customEndpoint = false): Promise<CallerIdentity | undefined> {
  let arn: string | undefined;
  let accountId: string | undefined;
  try {
    const output = await api.call((options) => api.clients.sts.send(new GetCallerIdentityCommand({}), options));
    arn = output.Arn;
    accountId = output.Account;
  } catch (err) {
    if (customEndpoint && !CREDENTIAL_FAILURES.has(describeError(err).code)) return undefined;
    throw new UserError(credentialsMessage(err, profile));
  }
  if (accountId === undefined || !isAwsAccountId(accountId)) {
    if (customEndpoint) return undefined;
    throw new UserError('STS GetCallerIdentity returned no 12-digit account id; check the STS endpoint');
  }
  return { accountId, partition: partitionOf(arn) };
}

function partitionOf(arn: string | undefined): string {
  const partition = arn?.split(':')[1];
  return partition === undefined || partition === '' ? 'aws' : partition;
}

function credentialsMessage(err: unknown, profile: string | undefined): string {
  const info = describeError(err);
  const where = profile === undefined ? '' : ` (profile "${profile}")`;
  if (info.code === 'CredentialsProviderError') {
    return `No usable AWS credentials${where}: ${info.message}. Sources tried: ${CREDENTIAL_SOURCES}.`;
  }
  if (EXPIRED_CODES.has(info.code)) {
    return `The AWS credentials${where} have expired (${info.code}); refresh them (e.g. aws sso login) and retry.`;
  }
  if (REJECTED_KEY_CODES.has(info.code)) {
    return `AWS does not recognize the access key${where} (${info.code}); check the key id and that it is active.`;
  }
  if (info.code === 'SignatureDoesNotMatch') {
    return `AWS rejected the request signature${where} (SignatureDoesNotMatch); check that the secret access key belongs to the access key id.`;
  }
  return `Could not identify the AWS account with STS GetCallerIdentity${where}: ${info.code}: ${info.message}`;
}
