import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'machines/**/*.test.ts', 'model-tests/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
