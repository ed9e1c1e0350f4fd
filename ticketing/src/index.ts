/**
 * @zhongshu/ticketing — the work-order domain. Pure TypeScript: no transport, no storage, no clock of its
 * own (every function takes `now`). The API loads an order, calls `decide`, stores the result with a
 * compare-and-set on `version`, and publishes the events.
 */

/** The closed loop's vocabulary, as the wall and the docs name the stages. */
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

export * from './work-order.model';
export * from './work-order.command';
export * from './work-order.labels';
export * from './domain-error';
export {
  PERMISSIONS,
  SINGLE_TRANSITIONS,
  JOINT_TRANSITIONS,
  CHILD_TRANSITIONS,
  AUTO_CLOSING,
  RESUME_TARGET,
  RULING_TARGET,
  capacitiesOf,
  transitionsFor,
} from './work-order.rules';
export type { Capacity, TransitionTable, TransitionTarget, ChildTarget } from './work-order.rules';
export type { Decision, DecideContext, DomainEvent } from './work-order.handler';
export { decide, createWorkOrder, createWorkOrderInput, refreshWarning, allowedCommands } from './work-order.machine';
export type { CreateWorkOrderInput } from './work-order.machine';
export { activeChildren } from './joint-order';
export { MERGEABLE_DUPLICATE_STATUSES } from './work-order.merge';
export * from './working-calendar';
export * from './china-holidays.data';
export * from './deadline.policy';
export * from './assessment.facts';
export * from './assessment';
export * from './routing';
export * from './from-city-event';
