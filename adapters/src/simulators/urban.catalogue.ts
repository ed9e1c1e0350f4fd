import type { Severity } from '@zhongshu/stream';

/**
 * 数字城管 classes in the CJ/T 214 / GB/T 30428 layout: `classType` picks the table (部件 components
 * or 事件 events), the code is major 2 digits + minor 2 digits. Major groups follow the standard
 * (部件: 01 公用设施, 02 道路交通, 03 市容环境, 04 园林绿化; 事件: 01 市容环境, 02 宣传广告,
 * 03 施工管理, 04 街面秩序, 05 突发事件); the minor numbering is illustrative, sites load their own table.
 */
export interface UrbanClass {
  classType: 'component' | 'event';
  classCode: string;
  className: string;
  weight: number;
  descriptions: readonly string[];
  /** 责任单位 the case is dispatched to. */
  department: string;
  /** Cameras with AI analytics report this class too (视频AI). */
  aiDetectable?: boolean;
  severity?: Severity;
  /** Storm damage: its weight in the typhoon mix. */
  typhoon?: number;
}

const ROADS = '区住建局';
const ENFORCEMENT = '区综合行政执法局';
const SANITATION = '区环境卫生管理局';
const GARDENS = '区园林绿化管理所';
const TRAFFIC = '区交警大队';

export const URBAN_CLASSES: readonly UrbanClass[] = [
  // 部件 — components
  {
    classType: 'component',
    classCode: '0101',
    className: '上水井盖',
    weight: 2,
    descriptions: ['{road}{no}号门前上水井盖破损', '{junction}上水井盖缺失，已用锥桶临时围挡'],
    department: '水务集团',
    severity: 'minor',
  },
  {
    classType: 'component',
    classCode: '0103',
    className: '雨水井盖',
    weight: 3,
    descriptions: ['{road}{no}号附近雨水井盖松动，车辆碾压有异响', '{junction}雨水井盖被冲走，井口外露'],
    department: ROADS,
    severity: 'minor',
    typhoon: 2,
  },
  {
    classType: 'component',
    classCode: '0104',
    className: '雨水箅子',
    weight: 2,
    descriptions: ['{road}{no}号附近雨水箅子堵塞，下雨时积水', '{junction}雨水箅子缺失'],
    department: ROADS,
    typhoon: 2,
  },
  {
    classType: 'component',
    classCode: '0118',
    className: '路灯',
    weight: 4,
    descriptions: ['{road}{no}号附近连续{count}盏路灯不亮', '{junction}路灯灯杆倾斜，灯罩脱落'],
    department: ROADS,
  },
  {
    classType: 'component',
    classCode: '0206',
    className: '交通护栏',
    weight: 1,
    descriptions: ['{road}中央隔离护栏被撞倒约{count}米'],
    department: TRAFFIC,
  },
  {
    classType: 'component',
    classCode: '0207',
    className: '交通标志牌',
    weight: 1,
    descriptions: ['{junction}交通标志牌被风吹歪，遮挡视线'],
    department: TRAFFIC,
    typhoon: 1,
  },
  {
    classType: 'component',
    classCode: '0304',
    className: '垃圾箱',
    weight: 3,
    descriptions: ['{road}{no}号附近垃圾箱破损', '{road}人行道垃圾箱缺失'],
    department: SANITATION,
  },
  {
    classType: 'component',
    classCode: '0305',
    className: '户外广告牌',
    weight: 1,
    descriptions: ['{road}{no}号楼顶广告牌松动，有坠落危险'],
    department: ENFORCEMENT,
    severity: 'minor',
    typhoon: 2,
  },
  {
    classType: 'component',
    classCode: '0403',
    className: '行道树',
    weight: 2,
    descriptions: ['{road}{no}号附近行道树枯死', '{road}行道树倒伏，压住机动车道'],
    department: GARDENS,
    typhoon: 2,
  },
  // 事件 — events
  {
    classType: 'event',
    classCode: '0101',
    className: '私搭乱建',
    weight: 2,
    descriptions: ['{road}{no}号商户在门前私自搭建雨棚', '{community}楼顶违章搭建铁皮房'],
    department: ENFORCEMENT,
  },
  {
    classType: 'event',
    classCode: '0102',
    className: '暴露垃圾',
    weight: 6,
    descriptions: ['{road}{no}号附近路边堆放生活垃圾', '{junction}绿化带内有暴露垃圾'],
    department: SANITATION,
    aiDetectable: true,
  },
  {
    classType: 'event',
    classCode: '0103',
    className: '积存垃圾渣土',
    weight: 3,
    descriptions: ['{road}{no}号附近空地积存建筑渣土约{count}立方米'],
    department: SANITATION,
  },
  {
    classType: 'event',
    classCode: '0104',
    className: '道路不洁',
    weight: 3,
    descriptions: ['{road}路面有大面积油污和泥土', '{junction}路面污渍未清扫'],
    department: SANITATION,
  },
  {
    classType: 'event',
    classCode: '0201',
    className: '非法小广告',
    weight: 4,
    descriptions: ['{road}{no}号附近电线杆上张贴小广告', '{junction}公交站亭喷涂小广告'],
    department: ENFORCEMENT,
  },
  {
    classType: 'event',
    classCode: '0301',
    className: '施工扰民',
    weight: 1,
    descriptions: ['{road}工地夜间施工噪声扰民'],
    department: ENFORCEMENT,
  },
  {
    classType: 'event',
    classCode: '0303',
    className: '道路遗撒',
    weight: 2,
    descriptions: ['{road}渣土车遗撒约{count}米'],
    department: ENFORCEMENT,
  },
  {
    classType: 'event',
    classCode: '0401',
    className: '无照经营游商',
    weight: 3,
    descriptions: ['{junction}有流动摊贩沿街叫卖水果', '{road}{no}号附近游商摆卖'],
    department: ENFORCEMENT,
    aiDetectable: true,
  },
  {
    classType: 'event',
    classCode: '0402',
    className: '店外经营',
    weight: 5,
    descriptions: ['{road}{no}号商铺出店占道经营', '{road}{no}号餐饮店在人行道摆放桌椅'],
    department: ENFORCEMENT,
    aiDetectable: true,
  },
  {
    classType: 'event',
    classCode: '0405',
    className: '机动车乱停放',
    weight: 3,
    descriptions: ['{road}{no}号附近机动车占用人行道停放'],
    department: TRAFFIC,
    aiDetectable: true,
  },
  {
    classType: 'event',
    classCode: '0501',
    className: '路面塌陷',
    weight: 1,
    descriptions: ['{junction}路面塌陷，直径约{count}0厘米'],
    department: ROADS,
    severity: 'major',
    typhoon: 1,
  },
  {
    classType: 'event',
    classCode: '0505',
    className: '道路积水',
    weight: 1,
    descriptions: ['{junction}积水深约{count}厘米，车辆绕行', '{road}{no}号附近低洼路段积水'],
    department: ROADS,
    severity: 'minor',
    typhoon: 5,
  },
  {
    classType: 'event',
    classCode: '0506',
    className: '树木倒伏',
    weight: 1,
    descriptions: ['{road}{no}号附近大树倒伏阻断道路', '{junction}树枝折断压在电线上'],
    department: GARDENS,
    severity: 'minor',
    typhoon: 5,
  },
];
