/**
 * The work-order domain lands here (issue: joint-handling work orders). Until then the package holds
 * only the lifecycle vocabulary the other packages and the docs already use.
 */
export const WORK_ORDER_STAGES = [
  'intake', // 接诉
  'classify', // 分类
  'dispatch', // 派单
  'sign', // 签收
  'handle', // 处置
  'feedback', // 反馈
  'verify', // 核查
  'close', // 办结
  'evaluate', // 回访/评价
] as const;

export type WorkOrderStage = (typeof WORK_ORDER_STAGES)[number];
