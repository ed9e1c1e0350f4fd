import { EVENT_TYPES, type CityEventInput, type hallQueuePayload, type windowState } from '@zhongshu/stream';
import type { z } from 'zod';
import { cityDateStamp } from './city-time';
import type { CityFacilities, HallWindow } from './city-facilities';
import type { CityProfile } from './city-profile';
import type { Rng, Weighted } from './prng';
import { HALL_OPEN_HOURS_PER_DAY, isHallOpen } from './rhythm';
import { envelope, instantsIn, type SimulationWindow, type SourceSimulator } from './source-simulator';

type WindowState = z.infer<typeof windowState>;

interface Counter {
  window: HallWindow;
  state: WindowState;
  pausedUntil: number;
}

interface Waiting {
  ticketNo: string;
  takenAt: number;
}

/** take_number + call + back-to-idle + 0.6 ratings: how many events one visitor produces. */
export const EVENTS_PER_VISITOR = 3.6;
/** Staffing aims at windows ~80% busy on an average open hour: queues build at the morning peak and drain after. */
const TARGET_UTILISATION = 0.8;
const SERVICE_MINUTES = { min: 2, max: 15 };
const RATING_SHARE = 0.6;
const RATINGS: Weighted<number> = [
  [5, 88],
  [4, 6.5],
  [3, 2.5],
  [2, 1.5],
  [1, 1.5],
];
const BAD_COMMENTS = [
  '等候时间太长，只开了一个窗口',
  '工作人员态度生硬，解释不耐烦',
  '材料要求没有一次性告知，跑了两趟',
  '系统故障，等了一上午没办成',
  '叫号顺序混乱，有人插队',
];
const GOOD_COMMENTS = ['办事效率高', '工作人员热情耐心', '一次就办好了，点赞'];

/**
 * The service hall as a small queueing model: visitors take numbers (Poisson, opening hours only),
 * idle windows call the head of their queue, service takes minutes, most visitors rate (好差评).
 * Windows log in after opening, pause now and then, and log out once closed with their queue empty.
 */
export class HallSimulator implements SourceSimulator {
  readonly source = 'hall' as const;
  private readonly counters: Counter[];
  private readonly queues = new Map<string, Waiting[]>();
  private readonly issued = new Map<string, number>();
  private readonly meanServiceMs: number;
  private day = '';

  /** `eventsPerMinute`: the hall's daily-mean event rate, used to size service times to the visitor flow. */
  constructor(
    private readonly profile: CityProfile,
    private readonly rng: Rng,
    private readonly facilities: CityFacilities,
    eventsPerMinute: number,
  ) {
    this.counters = facilities.hall.windows.map((window) => ({ window, state: 'logged_out', pausedUntil: 0 }));
    const visitorsPerOpenMinute = (eventsPerMinute * 24) / HALL_OPEN_HOURS_PER_DAY / EVENTS_PER_VISITOR;
    const minutes = (TARGET_UTILISATION * this.counters.length) / Math.max(visitorsPerOpenMinute, 1e-6);
    this.meanServiceMs = Math.min(SERVICE_MINUTES.max, Math.max(SERVICE_MINUTES.min, minutes)) * 60_000;
  }

  generate(window: SimulationWindow): CityEventInput[] {
    const to = window.to.getTime();
    const seconds = (to - window.from.getTime()) / 1000;
    const open = isHallOpen(to);
    const events: CityEventInput[] = [];
    const arrivals = open ? this.rng.poisson(window.expected / EVENTS_PER_VISITOR) : 0;
    for (const at of instantsIn(window, arrivals, this.rng.next)) events.push(this.takeNumber(window, at));
    for (const counter of this.counters) events.push(...this.step(window, counter, open, seconds));
    return events;
  }

  private get waiting(): number {
    let total = 0;
    for (const queue of this.queues.values()) total += queue.length;
    return total;
  }

