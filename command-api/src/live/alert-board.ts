import type { AlertsData, LiveAlert, LivePublisher } from '@zhongshu/stream';

const KEEP = 50;

/**
 * The alerts a wall shows as a banner: critical events, overdue orders, device faults. Whoever notices
 * one calls `raise`; the board keeps the most recent for the snapshot a (re)connecting wall gets and
 * publishes each new one on the `alerts` channel. Raising the same id twice is a no-op, so a scan that
 * runs every minute can raise freely.
 */
export class AlertBoard {
  private readonly recent: LiveAlert[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly publisher: LivePublisher) {}

  raise(alerts: LiveAlert[]): void {
    const fresh = alerts.filter((alert) => !this.ids.has(alert.id));
    if (fresh.length === 0) return;
    for (const alert of fresh) {
      this.ids.add(alert.id);
      this.recent.unshift(alert);
    }
    for (const dropped of this.recent.splice(KEEP)) this.ids.delete(dropped.id);
    this.publisher.publish('alerts', { alerts: fresh });
  }

  snapshot(): AlertsData {
    return { alerts: [...this.recent] };
  }
}
