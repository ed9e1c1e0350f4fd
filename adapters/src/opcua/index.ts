export { OpcUaAdapter, type OpcUaAdapterOptions, type OpcUaAdapterStats } from './opcua.adapter';
export {
  OpcUaConfigError,
  SECURITY_MODES,
  SECURITY_POLICIES,
  opcUaConfigSchema,
  parseOpcUaConfig,
  type OpcUaConfig,
  type OpcUaConfigInput,
  type OpcUaEndpointConfig,
  type OpcUaEndpointConfigInput,
  type OpcUaItemConfig,
} from './opcua-config.schema';
export {
  PumpingStationServer,
  freePort,
  type PumpingStationServerOptions,
  type PumpingStationSetOptions,
  type PumpingStationSimulateOptions,
} from './pumping-station.server';
export { PumpingStationModel, type PumpingStationReadings, type PumpingStationVariable } from './pumping-station.model';
export { pumpingStationEndpoint, type PumpingStationDevice } from './pumping-station.endpoint';
