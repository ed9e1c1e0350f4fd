import { EVENT_TYPES, type CityEventInput, type Severity } from '@zhongshu/stream';
import { URBAN_CLASSES } from '../simulators/urban.catalogue';
import { urbanCategory } from '../simulators/urban.simulator';
import { placeOf, stableId } from './push-kit';
import type { UrbanCasePush, UrbanCasePushInput } from './urban.schema';

export const URBAN_PUSH_SOURCE = '/urban/push';

export interface UrbanMappingOptions {
  /** CloudEvents `source`; default `/urban/push`. */
  source?: string;
  /** Region code when the item carries no `areaCode`. */
  areaCode?: string;
}

/** `urban:{caseNo}:{stage}`, plus `:{round}` from the second time a case enters the same stage. */
export function urbanEventId(item: Pick<UrbanCasePush, 'caseNo' | 'stage' | 'round'>): string {
  return item.round > 1
    ? stableId('urban', item.caseNo, item.stage, item.round)
    : stableId('urban', item.caseNo, item.stage);
}

const SEVERITY_BY_CLASS = new Map(URBAN_CLASSES.map((entry) => [urbanCategory(entry), entry.severity ?? 'info']));

/** By class, from the urban catalogue (路面塌陷 major, 井盖 minor…); classes it does not list are `info`. */
export function urbanSeverity(item: Pick<UrbanCasePush, 'classType' | 'classCode'>): Severity {
  return SEVERITY_BY_CLASS.get(urbanCategory(item)) ?? 'info';
}

/** A validated urban case update as a CityEvent (`cn.zhongshu.urban.case.v1`). */
export function urbanCaseToCityEvent(item: UrbanCasePush, options: UrbanMappingOptions = {}): CityEventInput {
  return {
    specversion: '1.0',
    id: urbanEventId(item),
    source: options.source ?? URBAN_PUSH_SOURCE,
    type: EVENT_TYPES.urbanCase,
    time: item.stageAt ?? item.occurredAt,
    subject: item.caseNo,
    datacontenttype: 'application/json',
    // Town and grid of the map come from the point in the pipeline; the platform's own grid stays in data.gridCode.
    ...placeOf(item, options.areaCode),
    severity: urbanSeverity(item),
    // `component.0103`: the class code alone is ambiguous (0101 is in both tables).
    category: urbanCategory(item),
    data: {
      caseNo: item.caseNo,
      classType: item.classType,
      classCode: item.classCode,
      className: item.className,
      gridCode: item.gridCode,
      reporterType: item.reporterType,
      stage: item.stage,
      description: item.description,
      address: item.address,
      ...(item.department ? { department: item.department } : {}),
    },
  };
}

/**
 * The other way round: what a 数字城管 platform would push for a simulated urban event. Lets the demo
 * and the specs drive this adapter with the simulator's realistic feed. The simulator does not number
 * re-entries: pass `round` from a `StageRounds`.
 */
export function urbanPushFromEvent(event: CityEventInput, round = 1): UrbanCasePushInput {
  if (event.type !== EVENT_TYPES.urbanCase) throw new Error(`not an urban case: ${event.type}`);
  const { data } = event;
  return {
    caseNo: data.caseNo,
    classType: data.classType,
    classCode: data.classCode,
    className: data.className,
    gridCode: data.gridCode,
    reporterType: data.reporterType,
    stage: data.stage,
    ...(round > 1 ? { round } : {}),
    description: data.description,
    address: data.address,
    department: data.department,
    occurredAt: event.time,
    stageAt: event.time,
    ...(event.location ? { lng: event.location.lng, lat: event.location.lat, crs: event.location.crs } : {}),
    ...(event.region ? { areaCode: event.region.code } : {}),
  };
}
