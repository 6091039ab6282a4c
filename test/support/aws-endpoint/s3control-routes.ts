import { apiError } from './faults.ts';
import type { AccountFixture, S3ControlOperationName } from './fixture.ts';
import { header } from './protocol.ts';
import type { Answer, EndpointRequest, Service } from './protocol.ts';
import { publicAccessBlockBody } from './s3-bodies.ts';
import { leaf, node, S3CONTROL_NAMESPACE } from './xml.ts';

interface ControlRoute {
  readonly method: string;
  /** Matched against the path; capture groups reach `answer` (e.g. an access point name). */
  readonly pattern: RegExp;
  readonly operation: S3ControlOperationName;
  answer(account: AccountFixture, match: RegExpExecArray, request: EndpointRequest): Answer;
}

// One entry per operation: access-point operations slot in here.
const ROUTES: readonly ControlRoute[] = [
  {
    method: 'GET',
    pattern: /^\/v20180820\/configuration\/publicAccessBlock\/?$/,
    operation: 'GetPublicAccessBlock',
    answer(account) {
      const pab = account.accountPublicAccessBlock;
      if (pab === undefined) {
        return apiError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
      }
      return { status: 200, headers: { 'content-type': 'application/xml' }, body: publicAccessBlockBody(pab, S3CONTROL_NAMESPACE) };
    },
  },
];

export function isS3ControlPath(path: string): boolean {
  return path.startsWith('/v20180820/');
}

/** S3 Control REST-XML: account-level S3 settings, account id in `x-amz-account-id`. */
export function s3ControlService(account: AccountFixture): Service {
  return {
    name: 's3control',
    route(request) {
      for (const route of ROUTES) {
        const match = request.method === route.method ? route.pattern.exec(request.path) : null;
        if (match === null) continue;
        const { operation } = route;
        const accountId = header(request.headers, 'x-amz-account-id');
        if (accountId === undefined) {
          const error = apiError('InvalidRequest', 'Missing required header x-amz-account-id', 400);
          return { operation, answer: () => error };
        }
        if (accountId !== account.accountId) return { operation, answer: () => apiError('AccessDenied') };
        const spec = account.faults?.[operation];
        return {
          operation,
          ...(spec === undefined ? {} : { fault: { spec, key: `account|s3control:${operation}` } }),
          answer: () => route.answer(account, match, request),
        };
      }
      const operation = `${request.method} ${request.path}`;
      return { operation, answer: () => apiError('NotImplemented', `${operation} is not implemented by the test endpoint`) };
    },
    renderError(error, _request, requestId) {
      const details = Object.entries(error.details ?? {}).map(([k, v]) => leaf(k, v));
      const body =
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        node('ErrorResponse', [
          node('Error', [leaf('Code', error.code), leaf('Message', error.message), ...details]),
          leaf('RequestId', requestId),
          leaf('HostId', requestId),
        ]);
      return { status: error.status, headers: { 'content-type': 'application/xml', 'x-amz-id-2': requestId, ...error.headers }, body };
    },
    requestIdHeader: 'x-amz-request-id',
    throttleError: apiError('SlowDown'),
    malformedReply: { status: 200, headers: { 'content-type': 'application/xml' }, body: '<PublicAccessBlockConfiguration><BlockPublicAcls>' },
  };
}
