import type { LiveAlert } from '@zhongshu/stream';
import type { OrderSummary } from './order-summary';

/**
 * A red or overdue order becomes a wall alert (kind `deadline`). The id names the order, the level and
 * the deadline, so the scheduler may raise it every scan (the AlertBoard drops repeats) while an
 * extension or a reopen, which move the deadline, can alert again.
 */
export function deadlineAlert(summary: OrderSummary, at: Date, townName?: string): LiveAlert | undefined {
  if (summary.warning !== 'red' && summary.warning !== 'overdue') return undefined;
  const overdue = summary.warning === 'overdue';
  return {
    id: `deadline:${summary.id}:${summary.warning}:${summary.dueBy ?? ''}`,
    level: overdue ? 'critical' : 'warning',
    kind: 'deadline',
    titleZh: `${overdue ? '工单已超期' : '工单红色预警'}：${summary.title}`,
    titleEn: `${overdue ? 'Work order overdue' : 'Work order near its deadline'}: ${summary.title}`,
    at: at.toISOString(),
    orderId: summary.id,
    ...(townName ? { townName } : {}),
    ...(summary.lng !== undefined && summary.lat !== undefined ? { lng: summary.lng, lat: summary.lat } : {}),
  };
}
