import { PushAdapter, type PushAdapterOptions } from './push-kit';
import { urbanCaseToCityEvent, type UrbanMappingOptions } from './urban.mapping';
import { urbanCasePush, type UrbanCasePush } from './urban.schema';

export type UrbanPushAdapterOptions = PushAdapterOptions & Pick<UrbanMappingOptions, 'source'>;

/** 数字城管 HTTP push: one case update per item, counted as `urban`. */
export class UrbanPushAdapter extends PushAdapter<UrbanCasePush> {
  constructor(options: UrbanPushAdapterOptions) {
    super('urban', options, urbanCasePush, (item) =>
      urbanCaseToCityEvent(item, { source: options.source, areaCode: options.areaCode }),
    );
  }
}
