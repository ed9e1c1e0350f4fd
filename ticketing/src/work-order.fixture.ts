import { createTicketingPolicy, type TicketingPolicy } from './deadline.policy';
import type { DecideContext } from './work-order.handler';
import { createWorkOrder, decide, type CreateWorkOrderInput } from './work-order.machine';
import type { WorkOrderCommandInput } from './work-order.command';
import type { Actor, WorkOrder, WorkOrderKind, WorkOrderStatus } from './work-order.model';

/**
 * Test support (not exported from the package): orders in every reachable status, built only by running
 * real commands through `decide`, so a fixture can never be a state the machine would not produce.
 */

/** Monday 2 March 2026, 09:00 in Beijing: an ordinary working day with no holiday for weeks. */
export const T0 = new Date('2026-03-02T01:00:00Z');
export const REGION = '460105';
export const TOWN_A = '460105001';
export const TOWN_B = '460105002';
export const policy: TicketingPolicy = createTicketingPolicy();

export const minutes = (n: number) => n * 60_000;
export const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
/** A Beijing wall-clock time as an instant. */
export const bj = (local: string) => new Date(`${local}+08:00`);

export const dispatcher: Actor = { userId: 'dispatcher-1', role: 'dispatcher' };
export const commander: Actor = { userId: 'commander-1', role: 'commander' };
export const districtLeader: Actor = { userId: 'district-leader-1', role: 'leader' };
export const admin: Actor = { userId: 'admin-1', role: 'admin' };
export const scheduler: Actor = { userId: 'scheduler', role: 'system' };
export const liaison = (department: string): Actor => ({
  userId: `liaison-${department}`,
  role: 'liaison',
  department,
});
export const engineer = (department: string): Actor => ({
  userId: `engineer-${department}`,
  role: 'engineer',
  department,
});
export const unitLeader = (department: string): Actor => ({
  userId: `leader-${department}`,
  role: 'leader',
  department,
});

/** The eight kinds of people the matrices try every command with. */
export const PROFILES = [
  'commander',
  'dispatcher',
  'liaison',
  'engineer',
  'unitLeader',
  'districtLeader',
  'admin',
  'system',
] as const;
export type Profile = (typeof PROFILES)[number];

export function actorFor(profile: Profile, department: string, townCode?: string): Actor {
  const town = townCode ? { townCode } : {};
  switch (profile) {
    case 'commander':
      return { ...commander, ...town };
    case 'dispatcher':
      return { ...dispatcher, ...town };
    case 'districtLeader':
      return { ...districtLeader, ...town };
    case 'liaison':
      return liaison(department);
    case 'engineer':
      return engineer(department);
    case 'unitLeader':
      return unitLeader(department);
    case 'admin':
      return admin;
    case 'system':
      return scheduler;
  }
}

let sequence = 0;

export function newOrder(overrides: Partial<CreateWorkOrderInput> = {}, now = T0): WorkOrder {
  sequence += 1;
  const result = createWorkOrder(
    {
      id: `WO-${sequence}`,
      title: '长滨路路灯不亮',
      description: '长滨路与永庄路交叉口路灯不亮已三天',
      categoryCode: '010101',
      urgency: 'general',
      regionCode: REGION,
      townCode: TOWN_A,
      sourceEventIds: [`evt-${sequence}`],
      callers: [
        {
          name: '王先生',
          phone: '13800000000',
          channel: 'phone',
          sourceEventId: `evt-${sequence}`,
          receivedAt: now.toISOString(),
        },
      ],
      createdBy: dispatcher,
      ...overrides,
    },
    now,
    policy,
  );
  if (!result.ok) throw new Error(`fixture create failed: ${result.error.code} ${result.error.message.en}`);
  return result.order;
}

type Body = WorkOrderCommandInput extends infer C ? (C extends unknown ? Omit<C, 'version'> : never) : never;

/** Runs one command with the order's current version; a failure is a broken fixture, so it throws. */
export function run(order: WorkOrder, body: Body, actor: Actor, now: Date, context?: DecideContext): WorkOrder {
  const result = decide(order, { ...body, version: order.version }, actor, now, policy, context);
  if (!result.ok)
    throw new Error(`fixture step ${body.action} failed: ${result.error.code} ${result.error.message.en}`);
  return result.order;
}

