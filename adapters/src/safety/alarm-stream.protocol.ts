import { z } from 'zod';

/**
 * Our simple JSON alarm-stream protocol for security platforms (one JSON object per WebSocket text frame):
 *
 *   client → server  { "type": "resume", "after": "<id>" | null }   first frame after connecting
 *   server → client  { "type": "alarm", "id": "<id>", "alarm": { …SafetyAlarmPush } }   in id order
 *   client → server  { "type": "ack", "id": "<id>" }                 every alarm up to <id> is stored durably
 *
 * Ids are opaque strings (integers are accepted) that the server orders; the client echoes them back.
 * After `resume` the server sends every alarm after `after` (all it still holds when `null`), then live ones.
 * `ack` is cumulative and sent only once the alarms are durable, so a server may drop what was acked.
 * A bearer token, when the platform requires one, goes in the `Authorization` header of the upgrade request.
 * Frames of other types (`ping`, `hello`…) are ignored, so a platform may add heartbeats.
 */

export const streamId = z.union([z.string().min(1).max(128), z.number().int().nonnegative()]).transform(String);

export const alarmMessage = z.object({ type: z.literal('alarm'), id: streamId, alarm: z.unknown() });
export type AlarmMessage = z.output<typeof alarmMessage>;

export const resumeMessage = z.object({ type: z.literal('resume'), after: streamId.nullable().default(null) });
export const ackMessage = z.object({ type: z.literal('ack'), id: streamId });
export const clientMessage = z.discriminatedUnion('type', [resumeMessage, ackMessage]);
export type ClientMessage = z.output<typeof clientMessage>;
