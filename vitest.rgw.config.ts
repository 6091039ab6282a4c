import { defineConfig } from 'vitest/config';

/**
 * The RGW suite (`npm run test:rgw`): the built CLI against a real Ceph RADOS Gateway started by
 * `scripts/rgw.sh start`. Kept out of `npm test`, which stays offline.
 */
export default defineConfig({
  test: {
    include: ['test/rgw/**/*.test.ts'],
    globalSetup: ['test/rgw/global-setup.ts'],
    // Configuring a few dozen buckets and scanning them takes seconds; a loaded CI machine more.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
