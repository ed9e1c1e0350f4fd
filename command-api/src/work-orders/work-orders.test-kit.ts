import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCityGis, type CityGis } from '@zhongshu/gis';
import type { HotState, LiveAlert } from '@zhongshu/stream';
import type { Actor } from '@zhongshu/ticketing';
import { MemoryHotState } from '../hot-state/memory.hot-state';
import { ChdbSqlClient } from '../warehouse/chdb.sql-client';
import { ClickHouseEventStore } from '../warehouse/clickhouse.event-store';
import type { SqlClient } from '../warehouse/sql-client';
import { createWorkOrders, type WorkOrders, type WorkOrdersSettings } from './create-work-orders';
import type { OrderUpdate } from './order-live';
import type { Viewer } from './order-view';

/**
 * Test support for the work-order integration tests (not a spec): the real chDB warehouse in a temp
 * directory, a hot state of the caller's choice, a clock the test moves, and recorders for what would
 * go to the wall. One warehouse per test file (chDB binds one data directory per process).
 */
let gis: CityGis | undefined;
export const cityGis = () => (gis ??= createCityGis('haikou-xiuying'));

export const PII_KEY = '00112233445566778899aabbccddeeff';
/** Monday 2 March 2026, 09:00 Beijing: an ordinary working day. */
export const T0 = new Date('2026-03-02T01:00:00Z');
export const TOWN_A = '460105001';
export const TOWN_B = '460105002';

export class Clock {
  constructor(public at: Date = T0) {}
  readonly now = () => new Date(this.at);
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export interface Warehouse {
  sql: SqlClient;
  store: ClickHouseEventStore;
  dir: string;
  close(): Promise<void>;
}

export async function openWarehouse(): Promise<Warehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'zs-work-orders-'));
  const sql = new ChdbSqlClient(dir);
  const store = new ClickHouseEventStore(sql, 'Asia/Shanghai');
  await store.migrate();
  return {
    sql,
    store,
    dir,
    close: async () => {
      await sql.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Node {
  wo: WorkOrders;
  hotState: HotState;
  alerts: LiveAlert[];
  published: OrderUpdate[];
  logged: string[];
  close(): Promise<void>;
}

/** One API node's work-order side on the shared warehouse (several nodes may share one hot state). */
export function openNode(
  warehouse: Warehouse,
  clock: Clock,
  hotState: HotState = new MemoryHotState(),
  sql: SqlClient = warehouse.sql,
  settings: Partial<WorkOrdersSettings> = {},
): Node {
  const alerts: LiveAlert[] = [];
  const published: OrderUpdate[] = [];
  const logged: string[] = [];
  const wo = createWorkOrders({
    settings: {
      dataDir: warehouse.dir,
      piiKey: PII_KEY,
      scanSeconds: 3600,
      retainFinishedHours: 24,
      catchUpMinutes: 15,
      ...settings,
    },
    gis: cityGis(),
    sql,
    events: warehouse.store,
    hotState,
    alerts: { raise: (raised) => alerts.push(...raised) },
    now: clock.now,
    log: (message, error) => logged.push(`${message} ${error instanceof Error ? error.message : ''}`),
  });
  wo.live.attach({ publishOrders: (updates) => published.push(...updates) });
  return {
    wo,
    hotState,
    alerts,
    published,
    logged,
    close: async () => {
      await wo.close();
      await hotState.close();
    },
  };
}

const centre = (role: 'dispatcher' | 'commander', townCode?: string): Viewer => ({
  actor: { userId: `${role}-1`, role, ...(townCode ? { townCode } : {}) },
  seesPersonalData: true,
});

export const as = {
  dispatcher: (townCode?: string) => centre('dispatcher', townCode),
  commander: (townCode?: string) => centre('commander', townCode),
  liaison: (department: string): Viewer => ({
    actor: { userId: `liaison-${department}`, role: 'liaison', department },
    seesPersonalData: false,
  }),
  unitLeader: (department: string): Viewer => ({
    actor: { userId: `leader-${department}`, role: 'leader', department },
    seesPersonalData: false,
  }),
  districtLeader: (townCode?: string): Viewer => ({
    actor: { userId: 'district-leader', role: 'leader', ...(townCode ? { townCode } : {}) },
    seesPersonalData: false,
  }),
  actor: (actor: Actor): Viewer => ({ actor, seesPersonalData: false }),
};

export const createBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'single' as const,
  title: '长滨路路灯不亮',
  description: '长滨路与永庄路交叉口路灯不亮已三天，来电人13812341234',
  categoryCode: '010101',
  urgency: 'general' as const,
  townCode: TOWN_A,
  location: { lng: 110.29, lat: 20.02, crs: 'WGS84' as const },
  callers: [{ name: '王先生', phone: '13812341234', idNumber: '46010519900101123X', receivedAt: T0.toISOString() }],
  sourceEventIds: [],
  ...overrides,
});
