import { PushAdapter, type PushAdapterOptions } from '../urban/push-kit';
import { approvalsToCityEvent, type ApprovalsMappingOptions } from './approvals.mapping';
import { approvalsPush, type ApprovalsPush } from './approvals.schema';

export type ApprovalsPushAdapterOptions = PushAdapterOptions & Pick<ApprovalsMappingOptions, 'source' | 'hallSource'>;

/** 一网通办 HTTP push: case lifecycle, hall queue and 好差评 items told apart by `kind`, counted as `approvals`. */
export class ApprovalsPushAdapter extends PushAdapter<ApprovalsPush> {
  constructor(options: ApprovalsPushAdapterOptions) {
    super('approvals', options, approvalsPush, (item) =>
      approvalsToCityEvent(item, {
        source: options.source,
        hallSource: options.hallSource,
        areaCode: options.areaCode,
      }),
    );
  }
}
