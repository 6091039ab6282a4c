import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

/** The running cluster, as `scripts/rgw.sh start` describes it in its env file. */
export interface RgwServer {
  readonly httpUrl: string;
  readonly httpsUrl: string;
  /** The self-signed certificate of the HTTPS endpoint, made at start-up. */
  readonly caCertFile: string;
  readonly cephConf: string;
  /** The radosgw user that owns the S3 keys. */
  readonly user: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const RGW_SCRIPT = join(import.meta.dirname, '..', '..', '..', 'scripts', 'rgw.sh');

/** The cluster that `scripts/rgw.sh start` left running (same RGW_* variables), or a clear error. */
export function findRunningRgw(): RgwServer {
  const found = spawnSync('bash', [RGW_SCRIPT, 'env'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      `The RGW suite needs a running Ceph RADOS Gateway: run scripts/rgw.sh start first, with the same RGW_* variables ` +
        `(${found.stderr.trim().replace(/^rgw: error: /, '')}). It needs the Debian packages radosgw, ceph-mon, ceph-osd and ` +
        'openssl; .ci/run installs them.',
    );
  }
  const envFile = found.stdout.trim();
  const values = new Map(
    readFileSync(envFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  const value = (key: string): string => {
    const found = values.get(key);
    if (found === undefined || found === '') throw new Error(`${envFile} has no ${key}: restart the cluster with scripts/rgw.sh`);
    return found;
  };
  return {
    httpUrl: value('RGW_ENDPOINT_URL'),
    httpsUrl: value('RGW_HTTPS_ENDPOINT_URL'),
    caCertFile: value('RGW_CA_CERT'),
    cephConf: value('RGW_CEPH_CONF'),
    user: value('RGW_USER'),
    accessKeyId: value('AWS_ACCESS_KEY_ID'),
    secretAccessKey: value('AWS_SECRET_ACCESS_KEY'),
  };
}

/**
 * An S3 client for the suite's own set-up, over plain HTTP or HTTPS (needed once a bucket policy
 * denies plain HTTP with BoolIfExists: RGW then refuses the owner's plain-HTTP requests too).
 */
export function rgwS3Client(server: RgwServer, transport: 'http' | 'https'): S3Client {
  return new S3Client({
    endpoint: transport === 'http' ? server.httpUrl : server.httpsUrl,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    // Streaming checksums make RGW 16 answer 411 MissingContentLength.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(transport === 'https' ? { requestHandler: { httpsAgent: new Agent({ ca: readFileSync(server.caCertFile) }) } } : {}),
  });
}

/** What the built CLI needs to reach the cluster: its keys, and trust in its certificate. */
export function rgwCliEnv(server: RgwServer): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: server.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
    NODE_EXTRA_CA_CERTS: server.caCertFile,
  };
}

/** radosgw-admin on the cluster: what S3 cannot do (MFA devices, removing a bucket that locks its owner out). */
export function radosgwAdmin(server: RgwServer, args: readonly string[]): string {
  return execFileSync('radosgw-admin', ['--conf', server.cephConf, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
