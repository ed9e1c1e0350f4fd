import { parseCityEvent, type CityEvent } from '@zhongshu/stream';
import type { AckItem } from './durable-ack.batcher';
import type { MqttMessageDecoder } from './mqtt-message.decoder';

/** Dead letters of MQTT messages are kept under `mqtt:{topic}` (the replayer reads the topic back). */
export const MQTT_ORIGIN_PREFIX = 'mqtt:';

export type MqttItem = Omit<AckItem, 'settle'>;

/**
 * What one MQTT message becomes for the sink: events, or its raw bytes with the reason it never
 * became one. CityEvents passed through as they came (`…/event` topics) are validated here, at our
 * boundary, so the raw bytes go to the dead letter and a retried submit never dead-letters twice.
 */
export function mqttMessageItem(
  decoder: MqttMessageDecoder,
  topic: string,
  payload: Buffer,
  onNote?: (topic: string, note: string) => void,
): MqttItem {
  const origin = `${MQTT_ORIGIN_PREFIX}${topic}`;
  const result = decoder.decode(topic, payload);
  if (result.kind === 'dead-letter') return { events: [], deadLetter: { raw: payload, reason: result.reason, origin } };
  if (result.kind === 'ignored') {
    onNote?.(topic, result.reason);
    return { events: [] };
  }
  for (const note of result.notes) onNote?.(topic, note);
  // Our decoders build valid events (their specs parse every one); the pipeline validates again.
  if (!result.passThrough) return { events: result.events };
  const events: CityEvent[] = [];
  const problems: string[] = [];
  for (const raw of result.events) {
    const parsed = parseCityEvent(raw);
    if (parsed.ok) events.push(parsed.event);
    else problems.push(parsed.reason);
  }
  if (problems.length === 0) return { events };
  return {
    events,
    deadLetter: { raw: payload, reason: `invalid event from ${topic}: ${problems.join(' | ')}`, origin },
  };
}
