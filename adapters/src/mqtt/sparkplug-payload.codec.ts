import { get as sparkplugNamespace } from 'sparkplug-payload';
import type { TypeStr, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import { org } from 'sparkplug-payload/lib/sparkplugPayloadProto';
import { SPARKPLUG_NAMESPACE } from './sparkplug-topic.parser';

const library = sparkplugNamespace(SPARKPLUG_NAMESPACE);
if (!library) throw new Error(`sparkplug-payload does not support ${SPARKPLUG_NAMESPACE}`);
const codec = library;
const ProtoPayload = org.eclipse.tahu.protobuf.Payload;

const DATASET = 16;
const TEMPLATE = 19;

/**
 * Decodes a Sparkplug B payload with Eclipse Tahu's `sparkplug-payload`. Throws on bytes that are
 * not a Sparkplug payload.
 *
 * Tahu 1.0.3 cannot convert some dataset cells (e.g. Int32 columns: "Invalid DataSetValue") and
 * then fails the whole payload. We do not flatten datasets or templates anyway, so when the bytes
 * are valid protobuf we blank those values and decode again, keeping every scalar metric.
 */
export function decodeSparkplugPayload(bytes: Uint8Array): UPayload {
  try {
    return codec.decodePayload(bytes);
  } catch (error) {
    const raw = ProtoPayload.decode(bytes); // garbage throws here, with protobuf's own message
    const blanked = new Map<number, TypeStr>();
    raw.metrics.forEach((metric, index) => {
      if (metric.datatype !== DATASET && metric.datatype !== TEMPLATE) return;
      blanked.set(index, metric.datatype === DATASET ? 'DataSet' : 'Template');
      metric.datatype = 0;
      metric.datasetValue = null;
      metric.templateValue = null;
    });
    if (blanked.size === 0) throw error;
    const payload = codec.decodePayload(ProtoPayload.encode(raw).finish());
    payload.metrics?.forEach((metric, index) => {
      const type = blanked.get(index);
      if (type === undefined) return;
      metric.type = type;
      metric.value = null;
    });
    return payload;
  }
}

export function encodeSparkplugPayload(payload: UPayload): Buffer {
  return Buffer.from(codec.encodePayload(payload));
}
