import type { KmsKeyFixture } from './fixture.ts';

export interface KeyArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** key/<id> or alias/<name> */
  readonly resource: string;
}

export function parseKmsArn(arn: string): KeyArnParts | undefined {
  const match = /^arn:([\w-]+):kms:([\w-]+):(\d{12}):((?:key|alias)\/.+)$/.exec(arn);
  const [, partition, region, account, resource] = match ?? [];
  if (partition === undefined || region === undefined || account === undefined || resource === undefined) return undefined;
  return { partition, region, account, resource };
}

export interface ResolvedKey {
  readonly key: KmsKeyFixture;
  readonly parts: KeyArnParts;
  readonly keyId: string;
}

export type KeyLookup =
  | { readonly found: true; readonly resolved: ResolvedKey }
  | { readonly found: false; readonly message: string };

/**
 * Keys by ARN, and by key id / alias within (region, account), the way KMS resolves a KeyId:
 * a bare id or alias names a key of the caller's account in the region the request was sent to.
 */
export class KmsKeyIndex {
  readonly #byArn = new Map<string, ResolvedKey>();
  readonly #byLocalName = new Map<string, ResolvedKey>();

  constructor(keys: readonly KmsKeyFixture[]) {
    for (const key of keys) {
      const parts = parseKmsArn(key.arn);
      if (parts?.resource.startsWith('key/') !== true) throw new Error(`fixture KMS key has an invalid ARN: ${key.arn}`);
      const resolved: ResolvedKey = { key, parts, keyId: parts.resource.slice('key/'.length) };
      this.#byArn.set(key.arn, resolved);
      this.#byLocalName.set(this.#local(parts.region, parts.account, resolved.keyId), resolved);
      for (const alias of key.aliases ?? []) {
        this.#byArn.set(`arn:${parts.partition}:kms:${parts.region}:${parts.account}:${alias}`, resolved);
        this.#byLocalName.set(this.#local(parts.region, parts.account, alias), resolved);
      }
    }
  }

  #local(region: string, account: string, name: string): string {
    return `${region}|${account}|${name}`;
  }

  /** `allowAlias`: DescribeKey accepts aliases; GetKeyRotationStatus and GetKeyPolicy do not. */
  lookup(keyId: string, context: { region: string; account: string; allowAlias: boolean }): KeyLookup {
    const isAlias = keyId.startsWith('alias/') || /^arn:[\w-]+:kms:[^:]*:[^:]*:alias\//.test(keyId);
    if (isAlias && !context.allowAlias) return { found: false, message: `Invalid keyId ${keyId}` };
    if (keyId.startsWith('arn:')) {
      const parts = parseKmsArn(keyId);
      const resolved = parts?.region === context.region ? this.#byArn.get(keyId) : undefined;
      return resolved === undefined ? { found: false, message: notFound(keyId) } : { found: true, resolved };
    }
    const resolved = this.#byLocalName.get(this.#local(context.region, context.account, keyId));
    if (resolved !== undefined) return { found: true, resolved };
    const arn = `arn:aws:kms:${context.region}:${context.account}:${isAlias ? keyId : `key/${keyId}`}`;
    return { found: false, message: notFound(arn) };
  }
}

function notFound(arn: string): string {
  return arn.includes(':alias/') ? `Alias ${arn} is not found.` : `Key '${arn}' does not exist`;
}
