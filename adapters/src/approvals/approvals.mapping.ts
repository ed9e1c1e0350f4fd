import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { idTime, placeOf, stableId } from '../urban/push-kit';
import type {
  ApprovalCasePush,
  ApprovalsPush,
  ApprovalsPushInput,
  HallEvaluationPush,
  HallQueuePush,
} from './approvals.schema';

export const APPROVALS_PUSH_SOURCE = '/approvals/push';
export const HALL_PUSH_SOURCE = '/hall/push';

export interface ApprovalsMappingOptions {
  /** CloudEvents `source` of case events; default `/approvals/push`. */
  source?: string;
  /** CloudEvents `source` of queue and evaluation events; default `/hall/push`. */
  hallSource?: string;
  /** Region code when the item carries no `areaCode`. */
  areaCode?: string;
}

/** `approval:{caseNo}:{stage}`, plus `:{round}` from the second time a case enters the same stage. */
export function approvalEventId(item: Pick<ApprovalCasePush, 'caseNo' | 'stage' | 'round'>): string {
  return item.round > 1
    ? stableId('approval', item.caseNo, item.stage, item.round)
    : stableId('approval', item.caseNo, item.stage);
}

/** `hall:{hallId}:{action}:{ticketNo|windowNo}:{at}`: the ticket for take_number and call, the window for window_state. */
export function hallQueueEventId(
  item: Pick<HallQueuePush, 'hallId' | 'action' | 'ticketNo' | 'windowNo' | 'at'>,
): string {
  const key = item.action === 'window_state' ? item.windowNo : item.ticketNo;
  return stableId('hall', item.hallId, item.action, key ?? '', idTime(item.at));
}

/** `evaluation:{hallId}:{caseNo|windowNo}:{at}`. */
export function hallEvaluationEventId(item: Pick<HallEvaluationPush, 'hallId' | 'caseNo' | 'windowNo' | 'at'>): string {
  return stableId('evaluation', item.hallId, item.caseNo ?? item.windowNo ?? '', idTime(item.at));
}

export function approvalCaseToCityEvent(item: ApprovalCasePush, options: ApprovalsMappingOptions = {}): CityEventInput {
  return {
    specversion: '1.0',
    id: approvalEventId(item),
    source: options.source ?? APPROVALS_PUSH_SOURCE,
    type: EVENT_TYPES.approvalCase,
    time: item.at,
    subject: item.caseNo,
    datacontenttype: 'application/json',
    ...placeOf(item, options.areaCode),
    // 不予受理 is worth a look on the wall; the rest is routine.
    severity: item.stage === 'reject' ? 'minor' : 'info',
    category: item.itemCode ?? item.itemName.slice(0, 64),
    data: {
      caseNo: item.caseNo,
      itemName: item.itemName,
      department: item.department,
      stage: item.stage,
      statutoryDays: item.statutoryDays,
      committedDays: item.committedDays,
      onlineAvailable: item.onlineAvailable,
      applicantType: item.applicantType,
    },
  };
}

export function hallQueueToCityEvent(item: HallQueuePush, options: ApprovalsMappingOptions = {}): CityEventInput {
  return {
    specversion: '1.0',
    id: hallQueueEventId(item),
    source: options.hallSource ?? HALL_PUSH_SOURCE,
    type: EVENT_TYPES.hallQueue,
    time: item.at,
    subject: item.ticketNo ?? `${item.hallId}-W${item.windowNo ?? ''}`,
    datacontenttype: 'application/json',
    ...placeOf(item, options.areaCode),
    severity: 'info',
    category: `queue.${item.action}`,
    data: {
      hallId: item.hallId,
      action: item.action,
      ...(item.ticketNo !== undefined ? { ticketNo: item.ticketNo } : {}),
      ...(item.windowNo !== undefined ? { windowNo: item.windowNo } : {}),
      ...(item.windowState !== undefined ? { windowState: item.windowState } : {}),
      ...(item.businessType !== undefined ? { businessType: item.businessType } : {}),
      waitingCount: item.waitingCount,
      ...(item.waitSeconds !== undefined ? { waitSeconds: item.waitSeconds } : {}),
    },
  };
}

/** 1–2 差评 are `minor` (the bad-review list), 3 neutral, 4–5 good. */
export function hallEvaluationToCityEvent(
  item: HallEvaluationPush,
  options: ApprovalsMappingOptions = {},
): CityEventInput {
  return {
    specversion: '1.0',
    id: hallEvaluationEventId(item),
    source: options.hallSource ?? HALL_PUSH_SOURCE,
    type: EVENT_TYPES.hallEvaluation,
    time: item.at,
    subject: item.caseNo ?? `${item.hallId}-W${item.windowNo ?? ''}`,
    datacontenttype: 'application/json',
    ...placeOf(item, options.areaCode),
    severity: item.rating <= 2 ? 'minor' : 'info',
    category: item.rating >= 4 ? 'evaluation.good' : item.rating === 3 ? 'evaluation.neutral' : 'evaluation.bad',
    data: {
      hallId: item.hallId,
      ...(item.windowNo !== undefined ? { windowNo: item.windowNo } : {}),
      ...(item.caseNo !== undefined ? { caseNo: item.caseNo } : {}),
      rating: item.rating,
      channel: item.channel,
      ...(item.comment ? { comment: item.comment } : {}),
    },
  };
}

/** Any of the three, by `kind`. */
export function approvalsToCityEvent(item: ApprovalsPush, options: ApprovalsMappingOptions = {}): CityEventInput {
  switch (item.kind) {
    case 'case':
      return approvalCaseToCityEvent(item, options);
    case 'queue':
      return hallQueueToCityEvent(item, options);
    case 'evaluation':
      return hallEvaluationToCityEvent(item, options);
  }
}

/**
 * What an approval system or hall would push for a simulated approval or hall event (demo and specs).
 * The simulator does not number re-entries (受理 again after 补齐补正): pass `round` from a `StageRounds`.
 */
export function approvalsPushFromEvent(event: CityEventInput, round = 1): ApprovalsPushInput {
  const place = {
    ...(event.location ? { lng: event.location.lng, lat: event.location.lat, crs: event.location.crs } : {}),
    ...(event.region ? { areaCode: event.region.code } : {}),
  };
  switch (event.type) {
    case EVENT_TYPES.approvalCase:
      return { kind: 'case', ...event.data, ...(round > 1 ? { round } : {}), at: event.time, ...place };
    case EVENT_TYPES.hallQueue:
      return { kind: 'queue', ...event.data, at: event.time, ...place };
    case EVENT_TYPES.hallEvaluation:
      return { kind: 'evaluation', ...event.data, at: event.time, ...place };
    default:
      throw new Error(`not an approval or hall event: ${event.type}`);
  }
}
