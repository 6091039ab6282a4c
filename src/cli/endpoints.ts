import type { Endpoints } from '../collect/types.ts';
import { UserError } from '../errors.ts';

type Env = Readonly<Record<string, string | undefined>>;

const SERVICE_VARIABLES = [
  ['s3', 'AWS_ENDPOINT_URL_S3'],
  ['s3control', 'AWS_ENDPOINT_URL_S3_CONTROL'],
  ['sts', 'AWS_ENDPOINT_URL_STS'],
  ['kms', 'AWS_ENDPOINT_URL_KMS'],
  ['glacier', 'AWS_ENDPOINT_URL_GLACIER'],
  ['organizations', 'AWS_ENDPOINT_URL_ORGANIZATIONS'],
] as const satisfies readonly (readonly [keyof Endpoints, string])[];

function validUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${source}: '${value}' is not a URL (expected e.g. http://127.0.0.1:9000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`${source}: '${value}' must start with http:// or https://`);
  }
  return value;
}

/**
 * --endpoint-url wins for every service; otherwise the standard AWS variables, service-specific
 * first (AWS_ENDPOINT_URL_S3, …) then AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS.
 */
export function resolveEndpoints(flag: string | undefined, env: Env): Endpoints {
  if (flag !== undefined) {
    const url = validUrl(flag, '--endpoint-url');
    return { s3: url, s3control: url, sts: url, kms: url, glacier: url, organizations: url };
  }
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return {};
  const pick = (name: string): string | undefined => {
    const specific = env[name];
    if (specific !== undefined && specific !== '') return validUrl(specific, name);
    const general = env.AWS_ENDPOINT_URL;
    return general !== undefined && general !== '' ? validUrl(general, 'AWS_ENDPOINT_URL') : undefined;
  };
  return Object.fromEntries(
    SERVICE_VARIABLES.flatMap(([service, variable]) => {
      const url = pick(variable);
      return url === undefined ? [] : [[service, url]];
    }),
  );
}

export function resolveRegion(flag: string | undefined, env: Env): string {
  return flag ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined) ?? 'us-east-1';
}

// us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, ap-southeast-7, eusc-de-east-1 …
const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** --regions: AWS region names, each checked for shape so a typo is an error, not an empty region. */
export function validRegions(names: readonly string[]): string[] {
  for (const name of names) {
    if (!REGION_NAME.test(name)) throw new UserError(`--regions: '${name}' is not an AWS region name (expected e.g. eu-west-1)`);
  }
  return [...new Set(names)];
}
