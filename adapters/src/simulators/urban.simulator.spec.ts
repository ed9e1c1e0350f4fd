import { EVENT_TYPES, urbanCaseStage, type CityEventInput } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { Rng } from './prng';
import { drive } from './source-driver';
import { xiuyingTestProfile } from './test-profile';
import { URBAN_CLASSES } from './urban.catalogue';
import { UrbanSimulator } from './urban.simulator';

type UrbanEvent = Extract<CityEventInput, { type: typeof EVENT_TYPES.urbanCase }>;

const STAGES = urbanCaseStage.options;
const events = drive(new UrbanSimulator(xiuyingTestProfile, new Rng(8)), {
  from: new Date('2026-06-01T08:00:00+08:00'),
  to: new Date('2026-06-01T14:00:00+08:00'),
  perMinute: 15,
}).filter((event): event is UrbanEvent => event.type === EVENT_TYPES.urbanCase);

const byCase = new Map<string, UrbanEvent[]>();
for (const event of events) byCase.set(event.data.caseNo, [...(byCase.get(event.data.caseNo) ?? []), event]);
const histories = [...byCase.values()];

describe('UrbanSimulator', () => {
  it('opens cases at 信息收集 or 立案', () => {
    expect(histories.length).toBeGreaterThan(3_000);
    for (const [first] of histories) expect(['collect', 'register']).toContain(first?.data.stage);
  });

  it('sends later stages of earlier cases with a new event id and the same case facts', () => {
    const updated = histories.filter((history) => history.length > 1);
    expect(updated.length).toBeGreaterThan(200);
    expect(new Set(updated.flat().map((event) => event.data.stage))).toEqual(new Set(STAGES));
    for (const history of updated) {
      const [first] = history;
      expect(new Set(history.map((event) => event.id)).size).toBe(history.length);
      for (const event of history) {
        expect(event.subject).toBe(first?.subject);
        expect(event.location).toEqual(first?.location);
        const { stage: _stage, department: _department, ...facts } = event.data;
        const { stage: _s, department: _d, ...firstFacts } = first?.data ?? event.data;
        expect(facts).toEqual(firstFacts);
      }
      for (let i = 1; i < history.length; i += 1) {
        const before = history[i - 1]?.data.stage ?? 'collect';
        const after = history[i]?.data.stage ?? 'collect';
        // Forward only, except 核查不通过 sending a case back from 核查 to 处置.
        const back = before === 'verify' && after === 'dispose';
        expect(back || STAGES.indexOf(after) > STAGES.indexOf(before), `${before}→${after}`).toBe(true);
      }
      expect(history.slice(0, -1).some((event) => event.data.stage === 'close')).toBe(false);
    }
  });

  it('names the 责任单位 once a case is dispatched, not before', () => {
    for (const { data } of events) {
      const dispatched = STAGES.indexOf(data.stage) >= STAGES.indexOf('dispatch');
      expect(Boolean(data.department)).toBe(dispatched);
    }
  });

  it('classifies by CJ/T 214 tables, grid and reporter', () => {
    const classes = new Map(URBAN_CLASSES.map((entry) => [`${entry.classType}.${entry.classCode}`, entry]));
    const towns = new Map(xiuyingTestProfile.towns.map((town) => [town.code, town.name]));
    for (const { category, data } of events) {
      const entry = classes.get(category);
      expect(entry?.className).toBe(data.className);
      expect(entry?.classType).toBe(data.classType);
      expect(data.gridCode).toMatch(/^\d{12}$/);
      const town = towns.get(data.gridCode.slice(0, 9));
      expect(town && data.address.includes(town)).toBe(true);
      if (data.reporterType === 'video_ai') expect(entry?.aiDetectable).toBe(true);
      expect(data.description).not.toMatch(/[{}]/);
    }
    expect(new Set(events.map((event) => event.data.classType))).toEqual(new Set(['component', 'event']));
    expect(new Set(events.map((event) => event.data.reporterType))).toEqual(
      new Set(['inspector', 'citizen', 'video_ai']),
    );
  });
});
