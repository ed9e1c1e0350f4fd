import { EVENT_TYPES, EXAMPLE_PAYLOADS, exampleEvent, type CityEventInput } from '@zhongshu/stream';

let counter = 0;

/** A valid 12345 ticket inside 秀英区 (near 长滨路), unique per call unless an id is given. */
export function hotlineTicket(overrides: Partial<CityEventInput> & { id?: string } = {}): CityEventInput {
  counter += 1;
  const id = overrides.id ?? `test-${process.pid}-${Date.now()}-${counter}`;
  const data = { ...EXAMPLE_PAYLOADS[EVENT_TYPES.hotlineTicket], ticketNo: id, title: `长滨路路灯不亮 ${id}` };
  return exampleEvent(EVENT_TYPES.hotlineTicket, {
    id,
    source: '/test/hotline',
    data,
    ...overrides,
  } as Partial<CityEventInput>);
}

export async function postEvents(url: string, events: unknown, contentType = 'application/json') {
  const response = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof events === 'string' ? events : JSON.stringify(events),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      items: Array<{ status: string; id?: string; reason?: string; index: number }>;
    },
  };
}
