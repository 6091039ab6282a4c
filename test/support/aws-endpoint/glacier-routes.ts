import { apiError } from './faults.ts';
import { glacierVaultArn, policyText } from './fixture.ts';
import type { AccountFixture, GlacierVaultFixture, GlacierVaultOperationName } from './fixture.ts';
import { header } from './protocol.ts';
import type { Answer, EndpointRequest, Reply, Routed, Service } from './protocol.ts';

const CONTENT_TYPE = 'application/json';
const DEFAULT_CREATION = '2024-01-15T10:00:00.000Z';
const DEFAULT_LOCK_CREATION = '2025-03-01T09:00:00.000Z';
const DAY_MS = 86_400_000;
/** ListVaults answers at most 10 vaults per page unless `limit` asks for more (up to 1000), as AWS does. */
const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;

const VAULTS = /^\/([^/]+)\/vaults$/;
const VAULT_SUBRESOURCE = /^\/([^/]+)\/vaults\/([^/]+)\/(lock-policy|access-policy)$/;

/** Every Glacier request carries its API version header; the SigV4 scope names the service too. */
export function isGlacierRequest(request: EndpointRequest): boolean {
  return header(request.headers, 'x-amz-glacier-version') !== undefined || request.signing?.service === 'glacier';
}

function jsonReply(value: unknown): Reply {
  return { status: 200, headers: { 'content-type': CONTENT_TYPE }, body: JSON.stringify(value) };
}

function signedRegion(request: EndpointRequest): string {
  return request.signing?.region ?? 'us-east-1';
}

function listVaults(account: AccountFixture, request: EndpointRequest): Answer {
  const region = signedRegion(request);
  const vaults = (account.glacierVaults ?? []).filter((vault) => vault.region === region);
  const start = Number(request.query.get('marker') ?? '0');
  const limit = Math.min(Number(request.query.get('limit') ?? DEFAULT_PAGE) || DEFAULT_PAGE, MAX_PAGE);
  const end = start + limit;
  return jsonReply({
    VaultList: vaults.slice(start, end).map((vault) => ({
      VaultARN: glacierVaultArn(account, vault),
      VaultName: vault.name,
      CreationDate: vault.creationDate ?? DEFAULT_CREATION,
      NumberOfArchives: 0,
      SizeInBytes: 0,
    })),
    Marker: end < vaults.length ? String(end) : null,
  });
}

function getVaultLock(account: AccountFixture, vault: GlacierVaultFixture): Answer {
  const lock = vault.lock;
  if (lock === undefined) return apiError('ResourceNotFoundException', `No vault lock policy found for ${glacierVaultArn(account, vault)}`, 404);
  const created = lock.creationDate ?? DEFAULT_LOCK_CREATION;
  return jsonReply({
    Policy: policyText(lock.policy),
    State: lock.state,
    CreationDate: created,
    ...(lock.state === 'InProgress' ? { ExpirationDate: lock.expirationDate ?? new Date(Date.parse(created) + DAY_MS).toISOString() } : {}),
  });
}

function getVaultAccessPolicy(account: AccountFixture, vault: GlacierVaultFixture): Answer {
  if (vault.accessPolicy === undefined) {
    return apiError('ResourceNotFoundException', `No vault policy found for ${glacierVaultArn(account, vault)}`, 404);
  }
  // The VaultAccessPolicy is the whole body (the SDK's `policy` output member is the HTTP payload).
  return jsonReply({ Policy: policyText(vault.accessPolicy) });
}

/** S3 Glacier REST-JSON: `/{accountId}/vaults…`, the account id `-` or the caller's own. */
export function glacierService(account: AccountFixture): Service {
  function forAccount(accountId: string, operation: string, answer: () => Answer, fault?: Routed['fault']): Routed {
    if (accountId !== '-' && accountId !== account.accountId) return { operation, answer: () => apiError('AccessDeniedException', 'Access denied', 403) };
    return { operation, ...(fault === undefined ? {} : { fault }), answer };
  }

  return {
    name: 'glacier',
    route(request): Routed {
      const listing = request.method === 'GET' ? VAULTS.exec(request.path) : null;
      if (listing !== null) {
        const spec = account.faults?.ListVaults;
        const fault = spec === undefined ? undefined : { spec, key: 'account|glacier:ListVaults' };
        return forAccount(listing[1] ?? '', 'ListVaults', () => listVaults(account, request), fault);
      }
      const sub = request.method === 'GET' ? VAULT_SUBRESOURCE.exec(request.path) : null;
      if (sub !== null) {
        const operation: GlacierVaultOperationName = sub[3] === 'lock-policy' ? 'GetVaultLock' : 'GetVaultAccessPolicy';
        const name = decodeURIComponent(sub[2] ?? '');
        const vault = account.glacierVaults?.find((v) => v.name === name && v.region === signedRegion(request));
        if (vault === undefined) {
          const arn = glacierVaultArn(account, { name, region: signedRegion(request) });
          return { operation, answer: () => apiError('ResourceNotFoundException', `Vault not found for ARN: ${arn}`, 404) };
        }
        const spec = vault.faults?.[operation];
        const fault = spec === undefined ? undefined : { spec, key: `${glacierVaultArn(account, vault)}|${operation}` };
        return forAccount(sub[1] ?? '', operation, () => (operation === 'GetVaultLock' ? getVaultLock(account, vault) : getVaultAccessPolicy(account, vault)), fault);
      }
      const operation = `${request.method} ${request.path}`;
      return { operation, answer: () => apiError('InvalidParameterValueException', `${operation} is not implemented by the test endpoint`, 400) };
    },
    renderError(error) {
      // Glacier names the error in the body's `code` and in x-amzn-ErrorType.
      return {
        status: error.status,
        headers: { 'content-type': CONTENT_TYPE, 'x-amzn-errortype': error.code, ...error.headers },
        body: JSON.stringify({ code: error.code, message: error.message, type: error.status >= 500 ? 'Server' : 'Client' }),
      };
    },
    requestIdHeader: 'x-amzn-requestid',
    throttleError: apiError('ThrottlingException'),
    malformedReply: { status: 200, headers: { 'content-type': CONTENT_TYPE }, body: '{"VaultList": [' },
  };
}