/** A tiny scripted clock: each step one minute after the last. */
export class Script {
  now: Date;
  constructor(
    public order: WorkOrder,
    start = T0,
  ) {
    this.now = start;
  }
  do(body: Body, actor: Actor, context?: DecideContext): this {
    this.now = at(this.now, minutes(1));
    this.order = run(this.order, body, actor, this.now, context);
    return this;
  }
  child(unit: string): string {
    const child =
      this.order.children.find((c) => c.unit === unit && c.status !== 'released') ??
      this.order.children.find((c) => c.unit === unit);
    if (!child) throw new Error(`no child for ${unit}`);
    return child.id;
  }
}

const feedbackBody = { action: 'feedback', measures: '更换灯泡', result: '路灯已恢复', nextPlan: '持续巡查' } as const;
const where = { lng: 110.28, lat: 20.02 };

function singleIn(status: WorkOrderStatus, withPendingExtension: boolean): WorkOrder {
  if (status === 'merged') return mergedDuplicate('single');
  const s = new Script(newOrder());
  if (status === 'received') return s.order;
  s.do({ action: 'accept' }, dispatcher);
  if (status === 'accepted') return s.order;
  if (status === 'invalid') return s.do({ action: 'invalidate', reason: '重复来电' }, dispatcher).order;
  s.do({ action: 'dispatch', units: [{ department: 'U1' }] }, dispatcher);
  if (status === 'dispatched') return s.order;
  s.do({ action: 'sign' }, liaison('U1'));
  if (withPendingExtension)
    s.do(
      { action: 'extend', decision: 'request', by: { amount: 3, unit: 'workingDays' }, reason: '需协调供电局' },
      liaison('U1'),
    );
  if (status === 'handling') return s.order;
  if (status === 'suspended') return s.do({ action: 'suspend', reason: '等待第三方检测' }, dispatcher).order;
  s.do(feedbackBody, liaison('U1'));
  if (status === 'verifying') return s.order;
  s.do({ action: 'verify' }, dispatcher);
  if (status === 'verified') return s.order;
  s.do({ action: 'close' }, dispatcher);
  if (status === 'closed') return s.order;
  s.do(
    {
      action: 'evaluate',
      rater: 'centre',
      rating: { satisfaction: 'unsatisfied', resolved: false, reason: '路灯仍不亮' },
    },
    dispatcher,
  );
  return s.order;
}

/**
 * The joint order in `handling` has one unit task in each task status, so every task-level command finds
 * a task it applies to: U1 lead signed, U2 pending, U3 refused, U4 disputed, U5 released, U6 checked in,
 * U7 feedback submitted, U8 done.
 */
export function jointHandling(withPendingExtension = false): Script {
  const s = new Script(newOrder({ kind: 'joint', title: '永庄路占道经营联合整治' }));
  s.do({ action: 'accept' }, dispatcher);
  s.do(
    {
      action: 'dispatch',
      units: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8'].map((department, i) => ({
        department,
        role: i === 0 ? 'lead' : 'co',
      })),
    },
    dispatcher,
  );
  s.do({ action: 'sign' }, liaison('U1'));
  for (const unit of ['U3', 'U4', 'U5'])
    s.do({ action: 'refuse', reason: '不属于本单位职责', basis: '三定方案' }, liaison(unit));
  s.do({ action: 'return', subject: 'refusal', childId: s.child('U4'), reason: '属于该单位职责' }, dispatcher);
  s.do({ action: 'approve', subject: 'refusal', childId: s.child('U5') }, dispatcher);
  for (const unit of ['U6', 'U7', 'U8']) {
    s.do({ action: 'sign' }, liaison(unit));
    s.do({ action: 'checkin', ...where }, liaison(unit));
  }
  for (const unit of ['U7', 'U8']) s.do(feedbackBody, liaison(unit));
  s.do({ action: 'approve', subject: 'child_feedback', childId: s.child('U8') }, unitLeader('U8'));
  if (withPendingExtension)
    s.do(
      { action: 'extend', decision: 'request', by: { amount: 2, unit: 'workingDays' }, reason: '多部门协调' },
      liaison('U1'),
    );
  return s;
}

