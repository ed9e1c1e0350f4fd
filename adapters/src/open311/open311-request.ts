import { createHash, randomBytes } from 'node:crypto';
import { EVENT_TYPES } from '@zhongshu/stream';
import { z } from 'zod';
import type { HotlineStatus, HotlineTicketEvent } from '../hotline/hotline-push.schema';
import { formatCityTime } from '../simulators/city-time';
import { Open311Error, open311BadRequest, open311NotFound } from './open311-errors';
import { dominantKind, findOpen311Category } from './open311-services';

/** CloudEvents `source` of every event filed through Open311: `store.query({ source: OPEN311_SOURCE })`. */
export const OPEN311_SOURCE = '/open311';

/**
 * A POST body (`application/x-www-form-urlencoded`, UTF-8) as name → value. Per the spec an empty
 * parameter is the same as an absent one; a repeated one keeps its first value. `attribute[…]`
 * pairs are ignored: none of our services has attributes (`metadata: false`).
 */
export function parseOpen311Form(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    if (value.length === 0 || name in fields || name.startsWith('attribute[')) continue;
    fields[name] = value;
  }
  return fields;
}

/** `api_key=…` replaced, so a dead letter never keeps a credential. */
export function redactOpen311ApiKey(formBody: string): string {
  return formBody.replace(/(^|&)(api_key=)[^&]*/g, '$1$2[redacted]');
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const coordinate = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(NUMBER, `${name} must be a decimal number (WGS-84 degrees)`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} out of range`).max(max, `${name} out of range`))
    .optional();
const field = (max: number) => z.string().trim().min(1).max(max).optional();

/** The spec's POST arguments with our limits; `api_key` and `jurisdiction_id` are checked elsewhere. */
export const open311RequestForm = z
  .object({
    service_code: z
      .string({ error: 'service_code was not provided' })
      .regex(/^\d{6}$/, 'service_code must be 6 digits'),
    lat: coordinate('lat', -90, 90),
    long: coordinate('long', -180, 180),
    address_string: field(256),
    address_id: field(64),
    email: z.email('email is not a valid address').max(254).optional(),
    device_id: field(128),
    account_id: field(128),
    first_name: field(32),
    last_name: field(32),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[\d\s()-]{3,32}$/, 'phone must be 3-32 digits, spaces, "+", "-" or parentheses')
      .optional(),
    description: z.string().trim().min(1).max(4000, 'description is limited to 4,000 characters').optional(),
    media_url: z
      .url({ protocol: /^https?$/, error: 'media_url must be an http(s) URL' })
      .max(1024)
      .optional(),
  })
  .superRefine((form, context) => {
    if ((form.lat === undefined) !== (form.long === undefined)) {
      context.addIssue({ code: 'custom', path: ['lat'], message: 'lat and long both need to be sent' });
    }
    if (form.lat === undefined && form.address_string === undefined && form.address_id === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['lat'],
        message: 'a location is required: lat & long, address_string or address_id',
      });
    }
  });

export type Open311RequestForm = z.infer<typeof open311RequestForm>;

/** Validates a parsed form; an unknown service_code is a 404 as the spec says, the rest 400. */
export function validateOpen311Request(fields: Record<string, string>): Open311RequestForm {
  const parsed = open311RequestForm.safeParse(fields);
  if (!parsed.success) {
    throw open311BadRequest(parsed.error.issues.slice(0, 10).map((issue) => issueText(issue)));
  }
  if (!findOpen311Category(parsed.data.service_code)) {
    throw open311NotFound(`service_code ${parsed.data.service_code} was not found`);
  }
  return parsed.data;
}

function issueText(issue: z.core.$ZodIssue): string {
  const name = issue.path.join('.');
  return issue.message.startsWith(name) || name.length === 0 ? issue.message : `${name}: ${issue.message}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function base32(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

const REQUEST_ID_PREFIX = 'ZS311-';

/** A fresh `service_request_id`: `ZS311-` + 16 Crockford base-32 characters (80 random bits). */
export function newServiceRequestId(): string {
  return REQUEST_ID_PREFIX + base32(randomBytes(10), 16);
}

/**
 * The same (api_key, Idempotency-Key) always gives the same `service_request_id`, so a client's
 * retry files nothing new: its event id repeats and the pipeline answers `duplicate`. Scoped by
 * api_key so two clients' keys never collide; the id reveals neither.
 */
export function idempotentServiceRequestId(apiKey: string, idempotencyKey: string): string {
  const hash = createHash('sha256').update(`open311\n${apiKey}\n${idempotencyKey}`, 'utf8').digest();
  return REQUEST_ID_PREFIX + base32(hash, 16);
}

/** `Idempotency-Key` header: 1–255 printable ASCII characters. */
export function checkOpen311IdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[\x20-\x7e]{1,255}$/.test(value) || value.trim().length === 0) {
    throw open311BadRequest('Idempotency-Key must be 1-255 printable ASCII characters');
  }
  return value;
}

