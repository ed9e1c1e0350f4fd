import { EVENT_TYPES, type CityEvent, type Location } from '@zhongshu/stream';
import { HOTLINE_STATUS_NAMES, type HotlineStatus } from '../hotline/hotline-push.schema';
import { open311BadRequest } from './open311-errors';
import { splitOpen311Content } from './open311-request';
import { findOpen311Category } from './open311-services';

/** GET requests / GET requests/{id}: the spec's service request, every field present (null when unknown). */
export interface Open311RequestRecord {
  service_request_id: string;
  status: Open311Status;
  /** The ticket's own status in words (已受理, 已派单, 办理中, 已办结, 已超期). */
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];

/** Open until a later event closes it: only a `closed` ticket is closed (overdue is still open). */
export function open311Status(status: HotlineStatus): Open311Status {
  return status === 'closed' ? 'closed' : 'open';
}

/** Later in the lifecycle wins when two events carry the same time. */
const STATUS_RANK: Record<HotlineStatus, number> = {
  accepted: 0,
  dispatched: 1,
  in_progress: 2,
  overdue: 3,
  closed: 4,
};

type TicketEvent = Extract<CityEvent, { type: typeof EVENT_TYPES.hotlineTicket }>;

function isTicket(event: CityEvent): event is TicketEvent {
  return event.type === EVENT_TYPES.hotlineTicket;
}

/** The spec's w3 datetime: whole seconds, offset kept (`2026-11-21T09:15:03+08:00`). */
export function w3Time(iso: string): string {
  return iso.replace(/\.\d+(?=Z$|[+-]\d{2}:\d{2}$)/, '');
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The events of one request (its `accepted` event and any later status events), in any order →
 * the Open311 record: what was filed comes from the first, status and update time from the latest.
 */
export function toOpen311Record(
  events: readonly CityEvent[],
  toWgs84?: (location: Location) => { lng: number; lat: number },
): Open311RequestRecord | undefined {
  const tickets = events.filter(isTicket);
  if (tickets.length === 0) return undefined;
  const byAge = [...tickets].sort(
    (a, b) => Date.parse(a.time) - Date.parse(b.time) || STATUS_RANK[a.data.status] - STATUS_RANK[b.data.status],
  );
  const filed = tickets.find((event) => event.data.status === 'accepted') ?? byAge[0];
  const latest = byAge[byAge.length - 1];
  const { data } = filed;
  const content = splitOpen311Content(data.content);
  const category = findOpen311Category(data.categoryCode);
  const point = filed.location
    ? filed.location.crs === 'WGS84'
      ? filed.location
      : toWgs84?.(filed.location)
    : undefined;
  return {
    service_request_id: data.ticketNo,
    status: open311Status(latest.data.status),
    status_notes: HOTLINE_STATUS_NAMES[latest.data.status],
    service_name: category?.path[2] ?? data.categoryName.split('/').pop() ?? data.categoryName,
    service_code: data.categoryCode,
    description: content.description,
    agency_responsible: null,
    service_notice: null,
    requested_datetime: w3Time(filed.time),
    updated_datetime: w3Time(latest.time),
    expected_datetime: null,
    address: data.address,
    address_id: content.address_id ?? null,
    zipcode: null,
    lat: point ? round6(point.lat) : null,
    long: point ? round6(point.lng) : null,
    media_url: content.media_url ?? null,
  };
}

/** Groups events by the request they belong to (`data.ticketNo`), keeping only ticket events. */
export function groupOpen311Events(events: readonly CityEvent[]): Map<string, CityEvent[]> {
  const groups = new Map<string, CityEvent[]>();
  for (const event of events) {
    if (!isTicket(event)) continue;
    const list = groups.get(event.data.ticketNo) ?? [];
    list.push(event);
    groups.set(event.data.ticketNo, list);
  }
  return groups;
}

export const OPEN311_MAX_SPAN_DAYS = 90;
export const OPEN311_MAX_PAGE_SIZE = 1000;
const DAY_MS = 24 * 3600 * 1000;

export interface Open311ListQuery {
  /** When given, overrides every other filter (the spec). */
  serviceRequestIds?: string[];
  serviceCodes?: string[];
  statuses?: Open311Status[];
  /** `requested_datetime` window, inclusive; at most 90 days. */
  start: Date;
  end: Date;
  /** 1-based (the common `page`/`page_size` extension). */
  page: number;
  pageSize: number;
}

/** `a,b` and repeated `?x=a&x=b` both mean the list [a, b]. */
function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value])
    .filter((part): part is string => typeof part === 'string')
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  return parts.length > 0 ? parts : undefined;
}

