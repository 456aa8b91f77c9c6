import { defineConfig } from 'vitest/config';
import tsconfigPaths from 'vite-tsconfig-paths';

// Projects: unit (no database), integration (a fresh database per file: PGlite by default,
// PostgreSQL when TEST_DATABASE_URL is set), e2e (built app in Chromium), scale, faults.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      // Limits catch hangs, not slowness: CI shares two cores.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', testTimeout: 60_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.{ts,tsx}'],
          globalSetup: ['tests/support/global-db.ts'],
          // Generous: CI shares two cores; these limits catch hangs, not slowness.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-e2e.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Two app instances + a worker on one PostgreSQL and one S3-protocol bucket (issue 14).
        extends: true,
        test: { name: 'scale', include: ['tests/scale/**/*.test.ts'], globalSetup: ['tests/support/global-scale.ts'], testTimeout: 180_000, hookTimeout: 600_000 },
      },
      {
        extends: true,
        test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, poolOptions: { forks: { singleFork: true } } },
      },
    ],
  },
});
