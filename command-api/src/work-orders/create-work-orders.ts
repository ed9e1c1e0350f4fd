import { EVENT_TYPES, type CityEvent, type EventStore, type HotState, type LiveAlert } from '@zhongshu/stream';
import type { CityGis } from '@zhongshu/gis';
import { createPiiCipher } from '../pii/pii-key';
import type { SqlClient } from '../warehouse/sql-client';
import { AssessmentService } from './assessment.service';
import { DeadlineScheduler } from './deadline.scheduler';
import { OrderBook } from './order-book';
import { OrderCodec } from './order-codec';
import { DEFAULT_RULES, defaultRouting } from './order-config.defaults';
import { OrderConfigRepository } from './order-config.repository';
import { OrderConfigStore } from './order-config.store';
import { OrderHotStore } from './order-hot.store';
import { rebuildOrderHotState, type RebuildResult } from './order-hot.rebuild';
import { OrderIntake } from './order-intake';
import { OrderLive } from './order-live';
import { OrderLogRepository } from './order-log.repository';
import { OrderLogWriter } from './order-log.writer';
import { SimulatedStaff } from './simulated-staff';
import { loadTicketingPolicy } from './ticketing-policy.loader';
import { WorkOrderService } from './work-order.service';

export interface WorkOrdersSettings {
  dataDir: string;
  /** SM4 key for personal data at rest, 32 hex characters; generated into DATA_DIR when unset. */
  piiKey?: string;
  policyFile?: string;
  scanSeconds: number;
  /** How long finished orders stay in hot state (the log keeps them for good). */
  retainFinishedHours: number;
  /** Events re-read at start for orders a crash may have kept from being made. */
  catchUpMinutes: number;
  /** Simulated staff work the open single orders (demo city only). */
  simulatedStaff?: boolean;
}

/** The work-order side of one process: built by the runtime, started after the pipeline, closed before it. */
export interface WorkOrders {
  service: WorkOrderService;
  config: OrderConfigStore;
  intake: OrderIntake;
  scheduler: DeadlineScheduler;
  assessment: AssessmentService;
  live: OrderLive;
  book: OrderBook;
  /** The demo city's staff, when `settings.simulatedStaff`. */
  staff?: SimulatedStaff;
  /** Rebuilds hot state from the log, catches up on recent events, starts the deadline scheduler. */
  start(): Promise<{ rebuilt: RebuildResult; caughtUp: number }>;
  rebuild(): Promise<RebuildResult>;
  close(): Promise<void>;
}

const CATCH_UP_TYPES = [
  EVENT_TYPES.hotlineTicket,
  EVENT_TYPES.urbanCase,
  EVENT_TYPES.safetyAlarm,
  EVENT_TYPES.deviceStatus,
];

export function createWorkOrders(deps: {
  settings: WorkOrdersSettings;
  gis: CityGis;
  sql: SqlClient;
  events: EventStore;
  hotState: HotState;
  alerts: { raise(alerts: LiveAlert[]): void };
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}): WorkOrders {
  const { settings, gis, sql, hotState, alerts } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const policy = loadTicketingPolicy(settings.policyFile);
  const codec = new OrderCodec(createPiiCipher(settings.dataDir, settings.piiKey));
  const repository = new OrderLogRepository(sql);
  const writer = new OrderLogWriter((entries) => repository.append(entries));
  const hot = new OrderHotStore(hotState);
  const towns = new Map(gis.towns.map((town) => [town.code, town.name]));
  const townName = (code: string | undefined) => (code ? towns.get(code) : undefined);
  const live = new OrderLive(() => hot.summaries(), townName);
  const book = new OrderBook({ repository, writer, hot, codec, live, alerts, townName, now, log });
  const config = new OrderConfigStore(
    hotState,
    new OrderConfigRepository(sql),
    { routing: defaultRouting(gis.towns), rules: DEFAULT_RULES },
    now,
  );
  const districtCode = gis.config.district.code;
  const service = new WorkOrderService({
    book,
    hot,
    repository,
    config,
    policy,
    districtCode,
    locate: (lng, lat) => {
      const region = gis.regionAt(lng, lat);
      return region && { townCode: region.town?.code, gridCode: region.grid };
    },
    now,
  });
  const retainFinishedMs = settings.retainFinishedHours * 3_600_000;
  const rebuild = () => rebuildOrderHotState({ repository, writer, hot, codec, now, retainFinishedMs });
  const intake = new OrderIntake({ book, repository, config, policy, districtCode, now, log });
  const scheduler = new DeadlineScheduler({
    service,
    book,
    hot,
    policy,
    rebuild,
    intervalMs: settings.scanSeconds * 1000,
    retainFinishedMs,
    now,
    log,
  });

  const staff = settings.simulatedStaff ? new SimulatedStaff({ service, book, hot, config, now, log }) : undefined;

  const catchUp = async (): Promise<number> => {
    const since = new Date(now().getTime() - settings.catchUpMinutes * 60_000);
    const recent: CityEvent[] = [];
    for (const type of CATCH_UP_TYPES) recent.push(...(await deps.events.query({ type, from: since, limit: 5_000 })));
    const inWgs84 = recent.map((event) =>
      event.location ? { ...event, location: { ...gis.toWgs84(event.location), crs: 'WGS84' as const } } : event,
    );
    return inWgs84.length > 0 ? intake.createFor(inWgs84) : 0;
  };

  return {
    service,
    config,
    intake,
    scheduler,
    assessment: new AssessmentService({ repository, config, townName }),
    live,
    book,
    ...(staff ? { staff } : {}),
    rebuild,
    async start() {
      const rebuilt = await rebuild();
      const caughtUp = await catchUp();
      scheduler.start();
      staff?.start();
      return { rebuilt, caughtUp };
    },
    async close() {
      await staff?.stop();
      await scheduler.stop();
      await intake.close();
      await writer.close();
    },
  };
}
