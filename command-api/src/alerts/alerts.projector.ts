import type { HotState, StoredEvent } from '@zhongshu/stream';
import type { AlertBoard } from '../live/alert-board';
import { alertsForEvents } from './alerts-for-events';

/**
 * Watches every stored batch (a pipeline projector, so only durable events alert) and raises
 * critical events and device faults on the wall's alert board.
 */
export class AlertsProjector {
  constructor(private readonly board: AlertBoard) {}

  async project(stored: readonly StoredEvent[], _hotState: HotState): Promise<void> {
    const alerts = alertsForEvents(stored);
    if (alerts.length > 0) this.board.raise(alerts);
  }
}
