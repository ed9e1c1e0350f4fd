import type { ZhongshuProcess } from './zhongshu-process';

/** The demo password a process generated and printed at start (`password    <hex> (generated; …)`). */
export async function demoPasswordOf(zs: ZhongshuProcess): Promise<string> {
  // The line comes right after the server starts answering; give it a moment.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const match = /^ {2}password {4}(\S+) \(generated/m.exec(zs.output());
    if (match) return match[1];
    if (Date.now() > deadline) throw new Error(`no generated demo password in the output:\n${zs.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string; role: string; department?: string; townCode?: string };
}

/** POST /api/v1/auth/login; throws unless it answers 200. */
export async function signIn(url: string, username: string, password: string): Promise<SignedIn> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in as ${username} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as SignedIn;
}

const cached = new WeakMap<ZhongshuProcess, Promise<Record<string, string>>>();

/**
 * `Authorization` for the demo engineer, who may read and replay dead letters (demo mode, generated
 * password). One sign-in per process.
 */
export function opsHeaders(zs: ZhongshuProcess): Promise<Record<string, string>> {
  let headers = cached.get(zs);
  if (!headers) {
    headers = demoPasswordOf(zs)
      .then((password) => signIn(zs.url, 'engineer', password))
      .then((session) => ({ authorization: `Bearer ${session.accessToken}` }));
    cached.set(zs, headers);
  }
  return headers;
}

/** The demo wall token printed at start (`wall token  http://…/wall?token=zsw_…`). */
export async function demoWallTokenOf(zs: ZhongshuProcess): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const match = /^ {2}wall token {2}\S+\?token=(zsw_\S+)$/m.exec(zs.output());
    if (match) return match[1];
    if (Date.now() > deadline) throw new Error(`no demo wall token in the output:\n${zs.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
