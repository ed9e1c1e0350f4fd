import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';

let counter = 0;

/** A valid 12345 ticket inside 秀英区 (near 长滨路), unique per call unless an id is given. */
export function hotlineTicket(overrides: Partial<CityEventInput> & { id?: string } = {}): CityEventInput {
  counter += 1;
  const id = overrides.id ?? `test-${process.pid}-${Date.now()}-${counter}`;
  return {
    specversion: '1.0',
    id,
    source: '/test/hotline',
    type: EVENT_TYPES.hotlineTicket,
    time: new Date().toISOString(),
    category: '010101',
    severity: 'minor',
    location: { lng: 110.29, lat: 20.02, crs: 'WGS84' },
    region: { code: '460105' },
    data: {
      ticketNo: id,
      channel: 'phone',
      kind: 'complaint',
      categoryCode: '010101',
      categoryName: '路灯不亮',
      title: `长滨路路灯不亮 ${id}`,
      content: '长滨路与永庄路交叉口路灯不亮已三天，夜间行人不便。',
      address: '海口市秀英区长滨路',
      needsHandling: true,
    },
    ...overrides,
  } as CityEventInput;
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
