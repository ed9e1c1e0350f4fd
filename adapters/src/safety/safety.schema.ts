import { safetyAlarmPayload } from '@zhongshu/stream';
import { z } from 'zod';
import { bothOrNeither, labelled, platformTime, pointFields, text } from '../urban/push-kit';

export const SAFETY_ALARM_STATUSES = ['raised', 'acknowledged', 'cleared'] as const;
export const SAFETY_ALARM_TYPES = safetyAlarmPayload.shape.alarmType.options;

export const SAFETY_ALARM_TYPE_LABELS: Readonly<Record<string, (typeof SAFETY_ALARM_TYPES)[number]>> = {
  视频AI: 'video_ai',
  视频智能分析: 'video_ai',
  消防: 'fire',
  火警: 'fire',
  燃气: 'gas',
  矛盾纠纷: 'dispute',
  交通: 'traffic',
  治安: 'public_order',
};

export const SAFETY_STATUS_LABELS: Readonly<Record<string, (typeof SAFETY_ALARM_STATUSES)[number]>> = {
  告警中: 'raised',
  未处理: 'raised',
  已确认: 'acknowledged',
  处置中: 'acknowledged',
  已消除: 'cleared',
  已解除: 'cleared',
};

/**
 * One alarm (or a status change of one) as a security, fire, gas, 综治 or traffic platform pushes it,
 * over HTTP or inside an alarm-stream message. Enumerations take our codes or the platform's Chinese labels.
 */
export const safetyAlarmPush = z
  .object({
    /** 告警编号, the platform's alarm id. */
    alarmId: text(64),
    alarmType: labelled(SAFETY_ALARM_TYPES, SAFETY_ALARM_TYPE_LABELS),
    /** 告警名称 in the platform's words (人员聚集, 烟感报警…); picks the category when the catalogue knows it. */
    alarmName: text(64).optional(),
    /** 1 (lowest) … 4 (highest). */
    level: z.number().int().min(1).max(4),
    description: text(2000),
    address: text(256),
    deviceId: text(128).optional(),
    /** When the alarm was raised. */
    raisedAt: platformTime,
    status: labelled(SAFETY_ALARM_STATUSES, SAFETY_STATUS_LABELS).default('raised'),
    /** When the status changed (acknowledged / cleared); the event time of those. Defaults to `raisedAt`. */
    updatedAt: platformTime.optional(),
    ...pointFields,
  })
  .superRefine(bothOrNeither);

export type SafetyAlarmPushInput = z.input<typeof safetyAlarmPush>;
export type SafetyAlarmPush = z.output<typeof safetyAlarmPush>;
