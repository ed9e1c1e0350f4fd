import { urbanCaseStage } from '@zhongshu/stream';
import { z } from 'zod';
import { bothOrNeither, labelled, platformTime, pointFields, text } from './push-kit';

/** 信息收集→立案→派遣→处置→反馈→核查→结案, in flow order. */
export const URBAN_STAGES = urbanCaseStage.options;
export type UrbanStage = (typeof URBAN_STAGES)[number];

export const URBAN_STAGE_LABELS: Readonly<Record<string, UrbanStage>> = {
  信息收集: 'collect',
  立案: 'register',
  派遣: 'dispatch',
  处置: 'dispose',
  反馈: 'feedback',
  核查: 'verify',
  结案: 'close',
};

/**
 * One case update as a 数字城管 platform pushes it: the case as it is now, at one stage of the 7-stage
 * flow; one message per stage change. Enumerations take our codes or the platform's Chinese labels.
 */
export const urbanCasePush = z
  .object({
    /** 案件编号, the platform's case number. */
    caseNo: text(64),
    /** 部件 (component) or 事件 (event): which CJ/T 214 table `classCode` is from. */
    classType: labelled(['component', 'event'], { 部件: 'component', 事件: 'event' }),
    /** CJ/T 214 style: major 2 digits + minor 2 digits, e.g. 0103 雨水井盖. */
    classCode: z.string().regex(/^\d{4}$/, 'a 4-digit CJ/T 214 class code'),
    className: text(64),
    /** 单元网格编码, the platform's own grid. */
    gridCode: text(64),
    /** 上报人类型. */
    reporterType: labelled(['inspector', 'citizen', 'video_ai'], {
      监督员: 'inspector',
      市民: 'citizen',
      公众: 'citizen',
      视频AI: 'video_ai',
      视频智能识别: 'video_ai',
    }),
    stage: labelled(URBAN_STAGES, URBAN_STAGE_LABELS),
    /**
     * How many times the case has entered this stage (1 unless 核查不通过 sent it back to 处置).
     * Part of the event id, so a real re-entry is a new event while a redelivery is not.
     */
    round: z.number().int().min(1).max(99).default(1),
    description: text(2000),
    address: text(256),
    /** 责任单位, known from 派遣 on. */
    department: text(64).optional(),
    /** When the problem was found (信息收集). */
    occurredAt: platformTime,
    /** When the case entered `stage`: the event time. Defaults to `occurredAt`. */
    stageAt: platformTime.optional(),
    ...pointFields,
  })
  .superRefine(bothOrNeither);

/** What a platform may send. */
export type UrbanCasePushInput = z.input<typeof urbanCasePush>;
/** After validation (defaults applied, labels turned into codes). */
export type UrbanCasePush = z.output<typeof urbanCasePush>;
