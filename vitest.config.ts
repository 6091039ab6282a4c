import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The RGW suite needs a running Ceph cluster: `npm run test:rgw` (vitest.rgw.config.ts).
    exclude: [...configDefaults.exclude, 'test/rgw/**'],
    // End-to-end tests spawn the built CLI; give a loaded 2-core CI machine room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
