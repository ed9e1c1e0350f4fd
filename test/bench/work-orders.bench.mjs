#!/usr/bin/env node
// Work-order load benchmark: 1,000 concurrent simulated users dispatching, signing for and feeding back on
// work orders over HTTP (real auth, the durable order log in chDB, compare-and-set in hot state, live fan-out).
// Starts the built server (SIMULATE=0) on a free loopback port with a fresh DATA_DIR; prints p50/p95/p99
// latency per action, the error count and a markdown row for docs/benchmarks.md.
// Usage: npm run bench  |  node test/bench/work-orders.bench.mjs [--users 1000] [--think-ms 1000] [--sockets 256]
//        [--redis redis://127.0.0.1:6379] [--profile /tmp/prof]
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { BENCH_NODE_ARGS, startBenchServer } from './bench-server.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const USERS = Number(arg('users', 1000));
/** Mean pause between a user's actions (uniform in [0, 2 × mean]): people read before they click. */
const THINK_MS = Number(arg('think-ms', 1000));
const SOCKETS = Number(arg('sockets', 256));
const REDIS_URL = arg('redis', undefined);
/** A directory: the server runs with --cpu-prof and writes its profile there on exit (where the time goes). */
const PROFILE_DIR = arg('profile', undefined);
const DEADLINE_MS = Number(arg('max-seconds', 180)) * 1000;
const PASSWORD = 'bench demo password';

const server = await startBenchServer({
  name: 'bench-wo',
  env: {
    DEMO_PASSWORD: PASSWORD,
    MQTT_PORT: '0',
    ...(REDIS_URL ? { REDIS_URL, REDIS_KEY_PREFIX: `zs-bench:${randomUUID()}:` } : {}),
  },
  nodeArgs: PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : BENCH_NODE_ARGS,
});
const { port } = server;
setTimeout(() => {
  console.error(`bench: gave up after ${DEADLINE_MS / 1000} s`);
  process.exit(2);
}, DEADLINE_MS).unref();

const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });
function call(method, path, token, body) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : {} });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const signIn = async (username, password = PASSWORD) => {
  const answer = await call('POST', '/api/v1/auth/login', undefined, { username, password });
  if (answer.status !== 200) throw new Error(`sign-in ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.accessToken;
};
const dispatcher = await signIn('dispatcher');
// The demo liaison belongs to SWJ (区水务局); every simulated unit user signs for and feeds back as it.
const liaison = await signIn('liaison');

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

// Set-up (not measured): one accepted order per user.
const setupStarted = performance.now();
const orders = await pool(Array.from({ length: USERS }), 32, async (_, i) => {
  const created = await call('POST', '/api/v1/work-orders', dispatcher, {
    title: `南海大道${i}号停水`,
    categoryCode: '060101',
    townCode: '460105100',
    callers: [{ phone: '13900001111', receivedAt: new Date().toISOString() }],
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const accepted = await call('POST', `/api/v1/work-orders/${created.body.order.id}/actions/accept`, dispatcher, {
    version: 1,
  });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status}`);
  return { id: created.body.order.id, version: accepted.body.order.version };
});
const setupSeconds = (performance.now() - setupStarted) / 1000;

const STEPS = [
  { action: 'dispatch', token: dispatcher, body: { units: [{ department: 'SWJ' }] } },
  { action: 'sign', token: liaison, body: {} },
  { action: 'feedback', token: liaison, body: { measures: '抢修供水管道', result: '已恢复供水' } },
];
const latencies = Object.fromEntries(STEPS.map((s) => [s.action, []]));
const errors = [];
const think = () => new Promise((r) => setTimeout(r, Math.random() * 2 * THINK_MS));

const started = performance.now();
await Promise.all(
  orders.map(async (order) => {
    let { version } = order;
    for (const step of STEPS) {
      await think();
      const t0 = performance.now();
      try {
        const answer = await call('POST', `/api/v1/work-orders/${order.id}/actions/${step.action}`, step.token, {
          ...step.body,
          version,
        });
        latencies[step.action].push(performance.now() - t0);
        if (answer.status !== 200) {
          errors.push(`${step.action} ${answer.status} ${answer.body?.error?.code ?? ''}`);
          return;
        }
        version = answer.body.order.version;
      } catch (error) {
        latencies[step.action].push(performance.now() - t0);
        errors.push(`${step.action} ${error.message}`);
        return;
      }
    }
  }),
);
const seconds = (performance.now() - started) / 1000;

const pct = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const all = Object.values(latencies).flat();
const ms = (v) => `${Math.round(v)} ms`;
console.log(
  `\nwork-order bench: ${USERS} simulated users, think ${THINK_MS} ms (mean), ${SOCKETS} sockets, hot state ${REDIS_URL ? 'Redis' : 'in-process'}`,
);
console.log(
  `machine: ${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`set-up: ${USERS} orders created and accepted in ${setupSeconds.toFixed(1)} s`);
for (const [action, values] of Object.entries(latencies)) {
  console.log(
    `${action.padEnd(9)} n=${values.length}  p50 ${ms(pct(values, 50))}  p95 ${ms(pct(values, 95))}  p99 ${ms(pct(values, 99))}  max ${ms(Math.max(...values))}`,
  );
}
console.log(
  `all       n=${all.length}  p50 ${ms(pct(all, 50))}  p95 ${ms(pct(all, 95))}  p99 ${ms(pct(all, 99))}  in ${seconds.toFixed(1)} s (${(all.length / seconds).toFixed(0)} actions/s)`,
);
console.log(`errors: ${errors.length}${errors.length ? ` (${[...new Set(errors)].slice(0, 5).join('; ')})` : ''}`);
console.log(
  `\n| ${new Date().toISOString().slice(0, 10)} | this change | ${USERS} users dispatch → sign → feed back, think ${THINK_MS} ms${REDIS_URL ? ', Redis' : ''} | p95 ${ms(pct(all, 95))} (p50 ${ms(pct(all, 50))}, p99 ${ms(pct(all, 99))}), ${errors.length} errors, ${(all.length / seconds).toFixed(0)} actions/s | |`,
);
agent.destroy();
// A graceful stop, so the server flushes (and writes its CPU profile when asked to).
await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
process.exitCode = errors.length > 0 ? 1 : 0;
