import { createHash } from 'node:crypto';
import { route, type Actor, type WorkOrder, type WorkOrderCommandInput } from '@zhongshu/ticketing';
import { ApiError } from '../http/api-error';
import type { OrderBook } from './order-book';
import type { OrderConfigStore } from './order-config.store';
import type { OrderHotStore } from './order-hot.store';
import type { OrderSummary } from './order-summary';
import type { WorkOrderService } from './work-order.service';

/**
 * The simulated city's staff (on with `SIMULATE`, off with `SIMULATE_STAFF=0`): works the open single orders
 * the way a centre and its units would, so a demo wall shows orders moving through their whole life —
 * 受理, 派单 to the routing table's lead unit, 签收, 反馈, 核实, 办结, 回访 — deadline colours changing, and the
 * 办结率 / 满意率 KPIs counting something. One order in ten is neglected: its unit feeds back only long after
 * the expected time, so emergency orders go 黄 → 橙 → 红 → 超期 and the deadline scheduler escalates them.
 *
 * Every step goes through `WorkOrderService` like a person's (decide → compare-and-set → order log), by
 * actors named `simulator:*`, so the log says who did it. The pace is deterministic per order and step
 * (a hash of the id and version), in minutes of wall-clock time after the order's last change. Joint orders,
 * and any order a person touched last, are left to people.
 */

export const STAFF_PREFIX = 'simulator:';
const DISPATCHER: Actor = { userId: `${STAFF_PREFIX}dispatcher`, role: 'dispatcher' };
const liaison = (department: string): Actor => ({
  userId: `${STAFF_PREFIX}liaison-${department}`,
  role: 'liaison',
  department,
});

const MINUTE = 60_000;
/** Minutes after the order's last change before the next step, [min, max), per status. */
const PACE: Partial<Record<OrderSummary['status'], [number, number]>> = {
  received: [0.5, 3],
  accepted: [0.5, 5],
  dispatched: [2, 25],
  handling: [15, 100],
  verifying: [1, 10],
  verified: [1, 5],
  closed: [5, 30],
};
/** The neglected tenth: its unit feeds back this many times later than usual. */
const NEGLECT_FACTOR = 4;
/** 回访 results, drawn per order: mostly satisfied, as in a district that works. */
const SATISFACTION = ['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied'] as const;

export interface StaffDeps {
  service: WorkOrderService;
  book: OrderBook;
  hot: OrderHotStore;
  config: OrderConfigStore;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  intervalMs?: number;
  /** At most this many steps per round, so a backlog is worked off gradually. */
  stepsPerRound?: number;
}

export class SimulatedStaff {
  private timer: NodeJS.Timeout | undefined;
  private working: Promise<number> | undefined;

  constructor(private readonly deps: StaffDeps) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.round().catch((error: unknown) => this.deps.log('simulated staff round failed', error));
    }, this.deps.intervalMs ?? 10_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.working?.catch(() => undefined);
  }

  /** One round: takes the next step on every order whose time has come; returns how many steps were taken. */
  round(): Promise<number> {
    this.working ??= this.work().finally(() => (this.working = undefined));
    return this.working;
  }

  private async work(): Promise<number> {
    const at = this.deps.now().getTime();
    const due = (await this.deps.hot.summaries())
      .filter((summary) => summary.kind === 'single' && PACE[summary.status])
      .filter((summary) => at - Date.parse(summary.updatedAt) >= delayMs(summary))
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .slice(0, this.deps.stepsPerRound ?? 300);
    let steps = 0;
    for (const loaded of await this.deps.book.loadMany(due.map((summary) => summary.id))) {
      if (!loaded || !lastActorIsStaffOrSystem(loaded.order)) continue;
      const step = await this.nextStep(loaded.order);
      if (!step) continue;
      try {
        await this.deps.service.applyAsSystem(loaded, step.command, step.actor);
        steps += 1;
      } catch (error) {
        // Someone (or the scheduler) changed the order meanwhile: the next round looks again.
        if (error instanceof ApiError && error.status === 409) continue;
        this.deps.log(`simulated staff: ${step.command.action} on ${loaded.order.id} failed`, error);
      }
    }
    return steps;
  }

  private async nextStep(order: WorkOrder): Promise<{ command: WorkOrderCommandInput; actor: Actor } | undefined> {
    const version = order.version;
    const unit = order.ownerDepartment;
    switch (order.status) {
      case 'received':
        return { command: { action: 'accept', version, note: '模拟受理' }, actor: DISPATCHER };
      case 'accepted': {
        const { value } = await this.deps.config.get('routing');
        const { lead } = route(value.table, {
          categoryCode: order.categoryCode,
          regionCode: order.regionCode,
          townCode: order.townCode,
        });
        return { command: { action: 'dispatch', version, units: [{ department: lead }] }, actor: DISPATCHER };
      }
      case 'dispatched':
        return unit ? { command: { action: 'sign', version }, actor: liaison(unit) } : undefined;
      case 'handling':
        return unit
          ? {
              command: { action: 'feedback', version, measures: '现场核查并处置', result: '已处理完毕' },
              actor: liaison(unit),
            }
          : undefined;
      case 'verifying':
        return { command: { action: 'verify', version }, actor: DISPATCHER };
      case 'verified':
        return { command: { action: 'close', version }, actor: DISPATCHER };
      case 'closed': {
        const satisfaction = SATISFACTION[Math.floor(unitHash(order.id, 'rating') * SATISFACTION.length)];
        return {
          command: {
            action: 'evaluate',
            version,
            rater: 'centre',
            rating:
              satisfaction === 'unsatisfied'
                ? { satisfaction, resolved: false, reason: '来电人表示问题仍未解决' }
                : { satisfaction, resolved: true },
          },
          actor: DISPATCHER,
        };
      }
      default:
        return undefined;
    }
  }
}

/** How long after its last change the order's next step is due: deterministic per order and version. */
export function delayMs(summary: Pick<OrderSummary, 'id' | 'version' | 'status'>): number {
  const pace = PACE[summary.status];
  if (!pace) return Infinity;
  const [min, max] = pace;
  const minutes = min + unitHash(summary.id, String(summary.version)) * (max - min);
  return minutes * MINUTE * (summary.status === 'handling' && isNeglected(summary.id) ? NEGLECT_FACTOR : 1);
}

/** One order in ten, fixed per order. */
export function isNeglected(id: string): boolean {
  return unitHash(id, 'neglect') < 0.1;
}

/** People's orders stay theirs: the staff only continues what it, the system or auto-creation did last. */
function lastActorIsStaffOrSystem(order: WorkOrder): boolean {
  const last = order.timeline.at(-1);
  return !last || last.actor.role === 'system' || last.actor.userId.startsWith(STAFF_PREFIX);
}

function unitHash(id: string, salt: string): number {
  return createHash('sha1').update(`${id}|${salt}`).digest().readUInt32BE(0) / 2 ** 32;
}
