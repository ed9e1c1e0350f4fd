import type { DeadLetter, ItemResult } from '@zhongshu/stream';
import type { IngestSink } from '../shared/ingest-sink';
import type { MqttMessageDecoder } from './mqtt-message.decoder';
import { MQTT_ORIGIN_PREFIX, mqttMessageItem } from './mqtt-message.item';

/**
 * Sends one MQTT dead letter (origin `mqtt:{topic}`, raw bytes as base64) through the decoders
 * again, e.g. after a device's firmware or our registry was fixed. A message that still does not
 * decode is answered `rejected` with the reason and is not dead-lettered a second time.
 *
 * Sparkplug data decodes against the aliases the adapter has learnt by now; replaying a birth
 * starts a new session for its edge node, as the birth did when it arrived.
 */
export async function replayMqttDeadLetter(
  letter: Pick<DeadLetter, 'raw' | 'encoding' | 'origin'>,
  decoder: MqttMessageDecoder,
  sink: IngestSink,
): Promise<ItemResult[]> {
  if (!letter.origin.startsWith(MQTT_ORIGIN_PREFIX)) {
    return [{ index: 0, status: 'rejected', reason: `not an MQTT dead letter (origin ${letter.origin})` }];
  }
  const topic = letter.origin.slice(MQTT_ORIGIN_PREFIX.length);
  const payload = Buffer.from(letter.raw, letter.encoding === 'base64' ? 'base64' : 'utf8');
  const item = mqttMessageItem(decoder, topic, payload);
  const results = item.events.length > 0 ? await sink.submit(item.events, `replay:${letter.origin}`) : [];
  if (item.deadLetter) results.push({ index: results.length, status: 'rejected', reason: item.deadLetter.reason });
  if (results.length === 0) results.push({ index: 0, status: 'rejected', reason: 'the message carries no event' });
  return results;
}
