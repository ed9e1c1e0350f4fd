import { join } from 'node:path';
import { AlarmStreamServer, SafetyAlarmStreamClient, fileCursor } from '@zhongshu/adapters';
import type { Runtime } from '../runtime';

export interface SafetyStreamWiring {
  client?: SafetyAlarmStreamClient;
  /** The simulated security platform (SIMULATE), which the simulators publish alarms to. */
  server?: AlarmStreamServer;
}

/**
 * The security platform's WebSocket alarm stream: `SAFETY_ALARM_STREAM_URL`, or with the simulators
 * on and no URL, a simulated platform in this process. The last stored alarm id is kept under
 * DATA_DIR so a restart resumes where it stopped.
 */
export async function startSafetyStream(runtime: Runtime, simulate: boolean): Promise<SafetyStreamWiring> {
  const { config, pipeline, gis } = runtime;
  let url = config.SAFETY_ALARM_STREAM_URL;
  let server: AlarmStreamServer | undefined;
  if (!url && simulate) {
    server = new AlarmStreamServer({ host: '127.0.0.1' });
    await server.start();
    url = server.url;
  }
  if (!url) return {};
  const cursor = fileCursor(
    join(config.dataDir, 'cursors', server ? 'simulated-alarm-stream.json' : 'safety-alarm-stream.json'),
  );
  const client = new SafetyAlarmStreamClient({
    url,
    token: config.SAFETY_ALARM_STREAM_TOKEN,
    sink: pipeline,
    loadLastId: cursor.load,
    saveLastId: cursor.save,
    areaCode: gis.config.district.code,
  });
  await client.start();
  runtime.adapters.push(client);
  runtime.replayers.push({ originPrefix: client.origin, replay: (letter) => client.replay(letter) });
  return { client, server };
}
