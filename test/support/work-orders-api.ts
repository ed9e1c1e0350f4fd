import { signIn } from './auth';

/** The password every user these suites create gets. */
export const TEST_PASSWORD = 'work orders test password';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A signed-in API caller for the work-order suites: JSON in, JSON out, the status kept. */
export class ApiCaller {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  static async signIn(url: string, username: string, password: string): Promise<ApiCaller> {
    return new ApiCaller(url, (await signIn(url, username, password)).accessToken);
  }

  get<T = Record<string, unknown>>(path: string): Promise<Answer<T>> {
    return this.call<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown): Promise<Answer<T>> {
    return this.call<T>('POST', path, body);
  }

  put<T = Record<string, unknown>>(path: string, body: unknown): Promise<Answer<T>> {
    return this.call<T>('PUT', path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }
}

/** Creates a user through the admin API (liaisons and unit leaders of the units a test needs). */
export async function createUser(
  admin: ApiCaller,
  user: { username: string; role: string; department?: string; townCode?: string },
): Promise<void> {
  const answer = await admin.post('/api/v1/users', { displayName: user.username, password: TEST_PASSWORD, ...user });
  if (answer.status !== 201 && answer.status !== 200) {
    throw new Error(`creating ${user.username} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
}

export interface OrderView {
  id: string;
  version: number;
  status: string;
  kind: string;
  children: Array<{ id: string; unit: string; status: string; rating?: { satisfaction: string } }>;
  timeline: Array<{ version: number; action: string; to: string; actor: { userId: string } }>;
  callers: Array<{ phone?: string }>;
  createdBy: { userId: string; role: string };
  warning: string;
}

/** Runs one action with the version the caller just read; returns the answer. */
export async function act(
  who: ApiCaller,
  orderId: string,
  action: string,
  body: Record<string, unknown> = {},
): Promise<Answer<{ order: OrderView; error?: { code: string } }>> {
  const current = await who.get<{ order: OrderView }>(`/api/v1/work-orders/${orderId}`);
  if (current.status !== 200) throw new Error(`GET ${orderId} as caller answered ${current.status}`);
  return who.post(`/api/v1/work-orders/${orderId}/actions/${action}`, { ...body, version: current.body.order.version });
}
