import { EVENT_TYPES, type approvalCasePayload, type CityEventInput } from '@zhongshu/stream';
import type { z } from 'zod';
import { APPROVAL_ITEMS, type ApprovalItem } from './approval.catalogue';
import { CaseNumbers, OpenCases } from './case-numbers';
import type { CityProfile } from './city-profile';
import { pickPlace, type Place } from './place';
import type { Rng, Weighted } from './prng';
import { envelope, instantsIn, type SimulationWindow, type SourceSimulator } from './source-simulator';

type Stage = z.infer<typeof approvalCasePayload>['stage'];

interface ApprovalCase {
  caseNo: string;
  item: ApprovalItem;
  place: Place;
  applicantType: 'person' | 'enterprise';
  stage: Stage;
}

/** 预受理→受理→补齐补正→挂起→办结/不予受理: where a case can go from each stage. */
const NEXT: Record<Stage, Weighted<Stage>> = {
  pre_accept: [
    ['accept', 80],
    ['supplement', 12],
    ['reject', 8],
  ],
  accept: [
    ['complete', 75],
    ['supplement', 12],
    ['suspend', 8],
    ['reject', 5],
  ],
  supplement: [
    ['accept', 90],
    ['reject', 10],
  ],
  suspend: [['accept', 1]],
  complete: [['complete', 1]],
  reject: [['reject', 1]],
};

/**
 * Open cases the simulator keeps moving. New-vs-update is pool/(pool + K): the pool settles at a
 * couple of hundred open cases instead of growing for ever or emptying out.
 */
const POOL_BALANCE = 60;
const ONLINE_SHARE = 0.4;
const items: Weighted<ApprovalItem> = APPROVAL_ITEMS.map((item) => [item, item.weight]);

/** 一网通办 case lifecycle events. */
export class ApprovalSimulator implements SourceSimulator {
  readonly source = 'approval' as const;
  private readonly numbers = new CaseNumbers('SP');
  private readonly open = new OpenCases<ApprovalCase>(600);

  constructor(
    private readonly profile: CityProfile,
    private readonly rng: Rng,
  ) {}

  generate(window: SimulationWindow): CityEventInput[] {
    const count = this.rng.poisson(window.expected);
    return instantsIn(window, count, this.rng.next).map((at) => {
      const pool = this.open.size;
      const earlier = this.rng.chance(pool / (pool + POOL_BALANCE)) ? this.open.take(this.rng.next()) : undefined;
      const approvalCase = earlier ? this.advance(earlier) : this.newCase(at);
      if (approvalCase.stage !== 'complete' && approvalCase.stage !== 'reject') this.open.add(approvalCase);
      return this.event(window, at, approvalCase);
    });
  }

  private newCase(at: Date): ApprovalCase {
    const { rng } = this;
    const item = rng.weighted(items);
    return {
      caseNo: this.numbers.next(at),
      item,
      // The applicant's address: where the shop, site or household is.
      place: pickPlace(this.profile, rng),
      applicantType: rng.chance(item.enterpriseShare) ? 'enterprise' : 'person',
      // Online applications wait for 预审 (预受理); at a window the clerk accepts on the spot.
      stage: item.onlineAvailable && rng.chance(ONLINE_SHARE) ? 'pre_accept' : 'accept',
    };
  }

  private advance(approvalCase: ApprovalCase): ApprovalCase {
    // 即办件 are finished at the window once accepted.
    if (approvalCase.stage === 'accept' && approvalCase.item.committedDays === 0) {
      return { ...approvalCase, stage: 'complete' };
    }
    return { ...approvalCase, stage: this.rng.weighted(NEXT[approvalCase.stage]) };
  }

  private event(window: SimulationWindow, at: Date, approvalCase: ApprovalCase): CityEventInput {
    const { item } = approvalCase;
    return {
      ...envelope(window, this.source, at, this.profile, approvalCase.place),
      type: EVENT_TYPES.approvalCase,
      subject: approvalCase.caseNo,
      category: item.itemName,
      severity: approvalCase.stage === 'reject' ? 'minor' : 'info',
      data: {
        caseNo: approvalCase.caseNo,
        itemName: item.itemName,
        department: item.department,
        stage: approvalCase.stage,
        statutoryDays: item.statutoryDays,
        committedDays: item.committedDays,
        onlineAvailable: item.onlineAvailable,
        applicantType: approvalCase.applicantType,
      },
    };
  }
}
