import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './support/auth';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

/**
 * The authorisation matrix over the real process: every caller (nobody, a wall token, each role) × every
 * route the auth guard decides, in demo mode and with DEMO=0. "Allowed" means the request got past the
 * guard (any answer but 401/403 — e.g. 404 for an unknown id, 400 for a bad body); "refused" names the code.
 * Work-order actions and their data scope have their own matrix (the work-orders suite).
 */

const ROLES = ['admin', 'commander', 'dispatcher', 'liaison', 'leader', 'engineer'] as const;
type Caller = 'anonymous' | 'wall' | (typeof ROLES)[number];
const CALLERS: Caller[] = ['anonymous', 'wall', ...ROLES];

type Access = 'wall-read' | 'signed-in-or-wall' | 'admin' | 'ops';
interface Route {
  method: string;
  path: string;
  body?: unknown;
  access: Access;
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/api/v1/events?limit=1', access: 'wall-read' },
  { method: 'GET', path: '/api/v1/kpis/overview?trendMinutes=5', access: 'wall-read' },
  { method: 'GET', path: '/api/v1/gis/city', access: 'wall-read' },
  { method: 'GET', path: '/api/v1/gis/layers/towns', access: 'wall-read' },
  { method: 'GET', path: '/api/v1/devices/summary', access: 'wall-read' },
  { method: 'GET', path: '/api/v1/auth/me', access: 'signed-in-or-wall' },
  { method: 'GET', path: '/api/v1/dead-letters?limit=1', access: 'ops' },
  { method: 'POST', path: '/api/v1/dead-letters/no-such-letter/replay', access: 'ops' },
  { method: 'GET', path: '/api/v1/users', access: 'admin' },
  { method: 'POST', path: '/api/v1/users', body: {}, access: 'admin' },
  { method: 'PATCH', path: '/api/v1/users/no-such-user', body: {}, access: 'admin' },
  { method: 'GET', path: '/api/v1/wall-tokens', access: 'admin' },
  { method: 'POST', path: '/api/v1/wall-tokens', body: { name: '' }, access: 'admin' },
  { method: 'DELETE', path: '/api/v1/wall-tokens/no-such-token', access: 'admin' },
  { method: 'GET', path: '/api/v1/audit?limit=1', access: 'admin' },
  { method: 'GET', path: '/api/v1/audit/verify', access: 'admin' },
];

/** What the rules say, stated independently of the code. */
function expected(route: Route, caller: Caller, demo: boolean): string {
  const read = route.method === 'GET';
  if (caller === 'anonymous') return route.access === 'wall-read' && demo ? 'allowed' : 'UNAUTHENTICATED';
  if (caller === 'wall') {
    return read && (route.access === 'wall-read' || route.access === 'signed-in-or-wall')
      ? 'allowed'
      : 'WALL_READ_ONLY';
  }
  if (route.access === 'admin') return caller === 'admin' ? 'allowed' : 'FORBIDDEN_ROLE';
  if (route.access === 'ops') return caller === 'admin' || caller === 'engineer' ? 'allowed' : 'FORBIDDEN_ROLE';
  return 'allowed';
}

const MODES: Array<{ name: string; demo: boolean; adminPassword: string; env: Record<string, string> }> = [
  {
    name: 'demo mode',
    demo: true,
    adminPassword: 'matrix demo password',
    env: { DEMO_PASSWORD: 'matrix demo password' },
  },
  {
    name: 'DEMO=0',
    demo: false,
    adminPassword: 'matrix admin password',
    env: { DEMO: '0', ADMIN_PASSWORD: 'matrix admin password' },
  },
];
const passwordOf = (role: string, demo: boolean) => (demo ? 'matrix demo password' : `${role} password 123`);

describe.each(MODES)('authorisation matrix, $name (real process)', ({ demo, adminPassword, env }) => {
  let zs: ZhongshuProcess;
  const tokens = new Map<Caller, string>();

  beforeAll(async () => {
    zs = await startZhongshu({ env });
    const admin = await signIn(zs.url, 'admin', adminPassword);
    const auth = { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' };
    for (const role of ROLES) {
      if (role === 'admin') {
        tokens.set(role, admin.accessToken);
        continue;
      }
      // Demo mode has an account per role; with DEMO=0 the admin makes them.
      if (!demo) {
        const created = await fetch(`${zs.url}/api/v1/users`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ username: role, displayName: role, role, password: passwordOf(role, false) }),
        });
        expect(created.status).toBe(201);
      }
      tokens.set(role, (await signIn(zs.url, role, passwordOf(role, demo))).accessToken);
    }
    const wall = await fetch(`${zs.url}/api/v1/wall-tokens`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'matrix wall' }),
    });
    tokens.set('wall', ((await wall.json()) as { token: string }).token);
  });
  afterAll(async () => {
    await zs?.stop();
  });

  const cases = ROUTES.flatMap((route) => CALLERS.map((caller) => ({ ...route, caller })));

  it.each(cases)('$caller: $method $path', async ({ caller, ...route }) => {
    const token = tokens.get(caller);
    const response = await fetch(`${zs.url}${route.path}`, {
      method: route.method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(route.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(route.body !== undefined ? { body: JSON.stringify(route.body) } : {}),
    });
    const body = (await response.json()) as { error?: { code: string; messageZh: string } };
    const want = expected(route, caller, demo);
    if (want === 'allowed') {
      expect(response.status, JSON.stringify(body)).not.toBe(401);
      expect(response.status, JSON.stringify(body)).not.toBe(403);
    } else {
      expect(response.status).toBe(want === 'UNAUTHENTICATED' ? 401 : 403);
      expect(body.error?.code).toBe(want);
      expect(body.error?.messageZh).toBeTruthy();
    }
  });
});
