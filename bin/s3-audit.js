#!/usr/bin/env node
// The SDK's own notice about Node.js versions would land in every CI log; `engines` states ours.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { run } = await import('../dist/cli.js');
process.exitCode = await run(process.argv.slice(2));
