import type { safetyAlarmPayload } from '@zhongshu/stream';
import type { z } from 'zod';
import type { DeviceKind } from './city-facilities';
import type { Weighted } from './prng';

export type AlarmType = z.infer<typeof safetyAlarmPayload>['alarmType'];

/** One alarm kind from a security, fire, gas, 综治 or traffic platform. */
export interface SafetyKind {
  /** Envelope `category`, `<alarmType>.<kind>`. */
  code: string;
  alarmType: AlarmType;
  name: string;
  weight: number;
  /** 1 lowest … 4 highest; level 4 stays rare. */
  levels: Weighted<number>;
  descriptions: readonly string[];
  /** Raised by a fleet device of this kind, placed where the device is. */
  device?: DeviceKind;
  /** Storm-related: its weight in the typhoon mix. */
  typhoon?: number;
}

const low: Weighted<number> = [
  [1, 60],
  [2, 30],
  [3, 9],
  [4, 1],
];
const mid: Weighted<number> = [
  [1, 35],
  [2, 40],
  [3, 21],
  [4, 4],
];
const high: Weighted<number> = [
  [2, 35],
  [3, 50],
  [4, 15],
];

export const SAFETY_KINDS: readonly SafetyKind[] = [
  {
    code: 'video_ai.crowd',
    alarmType: 'video_ai',
    name: '人员聚集',
    weight: 4,
    levels: low,
    descriptions: ['视频AI检测到{junction}人员聚集，约{count}人', '{road}{no}号附近出现人员异常聚集'],
    device: 'camera',
  },
  {
    code: 'video_ai.smoke_fire',
    alarmType: 'video_ai',
    name: '烟火检测',
    weight: 2,
    levels: mid,
    descriptions: ['视频AI检测到{road}{no}号附近有烟雾', '{junction}监控画面识别到明火'],
    device: 'camera',
  },
  {
    code: 'video_ai.road_occupation',
    alarmType: 'video_ai',
    name: '占道',
    weight: 4,
    levels: low,
    descriptions: ['视频AI检测到{junction}车辆违停占道', '{road}{no}号附近摊贩占用机动车道'],
    device: 'camera',
  },
  {
    code: 'video_ai.waterlogging',
    alarmType: 'video_ai',
    name: '积水识别',
    weight: 0.5,
    levels: mid,
    descriptions: ['视频AI识别到{junction}路面积水，车辆涉水通行'],
    device: 'camera',
    typhoon: 3,
  },
  {
    code: 'fire.smoke_detector',
    alarmType: 'fire',
    name: '烟感报警',
    weight: 2,
    levels: mid,
    descriptions: ['{community}{count}号楼烟感探测器报警', '{road}{no}号沿街商铺烟感报警'],
    device: 'smoke',
  },
  {
    code: 'gas.leak',
    alarmType: 'gas',
    name: '可燃气体泄漏',
    weight: 1,
    levels: high,
    descriptions: ['{road}{no}号餐饮店可燃气体浓度超标', '{community}{count}号楼厨房燃气浓度报警'],
    device: 'gas',
  },
  {
    code: 'dispute.neighbour',
    alarmType: 'dispute',
    name: '邻里纠纷',
    weight: 3,
    levels: low,
    descriptions: ['{community}两户居民因漏水问题发生争执', '{community}居民因噪音问题发生邻里矛盾'],
  },
  {
    code: 'dispute.wage',
    alarmType: 'dispute',
    name: '劳资纠纷',
    weight: 2,
    levels: mid,
    descriptions: ['{road}某工地{count}名工人聚集讨薪', '{road}{no}号某公司员工与公司因工资发生纠纷'],
  },
  {
    code: 'dispute.property',
    alarmType: 'dispute',
    name: '物业纠纷',
    weight: 2,
    levels: low,
    descriptions: ['{community}业主与物业公司因停车收费发生冲突'],
  },
  {
    code: 'dispute.land',
    alarmType: 'dispute',
    name: '土地纠纷',
    weight: 1,
    levels: mid,
    descriptions: ['{town}两村村民因土地边界发生纠纷'],
  },
  {
    code: 'traffic.accident',
    alarmType: 'traffic',
    name: '交通事故',
    weight: 4,
    levels: mid,
    descriptions: ['{junction}两车追尾，占用{count}条车道', '{junction}电动车与小汽车发生碰撞，有人受伤'],
  },
  {
    code: 'traffic.congestion',
    alarmType: 'traffic',
    name: '交通拥堵',
    weight: 2,
    levels: low,
    descriptions: ['{road}严重拥堵，车辆排队约{count}00米'],
  },
  {
    code: 'traffic.vehicle_trapped',
    alarmType: 'traffic',
    name: '车辆涉水被困',
    weight: 0.3,
    levels: high,
    descriptions: ['{junction}积水路段有车辆熄火被困，车内有人'],
    typhoon: 2,
  },
  {
    code: 'public_order.fight',
    alarmType: 'public_order',
    name: '打架斗殴',
    weight: 1,
    levels: mid,
    descriptions: ['{road}{no}号附近有人打架斗殴'],
  },
  {
    code: 'public_order.trapped',
    alarmType: 'public_order',
    name: '人员被困',
    weight: 0.3,
    levels: high,
    descriptions: ['{town}低洼地带有居民被洪水围困，需转移', '{road}{no}号附近有人被倒伏树木困住'],
    typhoon: 2,
  },
];
