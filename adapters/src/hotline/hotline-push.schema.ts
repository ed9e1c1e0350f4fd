import { EVENT_TYPES, type CityEventInput, type Severity } from '@zhongshu/stream';
import { z } from 'zod';
import { HOTLINE_CATEGORIES, type HotlineChannel, type HotlineKind } from '../simulators/hotline.catalogue';

/**
 * What a 12345 hotline platform (政务服务便民热线平台) pushes: one 工单 per item, the whole record
 * again on every status change. English keys; the usual platform fields map like this:
 *
 * | ours           | platform field (typical)            | notes                                             |
 * |----------------|-------------------------------------|---------------------------------------------------|
 * | ticketNo       | 工单编号                             | unique per partner; part of the event id          |
 * | acceptedAt     | 受理时间                             | ISO 8601 with offset, or `YYYY-MM-DD HH:mm:ss` (Beijing time) |
 * | updatedAt      | 状态时间 / 更新时间                   | when `status` was reached; defaults to acceptedAt |
 * | channel        | 受理方式 / 来源渠道                   | phone/web/wechat/app/miniprogram or 电话/网站/微信/APP/小程序 |
 * | kind           | 诉求类型                             | consult/help/complaint/report/suggestion/praise or 咨询/求助/投诉/举报/建议/表扬 |
 * | categoryCode   | 问题分类编码                          | 6 digits, 3 levels (GB/T 39666 style)              |
 * | categoryName   | 问题分类                             | optional when the code is in our catalogue         |
 * | title          | 工单标题                             |                                                   |
 * | content        | 诉求内容                             |                                                   |
 * | address        | 事发地址                             |                                                   |
 * | lng, lat, crs  | 经度, 纬度, 坐标系                    | crs defaults to GCJ-02 (AMap/Tencent-based platforms); BD-09 for Baidu |
 * | areaCode       | 所属区县代码                          | optional GB/T 2260 county code                     |
 * | caller         | 来电人姓名, 联系电话                   | personal data                                      |
 * | needsHandling  | 是否需转办 (not 直接办结)              | true → a work order follows                        |
 * | urgency        | 紧急程度                             | normal/urgent/critical or 一般/紧急/特急            |
 * | status         | 工单状态                             | accepted/dispatched/in_progress/closed/overdue or 已受理/已派单/办理中/已办结/已超期 |
 */

function labelled<T extends string>(what: string, values: Record<string, T>) {
  return z
    .string()
    .describe(`${what}: ${Object.keys(values).join(', ')}`)
    .trim()
    .transform((value, context): T => {
      const found = values[value] ?? values[value.toLowerCase()];
      if (found === undefined) {
        context.addIssue({ code: 'custom', message: `unknown ${what} "${value}"` });
        return z.NEVER;
      }
      return found;
    });
}

export const HOTLINE_CHANNEL_LABELS: Record<string, HotlineChannel> = {
  phone: 'phone',
  web: 'web',
  wechat: 'wechat',
  app: 'app',
  miniprogram: 'miniprogram',
  电话: 'phone',
  网站: 'web',
  微信: 'wechat',
  小程序: 'miniprogram',
};

export const HOTLINE_KIND_LABELS: Record<string, HotlineKind> = {
  consult: 'consult',
  help: 'help',
  complaint: 'complaint',
  report: 'report',
  suggestion: 'suggestion',
  praise: 'praise',
  咨询: 'consult',
  求助: 'help',
  投诉: 'complaint',
  举报: 'report',
  建议: 'suggestion',
  表扬: 'praise',
};

export const HOTLINE_STATUSES = ['accepted', 'dispatched', 'in_progress', 'closed', 'overdue'] as const;
export type HotlineStatus = (typeof HOTLINE_STATUSES)[number];

export const HOTLINE_STATUS_LABELS: Record<string, HotlineStatus> = {
  accepted: 'accepted',
  dispatched: 'dispatched',
  in_progress: 'in_progress',
  closed: 'closed',
  overdue: 'overdue',
  已受理: 'accepted',
  已派单: 'dispatched',
  办理中: 'in_progress',
  已办结: 'closed',
  已超期: 'overdue',
};

/** Chinese label of each status, for people (and Open311 `status_notes`). */
export const HOTLINE_STATUS_NAMES: Record<HotlineStatus, string> = {
  accepted: '已受理',
  dispatched: '已派单',
  in_progress: '办理中',
  closed: '已办结',
  overdue: '已超期',
};

const URGENCY_LABELS: Record<string, 'normal' | 'urgent' | 'critical'> = {
  normal: 'normal',
  urgent: 'urgent',
  critical: 'critical',
  一般: 'normal',
  紧急: 'urgent',
  特急: 'critical',
};

const isoWithOffset = z.iso.datetime({ offset: true });
const BEIJING_LOCAL = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?$/;

