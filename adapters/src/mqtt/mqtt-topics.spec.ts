import { describe, expect, it } from 'vitest';
import { consumedTopicMatcher, mqttTopicFilters, topicLevelSetting } from './mqtt-topics';

describe('MQTT topic scope', () => {
  it('subscribes to the six Sparkplug types we consume and the JSON device topics', () => {
    expect(mqttTopicFilters()).toEqual([
      'spBv1.0/+/NBIRTH/#',
      'spBv1.0/+/NDEATH/#',
      'spBv1.0/+/DBIRTH/#',
      'spBv1.0/+/DDEATH/#',
      'spBv1.0/+/NDATA/#',
      'spBv1.0/+/DDATA/#',
      'zhongshu/+/devices/+/+',
    ]);
    expect(mqttTopicFilters({ tenant: 'xiuying', sparkplugGroup: 'Pumps' })).toContain('spBv1.0/Pumps/DDATA/#');
    expect(mqttTopicFilters({ tenant: 'xiuying', sparkplugGroup: 'Pumps' })).toContain('zhongshu/xiuying/devices/+/+');
  });

  it('takes what a subscription to those filters would receive, and nothing else', () => {
    const consumes = consumedTopicMatcher({ tenant: 'xiuying' });
    expect(consumes('spBv1.0/Pumps/DDATA/Station7/Gauge1')).toBe(true);
    // Malformed but inside our filters: delivered, so it reaches the dead letters with its reason.
    expect(consumes('spBv1.0/Pumps/NDATA')).toBe(true);
    expect(consumes('zhongshu/xiuying/devices/d1/unknown')).toBe(true);
    expect(consumes('spBv1.0/Pumps/NCMD/Station7')).toBe(false);
    expect(consumes('spBv1.0/STATE/host-1')).toBe(false);
    expect(consumes('zhongshu/other-tenant/devices/d1/telemetry')).toBe(false);
    expect(consumes('plant/line-1/temperature')).toBe(false);
  });

  it('accepts one topic level or + as a tenant or group', () => {
    expect(topicLevelSetting.safeParse('haikou-xiuying').success).toBe(true);
    expect(topicLevelSetting.safeParse('+').success).toBe(true);
    for (const bad of ['a/b', '#', 'a+', 'with space', ''])
      expect(topicLevelSetting.safeParse(bad).success).toBe(false);
  });
});
