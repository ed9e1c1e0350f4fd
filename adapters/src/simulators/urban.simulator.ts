import { EVENT_TYPES, urbanCaseStage, type CityEventInput, type Severity } from '@zhongshu/stream';
import type { z } from 'zod';
import { CaseNumbers, OpenCases } from './case-numbers';
import type { CityProfile } from './city-profile';
import { fill, pickPlace, placeSlots, type Place } from './place';
import type { Rng, Weighted } from './prng';
import { envelope, instantsIn, type SimulationWindow, type SourceSimulator } from './source-simulator';
import { URBAN_CLASSES, type UrbanClass } from './urban.catalogue';

type Stage = z.infer<typeof urbanCaseStage>;
type Reporter = 'inspector' | 'citizen' | 'video_ai';

/** 信息收集→立案→派遣→处置→反馈→核查→结案, in contract order. */
const STAGES = urbanCaseStage.options;

interface UrbanCase {
  caseNo: string;
  urbanClass: UrbanClass;
  place: Place;
  gridCode: string;
  reporter: Reporter;
  stage: Stage;
  description: string;
  severity: Severity;
}

/** Envelope `category`: the class code alone is ambiguous (0101 is in both tables). */
export const urbanCategory = (urbanClass: Pick<UrbanClass, 'classType' | 'classCode'>): string =>
  `${urbanClass.classType}.${urbanClass.classCode}`;

const UPDATE_SHARE = 0.35;
const TYPHOON_SHARE = 0.6;
const BURST_SHARE = 0.7;
const REPORTED_BY: Record<Reporter, string> = {
  inspector: '监督员巡查发现：',
  citizen: '市民举报：',
  video_ai: '视频AI识别：',
};

const ordinary: Weighted<UrbanClass> = URBAN_CLASSES.map((urbanClass) => [urbanClass, urbanClass.weight]);
const stormy: Weighted<UrbanClass> = URBAN_CLASSES.flatMap((urbanClass) =>
  urbanClass.typhoon ? [[urbanClass, urbanClass.typhoon] as const] : [],
);
const burstTopics = URBAN_CLASSES.filter((urbanClass) => urbanClass.aiDetectable);

/**
 * 数字城管 cases. New cases arrive at 信息收集 (or straight at 立案 when transferred from 12345);
 * some earlier cases come back later one to three stages on, with the same case number and a new event id.
 */
export class UrbanSimulator implements SourceSimulator {
  readonly source = 'urban' as const;
  private readonly numbers = new CaseNumbers('CG');
  private readonly open = new OpenCases<UrbanCase>(400);

  constructor(
    private readonly profile: CityProfile,
    private readonly rng: Rng,
  ) {}

  generate(window: SimulationWindow): CityEventInput[] {
    const count = this.rng.poisson(window.expected);
    return instantsIn(window, count, this.rng.next).map((at) => {
      const earlier = this.rng.chance(UPDATE_SHARE) ? this.open.take(this.rng.next()) : undefined;
      const urbanCase = earlier ? this.advance(earlier) : this.newCase(window, at);
      if (urbanCase.stage !== 'close') this.open.add(urbanCase);
      return this.event(window, at, urbanCase);
    });
  }

  private newCase(window: SimulationWindow, at: Date): UrbanCase {
    const { rng } = this;
    const burst = window.focus && rng.chance(BURST_SHARE) ? window.focus : undefined;
    const typhoon = window.scenario === 'typhoon';
    const urbanClass = burst
      ? burstTopics[burst.topic % burstTopics.length]
      : rng.weighted(typhoon && rng.chance(TYPHOON_SHARE) ? stormy : ordinary);
    const place = pickPlace(this.profile, rng, burst?.town, burst?.road);
    const reporter = rng.weighted<Reporter>(
      urbanClass.aiDetectable
        ? [
            ['inspector', 50],
            ['citizen', 20],
            ['video_ai', 30],
          ]
        : [
            ['inspector', 70],
            ['citizen', 30],
          ],
    );
    const base = urbanClass.severity ?? 'info';
    return {
      caseNo: this.numbers.next(at),
      urbanClass,
      place,
      gridCode: `${place.town.code}${String(rng.int(1, 36)).padStart(3, '0')}`,
      reporter,
      stage: rng.chance(0.8) ? 'collect' : 'register',
      description: `${REPORTED_BY[reporter]}${fill(rng.pick(urbanClass.descriptions), placeSlots(place, rng))}。`,
      severity: typhoon && urbanClass.typhoon !== undefined ? (base === 'info' ? 'minor' : 'major') : base,
    };
  }

  private advance(urbanCase: UrbanCase): UrbanCase {
    // 核查不通过: the inspector finds the problem still there and the case goes back to 处置.
    if (urbanCase.stage === 'verify' && this.rng.chance(0.1)) return { ...urbanCase, stage: 'dispose' };
    const steps = this.rng.weighted([
      [1, 70],
      [2, 25],
      [3, 5],
    ]);
    const next = Math.min(STAGES.indexOf(urbanCase.stage) + steps, STAGES.length - 1);
    return { ...urbanCase, stage: STAGES[next] ?? 'close' };
  }

  private event(window: SimulationWindow, at: Date, urbanCase: UrbanCase): CityEventInput {
    const { urbanClass, place } = urbanCase;
    const dispatched = STAGES.indexOf(urbanCase.stage) >= STAGES.indexOf('dispatch');
    return {
      ...envelope(window, this.source, at, this.profile, place),
      type: EVENT_TYPES.urbanCase,
      subject: urbanCase.caseNo,
      category: urbanCategory(urbanClass),
      severity: urbanCase.severity,
      data: {
        caseNo: urbanCase.caseNo,
        classType: urbanClass.classType,
        classCode: urbanClass.classCode,
        className: urbanClass.className,
        gridCode: urbanCase.gridCode,
        reporterType: urbanCase.reporter,
        stage: urbanCase.stage,
        description: urbanCase.description,
        address: place.address,
        department: dispatched ? urbanClass.department : undefined,
      },
    };
  }
}
