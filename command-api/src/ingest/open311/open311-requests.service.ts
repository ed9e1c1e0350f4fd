import type { FactoryProvider } from '@nestjs/common';
import {
  AdapterCounters,
  HOTLINE_STATUSES,
  type Adapter,
  OPEN311_SERVICES,
  OPEN311_SOURCE,
  Open311Error,
  checkOpen311IdempotencyKey,
  idempotentServiceRequestId,
  isValidOpen311ApiKey,
  newServiceRequestId,
  open311BadRequest,
  open311EventId,
  open311Forbidden,
  open311NotFound,
  open311RejectedByPipeline,
  open311RequestToCityEvent,
  open311ServiceDefinition,
  parseOpen311Form,
  parseOpen311ListQuery,
  redactOpen311ApiKey,
  selectOpen311Records,
  toOpen311Record,
  validateOpen311Request,
  type Open311Receipt,
  type Open311RequestRecord,
  type Open311ServiceRecord,
} from '@zhongshu/adapters';
import { EVENT_TYPES, type CityEvent, type DeadLetter, type ItemResult, type Location } from '@zhongshu/stream';
import { RUNTIME, type Runtime } from '../../runtime';
import { OPEN311_OPTIONS, type Open311Options } from './open311.options';
import type { RawBody } from './raw-body';

export const OPEN311_ORIGIN = 'http:/open311/v2/requests';
/** Enough for every field at its limit, percent-encoded. */
export const OPEN311_MAX_BODY_BYTES = 128 * 1024;
/** Events one GET requests reads (newest first); a district's Open311 volume over 90 days is far below. */
const SCAN_LIMIT = 20_000;
const SERVICE_NOTICE = '已受理，将转交责任单位办理，可凭 service_request_id 查询办理进度。';
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface Open311Filed {
  receipt: Open311Receipt;
  /** The same Idempotency-Key again: nothing new was filed. */
  replayed: boolean;
}

/**
 * GeoReport v2 over our hotline tickets: services from the ticket catalogue, requests filed as
 * hotline events from `/open311`, read back (with their latest status) from the warehouse.
 */
export class Open311RequestsService implements Adapter {
  readonly counters = new AdapterCounters('open311');

