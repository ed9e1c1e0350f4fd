#!/usr/bin/env node
// Keeps the dependency direction one-way (docs/architecture.md):
//   screens → stream (contracts only); adapters → stream; command-api → stream, ticketing, gis, hardware, adapters;
//   stream, ticketing, gis, hardware → nothing of ours (ticketing and hardware may use stream's contracts).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const allowed = {
  stream: [],
  gis: [],
  ticketing: ['stream'],
  hardware: ['stream'],
  adapters: ['stream'],
  'command-api': ['stream', 'gis', 'ticketing', 'hardware', 'adapters'],
  screens: ['stream/contracts'],
};
const sourceDirs = { screens: ['app', 'components', 'lib'] };

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === '.next' || name === 'out') return [];
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });

const problems = [];
for (const [pkg, may] of Object.entries(allowed)) {
  for (const dir of sourceDirs[pkg] ?? ['src']) {
    let list = [];
    try {
      list = files(join(root, pkg, dir));
    } catch {
      continue;
    }
    for (const file of list) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from\s+['"]@zhongshu\/([\w/-]+)['"]/g)) {
        const target = match[1];
        if (!may.some((ok) => target === ok || (ok === target.split('/')[0] && !ok.includes('/')))) {
          problems.push(`${relative(root, file)}: ${pkg} must not import @zhongshu/${target}`);
        }
      }
      if (['stream', 'gis', 'ticketing', 'hardware'].includes(pkg) && /from\s+['"]@nestjs\//.test(text)) {
        problems.push(`${relative(root, file)}: domain package ${pkg} must hold no Nest (transport) code`);
      }
    }
  }
}
if (problems.length) {
  console.error(`Dependency direction violated:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('dependency direction: ok');
