import { z } from 'zod';
import { memoize } from './mqtt-decode.result';

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

/** The message types this adapter consumes; NCMD/DCMD (commands to edge nodes) and STATE are not events. */
export const SPARKPLUG_MESSAGE_TYPES = ['NBIRTH', 'NDEATH', 'DBIRTH', 'DDEATH', 'NDATA', 'DDATA'] as const;
export type SparkplugMessageType = (typeof SPARKPLUG_MESSAGE_TYPES)[number];

/** One subscription per consumed type, so command traffic on a site broker never reaches us. */
export const SPARKPLUG_TOPIC_FILTERS = SPARKPLUG_MESSAGE_TYPES.map((type) => `${SPARKPLUG_NAMESPACE}/+/${type}/#`);

// Sparkplug B §4.1.1: group, edge node and device ids are UTF-8 strings without `/`, `+` or `#`.
const sparkplugId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^/+#]+$/, 'no `/`, `+` or `#`');

export const sparkplugTopic = z
  .string()
  .transform((topic) => topic.split('/'))
  .pipe(
    z.union([
      z.tuple([z.literal(SPARKPLUG_NAMESPACE), sparkplugId, z.enum(['NBIRTH', 'NDEATH', 'NDATA']), sparkplugId]),
      z.tuple([
        z.literal(SPARKPLUG_NAMESPACE),
        sparkplugId,
        z.enum(['DBIRTH', 'DDEATH', 'DDATA']),
        sparkplugId,
        sparkplugId,
      ]),
    ]),
  )
  .transform(([, group, type, edge, device]) => ({ group, type, edge, device }));

export type SparkplugTopic = {
  group: string;
  type: SparkplugMessageType;
  edge: string;
  /** Present for DBIRTH, DDEATH and DDATA. */
  device?: string;
};

export type TopicParse = { ok: true; topic: SparkplugTopic } | { ok: false; reason: string };

/** `spBv1.0/{group}/{NBIRTH|NDEATH|NDATA}/{edge}` or `spBv1.0/{group}/{DBIRTH|DDEATH|DDATA}/{edge}/{device}`. */
export const parseSparkplugTopic: (topic: string) => TopicParse = memoize(parseTopic);

function parseTopic(topic: string): TopicParse {
  const parsed = sparkplugTopic.safeParse(topic);
  if (parsed.success) return { ok: true, topic: parsed.data };
  const levels = topic.split('/');
  const type = levels[2];
  if (levels[0] === SPARKPLUG_NAMESPACE && type !== undefined && !isConsumedType(type)) {
    return { ok: false, reason: `unknown Sparkplug message type ${type} in topic ${topic}` };
  }
  return {
    ok: false,
    reason: `malformed Sparkplug topic ${topic}: expected spBv1.0/{group}/{N…}/{edge} or spBv1.0/{group}/{D…}/{edge}/{device}`,
  };
}

function isConsumedType(type: string): type is SparkplugMessageType {
  return (SPARKPLUG_MESSAGE_TYPES as readonly string[]).includes(type);
}
