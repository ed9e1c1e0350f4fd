import type { WorkOrder, WorkOrderStatus } from './work-order.model';

/**
 * The facts 考核 counts, replayed from an order's timeline rather than read from its current state, so a
 * period's figures do not change when an order is reopened or extended later. The record types are the
 * nouns of the README's formulas ("Assessment").
 */

/** One dispatch of an order (or one unit task of a joint order) to a unit: the unit of 响应率 and 退回率. */
export interface DispatchEpisode {
  orderId: string;
  department: string;
  childId?: string;
  townCode?: string;
  at: number;
  signBy: number;
  signedAt?: number;
  /** The unit sent it back: refused before signing, or returned the order after (退回). */
  returned: boolean;
}

/** One unit's handling of one closed order in one handling cycle (重办 starts a new cycle). */
export interface ClosureRecord {
  orderId: string;
  /** Undefined for 直接办结 (closed by the centre without dispatch): counts for the street only. */
  department?: string;
  childId?: string;
  townCode?: string;
  cycle: number;
  closedAt: number;
  /** When the unit delivered: a single order's last feedback, a unit task's approval; undefined if never. */
  completedAt?: number;
  dueBy?: number;
  resolved: boolean;
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  /** Feedback was sent back for rework at least once in the cycle. */
  reworked: boolean;
}

/** An order still owed by a unit at the period end and already past its deadline. */
export interface OpenOverdueRecord {
  orderId: string;
  department?: string;
  townCode?: string;
}