  private takeNumber(window: SimulationWindow, at: Date): CityEventInput {
    const day = cityDateStamp(at);
    // Queue numbers restart every morning, as on a real ticket machine.
    if (day !== this.day) {
      this.day = day;
      this.issued.clear();
    }
    const { letter, businessType } = this.rng.pick(this.facilities.hall.windows);
    const number = (this.issued.get(letter) ?? 0) + 1;
    this.issued.set(letter, number);
    const ticketNo = `${letter}${String(number).padStart(3, '0')}`;
    const queue = this.queues.get(letter) ?? [];
    queue.push({ ticketNo, takenAt: at.getTime() });
    this.queues.set(letter, queue);
    return this.queueEvent(window, at, { action: 'take_number', ticketNo, businessType, waitingCount: this.waiting });
  }

  /** One window's transition at the end of the slice, if any. */
  private step(window: SimulationWindow, counter: Counter, open: boolean, seconds: number): CityEventInput[] {
    const { rng } = this;
    const at = window.to;
    const queue = this.queues.get(counter.window.letter) ?? [];
    switch (counter.state) {
      case 'logged_out':
        return open && rng.chance(seconds / 120) ? [this.setState(window, counter, 'idle')] : [];
      case 'paused':
        return at.getTime() >= counter.pausedUntil ? [this.setState(window, counter, 'idle')] : [];
      case 'serving': {
        if (!rng.chance(seconds / (this.meanServiceMs / 1000))) return [];
        const idle = this.setState(window, counter, 'idle');
        return rng.chance(RATING_SHARE) ? [idle, this.rate(window, counter)] : [idle];
      }
      case 'idle': {
        const next = queue.shift();
        if (next) return [this.call(window, counter, next)];
        if (!open && rng.chance(seconds / 60)) return [this.setState(window, counter, 'logged_out')];
        if (open && rng.chance(seconds / 1800)) {
          counter.pausedUntil = at.getTime() + rng.int(3, 15) * 60_000;
          return [this.setState(window, counter, 'paused')];
        }
        return [];
      }
    }
  }

  private call(window: SimulationWindow, counter: Counter, next: Waiting): CityEventInput {
    counter.state = 'serving';
    return this.queueEvent(window, window.to, {
      action: 'call',
      ticketNo: next.ticketNo,
      windowNo: counter.window.no,
      windowState: 'serving',
      businessType: counter.window.businessType,
      waitingCount: this.waiting,
      waitSeconds: Math.round((window.to.getTime() - next.takenAt) / 1000),
    });
  }

  private setState(window: SimulationWindow, counter: Counter, state: WindowState): CityEventInput {
    counter.state = state;
    return this.queueEvent(window, window.to, {
      action: 'window_state',
      windowNo: counter.window.no,
      windowState: state,
      businessType: counter.window.businessType,
      waitingCount: this.waiting,
    });
  }

  /** The visitor rates on the window's pad as service ends (好差评). */
  private rate(window: SimulationWindow, counter: Counter): CityEventInput {
    const { rng } = this;
    const rating = rng.weighted(RATINGS);
    const comment =
      rating <= 2 || (rating === 3 && rng.chance(0.5))
        ? rng.pick(BAD_COMMENTS)
        : rating === 5 && rng.chance(0.15)
          ? rng.pick(GOOD_COMMENTS)
          : undefined;
    const { hall } = this.facilities;
    return {
      ...envelope(window, this.source, window.to, this.profile, hall),
      type: EVENT_TYPES.hallEvaluation,
      subject: `${hall.id}-W${counter.window.no}`,
      category: rating >= 4 ? 'evaluation.good' : rating === 3 ? 'evaluation.neutral' : 'evaluation.bad',
      severity: rating <= 2 ? 'minor' : 'info',
      data: { hallId: hall.id, windowNo: counter.window.no, rating, channel: rng.chance(0.9) ? 'pad' : 'sms', comment },
    };
  }

  private queueEvent(
    window: SimulationWindow,
    at: Date,
    data: Omit<z.input<typeof hallQueuePayload>, 'hallId'>,
  ): CityEventInput {
    const { hall } = this.facilities;
    return {
      ...envelope(window, this.source, at, this.profile, hall),
      type: EVENT_TYPES.hallQueue,
      subject: data.ticketNo ?? `${hall.id}-W${data.windowNo ?? ''}`,
      category: `queue.${data.action}`,
      severity: 'info',
      data: { hallId: hall.id, ...data },
    };
  }
}
