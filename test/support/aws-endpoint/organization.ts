import { apiError } from './faults.ts';
import type { AccountFixture } from './fixture.ts';
import { header } from './protocol.ts';
import type { Answer, Reply, Service } from './protocol.ts';
import { leaf, node } from './xml.ts';

/** One account of the organization: its S3 state, and how AssumeRole into it answers. */
export interface MemberAccount {
  readonly fixture: AccountFixture;
  readonly name: string;
  /** Default ACTIVE. */
  readonly state?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';
  /** The only role name AssumeRole accepts in this account; default OrganizationAccountAccessRole. */
  readonly roleName?: string;
  /** When set, AssumeRole must carry this ExternalId (the trust policy's sts:ExternalId condition). */
  readonly externalId?: string;
  /** AssumeRole is refused with AccessDenied (no trust policy for the caller). */
  readonly denyAssumeRole?: boolean;
}

/**
 * The organization the endpoint's own account manages (or is delegated administrator of):
 * Organizations ListAccounts lists the members, STS AssumeRole hands out keys of one member, and
 * every later request signed with those keys is answered from that member's fixture.
 */
export interface OrganizationFixture {
  readonly members: readonly MemberAccount[];
  /** ListAccounts page size (default 20, as AWS's maximum). */
  readonly pageSize?: number;
}

const TARGET_PREFIX = 'AWSOrganizationsV20161128.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole';
const DEFAULT_PAGE_SIZE = 20;
const SESSION_LIFETIME_MS = 3_600_000;

export function isOrganizationsTarget(target: string | undefined): boolean {
  return target?.startsWith(TARGET_PREFIX) === true;
}

/** The access key id AssumeRole hands out for a member: 20 characters, like AWS's ASIA… keys. */
export function assumedAccessKeyId(accountId: string): string {
  return `ASIA${accountId}ROLE`;
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

/** STS AssumeRole: keys scoped to the role's account, or the error AWS gives when it cannot be assumed. */
export function assumeRole(org: OrganizationFixture | undefined, params: URLSearchParams, requestId: string): Answer {
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const match = ROLE_ARN.exec(roleArn);
  const member = match === null ? undefined : org?.members.find((candidate) => candidate.fixture.accountId === match[1]);
  const denied = apiError('AccessDenied', `User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  if (match === null) return apiError('ValidationError', `${roleArn} is not a valid role ARN`, 400);
  if (member === undefined || member.denyAssumeRole === true || match[2] !== (member.roleName ?? DEFAULT_ROLE_NAME)) return denied;
  if (member.externalId !== undefined && params.get('ExternalId') !== member.externalId) return denied;
  const accountId = member.fixture.accountId;
  const expiration = new Date(Date.now() + SESSION_LIFETIME_MS).toISOString();
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body:
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      node(
        'AssumeRoleResponse',
        [
          node('AssumeRoleResult', [
            node('Credentials', [
              leaf('AccessKeyId', assumedAccessKeyId(accountId)),
              leaf('SecretAccessKey', `secret-of-${accountId}`),
              leaf('SessionToken', `session-of-${accountId}`),
              leaf('Expiration', expiration),
            ]),
            node('AssumedRoleUser', [
              leaf('AssumedRoleId', `AROA${accountId}:${sessionName}`),
              leaf('Arn', `arn:aws:sts::${accountId}:assumed-role/${match[2]}/${sessionName}`),
            ]),
          ]),
          node('ResponseMetadata', [leaf('RequestId', requestId)]),
        ],
        'xmlns="https://sts.amazonaws.com/doc/2011-06-15/"',
      ),
  };
}

function jsonReply(value: unknown): Reply {
  return { status: 200, headers: { 'content-type': CONTENT_TYPE }, body: JSON.stringify(value) };
}

/** Organizations (JSON 1.1): ListAccounts, paginated; refused when the caller manages no organization. */
export function organizationsService(org: OrganizationFixture | undefined): Service {
  return {
    name: 'organizations',
    route(request) {
      const operation = header(request.headers, 'x-amz-target')?.slice(TARGET_PREFIX.length) ?? '';
      return {
        operation,
        answer() {
          if (operation !== 'ListAccounts') return apiError('InvalidAction', `Unsupported operation ${operation}`);
          if (org === undefined) {
            return apiError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.', 400);
          }
          const input = JSON.parse(request.body === '' ? '{}' : request.body) as { NextToken?: string };
          const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
          const size = org.pageSize ?? DEFAULT_PAGE_SIZE;
          const page = org.members.slice(start, start + size);
          const next = start + size < org.members.length ? String(start + size) : undefined;
          return jsonReply({
            Accounts: page.map((member) => ({
              Id: member.fixture.accountId,
              Arn: `arn:aws:organizations::111111111111:account/o-exampleorg/${member.fixture.accountId}`,
              Email: `${member.name}@example.com`,
              Name: member.name,
              State: member.state ?? 'ACTIVE',
              JoinedMethod: 'CREATED',
              JoinedTimestamp: 1_700_000_000,
            })),
            ...(next === undefined ? {} : { NextToken: next }),
          });
        },
      };
    },
    renderError(error) {
      return {
        status: error.status,
        headers: { 'content-type': CONTENT_TYPE, ...error.headers },
        body: JSON.stringify({ __type: error.code, Message: error.message }),
      };
    },
    requestIdHeader: 'x-amzn-requestid',
    throttleError: apiError('TooManyRequestsException'),
    malformedReply: { status: 200, headers: { 'content-type': CONTENT_TYPE }, body: '{"Accounts": [' },
  };
}
