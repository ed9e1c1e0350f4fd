import { assess, NO_STREET, type AssessmentRow, type WorkOrder } from '@zhongshu/ticketing';
import type { OrderConfigStore } from './order-config.store';
import type { OrderLogRepository } from './order-log.repository';
import type { AssessmentQuery } from './work-orders.dto';

export interface AssessmentReport {
  period: { from: string; to: string };
  by: 'department' | 'region';
  /** Ranked best first (competition ranking: equal scores share a rank). */
  rows: Array<AssessmentRow & { name: string }>;
  total: AssessmentRow;
}

/**
 * 考核 for a period, read from the order log: the latest version of every order with something to count,
 * whose timeline `assess` (ticketing) replays, so a period's figures do not move when an order is reopened
 * or extended later. `by=department` ranks units, `by=region` ranks streets.
 */
export class AssessmentService {
  constructor(
    private readonly deps: {
      repository: OrderLogRepository;
      config: OrderConfigStore;
      townName: (code: string | undefined) => string | undefined;
    },
  ) {}

  async report(query: AssessmentQuery): Promise<AssessmentReport> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    // Assessment needs no personal data: the sealed caller fields stay sealed.
    const orders = (await this.deps.repository.forAssessment(from, to)).map((state) => JSON.parse(state) as WorkOrder);
    const result = assess(orders, { from, to });
    const { value: routing } = await this.deps.config.get('routing');
    const unitNames = new Map(routing.departments.map((unit) => [unit.code, unit.name]));
    const rows = query.by === 'department' ? result.departments : result.streets;
    return {
      period: result.period,
      by: query.by,
      rows: rows.map((row) => ({
        ...row,
        name:
          query.by === 'department'
            ? (unitNames.get(row.key) ?? row.key)
            : row.key === NO_STREET
              ? '未定位街道'
              : (this.deps.townName(row.key) ?? row.key),
      })),
      total: result.total,
    };
  }
}
