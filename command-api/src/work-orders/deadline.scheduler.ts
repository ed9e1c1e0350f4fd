import {
  escalationsDue,
  refreshWarning,
  type Actor,
  type TicketingPolicy,
  type WorkOrderCommandInput,
} from '@zhongshu/ticketing';
import { ApiError } from '../http/api-error';
import type { Loaded, OrderBook } from './order-book';
import type { OrderHotStore } from './order-hot.store';
import { CLOCKED_STATUSES, FINISHED_STATUSES, type OrderSummary } from './order-summary';
import type { WorkOrderService } from './work-order.service';

/** The scheduler acts as `system`: the only actor the domain lets raise automatic 催办 and 督办. */
export const SCHEDULER_ACTOR: Actor = { userId: 'deadline-scheduler', role: 'system' };

export interface ScanResult {
  scanned: number;
  recoloured: number;
  escalated: number;
  evicted: number;
  rebuilt: boolean;
}

const CHUNK = 200;
/** The ladder has three steps; one scan may have to climb all of them for an order found overdue. */
const MAX_STEPS = 3;

/**
 * Every `intervalMs`: rebuilds the projection if hot state came back empty (Redis restarted without
 * its data), refreshes the warning colour of every order with a clock, runs the escalation ladder
 * (催办 → 督办 → 领导督办) as the system actor, and evicts orders finished longer than `retainFinishedMs`
 * ago from hot state (the log keeps them). Every node may run it: the compare-and-set lets one node's
 * escalation through and the others' fall away as version conflicts.
 */
export class DeadlineScheduler {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<ScanResult> | undefined;

  constructor(
    private readonly deps: {
      service: WorkOrderService;
      book: OrderBook;
      hot: OrderHotStore;
      policy: TicketingPolicy;
      rebuild: () => Promise<unknown>;
      intervalMs: number;
      retainFinishedMs: number;
      now: () => Date;
      log: (message: string, error?: unknown) => void;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.scan().catch((error: unknown) => this.deps.log('deadline scan failed', error));
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.scanning?.catch(() => undefined);
  }

  /** One scan; a scan still running is joined rather than overlapped. */
  scan(): Promise<ScanResult> {
    this.scanning ??= this.run().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async run(): Promise<ScanResult> {
    const { hot, book, now } = this.deps;
    const result: ScanResult = { scanned: 0, recoloured: 0, escalated: 0, evicted: 0, rebuilt: false };
    if (!(await hot.builtAt())) {
      await this.deps.rebuild();
      result.rebuilt = true;
    }
    const summaries = await hot.summaries();
    const at = now();
    const clocked: OrderSummary[] = [];
    for (const summary of summaries) {
      if (FINISHED_STATUSES.includes(summary.status)) {
        if (at.getTime() - Date.parse(summary.updatedAt) > this.deps.retainFinishedMs) {
          await hot.evict(summary.id, summary.version);
          result.evicted += 1;
        }
      } else if (CLOCKED_STATUSES.includes(summary.status)) {
        clocked.push(summary);
      }
    }
    for (let i = 0; i < clocked.length; i += CHUNK) {
      const loaded = await book.loadMany(clocked.slice(i, i + CHUNK).map((s) => s.id));
      for (const entry of loaded) {
        if (!entry) continue;
        result.scanned += 1;
        try {
          const outcome = await this.visit(entry, at);
          result.recoloured += outcome.recoloured ? 1 : 0;
          result.escalated += outcome.escalated;
        } catch (error) {
          this.deps.log(`deadline scan of ${entry.order.id} failed`, error);
        }
      }
    }
    return result;
  }

  private async visit(loaded: Loaded, at: Date): Promise<{ recoloured: boolean; escalated: number }> {
    const { policy, book, service } = this.deps;
    const refreshed = refreshWarning(loaded.order, at, policy);
    const recoloured = refreshed.changed && (await book.storeDerived(loaded, refreshed.order));
    let current: Loaded | undefined = recoloured ? await book.load(loaded.order.id) : loaded;
    let escalated = 0;
    for (let step = 0; current && step < MAX_STEPS; step++) {
      const due = escalationsDue(current.order, at, policy);
      if (!due) break;
      const note = `系统自动${due.step === 'urge' ? '催办' : due.step === 'supervise' ? '督办' : '领导督办'}（${due.level}）`;
      const command: WorkOrderCommandInput =
        due.step === 'urge'
          ? { action: 'urge', version: current.order.version, note }
          : {
              action: 'supervise',
              version: current.order.version,
              level: due.step === 'district' ? 'district_leader' : 'department_head',
              note,
            };
      try {
        await service.applyAsSystem(current, command, SCHEDULER_ACTOR);
      } catch (error) {
        // Someone acted on the order meanwhile (or another node escalated it): the next scan looks again.
        if (error instanceof ApiError && error.status === 409) break;
        throw error;
      }
      escalated += 1;
      current = await book.load(loaded.order.id);
    }
    return { recoloured, escalated };
  }
}
