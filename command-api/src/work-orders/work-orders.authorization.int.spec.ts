import {
  COMMAND_KEYS,
  transitionsFor,
  WORK_ORDER_STATUSES,
  type CommandKey,
  type WorkOrder,
} from '@zhongshu/ticketing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, orderIn, TOWN_A, TOWN_B, type Profile } from '../../../ticketing/src/work-order.fixture';
import { matrixCase } from '../../../ticketing/src/work-order.matrix';
import { ApiError } from '../http/api-error';
import { Sm4Cipher } from '../pii/sm4.cipher';
import { OrderCodec } from './order-codec';
import { OrderHotStore } from './order-hot.store';
import { Clock, openNode, openWarehouse, PII_KEY, T0, type Node, type Warehouse } from './work-orders.test-kit';

/**
 * The authorisation matrix at the service (API) level: every role × every command × in and out of data
 * scope, through WorkOrderService with real storage. Written out by hand from the product rules:
 * - an administrator does no casework: 403 FORBIDDEN for everything;
 * - someone who may not see the order (another street, another unit) gets 404, whatever they ask;
 * - someone who sees it but whose role may not issue the command gets 403 FORBIDDEN;
 * - otherwise the command goes through (each fixture is built so its status allows the command).
 */
const CENTRE: CommandKey[] = [
  'accept',
  'dispatch',
  'approve.refusal',
  'verify',
  'close',
  'evaluate.centre',
  'return.feedback',
  'return.refusal',
  'suspend',
  'resume',
  'invalidate',
  'reopen',
  'merge',
  'urge',
];
const UNIT: CommandKey[] = ['sign', 'refuse', 'checkin', 'feedback', 'evaluate.unit', 'return.order', 'extend.request'];
const ALLOWED: Record<Exclude<Profile, 'system'>, CommandKey[]> = {
  commander: [...CENTRE, 'extend.approve', 'extend.deny', 'supervise'],
  dispatcher: CENTRE,
  liaison: UNIT,
  engineer: UNIT,
  unitLeader: [
    'refuse',
    'approve.child_feedback',
    'evaluate.unit',
    'return.order',
    'return.child_feedback',
    'extend.request',
  ],
  districtLeader: ['extend.approve', 'extend.deny', 'urge', 'supervise', 'rule'],
  admin: [],
};
const PROFILES = Object.keys(ALLOWED) as Array<keyof typeof ALLOWED>;
const REGION_BOUND = ['commander', 'dispatcher', 'districtLeader'];
const UNIT_BOUND = ['liaison', 'engineer', 'unitLeader'];

function fixtureFor(key: CommandKey): WorkOrder {
  for (const kind of ['single', 'joint'] as const) {
    for (const status of WORK_ORDER_STATUSES) {
      if (!transitionsFor(kind)[key][status]) continue;
      const order = orderIn(kind, status, { pendingExtension: key === 'extend.approve' || key === 'extend.deny' });
      if (order) return order;
    }
  }
  throw new Error(`no fixture allows ${key}`);
}

/** Whether a unit counts as the order's: the single order's handler, or a unit with a task still on it. */
const unitOnOrder = (order: WorkOrder, unit: string) =>
  order.kind === 'single'
    ? order.handler?.department === unit
    : order.children.some((c) => c.unit === unit && c.status !== 'released');

let warehouse: Warehouse;
let node: Node;
let hot: OrderHotStore;
const codec = new OrderCodec(new Sm4Cipher(Buffer.from(PII_KEY, 'hex')));
let seeded = 0;

beforeAll(async () => {
  warehouse = await openWarehouse();
  node = openNode(warehouse, new Clock(new Date(T0.getTime() + 36_000_000)));
  hot = new OrderHotStore(node.hotState);
});
afterAll(async () => {
  await node.close();
  await warehouse.close();
});

/** A fresh copy of the fixture under its own id, straight into hot state. */
async function seed(order: WorkOrder): Promise<WorkOrder> {
  seeded += 1;
  const copy = { ...structuredClone(order), id: `M${seeded}-${order.id}` };
  await hot.putIfNewer(copy.id, copy.version, codec.seal(copy));
  return copy;
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('authorisation matrix through the service: every role × command × in/out of scope', () => {
  for (const key of COMMAND_KEYS) {
    it(key, async () => {
      const fixture = fixtureFor(key);
      expect(fixture.townCode).toBe(TOWN_A);
      const rows: string[] = [];
      for (const profile of PROFILES) {
        const allowed = ALLOWED[profile].includes(key);
        const base = matrixCase(fixture, key);
        const unit = base.unit ?? 'U1';
        const tries: Array<[string, ReturnType<typeof actorFor>, boolean]> = [
          [
            'district-wide / own unit',
            actorFor(profile, unit),
            !UNIT_BOUND.includes(profile) || unitOnOrder(fixture, unit),
          ],
        ];
        if (REGION_BOUND.includes(profile)) {
          tries.push(['own street', actorFor(profile, unit, TOWN_A), true]);
          tries.push(['other street', actorFor(profile, unit, TOWN_B), false]);
        }
        if (UNIT_BOUND.includes(profile)) tries.push(['other unit', actorFor(profile, 'OTHER-UNIT'), false]);
        for (const [scope, actor, visible] of tries) {
          const order = await seed(fixture);
          let command = base.command as Record<string, unknown>;
          if (key === 'merge') {
            const duplicate = await seed(base.context.duplicates![0]);
            command = { ...command, duplicates: [{ id: duplicate.id, version: duplicate.version }] };
          }
          const { action, ...body } = command;
          const expected =
            profile === 'admin'
              ? '403 FORBIDDEN'
              : !visible
                ? '404 WORK_ORDER_NOT_FOUND'
                : allowed
                  ? 'ok'
                  : '403 FORBIDDEN';
          const got = await outcome(
            node.wo.service.act(order.id, action as never, body, { actor, seesPersonalData: false }),
          );
          rows.push(`${profile} (${scope}): ${got}${got === expected ? '' : ` ≠ expected ${expected}`}`);
        }
      }
      expect(rows.filter((row) => row.includes('≠'))).toEqual([]);
    });
  }
});