/** ISO 8601 with an offset, or the `2026-11-21 09:15:32` most platforms send (Beijing time, UTC+8, no DST). */
export const platformTime = z
  .string()
  .describe('ISO 8601 with an offset, or "YYYY-MM-DD HH:mm:ss" in Beijing time')
  .trim()
  .transform((value, context) => {
    const iso = BEIJING_LOCAL.test(value) ? `${value.replace(' ', 'T')}+08:00` : value;
    if (!isoWithOffset.safeParse(iso).success || Number.isNaN(Date.parse(iso))) {
      context.addIssue({ code: 'custom', message: 'expected ISO 8601 with an offset or "YYYY-MM-DD HH:mm:ss"' });
      return z.NEVER;
    }
    return iso;
  });

const NUMBER = /^-?\d+(?:\.\d+)?$/;
/** Platforms send coordinates as numbers or as strings; both are accepted. */
const coordinate = (min: number, max: number) =>
  z
    .union([z.number(), z.string().trim().regex(NUMBER, 'expected a number').transform(Number)])
    .pipe(z.number().min(min).max(max));

const crs = z
  .string()
  .transform((value) => value.toUpperCase().replace(/[-_\s]/g, ''))
  .pipe(z.enum(['WGS84', 'GCJ02', 'BD09']));

const text = (max: number) => z.string().trim().min(1).max(max);
/** Platforms send `null` for an empty optional field; it means "absent". */
const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();

export const hotlinePush = z
  .object({
    ticketNo: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[^\s\p{Cc}]+$/u, 'no spaces or control characters'),
    acceptedAt: platformTime,
    updatedAt: optional(platformTime),
    channel: labelled('channel', HOTLINE_CHANNEL_LABELS),
    kind: labelled('kind', HOTLINE_KIND_LABELS),
    categoryCode: z.string().regex(/^\d{6}$/, 'a 6-digit category code'),
    categoryName: optional(text(64)),
    title: text(200),
    content: text(4000),
    address: text(256),
    lng: optional(coordinate(-180, 180)),
    lat: optional(coordinate(-90, 90)),
    crs: crs.default('GCJ02'),
    areaCode: optional(z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 area code')),
    caller: optional(
      z.object({
        name: optional(z.string().trim().max(64)),
        phone: optional(z.string().trim().max(32)),
      }),
    ),
    needsHandling: z.boolean(),
    urgency: labelled('urgency', URGENCY_LABELS).default('normal'),
    status: labelled('status', HOTLINE_STATUS_LABELS).default('accepted'),
  })
  .superRefine((push, context) => {
    if ((push.lng === undefined) !== (push.lat === undefined)) {
      context.addIssue({ code: 'custom', path: ['lng'], message: 'lng and lat come together or not at all' });
    }
  });

export type HotlinePush = z.infer<typeof hotlinePush>;
export type HotlinePushInput = z.input<typeof hotlinePush>;
export type HotlineTicketEvent = Extract<CityEventInput, { type: typeof EVENT_TYPES.hotlineTicket }>;

/**
 * Deterministic: a redelivered push is the same event (stored once), a status change is a new one.
 * `partnerId` has no `:`, `status` neither, so the id splits back unambiguously.
 */
export function hotlineEventId(partnerId: string, ticketNo: string, status: HotlineStatus): string {
  return `hotline:${partnerId}:${ticketNo}:${status}`;
}

const categoryByCode = new Map(HOTLINE_CATEGORIES.map((category) => [category.code, category]));

/** One validated push → a `cn.zhongshu.hotline.ticket.v1` event from `/hotline/{partnerId}`. */
export function toCityEvent(push: HotlinePush, partnerId: string): HotlineTicketEvent {
  const category = categoryByCode.get(push.categoryCode);
  // 0,0 is how many platforms say "not located"; it is in the Gulf of Guinea, never a Chinese city.
  const location =
    push.lng !== undefined && push.lat !== undefined && !(push.lng === 0 && push.lat === 0)
      ? { lng: push.lng, lat: push.lat, crs: push.crs }
      : undefined;
  const severity: Severity =
    push.urgency === 'critical' ? 'critical' : push.urgency === 'urgent' ? 'major' : (category?.severity ?? 'info');
  const caller =
    push.caller && (push.caller.name || push.caller.phone)
      ? {
          ...(push.caller.name ? { name: push.caller.name } : {}),
          ...(push.caller.phone ? { phone: push.caller.phone } : {}),
        }
      : undefined;
  return {
    specversion: '1.0',
    id: hotlineEventId(partnerId, push.ticketNo, push.status),
    source: `/hotline/${partnerId}`,
    type: EVENT_TYPES.hotlineTicket,
    time: push.updatedAt ?? push.acceptedAt,
    subject: push.ticketNo,
    datacontenttype: 'application/json',
    ...(push.areaCode ? { region: { code: push.areaCode } } : {}),
    ...(location ? { location } : {}),
    severity,
    category: push.categoryCode,
    data: {
      ticketNo: push.ticketNo,
      channel: push.channel,
      kind: push.kind,
      categoryCode: push.categoryCode,
      categoryName: push.categoryName ?? category?.path.join('/') ?? push.categoryCode,
      title: push.title,
      content: push.content,
      address: push.address,
      ...(caller ? { caller } : {}),
      needsHandling: push.needsHandling,
      status: push.status,
    },
  };
}
