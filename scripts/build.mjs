#!/usr/bin/env node
// Builds what `npm start` runs: the TypeScript packages (incremental), then the static screens
// when their sources changed since the last build. Safe to run on every start.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = (command, args, cwd = root) => execFileSync(command, args, { cwd, stdio: 'inherit' });

run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);

const stamp = join(root, 'screens/out/.build-stamp');
const newest = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const sources = ['app', 'components', 'lib', 'public', 'next.config.ts', 'package.json'].map((p) =>
  join(root, 'screens', p),
);
const sourceTime = Math.max(...sources.map(newest), newest(join(root, 'stream/src/contracts')));
if (existsSync(stamp) && statSync(stamp).mtimeMs >= sourceTime && !process.argv.includes('--force')) {
  console.log('screens: up to date');
} else {
  console.log('screens: building (next build)…');
  run(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build'], join(root, 'screens'));
  writeFileSync(stamp, new Date().toISOString());
}
