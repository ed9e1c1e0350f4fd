import { describe, expect, it } from 'vitest';
import { parseOpcUaConfig } from './opcua-config.schema';
import { pumpingStationEndpoint } from './pumping-station.endpoint';

describe('pumpingStationEndpoint', () => {
  it('makes a valid endpoint config for a simulated station, scalar variables only', () => {
    const endpoint = pumpingStationEndpoint(
      { endpointUrl: 'opc.tcp://localhost:4841' },
      { name: 'changliu-ps', deviceId: '460105-PS-CL01', location: { lng: 110.21, lat: 20.01 }, regionCode: '460105' },
    );
    const config = parseOpcUaConfig({ endpoints: [endpoint] });
    expect(config.endpoints[0]?.items.map((item) => [item.metric, item.nodeId])).toEqual([
      ['Pressure', 'ns=1;s=PumpingStation.Pressure'],
      ['Flow', 'ns=1;s=PumpingStation.Flow'],
      ['Level', 'ns=1;s=PumpingStation.Level'],
      ['PumpRunning', 'ns=1;s=PumpingStation.PumpRunning'],
      ['Fault', 'ns=1;s=PumpingStation.Fault'],
    ]);
    expect(config.endpoints[0]).toMatchObject({ deviceType: 'plc', category: 'pumping_station', regionCode: '460105' });
  });
});