/** A small joint order closed by itself after all three units were approved; U1 rated unsatisfied. */
export function jointClosed(): Script {
  const s = new Script(newOrder({ kind: 'joint', title: '海秀西路积水联合处置' }));
  s.do({ action: 'accept' }, dispatcher);
  s.do(
    { action: 'dispatch', units: [{ department: 'U1', role: 'lead' }, { department: 'U2' }, { department: 'U3' }] },
    dispatcher,
  );
  for (const unit of ['U1', 'U2', 'U3']) {
    s.do({ action: 'sign' }, liaison(unit));
    s.do({ action: 'checkin', ...where }, liaison(unit));
    s.do(feedbackBody, liaison(unit));
    s.do({ action: 'approve', subject: 'child_feedback', childId: s.child(unit) }, unitLeader(unit));
  }
  s.do(
    {
      action: 'evaluate',
      rater: 'centre',
      childId: s.child('U1'),
      rating: { satisfaction: 'unsatisfied', reason: '现场仍有积水' },
    },
    dispatcher,
  );
  return s;
}

function jointIn(status: WorkOrderStatus, withPendingExtension: boolean): WorkOrder | undefined {
  switch (status) {
    case 'received':
      return newOrder({ kind: 'joint' });
    case 'accepted':
    case 'invalid': {
      const s = new Script(newOrder({ kind: 'joint' })).do({ action: 'accept' }, dispatcher);
      return status === 'accepted' ? s.order : s.do({ action: 'invalidate', reason: '诉求已撤回' }, dispatcher).order;
    }
    case 'dispatched': {
      // U1 lead and U2 pending, U3 refused, U4 disputed, U5 released: nobody has signed yet.
      const s = new Script(newOrder({ kind: 'joint' })).do({ action: 'accept' }, dispatcher);
      s.do(
        { action: 'dispatch', units: ['U1', 'U2', 'U3', 'U4', 'U5'].map((department) => ({ department })) },
        dispatcher,
      );
      for (const unit of ['U3', 'U4', 'U5'])
        s.do({ action: 'refuse', reason: '不属于本单位职责', basis: '三定方案' }, liaison(unit));
      s.do({ action: 'return', subject: 'refusal', childId: s.child('U4'), reason: '属于该单位职责' }, dispatcher);
      s.do({ action: 'approve', subject: 'refusal', childId: s.child('U5') }, dispatcher);
      return s.order;
    }
    case 'handling':
      return jointHandling(withPendingExtension).order;
    case 'suspended':
      return jointHandling(withPendingExtension).do({ action: 'suspend', reason: '等待上级协调' }, dispatcher).order;
    case 'closed':
      return jointClosed().order;
    case 'evaluated': {
      const s = jointClosed();
      for (const unit of ['U2', 'U3'])
        s.do(
          { action: 'evaluate', rater: 'centre', childId: s.child(unit), rating: { satisfaction: 'satisfied' } },
          dispatcher,
        );
      return s.order;
    }
    case 'merged':
      return mergedDuplicate('joint');
    case 'verifying':
    case 'verified':
      // Joint orders skip 核查: their unit leaders approve each unit's feedback instead.
      return undefined;
  }
}

function mergedDuplicate(kind: WorkOrderKind): WorkOrder {
  const survivor = newOrder();
  const duplicate = newOrder({ kind });
  const result = decide(
    survivor,
    { action: 'merge', version: survivor.version, duplicates: [{ id: duplicate.id, version: duplicate.version }] },
    dispatcher,
    T0,
    policy,
    {
      duplicates: [duplicate],
    },
  );
  if (!result.ok) throw new Error(`fixture merge failed: ${result.error.code}`);
  return result.related[0];
}

/** An order of `kind` in `status`, or undefined when that status is unreachable for the kind. */
export function orderIn(
  kind: WorkOrderKind,
  status: WorkOrderStatus,
  options: { pendingExtension?: boolean } = {},
): WorkOrder | undefined {
  return kind === 'single'
    ? singleIn(status, options.pendingExtension ?? false)
    : jointIn(status, options.pendingExtension ?? false);
}
