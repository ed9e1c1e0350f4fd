import type { CityEvent } from '@zhongshu/stream/contracts';
import type { CreateWorkOrderInput } from './work-order.machine';
import type { Actor, Urgency } from './work-order.model';

/**
 * Turns a stream event into `createWorkOrder` input (a 12345 ticket needing handling, an urban case, a
 * safety alarm, a device fault). Only types come from `@zhongshu/stream`, so ticketing stays free of the
 * pipeline at run time. Category codes: the 12345 catalogue code as is (`010101`); other families are
 * namespaced by source (`urban.component.0103`, `safety.gas`, `device.water_level`) so one routing table
 * and one deadline table serve all of them without collisions.
 */

export interface FromEventOptions {
  /** Order id, minted by the caller (the domain never invents ids or reads clocks). */
  id: string;
  createdBy: Actor;
  /** District code when the event carries no region. */
  regionCode?: string;
  /** Override the urgency the mapping would pick. */
  urgency?: Urgency;
}

export type FromEventResult = { ok: true; input: CreateWorkOrderInput } | { ok: false; reason: string };

/** Order titles are read by people: the alarm family in Chinese, not the platform's identifier. */
const ALARM_TYPE_NAMES: Record<string, string> = {
  video_ai: '视频AI',
  fire: '火警',
  gas: '燃气',
  dispute: '矛盾纠纷',
  traffic: '交通',
  public_order: '治安',
};

/** Alarms at level 3–4 and critical events cannot wait for a working day. */
function urgencyOf(event: CityEvent): Urgency {
  if (event.severity === 'critical') return 'emergency';
  if (event.type === 'cn.zhongshu.safety.alarm.v1' && event.data.level >= 3) return 'emergency';
  return 'general';
}

export function workOrderInputFromEvent(event: CityEvent, options: FromEventOptions): FromEventResult {
  const regionCode = event.region?.code ?? options.regionCode;
  if (!regionCode) return { ok: false, reason: 'the event has no region and no default region was given' };
  const common = {
    id: options.id,
    urgency: options.urgency ?? urgencyOf(event),
    sourceEventIds: [event.id],
    regionCode,
    ...(event.region?.town ? { townCode: event.region.town.code } : {}),
    ...(event.region?.grid ? { gridCode: event.region.grid } : {}),
    createdBy: options.createdBy,
  };
  const at = (address: string) => (event.location ? { location: { ...event.location, address } } : {});
  switch (event.type) {
    case 'cn.zhongshu.hotline.ticket.v1': {
      const d = event.data;
      // 直接办结 on the call: nothing to dispatch.
      if (!d.needsHandling) return { ok: false, reason: 'the ticket was answered on the call (直接办结)' };
      return {
        ok: true,
        input: {
          ...common,
          title: d.title,
          description: d.content,
          categoryCode: d.categoryCode,
          callers: [
            {
              name: d.caller?.name,
              phone: d.caller?.phone,
              channel: d.channel,
              sourceEventId: event.id,
              receivedAt: event.time,
            },
          ],
          ...at(d.address),
        },
      };
    }
    case 'cn.zhongshu.urban.case.v1': {
      const d = event.data;
      return {
        ok: true,
        input: {
          ...common,
          title: `${d.className}（${d.address}）`,
          description: d.description,
          categoryCode: `urban.${event.category}`,
          gridCode: d.gridCode,
          ...at(d.address),
        },
      };
    }
    case 'cn.zhongshu.safety.alarm.v1': {
      const d = event.data;
      if (d.status === 'cleared') return { ok: false, reason: 'the alarm is already cleared' };
      return {
        ok: true,
        input: {
          ...common,
          title: `${ALARM_TYPE_NAMES[d.alarmType] ?? d.alarmType}告警（${d.address}）`,
          description: d.description,
          categoryCode: `safety.${event.category}`,
          ...at(d.address),
        },
      };
    }
    case 'cn.zhongshu.device.status.v1': {
      const d = event.data;
      if (d.status === 'online') return { ok: false, reason: 'a device coming online needs no work order' };
      return {
        ok: true,
        input: {
          ...common,
          title: `设备${d.status === 'fault' ? '故障' : '离线'}：${d.deviceId}`,
          description: d.reason ?? '',
          categoryCode: `device.${event.category}`,
          ...(event.location ? { location: event.location } : {}),
        },
      };
    }
    default:
      return { ok: false, reason: `${event.type} events do not become work orders` };
  }
}
