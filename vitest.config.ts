import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources through the `bieumau-source`
// export condition, so no build is needed before `npm test`.
export default defineConfig({
  resolve: { conditions: ['bieumau-source'] },
  ssr: { resolve: { conditions: ['bieumau-source'], externalConditions: ['bieumau-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
