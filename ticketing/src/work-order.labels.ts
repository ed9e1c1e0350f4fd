import type { ChildStatus, EscalationStep, WarningLevel, WorkOrderAction, WorkOrderStatus } from './work-order.model';

/** zh-CN labels with English alongside: domain messages and the screens' catalogue speak one vocabulary. */
export interface Label {
  zh: string;
  en: string;
}

export const STATUS_LABELS: Record<WorkOrderStatus, Label> = {
  received: { zh: '已接诉', en: 'received' },
  accepted: { zh: '待派发', en: 'accepted' },
  dispatched: { zh: '待签收', en: 'dispatched' },
  handling: { zh: '处置中', en: 'handling' },
  suspended: { zh: '已挂起', en: 'suspended' },
  verifying: { zh: '待核查', en: 'awaiting verification' },
  verified: { zh: '待办结', en: 'verified' },
  closed: { zh: '已办结', en: 'closed' },
  evaluated: { zh: '已评价', en: 'evaluated' },
  invalid: { zh: '无效', en: 'invalid' },
  merged: { zh: '已合并', en: 'merged' },
};

export const CHILD_STATUS_LABELS: Record<ChildStatus, Label> = {
  pending: { zh: '待响应', en: 'pending' },
  signed: { zh: '已签收', en: 'signed' },
  refused: { zh: '已拒绝', en: 'refused' },
  disputed: { zh: '归属判定中', en: 'disputed' },
  released: { zh: '已移出', en: 'released' },
  checked_in: { zh: '已报到', en: 'checked in' },
  feedback_submitted: { zh: '待审批', en: 'feedback submitted' },
  done: { zh: '已完成', en: 'done' },
};

export const ACTION_LABELS: Record<WorkOrderAction, Label> = {
  accept: { zh: '受理', en: 'accept' },
  dispatch: { zh: '派单', en: 'dispatch' },
  sign: { zh: '签收', en: 'sign for' },
  refuse: { zh: '拒签', en: 'refuse' },
  checkin: { zh: '打卡报到', en: 'check in' },
  feedback: { zh: '反馈', en: 'feed back' },
  approve: { zh: '审批', en: 'approve' },
  verify: { zh: '核查', en: 'verify' },
  close: { zh: '办结', en: 'close' },
  evaluate: { zh: '评价', en: 'evaluate' },
  return: { zh: '退回', en: 'return' },
  extend: { zh: '延期', en: 'extend' },
  suspend: { zh: '挂起', en: 'suspend' },
  resume: { zh: '恢复', en: 'resume' },
  invalidate: { zh: '置为无效', en: 'invalidate' },
  reopen: { zh: '重办', en: 'reopen' },
  merge: { zh: '合并', en: 'merge' },
  urge: { zh: '催办', en: 'urge' },
  supervise: { zh: '督办', en: 'supervise' },
  rule: { zh: '归属判定', en: 'rule on ownership' },
};

export const WARNING_LABELS: Record<WarningLevel, Label> = {
  none: { zh: '正常', en: 'on track' },
  yellow: { zh: '黄色预警', en: 'yellow' },
  orange: { zh: '橙色预警', en: 'orange' },
  red: { zh: '红色预警', en: 'red' },
  overdue: { zh: '已超期', en: 'overdue' },
};

export const ESCALATION_LABELS: Record<EscalationStep, Label> = {
  urge: { zh: '催办', en: 'urge the handler' },
  supervise: { zh: '督办', en: 'supervise via the department head' },
  district: { zh: '领导督办', en: 'escalate to the district leader' },
};
