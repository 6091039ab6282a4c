#!/usr/bin/env node
// The SDK's own notice about Node.js versions would land in every CI log; `engines` states ours.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `s3-audit checks | head`: a reader that went away is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
// Ctrl-C stops the scan and writes nothing partial (exit 130); a second Ctrl-C stops at once.
const interrupt = new globalThis.AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});
const { run, describeUnexpected } = await import('../dist/cli.js');
// main() turns every error it sees into an exit code; this catches what escapes it (a stray promise).
const crash = (error) => {
  process.stderr.write(describeUnexpected(error));
  process.exit(2);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
process.exitCode = await run(process.argv.slice(2), interrupt.signal);