export interface OrderFacts {
  episodes: DispatchEpisode[];
  closures: ClosureRecord[];
  openOverdue: OpenOverdueRecord[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const time = (v: unknown): number | undefined =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined;
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

interface UnitTask {
  unit: string;
  doneAt?: number;
  reworked: boolean;
  /** Done in an earlier cycle and not reopened: not judged again. */
  carried: boolean;
}

const UNDELIVERED: readonly WorkOrderStatus[] = ['accepted', 'dispatched', 'handling', 'suspended'];

/** Replays one order's timeline into assessment facts; `judgeAt` is when open orders are judged overdue. */
export function orderFacts(order: WorkOrder, judgeAt: number): OrderFacts {
  const townCode = order.townCode;
  const episodes: DispatchEpisode[] = [];
  const closures: ClosureRecord[] = [];
  let openOverdue: OpenOverdueRecord[] | undefined;

  let status: WorkOrderStatus | null = null;
  let dueBy: number | undefined;
  let suspendedAt: number | undefined;
  let cycle = 0;
  let singleDept: string | undefined;
  let singleCompletedAt: number | undefined;
  let singleReworked = false;
  const tasks = new Map<string, UnitTask>();
  const awaitingSign = new Map<string, DispatchEpisode>();
  const latest = new Map<string, DispatchEpisode>();
  let cycleClosures: ClosureRecord[] = [];

  const snapshot = (): OpenOverdueRecord[] => {
    if (!status || !UNDELIVERED.includes(status) || dueBy === undefined) return [];
    const late = status === 'suspended' ? (suspendedAt ?? judgeAt) > dueBy : judgeAt > dueBy;
    if (!late) return [];
    const owing =
      order.kind === 'joint' || tasks.size > 0
        ? [...tasks.values()].filter((t) => t.doneAt === undefined).map((t) => t.unit)
        : singleDept
          ? [singleDept]
          : [];
    return (owing.length ? owing : [undefined]).map((department) => ({ orderId: order.id, department, townCode }));
  };

  for (const entry of order.timeline) {
    const at = Date.parse(entry.at);
    if (!openOverdue && at >= judgeAt) openOverdue = snapshot();
    const data = entry.data;
    const key = entry.childId ?? 'single';
    switch (entry.action) {
      case 'accept':
      case 'extend':
      case 'resume':
        dueBy = time(data.dueBy) ?? dueBy;
        if (entry.action === 'resume') suspendedAt = undefined;
        break;
      case 'suspend':
        suspendedAt = at;
        break;
      case 'dispatch': {
        if (data.converted === true) {
          singleDept = undefined;
          awaitingSign.delete('single');
        }
        for (const raw of Array.isArray(data.units) ? data.units : []) {
          const unit = record(raw);
          const department = str(unit.department);
          if (!department) continue;
          const childId = str(unit.childId);
          const episode: DispatchEpisode = {
            orderId: order.id,
            department,
            ...(childId ? { childId } : {}),
            townCode,
            at,
            signBy: time(unit.signBy) ?? at,
            returned: false,
          };
          episodes.push(episode);
          awaitingSign.set(childId ?? 'single', episode);
          latest.set(childId ?? 'single', episode);
          if (childId) tasks.set(childId, { unit: department, reworked: false, carried: false });
          else singleDept = department;
        }
        break;
      }
      case 'sign': {
        const episode = awaitingSign.get(key);
        if (episode) episode.signedAt = at;
        awaitingSign.delete(key);
        break;
      }
      case 'refuse': {
        const episode = awaitingSign.get(key);
        if (episode) episode.returned = true;
        awaitingSign.delete(key);
        if (!entry.childId) singleDept = undefined;
        break;
      }
      case 'return': {
        const subject = str(data.subject);
        if (subject === 'order') {
          const episode = latest.get('single');
          if (episode) episode.returned = true;
          singleDept = undefined;
        } else if (subject === 'feedback') {
          singleReworked = true;
        } else if (subject === 'child_feedback') {
          const task = entry.childId ? tasks.get(entry.childId) : undefined;
          if (task) task.reworked = true;
        }
        break;
      }
      case 'feedback':
        if (!entry.childId) singleCompletedAt = at;
        break;
      case 'approve': {
        const task = entry.childId ? tasks.get(entry.childId) : undefined;
        if (data.subject === 'refusal' && entry.childId) tasks.delete(entry.childId);
        else if (task) task.doneAt = at;
        break;
      }
      case 'rule':
        if (data.decision === 'release' && entry.childId) tasks.delete(entry.childId);
        break;
      case 'close':
      case 'auto_close': {
        const resolved = data.resolved !== false;
        const base = { orderId: order.id, townCode, cycle, closedAt: at, dueBy, resolved };
        cycleClosures =
          tasks.size > 0
            ? [...tasks.entries()]
                .filter(([, t]) => !t.carried)
                .map(([childId, t]) => ({
                  ...base,
                  department: t.unit,
                  childId,
                  completedAt: t.doneAt,
                  reworked: t.reworked,
                }))
            : [
                {
                  ...base,
                  department: singleDept ?? str(data.department),
                  completedAt: data.direct === true ? at : singleCompletedAt,
                  reworked: singleReworked,
                },
              ];
        closures.push(...cycleClosures);
        break;
      }
      case 'evaluate': {
        if (data.rater !== 'centre') break;
        const target = cycleClosures.find((c) => (entry.childId ? c.childId === entry.childId : !c.childId));
        if (!target) break;
        const satisfaction = str(data.satisfaction);
        if (satisfaction === 'satisfied' || satisfaction === 'basically_satisfied' || satisfaction === 'unsatisfied') {
          target.satisfaction = satisfaction;
        }
        if (typeof data.resolved === 'boolean') target.resolved = data.resolved;
        break;
      }
      case 'reopen': {
        cycle += 1;
        dueBy = time(data.dueBy) ?? dueBy;
        singleCompletedAt = undefined;
        singleReworked = false;
        cycleClosures = [];
        const again = new Set(
          Array.isArray(data.units) ? data.units.filter((u): u is string => typeof u === 'string') : [],
        );
        if (tasks.size === 0) singleDept = undefined;
        for (const task of tasks.values()) {
          if (again.has(task.unit)) Object.assign(task, { doneAt: undefined, reworked: false, carried: false });
          else task.carried = true;
        }
        break;
      }
      default:
        break;
    }
    status = entry.to;
  }
  return { episodes, closures, openOverdue: openOverdue ?? snapshot() };
}
