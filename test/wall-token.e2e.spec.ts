import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signIn } from './support/auth';
import { launchChromium, oneOfEach, openWallPage, statValue, until } from './support/wall-page';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

const ADMIN_PASSWORD = 'wall-token-test-admin-1';

/** Production mode: nothing reads without a token; an unattended display carries a read-only wall token. */
describe('a wall with DEMO=0 and a wall token in its URL', () => {
  let zs: ZhongshuProcess;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    zs = await startZhongshu({ env: { SIMULATE: '0', MQTT_PORT: '0', DEMO: '0', ADMIN_PASSWORD } });
    browser = await launchChromium();
    const admin = await signIn(zs.url, 'admin', ADMIN_PASSWORD);
    const headers = { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' };
    const posted = await fetch(`${zs.url}/api/v1/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify(oneOfEach()),
    });
    expect(posted.status).toBe(200);
    const created = await fetch(`${zs.url}/api/v1/wall-tokens`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: '指挥大厅主屏' }),
    });
    expect(created.status).toBe(201);
    token = ((await created.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await browser?.close();
    await zs?.stop();
  });

  it('reads nothing without the token, and says the numbers could not load', async () => {
    expect((await fetch(`${zs.url}/api/v1/kpis/home`)).status).toBe(401);
    const wall = await openWallPage(browser, zs.url, { width: 1920, height: 1080 });
    try {
      await wall.page.goto(`${zs.url}/wall/`, { waitUntil: 'load' });
      await wall.page.locator('[data-testid="wall"][data-kpi-state="failed"]').waitFor({ timeout: 30_000 });
      expect(await statValue(wall.page, 'total')).toBeNull();
      expect(await wall.page.locator('[data-testid="kpi-failed"]').textContent()).toMatch(/加载失败/);
    } finally {
      await wall.context.close();
    }
  });

  it('shows live numbers with the token, and nothing it reads lets it act', async () => {
    const wall = await openWallPage(browser, zs.url, { width: 1920, height: 1080 });
    try {
      await wall.page.goto(`${zs.url}/wall/hotline/?token=${token}`, { waitUntil: 'load' });
      await wall.page.locator('[data-testid="wall"][data-kpi-state="ok"]').waitFor({ timeout: 30_000 });
      await wall.page.locator('[data-testid="connection"][data-state="online"]').waitFor({ timeout: 30_000 });
      const total = await until(
        () => statValue(wall.page, 'total'),
        (v) => v !== null,
        15_000,
        'the total',
      );
      expect(total).toBeGreaterThan(0);
      // A click drills down with the same token.
      await wall.page.locator('[data-testid="stat-total"]').click();
      await wall.page.locator('[data-testid="drill-panel"][data-state="ready"]').waitFor({ timeout: 10_000 });
      expect(Number(await wall.page.locator('[data-testid="drill-total"]').getAttribute('data-value'))).toBe(total);
      expect(wall.errors).toEqual([]);
      // The token reads the wall's routes only.
      const write = await fetch(`${zs.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(oneOfEach()),
      });
      expect([401, 403]).toContain(write.status);
    } finally {
      await wall.context.close();
    }
  });
});