const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function date(name: string, value: unknown, problems: string[]): Date | undefined {
  const [text, ...more] = list(value) ?? [];
  if (text === undefined) return undefined;
  const parsed = Date.parse(text);
  if (more.length > 0 || !W3_DATETIME.test(text) || Number.isNaN(parsed)) {
    problems.push(`${name} must be a w3 datetime with a time zone, e.g. 2026-11-01T00:00:00+08:00`);
    return undefined;
  }
  return new Date(parsed);
}

function positiveInt(name: string, value: unknown, fallback: number, max: number, problems: string[]): number {
  const [text, ...more] = list(value) ?? [];
  if (text === undefined) return fallback;
  const number = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (more.length > 0 || !(number >= 1 && number <= max)) {
    problems.push(`${name} must be an integer from 1 to ${max}`);
    return fallback;
  }
  return number;
}

/**
 * GET requests' arguments: `service_request_id`, `service_code`, `start_date`, `end_date`,
 * `status` (the spec) and `page`/`page_size`. Unknown arguments (`jurisdiction_id`, `api_key`,
 * `extensions`…) are ignored. Throws a 400 `Open311Error` listing every problem.
 */
export function parseOpen311ListQuery(raw: Readonly<Record<string, unknown>>, now: Date): Open311ListQuery {
  const problems: string[] = [];
  const serviceRequestIds = list(raw.service_request_id);
  if (serviceRequestIds && serviceRequestIds.length > OPEN311_MAX_PAGE_SIZE) {
    problems.push(`at most ${OPEN311_MAX_PAGE_SIZE} service_request_id values`);
  }
  const serviceCodes = list(raw.service_code);
  if (serviceCodes?.some((code) => !/^\d{6}$/.test(code))) problems.push('service_code must be 6-digit codes');
  const statuses = list(raw.status);
  if (statuses?.some((status) => !(OPEN311_STATUSES as readonly string[]).includes(status))) {
    problems.push('status must be open or closed');
  }
  const startDate = date('start_date', raw.start_date, problems);
  const endDate = date('end_date', raw.end_date, problems);
  const span = OPEN311_MAX_SPAN_DAYS * DAY_MS;
  const end = endDate ?? (startDate ? new Date(startDate.getTime() + span) : now);
  const start = startDate ?? new Date(end.getTime() - span);
  if (end.getTime() < start.getTime()) problems.push('end_date is before start_date');
  else if (end.getTime() - start.getTime() > span) {
    problems.push(`start_date and end_date may not span more than ${OPEN311_MAX_SPAN_DAYS} days`);
  }
  const page = positiveInt('page', raw.page, 1, 1_000_000, problems);
  const pageSize = positiveInt('page_size', raw.page_size, OPEN311_MAX_PAGE_SIZE, OPEN311_MAX_PAGE_SIZE, problems);
  if (problems.length > 0) throw open311BadRequest(problems);
  return {
    ...(serviceRequestIds ? { serviceRequestIds } : {}),
    ...(serviceCodes ? { serviceCodes } : {}),
    ...(statuses ? { statuses: statuses as Open311Status[] } : {}),
    start,
    end,
    page,
    pageSize,
  };
}

/** Whether a record passes the query's filters (not the id list, which overrides them). */
export function matchesOpen311Query(record: Open311RequestRecord, query: Open311ListQuery): boolean {
  const requested = Date.parse(record.requested_datetime);
  if (requested < query.start.getTime() || requested > query.end.getTime()) return false;
  if (query.serviceCodes && !query.serviceCodes.includes(record.service_code)) return false;
  if (query.statuses && !query.statuses.includes(record.status)) return false;
  return true;
}

/**
 * GET requests over a scan of `/open311` events (newest first, from `start` on, so later status
 * events are in it): one record per request filed inside the window, filtered, newest first, paged.
 * A request whose filing event is not in the scan (filed before `start`) is left out.
 */
export function selectOpen311Records(
  events: readonly CityEvent[],
  query: Open311ListQuery,
  toWgs84?: (location: Location) => { lng: number; lat: number },
): Open311RequestRecord[] {
  const found: Array<{ record: Open311RequestRecord; filedAt: number }> = [];
  for (const group of groupOpen311Events(events).values()) {
    const filed = group.find((event) => isTicket(event) && event.data.status === 'accepted');
    if (!filed) continue;
    const record = toOpen311Record(group, toWgs84);
    if (record && matchesOpen311Query(record, query)) found.push({ record, filedAt: Date.parse(filed.time) });
  }
  // Newest first by the filing instant (milliseconds; requested_datetime shows whole seconds).
  found.sort((a, b) => b.filedAt - a.filedAt || b.record.service_request_id.localeCompare(a.record.service_request_id));
  const records = found.map(({ record }) => record);
  const first = (query.page - 1) * query.pageSize;
  return records.slice(first, first + query.pageSize);
}
