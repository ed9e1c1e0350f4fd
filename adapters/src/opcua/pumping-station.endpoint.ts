import type { OpcUaEndpointConfigInput } from './opcua-config.schema';
import { PumpingStationServer } from './pumping-station.server';
import type { PumpingStationVariable } from './pumping-station.model';

export interface PumpingStationDevice {
  /** Endpoint slug, e.g. `changliu-ps`. */
  name: string;
  deviceId: string;
  location?: { lng: number; lat: number };
  regionCode?: string;
}

/** The scalar variables; `MotorCurrents` (an array) is left out, it would only make dead letters. */
const METRICS: readonly PumpingStationVariable[] = ['Pressure', 'Flow', 'Level', 'PumpRunning', 'Fault'];

/** Adapter config for one simulated station, as `npm start` wires it: every scalar variable by node id. */
export function pumpingStationEndpoint(
  station: Pick<PumpingStationServer, 'endpointUrl'>,
  device: PumpingStationDevice,
  samplingIntervalMs = 500,
): OpcUaEndpointConfigInput {
  return {
    name: device.name,
    url: station.endpointUrl,
    securityMode: 'None',
    securityPolicy: 'None',
    deviceId: device.deviceId,
    deviceType: 'plc',
    category: 'pumping_station',
    ...(device.location ? { location: device.location } : {}),
    ...(device.regionCode ? { regionCode: device.regionCode } : {}),
    items: METRICS.map((metric) => ({ nodeId: PumpingStationServer.nodeId(metric), metric, samplingIntervalMs })),
  };
}
