import { EVENT_TYPES, type CityEventInput, type Severity } from '@zhongshu/stream';
import { CaseNumbers } from './case-numbers';
import type { CityProfile } from './city-profile';
import { HOTLINE_CATEGORIES, type HotlineCategory, type HotlineChannel, type HotlineKind } from './hotline.catalogue';
import { fill, pickPlace, placeSlots } from './place';
import type { Rng, Weighted } from './prng';
import { envelope, instantsIn, type SimulationWindow, type SourceSimulator } from './source-simulator';

/** 受理方式: the phone line still carries most of the load. */
export const HOTLINE_CHANNELS: Weighted<HotlineChannel> = [
  ['phone', 60],
  ['wechat', 15],
  ['app', 12],
  ['web', 8],
  ['miniprogram', 5],
];

/** Share of tickets that need a work order rather than being answered on the call (直接办结). */
const NEEDS_HANDLING: Record<HotlineKind, number> = {
  consult: 0.25,
  help: 0.85,
  complaint: 0.9,
  report: 0.95,
  suggestion: 0.5,
  praise: 0.05,
};

const OPENING: Record<HotlineChannel, string> = {
  phone: '来电人反映：',
  wechat: '市民通过微信公众号反映：',
  app: '市民通过政务服务APP反映：',
  web: '网民通过政府网站留言反映：',
  miniprogram: '市民通过小程序反映：',
};

const CLOSING: Record<HotlineKind, string> = {
  consult: '请相关部门予以解答。',
  help: '请相关部门尽快协助处理。',
  complaint: '请相关部门尽快核实处理。',
  report: '请相关部门依法查处。',
  suggestion: '建议相关部门研究采纳。',
  praise: '特此表扬。',
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '吴', '林', '符', '王', '陈', '邢', '吉', '冯', '周'];
const MOBILE_PREFIXES = [
  '130',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '158',
  '166',
  '177',
  '186',
  '188',
  '189',
  '198',
];

const TYPHOON_SHARE = 0.6;
const BURST_SHARE = 0.7;
const BURST_TOPICS = ['010101', '060101', '060201', '020101', '080101'];

const burstTopics = HOTLINE_CATEGORIES.filter((category) => BURST_TOPICS.includes(category.code));
const ordinary: Weighted<HotlineCategory> = HOTLINE_CATEGORIES.map((category) => [category, category.weight]);
const stormy: Weighted<HotlineCategory> = HOTLINE_CATEGORIES.flatMap((category) =>
  category.typhoon ? [[category, category.typhoon] as const] : [],
);

/** 12345 tickets (政务服务便民热线工单). */
export class HotlineSimulator implements SourceSimulator {
  readonly source = 'hotline' as const;
  private readonly numbers = new CaseNumbers('RX');

  constructor(
    private readonly profile: CityProfile,
    private readonly rng: Rng,
  ) {}

  generate(window: SimulationWindow): CityEventInput[] {
    const count = this.rng.poisson(window.expected);
    return instantsIn(window, count, this.rng.next).map((at) => this.ticket(window, at));
  }

  private ticket(window: SimulationWindow, at: Date): CityEventInput {
    const { rng } = this;
    const burst = window.focus && rng.chance(BURST_SHARE) ? window.focus : undefined;
    const category = burst
      ? burstTopics[burst.topic % burstTopics.length]
      : rng.weighted(window.scenario === 'typhoon' && rng.chance(TYPHOON_SHARE) ? stormy : ordinary);
    const place = pickPlace(this.profile, rng, burst?.town, burst?.road);
    const slots = placeSlots(place, rng);
    const channel = rng.weighted(HOTLINE_CHANNELS);
    const kind = rng.weighted(category.kinds);
    const ticketNo = this.numbers.next(at);
    return {
      ...envelope(window, this.source, at, this.profile, place),
      type: EVENT_TYPES.hotlineTicket,
      subject: ticketNo,
      category: category.code,
      severity: severityOf(category, window.scenario === 'typhoon'),
      data: {
        ticketNo,
        channel,
        kind,
        categoryCode: category.code,
        categoryName: category.path.join('/'),
        title: fill(rng.pick(category.titles), slots),
        content: `${OPENING[channel]}${fill(rng.pick(category.contents), slots)}${CLOSING[kind]}`,
        address: place.address,
        caller: rng.chance(0.9) ? this.caller() : undefined,
        needsHandling: rng.chance(NEEDS_HANDLING[kind]),
        status: 'accepted',
      },
    };
  }

  /**
   * Callers are personal data. The simulator never invents a full mobile number (it could be a real
   * person's), so it emits the masked form platforms show: 138****1234.
   */
  private caller(): { name: string; phone: string } {
    const { rng } = this;
    const name = `${rng.pick(SURNAMES)}${rng.chance(0.5) ? '先生' : '女士'}`;
    const phone = `${rng.pick(MOBILE_PREFIXES)}****${String(rng.int(0, 9999)).padStart(4, '0')}`;
    return { name, phone };
  }
}

function severityOf(category: HotlineCategory, typhoon: boolean): Severity {
  const base = category.severity ?? 'info';
  // In a storm a fallen tree or flooded junction is a hazard to life, not a nuisance.
  if (typhoon && category.typhoon !== undefined) return base === 'info' ? 'minor' : 'major';
  return base;
}
