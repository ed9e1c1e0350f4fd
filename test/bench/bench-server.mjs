// The built server as a child process for a bench: a free loopback port, a fresh DATA_DIR, SIMULATE=0 unless
// `env` says otherwise, killed if the bench dies; `stop()` ends it and removes its data.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server. */
export const BENCH_NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * Starts `command-api/dist/main.js` and waits until `/api/health` answers.
 * @param {{ name: string, env?: Record<string, string>, nodeArgs?: string[] }} options
 */
export async function startBenchServer({ name, env = {}, nodeArgs = BENCH_NODE_ARGS }) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `zhongshu-${name}-`));
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'command-api/dist/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SIMULATE: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    pid: child.pid,
    /** What the server printed on stdout so far (its start banner: wall token, demo password). */
    output: () => output,
    health: () => fetch(`${url}/api/health`).then((r) => r.json()),
    /** The server's CPU seconds so far (all threads: JavaScript, chDB, GC), from /metrics. */
    cpuSeconds: async () => {
      const text = await fetch(`${url}/metrics`).then((r) => r.text());
      return Number(/^zhongshu_process_\w*cpu_seconds_total (\S+)$/m.exec(text)?.[1] ?? NaN);
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      process.off('exit', kill);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