  constructor(
    private readonly runtime: Runtime,
    private readonly options: Open311Options,
  ) {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /**
   * A refused POST is not replayed: its client was told it failed and never got a
   * service_request_id, so filing it now would make a request nobody can follow. It resubmits.
   */
  async replay(_letter: DeadLetter): Promise<ItemResult[]> {
    return [
      {
        index: 0,
        status: 'rejected',
        reason:
          'a refused Open311 request is not replayed: its client never got a service_request_id and submits again',
      },
    ];
  }

  services(): readonly Open311ServiceRecord[] {
    return OPEN311_SERVICES;
  }

  definition(serviceCode: string): string {
    if (!open311ServiceDefinition(serviceCode)) throw open311NotFound(`service_code ${serviceCode} was not found`);
    return serviceCode;
  }

  async create(
    body: RawBody,
    contentType: string | undefined,
    idempotencyKey: string | undefined,
    now = new Date(),
  ): Promise<Open311Filed> {
    const ticket = this.counters.receive();
    const results: ItemResult[] = [];
    const text = decodeUtf8(body.bytes);
    try {
      if (body.tooLarge) throw new Open311Error(413, `the request body is over ${OPEN311_MAX_BODY_BYTES} bytes`);
      if (text === undefined) throw open311BadRequest('the request body is not UTF-8');
      if (contentType !== undefined && !/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
        throw open311BadRequest('POST requests must be application/x-www-form-urlencoded');
      }
      const fields = parseOpen311Form(text);
      const apiKey = fields.api_key;
      if (!apiKey || !isValidOpen311ApiKey(apiKey, this.options.apiKeys)) {
        throw open311Forbidden(
          apiKey ? "Invalid api_key received -- can't proceed with create_request." : 'api_key was not provided',
        );
      }
      const key = checkOpen311IdempotencyKey(idempotencyKey);
      const form = validateOpen311Request(fields);
      const serviceRequestId = key ? idempotentServiceRequestId(apiKey, key) : newServiceRequestId();
      const receipt: Open311Receipt = {
        service_request_id: serviceRequestId,
        service_notice: SERVICE_NOTICE,
        account_id: form.account_id ?? null,
      };
      // A retry after the pipeline's dedupe window (24 h) is still recognised: the filing event is a point lookup.
      if (key && (await this.runtime.store.getById(open311EventId(serviceRequestId, 'accepted')))) {
        results.push({ index: 0, id: open311EventId(serviceRequestId, 'accepted'), status: 'duplicate' });
        return { receipt, replayed: true };
      }
      const event = open311RequestToCityEvent(form, serviceRequestId, now, this.placeName(form.long, form.lat));
      // Past this point the pipeline dead-letters what it refuses; a BackpressureError becomes 503.
      const [result] = await this.runtime.pipeline.submit([event], OPEN311_ORIGIN);
      results.push(result);
      if (result.status === 'rejected') throw open311RejectedByPipeline(result.reason);
      return { receipt, replayed: result.status === 'duplicate' };
    } catch (error) {
      if (error instanceof Open311Error && results.length === 0) {
        const raw = text === undefined ? body.bytes : redactOpen311ApiKey(text);
        await this.runtime.pipeline.deadLetter(
          raw,
          `open311 POST refused (${error.status}): ${error.message}`,
          OPEN311_ORIGIN,
        );
        this.counters.reject();
      }
      throw error;
    } finally {
      this.counters.done(ticket, results);
    }
  }

  async get(serviceRequestId: string): Promise<Open311RequestRecord> {
    const record = await this.find(serviceRequestId);
    if (!record) throw open311NotFound(`service_request_id ${serviceRequestId} was not found`);
    return record;
  }

  async list(rawQuery: Readonly<Record<string, unknown>>, now = new Date()): Promise<Open311RequestRecord[]> {
    const query = parseOpen311ListQuery(rawQuery, now);
    if (query.serviceRequestIds) {
      // The spec: a list of ids overrides every other argument.
      const found = await Promise.all(query.serviceRequestIds.map((id) => this.find(id)));
      return found.filter((record): record is Open311RequestRecord => record !== undefined);
    }
    const events = await this.runtime.store.query({
      source: OPEN311_SOURCE,
      type: EVENT_TYPES.hotlineTicket,
      category: query.serviceCodes?.length === 1 ? query.serviceCodes[0] : undefined,
      from: query.start,
      limit: SCAN_LIMIT,
    });
    if (events.length === SCAN_LIMIT) {
      console.warn(`open311: GET requests read the newest ${SCAN_LIMIT} events only; narrow start_date/end_date`);
    }
    return selectOpen311Records(events, query, this.toWgs84);
  }

  /** Every status of a request has its own deterministic id, so its events are point lookups. */
  private async find(serviceRequestId: string): Promise<Open311RequestRecord | undefined> {
    if (!/^[\x21-\x7e]{1,64}$/.test(serviceRequestId)) return undefined;
    const events = await Promise.all(
      HOTLINE_STATUSES.map((status) => this.runtime.store.getById(open311EventId(serviceRequestId, status))),
    );
    const found = events.filter((event): event is CityEvent => event !== undefined && event.source === OPEN311_SOURCE);
    return found.length > 0 ? toOpen311Record(found, this.toWgs84) : undefined;
  }

  private readonly toWgs84 = (location: Location) => this.runtime.gis.toWgs84(location);

  /** 海口市秀英区秀英街道 for a WGS-84 point inside the district: a readable address for lat/long-only requests. */
  private placeName(lng: number | undefined, lat: number | undefined): string | undefined {
    if (lng === undefined || lat === undefined) return undefined;
    const { gis } = this.runtime;
    const region = gis.regionAt(lng, lat);
    return region ? `${gis.config.city.name}${region.name}${region.town?.name ?? ''}` : undefined;
  }
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Register this (not the class): counters in /api/health and /metrics, replays refused with a reason. */
export const open311RequestsProvider: FactoryProvider<Open311RequestsService> = {
  provide: Open311RequestsService,
  inject: [RUNTIME, OPEN311_OPTIONS],
  useFactory: (runtime: Runtime, options: Open311Options) => {
    const service = new Open311RequestsService(runtime, options);
    runtime.adapters.push(service);
    runtime.replayers.push({ originPrefix: OPEN311_ORIGIN, replay: (letter) => service.replay(letter) });
    return service;
  },
};
