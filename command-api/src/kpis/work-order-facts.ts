import { assess, type AssessmentRow, type WorkOrder } from '@zhongshu/ticketing';
import type { SqlClient } from '../warehouse/sql-client';
import { windowParams, type DayWindow } from './day-window';
import type { DrillResult, Page } from './drill-reader';
import type { TableKpi } from './kpi.contract';

/** Statuses after which an order no longer runs (closed waits for its rating but is done for handling). */
const DONE = ['closed', 'evaluated', 'invalid', 'merged'] as const;
const DONE_SQL = DONE.map((status) => `'${status}'`).join(', ');
const ORDERS = 'work_orders_current';
const LOG = 'work_order_log';
/**
 * Orders whose source event (the first) is of these kinds, from each order's first log row (the order as
 * created); an order without a source event counts for no centre.
 */
const FROM_KINDS = `order_id IN (
    SELECT order_id FROM ${LOG} WHERE version = 1 AND JSONExtractString(state, 'sourceEventIds', 1) IN (
      SELECT id FROM events WHERE kind IN {kinds:Array(String)} AND time >= fromUnixTimestamp64Milli({sinceMs:Int64})))`;
/** Orders in a grid (社区网格): whatever their source. */
const IN_GRID = `order_id IN (SELECT order_id FROM ${LOG} WHERE version = 1 AND JSONExtractString(state, 'gridCode') != '')`;
const SOURCE_DAYS = 120;

/** The row of orders no unit owns yet (received, not dispatched): the dispatch backlog. */
export const UNDISPATCHED = '_undispatched';

export type OrderScope = { kinds: readonly string[] } | { grid: true };

/**
 * Work-order KPIs read from the work-orders side's order log (migration 007: `work_orders_current`, the
 * latest version of every order). Handling and overdue by department come from it directly; the 三率 and
 * 按时办结率 from ticketing's `assess` over the month's orders, the same code the 考核 report runs.
 */
export class WorkOrderFacts {
  private present: boolean | undefined;

  constructor(private readonly sql: SqlClient) {}

  /** Whether the order log exists in this warehouse (the work-order migrations ran). */
  async available(): Promise<boolean> {
    if (this.present) return true;
    const [row] = await this.sql.query<{ n: string }>(
      'SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name IN {names:Array(String)}',
      { names: [ORDERS, LOG] },
    );
    this.present = Number(row?.n ?? 0) === 2;
    return this.present;
  }

  /** Received today, open now, closed today, open past the deadline now, per owner department. */
  async departments(
    window: DayWindow,
    scope: OrderScope,
    unitName: (code: string) => string | undefined,
  ): Promise<TableKpi['rows']> {
    const rows = await this.sql.query<{
      department: string;
      received: string;
      open: string;
      closed: string;
      overdue: string;
    }>(
      `SELECT owner_department AS department,
              countIf(created_at >= fromUnixTimestamp64Milli({startMs:Int64})) AS received,
              countIf(status NOT IN (${DONE_SQL})) AS open,
              countIf(status IN ('closed', 'evaluated') AND updated_at >= fromUnixTimestamp64Milli({startMs:Int64})) AS closed,
              countIf(status NOT IN (${DONE_SQL}) AND due_by IS NOT NULL AND due_by < fromUnixTimestamp64Milli({nowMs:Int64})) AS overdue
       FROM ${ORDERS} FINAL
       WHERE ${this.scopeSql(scope)}
         AND (status NOT IN (${DONE_SQL}) OR updated_at >= fromUnixTimestamp64Milli({startMs:Int64}))
         AND created_at < fromUnixTimestamp64Milli({endMs:Int64})
       GROUP BY department
       ORDER BY received + open DESC, department`,
      this.params(window, scope),
    );
    return rows.map((row) => ({
      key: row.department || UNDISPATCHED,
      label: row.department ? (unitName(row.department) ?? row.department) : UNDISPATCHED,
      values: [Number(row.received), Number(row.open), Number(row.closed), Number(row.overdue)],
    }));
  }

  /** The orders behind one department's row (received today or still open), newest first. */
  async departmentOrders(window: DayWindow, scope: OrderScope, key: string, page: Page): Promise<DrillResult> {
    const department = key === UNDISPATCHED ? '' : key;
    const where = `${this.scopeSql(scope)} AND owner_department = {department:String}
      AND (status NOT IN (${DONE_SQL}) OR updated_at >= fromUnixTimestamp64Milli({startMs:Int64}))
      AND created_at < fromUnixTimestamp64Milli({endMs:Int64})`;
    const params = { ...this.params(window, scope), department, limit: page.limit, offset: page.offset };
    const [counted] = await this.sql.query<{ n: string }>(
      `SELECT count() AS n FROM ${ORDERS} FINAL WHERE ${where}`,
      params,
    );
    const rows = await this.sql.query<{
      order_id: string;
      title: string;
      status: string;
      category_code: string;
      updated_ms: string;
    }>(
      `SELECT order_id, title, status, category_code, toUnixTimestamp64Milli(updated_at) AS updated_ms
       FROM ${ORDERS} FINAL WHERE ${where}
       ORDER BY updated_at DESC, order_id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      params,
    );
    return {
      total: Number(counted?.n ?? 0),
      items: rows.map((row) => ({
        id: row.order_id,
        time: new Date(Number(row.updated_ms)).toISOString(),
        title: row.title,
        state: row.status,
        category: row.category_code,
      })),
    };
  }

  /**
   * The assessment's total row for orders of `scope` from `from` to now: 响应率, 解决率, 满意率, 按时办结率…
   * Replays each order's timeline (ticketing `assess`), so the figures match the 考核 report.
   */
  async assessment(window: DayWindow, scope: OrderScope, from: Date): Promise<AssessmentRow> {
    // Which orders count (from the current view), then each one's latest version from the log.
    const rows = await this.sql.query<{ latest: string }>(
      `SELECT argMax(state, version) AS latest FROM ${LOG}
       WHERE order_id IN (
         SELECT order_id FROM ${ORDERS} FINAL
         WHERE ${this.scopeSql(scope)} AND created_at < fromUnixTimestamp64Milli({nowMs:Int64})
           AND (updated_at >= fromUnixTimestamp64Milli({fromMs:Int64}) OR status NOT IN (${DONE_SQL})))
       GROUP BY order_id`,
      { ...this.params(window, scope), fromMs: from.getTime() },
    );
    const orders = rows.flatMap((row) => {
      try {
        return [JSON.parse(row.latest) as WorkOrder];
      } catch {
        return [];
      }
    });
    return assess(orders, { from, to: window.now }).total;
  }

  private scopeSql(scope: OrderScope): string {
    return 'grid' in scope ? IN_GRID : FROM_KINDS;
  }

  private params(window: DayWindow, scope: OrderScope): Record<string, unknown> {
    return {
      ...windowParams(window),
      kinds: 'grid' in scope ? [] : scope.kinds,
      sinceMs: window.now.getTime() - SOURCE_DAYS * 86_400_000,
    };
  }
}
