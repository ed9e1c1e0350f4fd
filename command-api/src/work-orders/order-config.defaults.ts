import { EVENT_TYPES } from '@zhongshu/stream';
import type { Department, RoutingDocument, RulesDocument } from './order-config.schema';

/**
 * What a fresh install starts with, until a city saves its own with PUT /api/v1/routing and /rules:
 * the usual 委办局 of a Chinese district under short pinyin codes (ZJJ = 住建局, SWJ = 水务局; the demo
 * accounts are bound to these), one street office per town (JD + town code), and a duty table over the
 * 12345 catalogue and the urban, safety and device families the simulators speak.
 */
const DISTRICT_UNITS: Array<[code: string, name: string, kind?: Department['kind']]> = [
  ['ZHZX', '区综合指挥中心（兜底）', 'centre'],
  ['ZJJ', '区住房和城乡建设局'],
  ['ZFJ', '区综合行政执法局'],
  ['HWJ', '区环境卫生管理局'],
  ['YLS', '区园林绿化管理所'],
  ['STHJ', '区生态环境分局'],
  ['JTJ', '区交通运输局'],
  ['JJDD', '区交警大队'],
  ['RSJ', '区人力资源和社会保障局'],
  ['SCJGJ', '区市场监督管理局'],
  ['JYJ', '区教育局'],
  ['WJW', '区卫生健康委员会'],
  ['ZWFW', '区政务服务中心'],
  ['GAFJ', '区公安分局'],
  ['XFJY', '区消防救援大队'],
  ['ZZZX', '区社会治安综合治理中心'],
  ['YJJ', '区应急管理局'],
  ['XXZX', '区大数据中心（信息中心）'],
  ['SWJ', '区水务局'],
  ['GDJ', '供电局', 'enterprise'],
  ['RQGS', '燃气公司', 'enterprise'],
];

/** Category prefix → owning unit first, co-handling units after it. */
const DUTIES: Array<[prefix: string, ...departments: string[]]> = [
  // 12345 catalogue (2+2+2 digits)
  ['0101', 'ZJJ'],
  ['010104', 'ZJJ', 'SWJ'],
  ['0102', 'YLS'],
  ['0103', 'ZJJ'],
  ['0104', 'ZFJ'],
  ['0201', 'STHJ'],
  ['020101', 'STHJ', 'ZFJ'],
  ['0202', 'STHJ'],
  ['0203', 'STHJ'],
  ['0301', 'JTJ'],
  ['0302', 'JTJ'],
  ['0303', 'JJDD'],
  ['04', 'RSJ'],
  ['05', 'SCJGJ'],
  ['0601', 'SWJ'],
  ['0602', 'GDJ'],
  ['0603', 'RQGS'],
  ['0701', 'JYJ'],
  ['0702', 'WJW'],
  ['0801', 'HWJ'],
  ['0802', 'ZFJ'],
  ['09', 'ZWFW'],
  // 数字城管 (CJ/T 214 major groups)
  ['urban.component.01', 'ZJJ'],
  ['urban.component.02', 'JJDD'],
  ['urban.component.03', 'HWJ'],
  ['urban.component.04', 'YLS'],
  ['urban.event.01', 'HWJ'],
  ['urban.event.02', 'ZFJ'],
  ['urban.event.03', 'ZJJ'],
  ['urban.event.04', 'ZFJ'],
  ['urban.event.05', 'YJJ'],
  // public safety
  ['safety.video_ai', 'GAFJ'],
  ['safety.video_ai.smoke_fire', 'XFJY'],
  ['safety.video_ai.waterlogging', 'ZJJ', 'SWJ'],
  ['safety.fire', 'XFJY'],
  ['safety.gas', 'RQGS', 'XFJY'],
  ['safety.dispute', 'ZZZX'],
  ['safety.traffic', 'JJDD'],
  ['safety.public_order', 'GAFJ'],
  // devices
  ['device.', 'XXZX'],
];

export function defaultRouting(towns: ReadonlyArray<{ code: string; name: string }>): RoutingDocument {
  return {
    departments: [
      ...DISTRICT_UNITS.map(([code, name, kind]) => ({ code, name, kind: kind ?? ('district_unit' as const) })),
      ...towns.map((town) => ({
        code: `JD${town.code}`,
        name: `${town.name}办事处`,
        kind: 'street' as const,
        townCode: town.code,
      })),
    ],
    table: {
      fallbackDepartment: 'ZHZX',
      rules: DUTIES.map(([categoryPrefix, ...departments]) => ({ categoryPrefix, departments })),
    },
  };
}

/**
 * The demo's simulators run at ten times a real district's volume, so the defaults keep routine (`info`)
 * matters out of the order book; a city that wants every 12345 ticket needing handling to become an
 * order sets the hotline rule's `minSeverity` to `info`.
 */
export const DEFAULT_RULES: RulesDocument = {
  rules: [
    {
      id: 'hotline-needs-handling',
      enabled: true,
      eventType: EVENT_TYPES.hotlineTicket,
      minSeverity: 'minor',
      categoryPrefix: '',
      match: { needsHandling: [true] },
      oncePer: 'subject',
    },
    {
      id: 'urban-new-case',
      enabled: true,
      eventType: EVENT_TYPES.urbanCase,
      minSeverity: 'minor',
      categoryPrefix: '',
      match: { stage: ['collect', 'register'] },
      oncePer: 'subject',
    },
    {
      id: 'safety-alarm',
      enabled: true,
      eventType: EVENT_TYPES.safetyAlarm,
      minSeverity: 'major',
      categoryPrefix: '',
      match: { status: ['raised'] },
      oncePer: 'subject',
    },
    {
      id: 'device-fault',
      enabled: true,
      eventType: EVENT_TYPES.deviceStatus,
      minSeverity: 'major',
      categoryPrefix: '',
      match: { status: ['fault'] },
      oncePer: 'event',
    },
  ],
  duplicates: { radiusMeters: 300, withinHours: 48 },
};
