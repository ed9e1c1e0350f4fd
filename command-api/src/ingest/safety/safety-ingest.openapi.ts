import { safetyAlarmPush } from '@zhongshu/adapters';
import { pushEndpointDoc } from '../urban/push-openapi';

export const safetyIngestOpenApi = {
  '/api/v1/ingest/safety': pushEndpointDoc({
    summary: 'Security platform push: alarms and their status changes',
    description:
      'Video-AI, fire, gas, 矛盾纠纷, traffic and public-order alarms; level 1–4 maps to info/minor/major/critical. Event id `safety:{alarmId}:{status}`. Platforms that stream instead connect the WebSocket alarm-stream client (adapters/src/safety/README.md).',
    item: safetyAlarmPush,
    example: {
      alarmId: 'GJ202611210001',
      alarmType: 'gas',
      alarmName: '可燃气体泄漏',
      level: 4,
      description: '永庄路18号餐饮店可燃气体浓度超标，LEL 32%',
      address: '海口市秀英区永庄路18号',
      deviceId: '460105-GS-003',
      lng: 110.2883,
      lat: 20.0197,
      raisedAt: '2026-11-21T09:31:07+08:00',
      status: 'raised',
    },
  }),
};
