import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string, entry = 'index.ts') => fileURLToPath(new URL(`./${pkg}/src/${entry}`, import.meta.url));

// Tests run against TypeScript sources, so a test never depends on a stale build.
const alias = [
  { find: /^@zhongshu\/stream\/contracts$/, replacement: src('stream', 'contracts/index.ts') },
  ...['stream', 'gis', 'ticketing', 'hardware', 'adapters', 'command-api'].map((pkg) => ({
    find: new RegExp(`^@zhongshu/${pkg}$`),
    replacement: src(pkg),
  })),
];

const shared = { resolve: { alias } };
const exclude = ['**/node_modules/**', '**/dist/**', '**/.next/**'];

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: ['*/src/**/*.spec.ts', 'screens/lib/**/*.spec.ts'],
          exclude: [...exclude, '**/*.int.spec.ts'],
          // Simulator specs generate whole simulated days; on a busy 2-core CI box that can take seconds.
          testTimeout: 30_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'int',
          include: ['*/src/**/*.int.spec.ts'],
          exclude,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // chDB binds one data directory per process: integration files must not share a worker.
          pool: 'forks',
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.spec.ts'],
          exclude,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
