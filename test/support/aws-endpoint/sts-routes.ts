import { apiError } from './faults.ts';
import { callerArn } from './fixture.ts';
import type { AccountFixture } from './fixture.ts';
import { assumeRole } from './organization.ts';
import type { OrganizationFixture } from './organization.ts';
import type { Reply, Service } from './protocol.ts';
import { leaf, node, xmlDocument, STS_NAMESPACE } from './xml.ts';

const CONTENT_TYPE = 'text/xml';
const DEFAULT_USER_ID = 'AIDAEXAMPLEAUDITOR0001';

function xmlReply(body: string): Reply {
  return { status: 200, headers: { 'content-type': CONTENT_TYPE }, body };
}

/** STS awsQuery: a form-encoded POST whose `Action` names the operation, answered in XML. */
export function stsService(account: AccountFixture, organization?: OrganizationFixture): Service {
  return {
    name: 'sts',
    route(request) {
      const params = new URLSearchParams(request.body);
      const action = params.get('Action') ?? '';
      if (action === 'AssumeRole') return { operation: action, answer: (requestId) => assumeRole(organization, params, requestId) };
      if (action !== 'GetCallerIdentity') {
        const operation = action === '' ? 'UnknownAction' : action;
        return { operation, answer: () => apiError('InvalidAction', `Could not find operation ${operation} for version 2011-06-15`) };
      }
      const spec = account.faults?.GetCallerIdentity;
      return {
        operation: action,
        ...(spec === undefined ? {} : { fault: { spec, key: 'account|GetCallerIdentity' } }),
        answer: (requestId) =>
          xmlReply(
            xmlDocument(
              'GetCallerIdentityResponse',
              [
                node('GetCallerIdentityResult', [
                  leaf('Arn', callerArn(account)),
                  leaf('UserId', account.callerUserId ?? DEFAULT_USER_ID),
                  leaf('Account', account.accountId),
                ]),
                node('ResponseMetadata', [leaf('RequestId', requestId)]),
              ],
              STS_NAMESPACE,
            ),
          ),
      };
    },
    renderError(error, _request, requestId) {
      const body = xmlDocument(
        'ErrorResponse',
        [
          node('Error', [leaf('Type', error.status >= 500 ? 'Receiver' : 'Sender'), leaf('Code', error.code), leaf('Message', error.message)]),
          leaf('RequestId', requestId),
        ],
        STS_NAMESPACE,
      );
      return { status: error.status, headers: { 'content-type': CONTENT_TYPE, ...error.headers }, body };
    },
    requestIdHeader: 'x-amzn-requestid',
    throttleError: apiError('Throttling'),
    malformedReply: xmlReply('<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>'),
  };
}
