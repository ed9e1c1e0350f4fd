import { EVENT_TYPES, type CityEventInput, type EventType } from './city-event';

/**
 * One realistic payload per event type: the OpenAPI examples, the docs and the tests all start from
 * these, so a contract change shows up everywhere at once.
 */
export const EXAMPLE_PAYLOADS = {
  [EVENT_TYPES.hotlineTicket]: {
    ticketNo: 'RX202611210001',
    channel: 'phone',
    kind: 'complaint',
    categoryCode: '010101',
    categoryName: '路灯不亮',
    title: '长滨路路灯不亮',
    content: '长滨路与永庄路交叉口路灯不亮已三天，夜间行人不便。',
    address: '海口市秀英区长滨路',
    needsHandling: true,
  },
  [EVENT_TYPES.urbanCase]: {
    caseNo: 'CG202611210001',
    classType: 'component',
    classCode: '0103',
    className: '雨水井盖',
    gridCode: '460105001001',
    reporterType: 'video_ai',
    stage: 'register',
    description: '雨水井盖缺失，存在安全隐患',
    address: '海口市秀英区海秀西路',
  },
  [EVENT_TYPES.safetyAlarm]: {
    alarmId: 'GJ202611210001',
    alarmType: 'gas',
    level: 4,
    description: '永庄路商铺燃气泄漏报警',
    address: '海口市秀英区永庄路',
  },
  [EVENT_TYPES.deviceTelemetry]: {
    deviceId: '460105-WL-001',
    deviceType: 'sensor',
    metrics: { waterLevel_m: 1.2, battery_pct: 87 },
  },
  [EVENT_TYPES.deviceStatus]: {
    deviceId: '460105-WL-001',
    deviceType: 'sensor',
    status: 'offline',
    reason: 'heartbeat lost',
  },
  [EVENT_TYPES.approvalCase]: {
    caseNo: 'SP202611210001',
    itemName: '食品经营许可',
    department: '市场监管局',
    stage: 'accept',
    statutoryDays: 20,
    committedDays: 5,
    onlineAvailable: true,
    applicantType: 'enterprise',
  },
  [EVENT_TYPES.hallQueue]: {
    hallId: 'XY-HALL',
    action: 'call',
    ticketNo: 'A012',
    windowNo: '7',
    waitingCount: 12,
    waitSeconds: 480,
  },
  [EVENT_TYPES.hallEvaluation]: {
    hallId: 'XY-HALL',
    windowNo: '7',
    rating: 2,
    channel: 'pad',
    comment: '等候时间太长',
  },
} as const satisfies Record<EventType, unknown>;

const CATEGORY: Record<EventType, string> = {
  [EVENT_TYPES.hotlineTicket]: '010101',
  [EVENT_TYPES.urbanCase]: 'component.0103',
  [EVENT_TYPES.safetyAlarm]: 'gas',
  [EVENT_TYPES.deviceTelemetry]: 'water_level',
  [EVENT_TYPES.deviceStatus]: 'water_level',
  [EVENT_TYPES.approvalCase]: 'food_license',
  [EVENT_TYPES.hallQueue]: 'call',
  [EVENT_TYPES.hallEvaluation]: 'rating',
};

let sequence = 0;

/** A valid event of `type` near 长滨路 in 秀英区, stamped now, with a fresh id unless one is given. */
export function exampleEvent(type: EventType, overrides: Partial<CityEventInput> = {}): CityEventInput {
  sequence += 1;
  return {
    specversion: '1.0',
    id: `example-${Date.now().toString(36)}-${sequence}`,
    source: '/examples',
    type,
    time: new Date().toISOString(),
    category: CATEGORY[type],
    severity: 'minor',
    location: { lng: 110.29, lat: 20.02, crs: 'WGS84' },
    region: { code: '460105' },
    data: EXAMPLE_PAYLOADS[type],
    ...overrides,
  } as CityEventInput;
}