export function open311EventId(serviceRequestId: string, status: HotlineStatus): string {
  return `open311:${serviceRequestId}:${status}`;
}

/**
 * Fields the v1 ticket payload has no place for travel as marked last lines of `content`, so an
 * operator sees them on the ticket and the read-back can return them. `email`, `device_id` and
 * `account_id` are not stored (personal data with no field in the contract).
 */
const TRAILER = /^\[open311\] (address_id|media_url): (.+)$/;

/** Everything `content` can carry: the description and the trailers. */
const CONTENT_LIMIT = 4000;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function callerName(form: Open311RequestForm): string | undefined {
  const { first_name: first, last_name: last } = form;
  if (!first && !last) return undefined;
  // 王 + 小明 → 王小明; John + Smith → John Smith.
  const cjk = /[\u3400-\u9fff]/u.test(`${first ?? ''}${last ?? ''}`);
  return cjk ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ');
}

/**
 * A validated Open311 POST → the hotline ticket event it becomes (status `accepted`). `placeName`
 * (e.g. 海口市秀英区秀英街道, from the map) names a request sent with only lat/long.
 */
export function open311RequestToCityEvent(
  form: Open311RequestForm,
  serviceRequestId: string,
  receivedAt: Date,
  placeName?: string,
): HotlineTicketEvent {
  const category = findOpen311Category(form.service_code);
  if (!category) throw open311NotFound(`service_code ${form.service_code} was not found`);
  const serviceName = category.path[2];
  const trailers = [
    form.address_id ? `[open311] address_id: ${form.address_id}` : undefined,
    form.media_url ? `[open311] media_url: ${form.media_url}` : undefined,
  ].filter((line): line is string => line !== undefined);
  const room = CONTENT_LIMIT - trailers.reduce((sum, line) => sum + line.length + 1, 0);
  const description = truncate(form.description ?? serviceName, room);
  const firstLine = description.split('\n')[0].trim();
  const location =
    form.lat !== undefined && form.long !== undefined
      ? { lng: form.long, lat: form.lat, crs: 'WGS84' as const }
      : undefined;
  const position = `经纬度 ${form.lat?.toFixed(6) ?? '?'},${form.long?.toFixed(6) ?? '?'}`;
  const address =
    form.address_string ??
    (form.address_id
      ? `地址编号 ${form.address_id}`
      : placeName
        ? `${placeName}（${position}）`
        : `${position} (WGS-84)`);
  const name = callerName(form);
  const caller =
    name || form.phone ? { ...(name ? { name } : {}), ...(form.phone ? { phone: form.phone } : {}) } : undefined;
  const status: HotlineStatus = 'accepted';
  return {
    specversion: '1.0',
    id: open311EventId(serviceRequestId, status),
    source: OPEN311_SOURCE,
    type: EVENT_TYPES.hotlineTicket,
    time: formatCityTime(receivedAt),
    subject: serviceRequestId,
    datacontenttype: 'application/json',
    ...(location ? { location } : {}),
    severity: category.severity ?? 'info',
    category: category.code,
    data: {
      ticketNo: serviceRequestId,
      channel: form.device_id ? 'app' : 'web',
      kind: dominantKind(category),
      categoryCode: category.code,
      categoryName: category.path.join('/'),
      title: truncate(firstLine && firstLine !== serviceName ? `${serviceName}：${firstLine}` : serviceName, 60),
      content: [description, ...trailers].join('\n'),
      address: truncate(address, 256),
      ...(caller ? { caller } : {}),
      needsHandling: true,
      status,
    },
  };
}

/** Splits `content` back into the citizen's description and the trailer fields. */
export function splitOpen311Content(content: string): { description: string; address_id?: string; media_url?: string } {
  const lines = content.split('\n');
  const found: { address_id?: string; media_url?: string } = {};
  while (lines.length > 1) {
    const match = TRAILER.exec(lines[lines.length - 1]);
    if (!match) break;
    found[match[1] as 'address_id' | 'media_url'] = match[2];
    lines.pop();
  }
  return { description: lines.join('\n'), ...found };
}

/** The pipeline refused the event we built (a contract limit we did not check first). */
export function open311RejectedByPipeline(reason: string | undefined): Open311Error {
  return open311BadRequest(`the request could not be filed: ${reason ?? 'invalid'}`);
}
