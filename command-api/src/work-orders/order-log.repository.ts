import { createHash } from 'node:crypto';
import { toClickHouseTime } from '@zhongshu/stream';
import type { DomainEvent, WorkOrder } from '@zhongshu/ticketing';
import type { SqlClient } from '../warehouse/sql-client';
import { departmentsOf, FINISHED_STATUSES } from './order-summary';
import type { OrderScope } from './order-visibility';

/** One order version on its way to the log: the order after it (sealed) and the events of the decision. */
export interface LogEntry {
  order: WorkOrder;
  sealed: string;
  events: DomainEvent[];
}

export interface StoredState {
  id: string;
  version: number;
  state: string;
}

export interface OrderListFilter {
  status?: string[];
  kind?: 'single' | 'joint';
  categoryPrefix?: string;
  urgency?: string;
  townCode?: string;
  department?: string;
  /** Past the deadline and not yet delivered. */
  overdue?: boolean;
  text?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

const ms = (iso: string | undefined) => (iso ? toClickHouseTime(new Date(iso)) : null);

function toRow({ order, sealed, events }: LogEntry): string {
  const own = events.filter((event) => event.orderId === order.id && event.version === order.version);
  const first = own[0] ?? events[0];
  const last = order.timeline.at(-1);
  return JSON.stringify({
    order_id: order.id,
    version: order.version,
    at: ms(first?.at ?? last?.at ?? order.createdAt),
    action: first?.action ?? last?.action ?? 'create',
    actor_id: first?.actor.userId ?? '',
    actor_role: first?.actor.role ?? '',
    from_status: first?.from ?? '',
    to_status: order.status,
    kind: order.kind,
    category_code: order.categoryCode,
    urgency: order.urgency,
    region_code: order.regionCode,
    town_code: order.townCode ?? '',
    owner_department: order.ownerDepartment ?? '',
    departments: departmentsOf(order),
    created_at: ms(order.createdAt),
    due_by: ms(order.deadlines.dueBy),
    title: order.title,
    events: JSON.stringify(own.length > 0 ? own : events),
    state: sealed,
  });
}

/** Ids per look-up query: the log is sorted by order id, so each chunk is a handful of index seeks. */
const ID_CHUNK = 1_000;
const FINISHED = FINISHED_STATUSES.map((s) => `'${s}'`).join(', ');
const UNDELIVERED = "('accepted', 'dispatched', 'handling', 'suspended')";

/**
 * The durable order log and its latest-version table in ClickHouse SQL (chDB or a server). The order
 * itself is stored once, in the log; the latest-version table holds only what lists filter on, and the
 * orders a query selects are then read from the log by (order_id, version). Every value is a bound
 * parameter; times go in as ClickHouse DateTime64 strings in UTC or epoch milliseconds.
 */
export class OrderLogRepository {
  constructor(private readonly sql: SqlClient) {}

  /** One insert; the token makes a retried insert of the same versions a no-op. */
  async append(entries: readonly LogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const token = createHash('sha1')
      .update(entries.map((e) => `${e.order.id}@${e.order.version}`).join('\n'))
      .digest('hex');
    await this.sql.insertJsonEachRow('work_order_log', entries.map(toRow).join('\n'), {
      insert_deduplication_token: token,
    });
  }

  /** The latest logged version of each of these orders (those the log has). */
  async current(ids: readonly string[]): Promise<StoredState[]> {
    const found: StoredState[] = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const rows = await this.sql.query<{ id: string; latest: number; state: string }>(
        `SELECT order_id AS id, max(version) AS latest, argMax(state, version) AS state FROM work_order_log
         WHERE order_id IN {ids:Array(String)} GROUP BY order_id`,
        { ids: ids.slice(i, i + ID_CHUNK) },
      );
      found.push(...rows.map((row) => ({ id: row.id, version: Number(row.latest), state: row.state })));
    }
    return found;
  }

  /** Ids of these that the log already holds (any version). */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.sql.query<{ id: string }>(
      'SELECT DISTINCT order_id AS id FROM work_orders_current WHERE order_id IN {ids:Array(String)}',
      { ids },
    );
    return new Set(rows.map((row) => row.id));
  }

  /** What hot state holds after a rebuild: every unfinished order and those finished since `finishedSince`. */
  async forHotState(finishedSince: Date): Promise<StoredState[]> {
    const ids = await this.ids(
      `WHERE status NOT IN (${FINISHED}) OR updated_at >= fromUnixTimestamp64Milli({since:Int64})`,
      { since: finishedSince.getTime() },
    );
    return this.current(ids);
  }

  /** Orders with something to count in [from, to): active in the period, or still undelivered at its end. */
  async forAssessment(from: Date, to: Date): Promise<string[]> {
    const ids = await this.ids(
      `WHERE created_at < fromUnixTimestamp64Milli({to:Int64})
         AND (updated_at >= fromUnixTimestamp64Milli({from:Int64}) OR status IN ${UNDELIVERED})`,
      { from: from.getTime(), to: to.getTime() },
    );
    return (await this.current(ids)).map((row) => row.state);
  }

  async list(filter: OrderListFilter, scope: OrderScope, now: Date): Promise<{ total: number; states: string[] }> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset, now: now.getTime() };
    if (scope.kind === 'town') {
      where.push('town_code = {scopeTown:String}');
      params.scopeTown = scope.townCode;
    } else if (scope.kind === 'unit') {
      where.push('has(departments, {scopeUnit:String})');
      params.scopeUnit = scope.department;
    }
    if (filter.status?.length) {
      where.push('status IN {status:Array(String)}');
      params.status = filter.status;
    }
    if (filter.kind) {
      where.push('kind = {kind:String}');
      params.kind = filter.kind;
    }
    if (filter.categoryPrefix) {
      where.push('startsWith(category_code, {category:String})');
      params.category = filter.categoryPrefix;
    }
    if (filter.urgency) {
      where.push('urgency = {urgency:String}');
      params.urgency = filter.urgency;
    }
    if (filter.townCode) {
      where.push('town_code = {town:String}');
      params.town = filter.townCode;
    }
    if (filter.department) {
      where.push('has(departments, {department:String})');
      params.department = filter.department;
    }
    if (filter.overdue !== undefined) {
      const late = `(status IN ${UNDELIVERED} AND due_by IS NOT NULL AND due_by < fromUnixTimestamp64Milli({now:Int64}))`;
      where.push(filter.overdue ? late : `NOT ${late}`);
    }
    if (filter.text) {
      where.push('positionCaseInsensitiveUTF8(title, {text:String}) > 0');
      params.text = filter.text;
    }
    if (filter.from) {
      where.push('created_at >= fromUnixTimestamp64Milli({from:Int64})');
      params.from = filter.from.getTime();
    }
    if (filter.to) {
      where.push('created_at < fromUnixTimestamp64Milli({to:Int64})');
      params.to = filter.to.getTime();
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.sql.query<{ total: string }>(
      `SELECT count() AS total FROM work_orders_current FINAL ${clause}`,
      params,
    );
    const page = await this.sql.query<{ id: string }>(
      `SELECT order_id AS id FROM work_orders_current FINAL ${clause}
       ORDER BY updated_at DESC, order_id DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      params,
    );
    const states = new Map((await this.current(page.map((row) => row.id))).map((row) => [row.id, row.state]));
    return { total: Number(count?.total ?? 0), states: page.flatMap((row) => states.get(row.id) ?? []) };
  }

  private async ids(where: string, params: Record<string, unknown>): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT order_id AS id FROM work_orders_current FINAL ${where}`,
      params,
    );
    return rows.map((row) => row.id);
  }
}
