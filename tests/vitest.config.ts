import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  test: {
    root,
    projects: [
      {
        extends: true,
        // The console's rune modules (*.svelte.ts, e.g. the language) compile as the console
        // builds them, and its tests import the contract by the console's alias.
        plugins: [svelte({ configFile: path.join(root, 'console/svelte.config.js') })],
        resolve: { alias: { '@kefu/contract': path.join(root, 'contract/index.ts') } },
        test: {
          name: 'unit',
          include: ['contract/**/*.test.ts', 'server/**/*.test.ts', 'softphone/**/*.test.ts', 'console/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database; two workers keep a 2-core machine responsive.
          maxWorkers: 2,
          // Runs after the unit tests, so a broken rule shows up before the slow tests start.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
