// `npm run demo`: scan the bundled demo account through the real CLI and the real AWS SDK,
// served by the project's local AWS endpoint on 127.0.0.1. No AWS account, no network.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadFixture, startAwsEndpoint } from '../test/support/aws-endpoint/index.ts';

const root = join(import.meta.dirname, '..');
const fixture = join(root, 'fixtures', 'demo-account.json');
const endpoint = await startAwsEndpoint(await loadFixture(fixture), { log: false });

process.stderr.write(
  `Demo: scanning the account in fixtures/demo-account.json, served by a local AWS endpoint at ${endpoint.url}\n` +
    `      (the same CLI and SDK calls a real account gets: s3-audit scan --endpoint-url ${endpoint.url} ${process.argv.slice(2).join(' ')})\n\n`,
);
const cli = spawn(process.execPath, [join(root, 'bin', 's3-audit.js'), 'scan', '--endpoint-url', endpoint.url, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    // Dummy credentials for the local endpoint; they are only used to sign requests to 127.0.0.1.
    AWS_ACCESS_KEY_ID: 'AKIADEMODEMODEMODEMO',
    AWS_SECRET_ACCESS_KEY: 'demo-secret-key-for-the-local-endpoint',
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  },
});
const code = await new Promise<number | null>((resolve) => cli.on('exit', resolve));
await endpoint.close();

const meaning: Record<number, string> = {
  0: 'no failing findings',
  1: 'failing findings: the demo account has some on purpose',
  3: 'some verdicts unknown: the demo account denies one read on purpose',
};
if (typeof code === 'number' && code in meaning) {
  process.stderr.write(`\nDemo done: s3-audit exited ${code} (${meaning[code] ?? ''}). In CI that exit code gates the pipeline.\n`);
} else {
  process.stderr.write(`\nDemo failed: s3-audit exited ${String(code)}.\n`);
  process.exitCode = 1;
}
