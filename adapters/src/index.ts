export type { CityProfile, CityTown } from './simulators/city-profile';
export { xiuyingTestProfile } from './simulators/test-profile';
export { Rng, hashSeed, mulberry32, type Weighted } from './simulators/prng';
export { cityHour, formatCityTime } from './simulators/city-time';
export { hourlyMultiplier, isHallOpen, sourceMultiplier } from './simulators/rhythm';
export type { Focus, Scenario, SimulationWindow, SourceSimulator } from './simulators/source-simulator';
export {
  buildFacilities,
  type CityFacilities,
  type DeviceKind,
  type FleetDevice,
  type HallSite,
  type HallWindow,
} from './simulators/city-facilities';
export { BurstPlanner, type Burst, type BurstSource } from './simulators/bursts';
export { drive, type DriveOptions } from './simulators/source-driver';
export { HotlineSimulator, HOTLINE_CHANNELS } from './simulators/hotline.simulator';
export { HOTLINE_CATEGORIES, type HotlineCategory } from './simulators/hotline.catalogue';
export { UrbanSimulator, urbanCategory } from './simulators/urban.simulator';
export { URBAN_CLASSES, type UrbanClass } from './simulators/urban.catalogue';
export { SafetySimulator, severityOfLevel } from './simulators/safety.simulator';
export { SAFETY_KINDS, type SafetyKind } from './simulators/safety.catalogue';
export { DeviceSimulator } from './simulators/device.simulator';
export { ApprovalSimulator } from './simulators/approval.simulator';
export { APPROVAL_ITEMS, type ApprovalItem } from './simulators/approval.catalogue';
export { HallSimulator } from './simulators/hall.simulator';
export {
  CitySimulator,
  MAX_CATCH_UP_MS,
  SOURCE_SHARES,
  TYPHOON_FACTORS,
  type CitySimulatorOptions,
} from './simulators/city.simulator';
export * from './shared/ingest-sink';
export { MemoryIngestSink, type MemoryDeadLetter } from './shared/memory-ingest.sink';
export * from './shared/adapter-stats';
export * from './urban';
export * from './safety';
export * from './approvals';
export * from './opcua';
export * from './hotline';
export * from './open311';
export * from './simulators/protocol-feed';
export * from './simulators/platform-payloads';
export { MqttAdapter, type MqttAdapterOptions } from './mqtt/mqtt.adapter';
export {
  EmbeddedMqttBroker,
  EMBEDDED_MQTT_DEFAULT_PORT,
  type EmbeddedMqttBrokerOptions,
  type MqttUser,
} from './mqtt/embedded-mqtt.broker';
export { MqttMessageDecoder, type MqttMessageDecoderOptions } from './mqtt/mqtt-message.decoder';
export { SparkplugDecoder, type SparkplugDecoderOptions } from './mqtt/sparkplug.decoder';
export { JsonTopicDecoder, JSON_TOPIC_FILTER, type JsonTopicDecoderOptions } from './mqtt/json-topic.decoder';
export { SPARKPLUG_TOPIC_FILTERS, parseSparkplugTopic, type SparkplugTopic } from './mqtt/sparkplug-topic.parser';
export { decodeSparkplugPayload, encodeSparkplugPayload } from './mqtt/sparkplug-payload.codec';
export { filterCovers, isValidTopicFilter, matchesTopicFilter } from './mqtt/topic-filter.matcher';
export type { DecodeResult, DeviceTypeLookup } from './mqtt/mqtt-decode.result';
export { BrokerIngestGate, type BrokerIngestGateOptions } from './mqtt/broker-ingest.gate';
export type { BrokerIngest } from './mqtt/embedded-mqtt.broker';
export { mqttTopicFilters, consumedTopicMatcher, topicLevelSetting, type MqttTopicScope } from './mqtt/mqtt-topics';
export { parseMqttUsers, mqttUsersSetting, DEFAULT_DEVICE_PUBLISH } from './mqtt/mqtt-users.setting';
export { replayMqttDeadLetter } from './mqtt/mqtt-dead-letter.replayer';
export { MQTT_ORIGIN_PREFIX } from './mqtt/mqtt-message.item';
export {
  DeviceMqttPlanner,
  JSON_DEVICES_CONNECTION,
  type DeviceMqttPlannerOptions,
  type PlannedMessage,
} from './simulators/device-mqtt.planner';
export { MqttDevicePublisher, type MqttDevicePublisherOptions } from './simulators/mqtt-device.publisher';
