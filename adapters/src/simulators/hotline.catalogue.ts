import type { Severity, hotlineTicketPayload } from '@zhongshu/stream';
import type { z } from 'zod';
import type { Weighted } from './prng';

export type HotlineKind = z.infer<typeof hotlineTicketPayload>['kind'];
export type HotlineChannel = z.infer<typeof hotlineTicketPayload>['channel'];

/**
 * One leaf of the 3-level 12345 category tree. Codes are 2+2+2 digits (GB/T 39666 style); a site
 * replaces this catalogue with its own, the shape stays.
 */
export interface HotlineCategory {
  code: string;
  path: readonly [string, string, string];
  /** Relative frequency on an ordinary day. */
  weight: number;
  kinds: Weighted<HotlineKind>;
  titles: readonly string[];
  /** Body of the ticket; the simulator adds who called and a closing line that fits the kind. */
  contents: readonly string[];
  severity?: Severity;
  /** Storm damage: its weight in the typhoon mix (树木倒伏, 道路积水, 停电…). */
  typhoon?: number;
}

const complaint: Weighted<HotlineKind> = [
  ['complaint', 6],
  ['help', 3],
  ['report', 1],
];
const help: Weighted<HotlineKind> = [
  ['help', 7],
  ['complaint', 3],
];
const consult: Weighted<HotlineKind> = [
  ['consult', 9],
  ['suggestion', 1],
];
const report: Weighted<HotlineKind> = [
  ['report', 6],
  ['complaint', 4],
];
const suggestion: Weighted<HotlineKind> = [
  ['suggestion', 7],
  ['consult', 3],
];

