import type { AlarmStreamServer, MqttDevicePublisher } from '@zhongshu/adapters';
import type { Runtime } from '../runtime';
import { startMqtt } from './mqtt.wiring';
import { startOpcUa } from './opcua.wiring';
import { startSafetyStream } from './safety-stream.wiring';

/** What `startAdapters` started, in start order; `stop` undoes it in reverse. */
export interface RunningAdapters {
  /** The simulated security platform, when SIMULATE runs one. */
  alarmServer?: AlarmStreamServer;
  /** The simulated MQTT devices (SIMULATE), publishing to the broker the MQTT adapter reads. */
  devices?: MqttDevicePublisher;
  stop(): Promise<void>;
}

/**
 * Starts every configured source adapter and, with the simulators on, the simulated field systems
 * they read from (OPC UA pumping stations…), so demo data travels the production path.
 */
export async function startAdapters(runtime: Runtime): Promise<RunningAdapters> {
  const simulate = runtime.config.SIMULATE;
  const opcua = await startOpcUa(runtime, simulate);
  const safety = await startSafetyStream(runtime, simulate);
  const mqtt = await startMqtt(runtime, simulate);
  return {
    alarmServer: safety.server,
    devices: mqtt.devices,
    async stop() {
      await mqtt.stop();
      await safety.client?.stop();
      await safety.server?.stop();
      await opcua.adapter?.stop();
      for (const station of opcua.stations) await station.stop();
    },
  };
}
