import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { APPROVAL_ITEMS } from './approval.catalogue';
import { ApprovalSimulator } from './approval.simulator';
import { Rng } from './prng';
import { drive } from './source-driver';
import { xiuyingTestProfile } from './test-profile';

type Approval = Extract<CityEventInput, { type: typeof EVENT_TYPES.approvalCase }>;

const events = drive(new ApprovalSimulator(xiuyingTestProfile, new Rng(6)), {
  from: new Date('2026-06-01T00:00:00+08:00'),
  to: new Date('2026-06-02T00:00:00+08:00'),
  perMinute: 6,
}).filter((event): event is Approval => event.type === EVENT_TYPES.approvalCase);
const byCase = new Map<string, Approval[]>();
for (const event of events) byCase.set(event.data.caseNo, [...(byCase.get(event.data.caseNo) ?? []), event]);

/** 预受理→受理→补齐补正→挂起→办结/不予受理 */
const ALLOWED: Record<string, string[]> = {
  pre_accept: ['accept', 'supplement', 'reject'],
  accept: ['complete', 'supplement', 'suspend', 'reject'],
  supplement: ['accept', 'reject'],
  suspend: ['accept'],
  complete: [],
  reject: [],
};

describe('ApprovalSimulator', () => {
  it('moves every case along the 一网通办 lifecycle and stops at 办结 or 不予受理', () => {
    expect(byCase.size).toBeGreaterThan(2_000);
    for (const history of byCase.values()) {
      const stages = history.map((event) => event.data.stage);
      expect(['pre_accept', 'accept']).toContain(stages[0]);
      for (let i = 1; i < stages.length; i += 1) {
        expect(ALLOWED[stages[i - 1] ?? '']).toContain(stages[i]);
      }
    }
    const all = new Set(events.map((event) => event.data.stage));
    expect(all).toEqual(new Set(Object.keys(ALLOWED)));
    const finished = [...byCase.values()].filter((history) =>
      ['complete', 'reject'].includes(history[history.length - 1]?.data.stage ?? ''),
    );
    expect(finished.length / byCase.size).toBeGreaterThan(0.5);
  });

  it('finishes 即办件 (0 committed days) straight after acceptance', () => {
    const instant = [...byCase.values()].filter((history) => history[0]?.data.committedDays === 0);
    expect(instant.length).toBeGreaterThan(100);
    for (const history of instant) {
      const stages = history.map((event) => event.data.stage);
      const accepted = stages.indexOf('accept');
      if (accepted >= 0 && accepted < stages.length - 1) expect(stages[accepted + 1]).toBe('complete');
    }
  });

  it('keeps item, department and time limits fixed per case and plausible', () => {
    const items = new Map(APPROVAL_ITEMS.map((item) => [item.itemName, item]));
    for (const history of byCase.values()) {
      const [first] = history;
      for (const { data } of history) {
        expect(data.itemName).toBe(first?.data.itemName);
        expect(data.applicantType).toBe(first?.data.applicantType);
        expect(data.statutoryDays).toBeGreaterThanOrEqual(data.committedDays);
        expect(items.get(data.itemName)?.department).toBe(data.department);
      }
    }
    expect(new Set(events.map((event) => event.data.department)).size).toBeGreaterThanOrEqual(8);
  });
});
