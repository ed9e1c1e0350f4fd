import { JsonTopicDecoder } from './json-topic.decoder';
import { deadLetter, type DecodeResult, type DeviceType, type DeviceTypeLookup } from './mqtt-decode.result';
import { SparkplugDecoder } from './sparkplug.decoder';

export interface MqttMessageDecoderOptions {
  deviceTypeOf?: DeviceTypeLookup;
  /** Sparkplug edge nodes nobody typed (default `plc`). */
  defaultNodeType?: DeviceType;
  /** Devices nobody typed (default `sensor`). */
  defaultDeviceType?: DeviceType;
  now?: () => Date;
}

/** Routes a message to the Sparkplug B or the plain JSON decoder by its topic. */
export class MqttMessageDecoder {
  readonly sparkplug: SparkplugDecoder;
  readonly json: JsonTopicDecoder;

  constructor(options: MqttMessageDecoderOptions = {}) {
    this.sparkplug = new SparkplugDecoder(options);
    this.json = new JsonTopicDecoder(options);
  }

  decode(topic: string, payload: Buffer): DecodeResult {
    if (SparkplugDecoder.handles(topic)) return this.sparkplug.decode(topic, payload);
    if (JsonTopicDecoder.handles(topic)) return this.json.decode(topic, payload);
    return deadLetter(`no decoder for topic ${topic}`);
  }
}
