import { z } from 'zod';
import { JSON_TOPIC_ROOT } from './json-topic.decoder';
import { memoize } from './mqtt-decode.result';
import { SPARKPLUG_MESSAGE_TYPES, SPARKPLUG_NAMESPACE } from './sparkplug-topic.parser';
import { matchesTopicFilter } from './topic-filter.matcher';

/** One topic level, or `+` for all of them: which tenants / Sparkplug groups a process takes. */
export const topicLevelSetting = z
  .string()
  .min(1)
  .max(128)
  .regex(/^(?:\+|[^/+#\s]+)$/, 'one topic level (no "/", "#", spaces; "+" alone for all)');

export interface MqttTopicScope {
  /** `{tenant}` of `zhongshu/{tenant}/devices/…`; default `+` (every tenant). */
  tenant?: string;
  /** `{group}` of `spBv1.0/{group}/…`; default `+` (every group). */
  sparkplugGroup?: string;
}

/**
 * The filters we consume, QoS 1: the six Sparkplug message types that carry events (not NCMD/DCMD
 * or STATE, which are commands and host state on a site broker) and the plain JSON device topics.
 */
export function mqttTopicFilters(scope: MqttTopicScope = {}): string[] {
  const group = scope.sparkplugGroup ?? '+';
  const tenant = scope.tenant ?? '+';
  return [
    ...SPARKPLUG_MESSAGE_TYPES.map((type) => `${SPARKPLUG_NAMESPACE}/${group}/${type}/#`),
    `${JSON_TOPIC_ROOT}/${tenant}/devices/+/+`,
  ];
}

/** True when a PUBLISH to `topic` is one we consume (what a subscription to the filters would receive). */
export function consumedTopicMatcher(scope: MqttTopicScope = {}): (topic: string) => boolean {
  const filters = mqttTopicFilters(scope);
  return memoize((topic) => filters.some((filter) => matchesTopicFilter(filter, topic)));
}
