import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { get as sparkplugNamespace } from 'sparkplug-payload';
import type { UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';

/** Helpers for integration specs: a third-party device client, as a field gateway would connect. */

export async function connectDevice(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  return connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5_000, ...options });
}

const codec = sparkplugNamespace('spBv1.0')!;

/** Real Sparkplug B bytes, encoded with Eclipse Tahu's own encoder. */
export function sparkplugBytes(payload: UPayload): Buffer {
  return Buffer.from(codec.encodePayload(payload));
}

export function runTag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** Birth, node data and device data of one edge node with one device, in publish order. */
export function sparkplugSession(group: string, edge: string, device: string, t0: number) {
  return [
    {
      topic: `spBv1.0/${group}/NBIRTH/${edge}`,
      payload: sparkplugBytes({
        timestamp: t0,
        seq: 0,
        metrics: [
          { name: 'bdSeq', type: 'UInt64', value: 1 },
          { name: 'pump/flow_m3h', alias: 1, type: 'Double', value: 110 },
        ],
      }),
    },
    {
      topic: `spBv1.0/${group}/DBIRTH/${edge}/${device}`,
      payload: sparkplugBytes({
        timestamp: t0 + 1,
        seq: 1,
        metrics: [{ name: 'waterLevel_m', alias: 2, type: 'Float', value: 0.25 }],
      }),
    },
    {
      topic: `spBv1.0/${group}/NDATA/${edge}`,
      payload: sparkplugBytes({ timestamp: t0 + 2, seq: 2, metrics: [{ alias: 1, type: 'Double', value: 98.5 }] }),
    },
    {
      topic: `spBv1.0/${group}/DDATA/${edge}/${device}`,
      payload: sparkplugBytes({ timestamp: t0 + 3, seq: 3, metrics: [{ alias: 2, type: 'Float', value: 0.5 }] }),
    },
  ];
}
