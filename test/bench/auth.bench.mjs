#!/usr/bin/env node
// Auth and audit benchmark against the built server (SIMULATE=0, fresh DATA_DIR, demo accounts):
// 1. concurrent sign-ins (argon2id): every one must succeed; sign-ins/s and latency percentiles;
// 2. guarded reads: requests/s of a wall-readable GET anonymously, with a wall token and with an access token
//    (JWT check + session read in hot state), so the guard's cost shows;
// 3. audited commands/s, then how fast GET /api/v1/audit/verify re-hashes the chain.
// Usage: node test/bench/auth.bench.mjs [--logins 1000 --concurrency 100 --seconds 5 --commands 10000]
import { startBenchServer } from './bench-server.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LOGINS = arg('logins', 1000);
const CONCURRENCY = arg('concurrency', 100);
const SECONDS = arg('seconds', 5);
const COMMANDS = arg('commands', 10_000);
const PASSWORD = 'bench demo password';

const server = await startBenchServer({ name: 'auth-bench', env: { DEMO_PASSWORD: PASSWORD } });
const { url } = server;
// The start banner, with the demo wall token, is printed as the server starts listening.
for (let i = 0; !/wall token {2}\S+\?token=(zsw_\S+)/.test(server.output()); i++) {
  if (i > 100) throw new Error('no wall token in the start banner');
  await new Promise((r) => setTimeout(r, 100));
}
const wallToken = /wall token {2}\S+\?token=(zsw_\S+)/.exec(server.output())[1];

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n) => `${n.toFixed(0)} ms`;

/** Runs `total` calls of `task` with `concurrency` in flight; returns latencies and failures. */
async function pool(total, concurrency, task) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        if (!(await task(i))) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), failures };
}

const users = ['admin', 'commander', 'dispatcher', 'liaison', 'leader', 'engineer'];
const login = (username) =>
  fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });

// 1. Sign-ins.
const signIns = await pool(LOGINS, CONCURRENCY, async (i) => {
  const response = await login(users[i % users.length]);
  await response.arrayBuffer();
  return response.status === 200;
});
const l = signIns.latencies;
console.log(
  `sign-ins: ${LOGINS - signIns.failures}/${LOGINS} succeeded with ${CONCURRENCY} in flight, ` +
    `${(LOGINS / signIns.seconds).toFixed(0)}/s; p50 ${ms(percentile(l, 50))}, p95 ${ms(percentile(l, 95))}, p99 ${ms(percentile(l, 99))}`,
);

// 2. Guarded reads for a fixed time each.
const { accessToken } = await (await login('dispatcher')).json();
async function readsPerSecond(label, headers) {
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < deadline) {
        const response = await fetch(`${url}/api/v1/gis/city`, { headers });
        await response.arrayBuffer();
        if (response.status === 200) done++;
        else failed++;
      }
    }),
  );
  console.log(
    `GET /api/v1/gis/city ${label}: ${(done / SECONDS).toFixed(0)} requests/s${failed ? ` (${failed} failed)` : ''}`,
  );
}
await readsPerSecond('anonymous (demo)', {});
await readsPerSecond('wall token', { authorization: `Bearer ${wallToken}` });
await readsPerSecond('access token', { authorization: `Bearer ${accessToken}` });

// 3. Audited commands (a refused logout is a command like any other), then verify.
const commands = await pool(COMMANDS, 50, async () => {
  const response = await fetch(`${url}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: 'Bearer x' } });
  await response.arrayBuffer();
  return response.status === 401;
});
console.log(
  `audited commands: ${(COMMANDS / commands.seconds).toFixed(0)}/s (${commands.failures} unexpected answers)`,
);
const admin = (await (await login('admin')).json()).accessToken;
const t0 = performance.now();
const report = await (
  await fetch(`${url}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${admin}` } })
).json();
const seconds = (performance.now() - t0) / 1000;
console.log(
  `audit verify: ${report.checked} records in ${seconds.toFixed(2)} s (${(report.checked / seconds).toFixed(0)} records/s), intact ${report.intact}`,
);

await server.stop();
