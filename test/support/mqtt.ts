import { signIn } from './auth';
import type { ZhongshuProcess } from './zhongshu-process';

/** Adapters start after the API listens: wait until the MQTT side is connected and subscribed. */
export async function mqttReady(zs: ZhongshuProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const health = await fetch(`${zs.url}/api/health`).then(
      (r) => r.json() as Promise<{ adapters?: Array<{ adapter: string; connected?: boolean }> }>,
    );
    if (health.adapters?.some((adapter) => adapter.adapter === 'mqtt' && adapter.connected)) return;
    if (Date.now() > deadline) throw new Error(`MQTT not connected within 30 s:\n${zs.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `Authorization` for the demo admin (who may read dead letters), signed in with the run's DEMO_PASSWORD. */
export async function adminHeaders(url: string, demoPassword: string): Promise<Record<string, string>> {
  const { accessToken } = await signIn(url, 'admin', demoPassword);
  return { authorization: `Bearer ${accessToken}` };
}