export const HOTLINE_CATEGORIES: readonly HotlineCategory[] = [
  {
    code: '010101',
    path: ['城乡建设', '市政设施', '路灯不亮'],
    weight: 5,
    kinds: help,
    titles: ['{junction}路灯不亮', '{road}一段路灯损坏'],
    contents: [
      '{junction}路灯不亮已{days}天，夜间行人和电动车出行存在安全隐患。',
      '{town}{road}{no}号附近有多盏路灯晚上不亮，路段漆黑。',
    ],
  },
  {
    code: '010102',
    path: ['城乡建设', '市政设施', '道路破损'],
    weight: 3,
    kinds: complaint,
    titles: ['{road}路面坑洼破损', '{junction}路面塌陷'],
    contents: ['{road}{no}号附近路面出现多处坑洼，电动车经过容易摔倒。', '{junction}路面破损下沉，车辆通行颠簸。'],
  },
  {
    code: '010103',
    path: ['城乡建设', '市政设施', '井盖缺失破损'],
    weight: 2,
    kinds: help,
    titles: ['{road}井盖缺失', '{junction}井盖破损'],
    contents: ['{road}{no}号门口人行道上井盖缺失，已有行人险些踩空。', '{junction}井盖松动破损，车辆经过响声很大。'],
    severity: 'minor',
  },
  {
    code: '010104',
    path: ['城乡建设', '市政设施', '道路积水'],
    weight: 1,
    kinds: help,
    titles: ['{junction}道路积水严重', '{road}积水无法通行'],
    contents: [
      '{junction}积水已没过车轮，多辆车熄火，行人无法通过。',
      '{road}{no}号附近雨水排不出去，积水深约{count}厘米。',
    ],
    severity: 'minor',
    typhoon: 5,
  },
  {
    code: '010201',
    path: ['城乡建设', '园林绿化', '树木倒伏'],
    weight: 1,
    kinds: help,
    titles: ['{road}树木倒伏挡路', '{junction}大树倒伏'],
    contents: [
      '{road}{no}号附近一棵大树被风吹倒，横在路中间，车辆无法通行。',
      '{junction}行道树倒伏压在电线上，存在安全隐患。',
    ],
    severity: 'minor',
    typhoon: 5,
  },
  {
    code: '010202',
    path: ['城乡建设', '园林绿化', '绿化带缺乏管护'],
    weight: 1,
    kinds: suggestion,
    titles: ['{road}绿化带杂草丛生'],
    contents: ['{road}中间绿化带杂草长得很高，遮挡司机视线。'],
  },
  {
    code: '010301',
    path: ['城乡建设', '物业管理', '物业服务纠纷'],
    weight: 3,
    kinds: complaint,
    titles: ['{community}物业不作为', '{community}物业乱收费'],
    contents: [
      '{town}{community}物业公司长期不打扫楼道，垃圾无人清理，业主多次反映未果。',
      '{community}物业公司未经业主同意上调物业费，且不公示收支。',
    ],
  },
  {
    code: '010302',
    path: ['城乡建设', '物业管理', '电梯故障'],
    weight: 2,
    kinds: help,
    titles: ['{community}电梯频繁故障'],
    contents: ['{community}{count}号楼电梯近一周停运{days}次，楼内有老人出行困难。'],
    severity: 'minor',
  },
  {
    code: '010401',
    path: ['城乡建设', '违法建设', '违章搭建'],
    weight: 2,
    kinds: report,
    titles: ['{community}有人违章搭建', '{road}楼顶违建'],
    contents: ['{community}有住户在楼顶私自加建铁皮房，影响楼体安全。', '{road}{no}号一楼商户私自扩建占用公共通道。'],
  },
  {
    code: '020101',
    path: ['环境保护', '噪声污染', '夜间施工噪音'],
    weight: 4,
    kinds: complaint,
    titles: ['{road}工地夜间施工噪音扰民', '{junction}夜间施工扰民'],
    contents: [
      '{road}{no}号附近工地每晚施工到凌晨，噪音很大，影响周边居民休息。',
      '{junction}附近工地深夜使用打桩机，周边小区居民无法入睡。',
    ],
  },
  {
    code: '020102',
    path: ['环境保护', '噪声污染', '商铺噪音扰民'],
    weight: 2,
    kinds: complaint,
    titles: ['{road}商铺音响噪音扰民'],
    contents: ['{road}{no}号商铺门口音响整天大音量播放促销广告，影响周边居民。'],
  },
  {
    code: '020201',
    path: ['环境保护', '大气污染', '工地扬尘'],
    weight: 2,
    kinds: complaint,
    titles: ['{road}工地扬尘严重'],
    contents: ['{road}附近工地渣土未覆盖，车辆进出扬尘严重，周边商铺灰尘很大。'],
  },
  {
    code: '020202',
    path: ['环境保护', '大气污染', '露天焚烧'],
    weight: 1,
    kinds: report,
    titles: ['{town}有人焚烧垃圾'],
    contents: ['{town}{road}附近空地有人焚烧垃圾和秸秆，浓烟很大。'],
  },
  {
    code: '020301',
    path: ['环境保护', '水污染', '污水直排'],
    weight: 1,
    kinds: report,
    titles: ['{road}附近污水直排'],
    contents: ['{road}{no}号附近有污水直接排入雨水管，气味刺鼻。'],
  },
  {
    code: '030101',
    path: ['交通运输', '公交服务', '公交车甩站'],
    weight: 2,
    kinds: complaint,
    titles: ['公交车在{road}站甩站不停'],
    contents: ['在{road}公交站候车，公交车未停靠直接驶过，已等候{count}分钟。'],
  },
  {
    code: '030102',
    path: ['交通运输', '公交服务', '线路设置建议'],
    weight: 1,
    kinds: suggestion,
    titles: ['建议增设{town}公交线路'],
    contents: ['{town}{road}一带居民较多，公交班次少，建议增开线路或加密班次。'],
  },
  {
    code: '030201',
    path: ['交通运输', '出租车管理', '拒载绕路'],
    weight: 1,
    kinds: complaint,
    titles: ['出租车在{road}拒载'],
    contents: ['在{road}{no}号附近打车，出租车司机嫌路程短拒载。'],
  },
  {
    code: '030301',
    path: ['交通运输', '道路交通', '信号灯故障'],
    weight: 2,
    kinds: help,
    titles: ['{junction}红绿灯故障'],
    contents: ['{junction}红绿灯一直黄闪，路口车辆拥堵，容易发生事故。'],
    severity: 'minor',
  },
  {
    code: '030302',
    path: ['交通运输', '道路交通', '车辆乱停乱放'],
    weight: 2,
    kinds: complaint,
    titles: ['{road}车辆乱停堵塞道路'],
    contents: ['{road}{no}号附近车辆长期停在人行道和消防通道上，行人只能走机动车道。'],
  },
  {
    code: '040101',
    path: ['劳动保障', '欠薪', '拖欠农民工工资'],
    weight: 3,
    kinds: help,
    titles: ['{town}某工地拖欠农民工工资'],
    contents: ['在{town}{road}某建筑工地务工，工程已完工，施工方拖欠{count}名工人工资共计约{amount}万元。'],
    severity: 'minor',
  },
  {
    code: '040102',
    path: ['劳动保障', '欠薪', '企业拖欠工资'],
    weight: 2,
    kinds: help,
    titles: ['{road}某公司拖欠员工工资'],
    contents: ['原在{road}某公司上班，离职后公司拖欠{days}个月工资未发。'],
  },
  {
    code: '040201',
    path: ['劳动保障', '社会保险', '社保缴费咨询'],
    weight: 5,
    kinds: consult,
    titles: ['咨询灵活就业人员社保缴费'],
    contents: ['咨询灵活就业人员如何在线缴纳养老保险和医疗保险，以及缴费基数怎么选择。'],
  },
  {
    code: '040202',
    path: ['劳动保障', '社会保险', '医保报销咨询'],
    weight: 3,
    kinds: consult,
    titles: ['咨询异地就医医保报销'],
    contents: ['咨询在外地住院后回来如何办理医保报销，需要备案吗，报销比例是多少。'],
  },
  {
    code: '050101',
    path: ['市场监管', '食品安全', '餐饮店卫生问题'],
    weight: 2,
    kinds: report,
    titles: ['{road}某餐饮店卫生差'],
    contents: ['{road}{no}号一家餐饮店后厨脏乱，餐具未消毒，有顾客用餐后腹泻。'],
  },
  {
    code: '050201',
    path: ['市场监管', '消费维权', '预付卡退费纠纷'],
    weight: 2,
    kinds: complaint,
    titles: ['{road}健身房停业不退预付款'],
    contents: ['在{road}某健身房办理年卡，现门店突然停业，剩余费用无法退还。'],
  },
  {
    code: '060101',
    path: ['水电气', '供水', '停水'],
    weight: 2,
    kinds: help,
    titles: ['{community}突然停水', '{town}停水无通知'],
    contents: [
      '{town}{community}从早上开始停水，事先未接到任何通知，至今未恢复。',
      '{road}一带停水已{hours}小时，居民生活受影响。',
    ],
    severity: 'minor',
    typhoon: 2,
  },
  {
    code: '060201',
    path: ['水电气', '供电', '停电'],
    weight: 2,
    kinds: help,
    titles: ['{community}停电', '{road}一带大面积停电'],
    contents: [
      '{town}{community}停电已{hours}小时，冰箱食物变质，家中有老人需要用电。',
      '{road}一带突然停电，电梯困人，请尽快抢修。',
    ],
    severity: 'minor',
    typhoon: 5,
  },
  {
    code: '060301',
    path: ['水电气', '燃气', '燃气异味'],
    weight: 1,
    kinds: help,
    titles: ['{community}楼道有燃气味'],
    contents: ['{community}{count}号楼楼道内有明显燃气异味，居民担心泄漏。'],
    severity: 'major',
  },
  {
    code: '070101',
    path: ['教育卫生', '教育', '入学政策咨询'],
    weight: 3,
    kinds: consult,
    titles: ['咨询{town}小学入学政策'],
    contents: ['咨询非本地户籍子女在{town}就读小学需要准备哪些材料，积分如何计算。'],
  },
  {
    code: '070201',
    path: ['教育卫生', '医疗卫生', '医疗服务投诉'],
    weight: 1,
    kinds: complaint,
    titles: ['{town}卫生院服务态度差'],
    contents: ['在{town}卫生院就诊，排队{hours}小时，工作人员态度生硬。'],
  },
  {
    code: '080101',
    path: ['市容城管', '市容环卫', '垃圾清运不及时'],
    weight: 3,
    kinds: complaint,
    titles: ['{road}垃圾堆积无人清运'],
    contents: ['{road}{no}号附近垃圾桶满溢，垃圾堆了{days}天无人清运，气味难闻、蚊蝇滋生。'],
  },
  {
    code: '080201',
    path: ['市容城管', '街面秩序', '占道经营'],
    weight: 2,
    kinds: complaint,
    titles: ['{junction}流动摊贩占道经营'],
    contents: ['{junction}每天傍晚有大量流动摊贩占用人行道和机动车道，交通堵塞。'],
  },
  {
    code: '090101',
    path: ['政务服务', '办事咨询', '户籍办理咨询'],
    weight: 4,
    kinds: consult,
    titles: ['咨询户口迁入办理流程'],
    contents: ['咨询在{town}购房后户口迁入需要准备哪些材料，是否可以网上办理。'],
  },
  {
    code: '090102',
    path: ['政务服务', '办事咨询', '公积金提取咨询'],
    weight: 4,
    kinds: consult,
    titles: ['咨询住房公积金提取'],
    contents: ['咨询租房提取住房公积金的条件和办理渠道，每年可以提取几次。'],
  },
  {
    code: '090103',
    path: ['政务服务', '办事咨询', '不动产登记咨询'],
    weight: 3,
    kinds: consult,
    titles: ['咨询二手房过户办理'],
    contents: ['咨询在{town}购买二手房办理不动产转移登记需要哪些材料，多久能拿到不动产权证。'],
  },
  {
    code: '090201',
    path: ['政务服务', '表扬感谢', '表扬工作人员'],
    weight: 1,
    kinds: [['praise', 1]],
    titles: ['表扬{town}工作人员'],
    contents: ['到{town}便民服务中心办理业务，工作人员耐心细致、主动帮助填表，当天就办好了。'],
  },
];
