import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswordOf, demoWallTokenOf, signIn, type SignedIn } from './support/auth';
import { hotlineTicket } from './support/events';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

const DEMO_USERS = ['admin', 'commander', 'dispatcher', 'liaison', 'leader', 'engineer'];

interface ErrorBody {
  error: { code: string; message: string; messageZh: string };
}

async function call(url: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as unknown };
}

const codeOf = (body: unknown) => (body as ErrorBody | undefined)?.error?.code;

/** Edits one audit row in a stopped process's chDB data, as someone with file access could. */
function tamperAuditRow(dataDir: string, nodeId: string, seq: number): void {
  const script = `
    const { Session } = require('chdb');
    const session = new Session(process.argv[1], { connectionArgs: ['--async_load_databases=0', '--async_load_system_database=0'] });
    session.query("ALTER TABLE audit_log UPDATE result_status = 200, result_code = 'OK' WHERE node_id = '" + process.argv[2] + "' AND seq = " + Number(process.argv[3]) + " SETTINGS mutations_sync = 1");
    session.close();`;
  execFileSync(process.execPath, ['-e', script, join(dataDir, 'warehouse'), nodeId, String(seq)], {
    cwd: join(__dirname, '..', 'command-api'),
    stdio: 'pipe',
  });
}

describe('auth and audit in demo mode (real process, chDB)', () => {
  let zs: ZhongshuProcess;
  let password: string;
  let wallToken: string;
  let admin: SignedIn;

  beforeAll(async () => {
    zs = await startZhongshu({ env: { NODE_ID: 'e2e-node' } });
    password = await demoPasswordOf(zs);
    wallToken = await demoWallTokenOf(zs);
    expect(zs.output()).toContain(`  wall token  ${zs.url}/wall?token=${wallToken}\n`);
    admin = await signIn(zs.url, 'admin', password);
  });
  afterAll(async () => {
    await zs?.stop();
  });

  it('signs in every demo user with the printed password and says who they are', async () => {
    for (const username of DEMO_USERS) {
      const session = await signIn(zs.url, username, password);
      expect(session.user).toMatchObject({ username, role: username });
      const me = await call(zs.url, '/api/v1/auth/me', { token: session.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ kind: 'user', username, role: username });
    }
    const liaison = await signIn(zs.url, 'liaison', password);
    expect(liaison.user.department).toBe('SWJ');
  });

  it('rotates refresh tokens: the new pair works, the old refresh token does not, and a replay ends the session', async () => {
    const first = await signIn(zs.url, 'dispatcher', password);
    const refreshed = await call(zs.url, '/api/v1/auth/refresh', {
      method: 'POST',
      body: { refreshToken: first.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const second = refreshed.body as SignedIn;
    expect((await call(zs.url, '/api/v1/auth/me', { token: second.accessToken })).status).toBe(200);

    const replayed = await call(zs.url, '/api/v1/auth/refresh', {
      method: 'POST',
      body: { refreshToken: first.refreshToken },
    });
    expect(replayed.status).toBe(401);
    expect(codeOf(replayed.body)).toBe('INVALID_REFRESH_TOKEN');
    // A refresh token used twice means a copy exists: the whole session ends.
    expect((await call(zs.url, '/api/v1/auth/me', { token: second.accessToken })).status).toBe(401);
  });

  it('logout revokes: the access token and the refresh token fail afterwards', async () => {
    const session = await signIn(zs.url, 'leader', password);
    const out = await call(zs.url, '/api/v1/auth/logout', { method: 'POST', token: session.accessToken });
    expect(out.status).toBe(204);
    const me = await call(zs.url, '/api/v1/auth/me', { token: session.accessToken });
    expect(me.status).toBe(401);
    expect(codeOf(me.body)).toBe('INVALID_TOKEN');
    const refreshed = await call(zs.url, '/api/v1/auth/refresh', {
      method: 'POST',
      body: { refreshToken: session.refreshToken },
    });
    expect(refreshed.status).toBe(401);
  });

  it('locks a username after five failures (423, Retry-After, zh + en), and unknown users look the same', async () => {
    for (let i = 0; i < 4; i++) {
      const failed = await call(zs.url, '/api/v1/auth/login', {
        method: 'POST',
        body: { username: 'commander', password: 'wrong password' },
      });
      expect(failed.status).toBe(401);
      expect(codeOf(failed.body)).toBe('INVALID_CREDENTIALS');
    }
    const unknown = await call(zs.url, '/api/v1/auth/login', {
      method: 'POST',
      body: { username: 'no-such-user', password: 'wrong password' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(
      (await call(zs.url, '/api/v1/auth/login', { method: 'POST', body: { username: 'leader', password: 'nope' } }))
        .body,
    );
    const fifth = await call(zs.url, '/api/v1/auth/login', {
      method: 'POST',
      body: { username: 'commander', password: 'wrong password' },
    });
    expect(fifth.status).toBe(423);
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((fifth.body as ErrorBody).error).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect((fifth.body as ErrorBody).error.messageZh).toMatch(/锁定/);
    // Locked means locked: the right password does not get in either.
    const right = await call(zs.url, '/api/v1/auth/login', {
      method: 'POST',
      body: { username: 'commander', password },
    });
    expect(right.status).toBe(423);
    expect(codeOf((await call(zs.url, '/api/v1/auth/login', { method: 'POST', body: '{' })).body)).toBe(
      'INVALID_REQUEST',
    );
  });

  it('the demo wall token reads wall data (in the URL or as a bearer) and nothing else', async () => {
    const kpis = await call(zs.url, `/api/v1/kpis/overview?trendMinutes=5&token=${wallToken}`);
    expect(kpis.status).toBe(200);
    expect(kpis.body).toHaveProperty('totals');
    expect((await call(zs.url, '/api/v1/events?limit=1', { token: wallToken })).status).toBe(200);
    expect((await call(zs.url, `/api/v1/gis/city?token=${wallToken}`)).status).toBe(200);
    const me = await call(zs.url, `/api/v1/auth/me?token=${wallToken}`);
    expect(me.body).toMatchObject({ kind: 'wall' });

    const post = await call(zs.url, '/api/v1/wall-tokens', { method: 'POST', token: wallToken, body: { name: 'x' } });
    expect(post.status).toBe(403);
    expect(codeOf(post.body)).toBe('WALL_READ_ONLY');
    expect((await call(zs.url, '/api/v1/events', { method: 'POST', token: wallToken, body: [] })).status).toBe(403);
    expect((await call(zs.url, '/api/v1/dead-letters', { token: wallToken })).status).toBe(403);
    expect((await call(zs.url, '/api/v1/audit/verify', { token: wallToken })).status).toBe(403);
    expect((await call(zs.url, `/api/v1/kpis/overview?token=zsw_not-a-token`)).status).toBe(401);

    const page = await fetch(`${zs.url}/wall?token=${wallToken}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('wall reads need no token in demo mode; everything else does', async () => {
    expect((await call(zs.url, '/api/v1/kpis/overview')).status).toBe(200);
    expect((await call(zs.url, '/api/v1/events?limit=1')).status).toBe(200);
    expect((await call(zs.url, '/api/v1/auth/me')).status).toBe(401);
    expect((await call(zs.url, '/api/v1/users')).status).toBe(401);
    expect(codeOf((await call(zs.url, '/api/v1/dead-letters')).body)).toBe('UNAUTHENTICATED');
  });

  it('an admin creates, lists and revokes wall tokens; a revoked token stops working', async () => {
    const created = await call(zs.url, '/api/v1/wall-tokens', {
      method: 'POST',
      token: admin.accessToken,
      body: { name: '应急指挥大厅' },
    });
    expect(created.status).toBe(201);
    const { token, wallToken: view } = created.body as { token: string; wallToken: { id: string; name: string } };
    expect((await call(zs.url, `/api/v1/kpis/overview?token=${token}`)).status).toBe(200);
    const list = await call(zs.url, '/api/v1/wall-tokens', { token: admin.accessToken });
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: view.id, name: '应急指挥大厅' })]));
    expect(JSON.stringify(list.body)).not.toContain(token);
    const revoked = await call(zs.url, `/api/v1/wall-tokens/${view.id}`, {
      method: 'DELETE',
      token: admin.accessToken,
    });
    expect(revoked.status).toBe(200);
    expect((await call(zs.url, `/api/v1/kpis/overview?token=${token}`)).status).toBe(401);
    const dispatcher = await signIn(zs.url, 'dispatcher', password);
    expect(
      (
        await call(zs.url, '/api/v1/wall-tokens', {
          method: 'POST',
          token: dispatcher.accessToken,
          body: { name: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('audits every command with who, role, action, target, address and result, in an intact chain', async () => {
    await call(zs.url, '/api/v1/dead-letters/dl-none/replay', { method: 'POST', token: admin.accessToken });
    // Machine pushes are not commands: they have their own counters and dead letters.
    await call(zs.url, '/api/v1/events', { method: 'POST', body: [hotlineTicket()] });
    const page = await call(zs.url, '/api/v1/audit?limit=1000', { token: admin.accessToken });
    expect(page.status).toBe(200);
    const items = (page.body as { items: Array<Record<string, unknown>> }).items;
    expect(items.find((r) => r.action === 'POST /api/v1/dead-letters/{id}/replay')).toMatchObject({
      username: 'admin',
      role: 'admin',
      target: '{"id":"dl-none"}',
      clientAddress: '127.0.0.1',
      resultStatus: 404,
      nodeId: 'e2e-node',
    });
    expect(
      items.filter((r) => r.action === 'auth.login' && r.resultCode === 'INVALID_CREDENTIALS').length,
    ).toBeGreaterThan(4);
    expect(items.find((r) => r.action === 'auth.login' && r.resultCode === 'ACCOUNT_LOCKED')).toMatchObject({
      username: 'commander',
      resultStatus: 423,
    });
    expect(
      items.find((r) => r.action === 'POST /api/v1/wall-tokens' && r.resultCode === 'WALL_READ_ONLY'),
    ).toMatchObject({ principalKind: 'wall', resultStatus: 403 });
    expect(items.find((r) => r.action === 'auth.logout')).toMatchObject({ username: 'leader', resultStatus: 204 });
    expect(items.some((r) => String(r.action).includes('/api/v1/events'))).toBe(false);

    const verify = await call(zs.url, '/api/v1/audit/verify', { token: admin.accessToken });
    expect(verify.body).toMatchObject({ intact: true, nodes: 1 });
    expect((verify.body as { checked: number }).checked).toBe(items.length);
    const engineer = await signIn(zs.url, 'engineer', password);
    expect((await call(zs.url, '/api/v1/audit/verify', { token: engineer.accessToken })).status).toBe(403);
  });

  it('reports the chain broken at the edited record after someone edits the warehouse while the process is down', async () => {
    const page = await call(zs.url, '/api/v1/audit?limit=1000&action=auth.login', { token: admin.accessToken });
    const failed = (page.body as { items: Array<{ seq: number; nodeId: string; resultCode: string }> }).items.find(
      (r) => r.resultCode === 'INVALID_CREDENTIALS',
    )!;
    const { dataDir, port } = zs;
    await zs.stop();
    // Make a failed sign-in look like a successful one.
    tamperAuditRow(dataDir, failed.nodeId, failed.seq);
    zs = await startZhongshu({ dataDir, port, env: { NODE_ID: 'e2e-node' } });
    // In-process hot state: the restart ended every session, so the admin signs in again (same password).
    expect((await call(zs.url, '/api/v1/auth/me', { token: admin.accessToken })).status).toBe(401);
    admin = await signIn(zs.url, 'admin', await demoPasswordOf(zs));
    const verify = await call(zs.url, '/api/v1/audit/verify', { token: admin.accessToken });
    expect(verify.body).toMatchObject({
      intact: false,
      firstBrokenAt: { nodeId: 'e2e-node', seq: failed.seq, reason: 'hash' },
    });
    // The same wall URL keeps working across the restart.
    expect((await call(zs.url, `/api/v1/kpis/overview?token=${wallToken}`)).status).toBe(200);
  });
});

describe('auth with DEMO=0 (production)', () => {
  let zs: ZhongshuProcess;
  let admin: SignedIn;

  beforeAll(async () => {
    zs = await startZhongshu({
      env: { DEMO: '0', ADMIN_PASSWORD: 'first admin password', INGEST_TOKENS: 'tok-e2e-platform' },
    });
    admin = await signIn(zs.url, 'admin', 'first admin password');
  });
  afterAll(async () => {
    await zs?.stop();
  });

  it('prints no demo password or wall URL and creates no demo accounts', async () => {
    expect(zs.output()).not.toMatch(/wall\?token=|generated; set DEMO_PASSWORD/);
    const attempt = await call(zs.url, '/api/v1/auth/login', {
      method: 'POST',
      body: { username: 'commander', password: 'anything at all' },
    });
    expect(attempt.status).toBe(401);
    const users = await call(zs.url, '/api/v1/users', { token: admin.accessToken });
    expect((users.body as Array<{ username: string }>).map((u) => u.username)).toEqual(['admin']);
  });

  it('requires a token for wall reads; a wall token in the URL works, and stays read-only', async () => {
    const anonymous = await call(zs.url, '/api/v1/kpis/overview');
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous.body)).toBe('UNAUTHENTICATED');
    expect((await call(zs.url, '/api/v1/events?limit=1')).status).toBe(401);
    expect((await call(zs.url, '/api/v1/gis/city')).status).toBe(401);
    expect((await call(zs.url, '/api/health')).status).toBe(200);
    expect((await call(zs.url, '/api/openapi.json')).status).toBe(200);

    const created = await call(zs.url, '/api/v1/wall-tokens', {
      method: 'POST',
      token: admin.accessToken,
      body: { name: 'lobby' },
    });
    const { token } = created.body as { token: string };
    expect((await call(zs.url, `/api/v1/kpis/overview?trendMinutes=5&token=${token}`)).status).toBe(200);
    expect((await call(zs.url, '/api/v1/gis/city', { token })).status).toBe(200);
    expect((await call(zs.url, '/api/v1/users', { token })).status).toBe(403);
    expect((await fetch(`${zs.url}/wall?token=${token}`)).status).toBe(200);
  });

  it('documents each route with the security the guard applies to it', async () => {
    const document = (await call(zs.url, '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown; 'x-zhongshu-roles'?: string[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearerAuth', 'ingestToken', 'wallToken']);
    expect(document.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(document.paths['/api/v1/kpis/overview'].get.security).toContainEqual({ wallToken: [] });
    expect(document.paths['/api/v1/dead-letters'].get['x-zhongshu-roles']).toEqual(['admin', 'engineer']);
    expect(document.paths['/api/v1/audit/verify'].get['x-zhongshu-roles']).toEqual(['admin']);
  });

  it('POST /api/v1/events takes an ingest token or an admin/engineer, nothing else', async () => {
    const body = [hotlineTicket()];
    expect((await call(zs.url, '/api/v1/events', { method: 'POST', body })).status).toBe(401);
    expect((await call(zs.url, '/api/v1/events', { method: 'POST', body, token: 'tok-e2e-platform' })).status).toBe(
      200,
    );
    expect(
      (await call(zs.url, '/api/v1/events', { method: 'POST', body: [hotlineTicket()], token: admin.accessToken }))
        .status,
    ).toBe(200);
    await call(zs.url, '/api/v1/users', {
      method: 'POST',
      token: admin.accessToken,
      body: { username: 'd1', displayName: '派单员', role: 'dispatcher', password: 'dispatcher password' },
    });
    const dispatcher = await signIn(zs.url, 'd1', 'dispatcher password');
    const refused = await call(zs.url, '/api/v1/events', { method: 'POST', body, token: dispatcher.accessToken });
    expect(refused.status).toBe(403);
    expect(codeOf(refused.body)).toBe('FORBIDDEN_ROLE');
  });

  it('an admin disabling a user ends their sessions at once', async () => {
    const created = await call(zs.url, '/api/v1/users', {
      method: 'POST',
      token: admin.accessToken,
      body: {
        username: 'street.leader',
        displayName: '海秀街道领导',
        role: 'leader',
        townCode: '460105002',
        password: 'street leader password',
      },
    });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    const leader = await signIn(zs.url, 'street.leader', 'street leader password');
    expect(leader.user.townCode).toBe('460105002');
    const disabled = await call(zs.url, `/api/v1/users/${id}`, {
      method: 'PATCH',
      token: admin.accessToken,
      body: { disabled: true },
    });
    expect(disabled.body).toMatchObject({ disabled: true });
    expect((await call(zs.url, '/api/v1/auth/me', { token: leader.accessToken })).status).toBe(401);
    const again = await call(zs.url, '/api/v1/auth/login', {
      method: 'POST',
      body: { username: 'street.leader', password: 'street leader password' },
    });
    expect(codeOf(again.body)).toBe('INVALID_CREDENTIALS');
  });
});
