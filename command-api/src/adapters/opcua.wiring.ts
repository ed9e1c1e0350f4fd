import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OpcUaAdapter,
  PumpingStationServer,
  mulberry32,
  pumpingStationEndpoint,
  type OpcUaEndpointConfigInput,
} from '@zhongshu/adapters';
import type { Runtime } from '../runtime';

/** The demo district's pumping stations (泵站), served over OPC UA by the simulators. */
const DEMO_STATIONS = [
  { name: 'changliu-ps', title: '长流泵站', deviceId: '460105-PS-CL01', townCode: '460105100' },
  { name: 'haixiu-ps', title: '海秀泵站', deviceId: '460105-PS-HX01', townCode: '460105102' },
];

export interface OpcUaWiring {
  adapter?: OpcUaAdapter;
  stations: PumpingStationServer[];
}

/**
 * OPC UA endpoints come from `OPCUA_CONFIG` (a JSON file, see adapters/src/opcua/README.md); with the
 * simulators on, two pumping stations run in this process and are read through the same adapter.
 */
export async function startOpcUa(runtime: Runtime, simulate: boolean): Promise<OpcUaWiring> {
  const { config, gis, pipeline } = runtime;
  const fileConfig = config.OPCUA_CONFIG
    ? (JSON.parse(readFileSync(config.OPCUA_CONFIG, 'utf8')) as { endpoints?: OpcUaEndpointConfigInput[] })
    : {};
  const endpoints: OpcUaEndpointConfigInput[] = [...(fileConfig.endpoints ?? [])];
  const stations: PumpingStationServer[] = [];
  if (simulate) {
    for (const [index, station] of DEMO_STATIONS.entries()) {
      const server = new PumpingStationServer({ name: station.title, hostname: '127.0.0.1' });
      await server.start();
      server.simulate({ seed: config.SIMULATOR_SEED + index, periodMs: 2000 });
      stations.push(server);
      const rng = mulberry32(config.SIMULATOR_SEED + index);
      endpoints.push(
        pumpingStationEndpoint(server, {
          name: station.name,
          deviceId: station.deviceId,
          location: gis.randomPoint(station.townCode, rng),
        }),
      );
    }
  }
  if (endpoints.length === 0) return { stations };
  const adapter = new OpcUaAdapter({
    config: { ...fileConfig, pkiFolder: join(config.dataDir, 'opcua-pki'), endpoints },
    sink: pipeline,
  });
  await adapter.start();
  runtime.adapters.push(adapter);
  return { adapter, stations };
}
