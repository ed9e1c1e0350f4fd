import { PushAdapter, type PushAdapterOptions } from '../urban/push-kit';
import { safetyAlarmToCityEvent, type SafetyMappingOptions } from './safety.mapping';
import { safetyAlarmPush, type SafetyAlarmPush } from './safety.schema';

export type SafetyPushAdapterOptions = PushAdapterOptions & Pick<SafetyMappingOptions, 'source'>;

/** Security-platform HTTP push: one alarm (or alarm status change) per item, counted as `safety`. */
export class SafetyPushAdapter extends PushAdapter<SafetyAlarmPush> {
  constructor(options: SafetyPushAdapterOptions) {
    super('safety', options, safetyAlarmPush, (item) =>
      safetyAlarmToCityEvent(item, { source: options.source, areaCode: options.areaCode }),
    );
  }
}
