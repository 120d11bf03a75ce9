import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node against real SQLite files, sharp and pdf.js.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
