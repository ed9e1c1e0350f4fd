import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { HOTLINE_HEADERS, signHotlinePush } from '../hotline';
import { toApprovalsPush, toHotlinePush, toSafetyAlarmPush, toUrbanCasePush } from './platform-payloads';

export interface ProtocolFeedOptions {
  /** The command API the simulated platforms push to, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  hotline: { partnerId: string; key: Uint8Array };
  /** Every n-th 12345 ticket is filed by a citizen app through Open311 instead of the hotline platform. */
  open311?: { apiKey: string; every: number };
  /** The simulated security platform's alarm stream (read back by the WebSocket client adapter). */
  alarms?: { publish(alarm: unknown): string };
  /**
   * Device telemetry and status, e.g. `MqttDevicePublisher.publish` (Sparkplug B and JSON over
   * MQTT); without it they go to POST /api/v1/events.
   */
  devices?: (events: CityEventInput[]) => Promise<void>;
  /** Bearer token for /api/v1/ingest/* when INGEST_TOKENS is set. */
  ingestToken?: string;
  /** Retries of a 503 (saturated) answer before the batch is given up. */
  maxRetries?: number;
}

/**
 * Delivers simulated events the way each real platform would: signed 12345 pushes, Open311 forms,
 * urban/approvals pushes, a WebSocket alarm stream and MQTT (Sparkplug B and JSON devices). So `npm start` drives every adapter
 * end to end, and what the wall shows has travelled the production path.
 */
export class ProtocolFeed {
  private hotlineCount = 0;

  constructor(private readonly options: ProtocolFeedOptions) {}

  async emit(events: readonly CityEventInput[]): Promise<void> {
    const hotline: CityEventInput[] = [];
    const urban: unknown[] = [];
    const approvals: unknown[] = [];
    const devices: CityEventInput[] = [];
    const others: CityEventInput[] = [];
    const forms: string[] = [];
    for (const event of events) {
      switch (event.type) {
        case EVENT_TYPES.hotlineTicket:
          this.hotlineCount += 1;
          if (this.options.open311 && this.hotlineCount % this.options.open311.every === 0)
            forms.push(this.open311Form(event));
          else hotline.push(event);
          break;
        case EVENT_TYPES.urbanCase:
          urban.push(toUrbanCasePush(event));
          break;
        case EVENT_TYPES.safetyAlarm:
          if (this.options.alarms) this.options.alarms.publish(toSafetyAlarmPush(event));
          else others.push(event);
          break;
        case EVENT_TYPES.approvalCase:
        case EVENT_TYPES.hallQueue:
        case EVENT_TYPES.hallEvaluation:
          approvals.push(toApprovalsPush(event));
          break;
        case EVENT_TYPES.deviceTelemetry:
        case EVENT_TYPES.deviceStatus:
          if (this.options.devices) devices.push(event);
          else others.push(event);
          break;
        default:
          others.push(event);
      }
    }
    const deliveries: Array<Promise<void>> = [];
    if (hotline.length > 0) deliveries.push(this.pushHotline(hotline));
    if (urban.length > 0)
      deliveries.push(this.post('/api/v1/ingest/urban', JSON.stringify(urban), this.ingestHeaders()));
    if (approvals.length > 0)
      deliveries.push(this.post('/api/v1/ingest/approvals', JSON.stringify(approvals), this.ingestHeaders()));
    for (const form of forms) {
      deliveries.push(
        this.post('/open311/v2/requests.json', form, { 'content-type': 'application/x-www-form-urlencoded' }),
      );
    }
    if (devices.length > 0 && this.options.devices) deliveries.push(this.options.devices(devices));
    if (others.length > 0) deliveries.push(this.post('/api/v1/events', JSON.stringify(others), {}));
    await Promise.all(deliveries);
  }

  private async pushHotline(events: CityEventInput[]): Promise<void> {
    const { partnerId, key } = this.options.hotline;
    const body = JSON.stringify(
      events.map((event) =>
        toHotlinePush(event as Extract<CityEventInput, { type: typeof EVENT_TYPES.hotlineTicket }>),
      ),
    );
    const timestamp = Math.floor(Date.now() / 1000);
    await this.post('/api/v1/ingest/hotline', body, {
      [HOTLINE_HEADERS.partner]: partnerId,
      [HOTLINE_HEADERS.timestamp]: String(timestamp),
      [HOTLINE_HEADERS.signature]: signHotlinePush(timestamp, body, key),
    });
  }

  private open311Form(event: Extract<CityEventInput, { type: typeof EVENT_TYPES.hotlineTicket }>): string {
    const form = new URLSearchParams({
      api_key: this.options.open311?.apiKey ?? '',
      service_code: event.data.categoryCode,
      description: event.data.content,
      address_string: event.data.address,
    });
    if (event.location) {
      form.set('lat', String(event.location.lat));
      form.set('long', String(event.location.lng));
    }
    return form.toString();
  }

  private ingestHeaders(): Record<string, string> {
    return this.options.ingestToken ? { authorization: `Bearer ${this.options.ingestToken}` } : {};
  }

  /** A polite source: on 503 it waits as long as Retry-After says, then tries again. */
  private async post(path: string, body: string, headers: Record<string, string>): Promise<void> {
    const maxRetries = this.options.maxRetries ?? 10;
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${this.options.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      const text = await response.text();
      if (response.ok) return;
      if (response.status === 503 && attempt < maxRetries) {
        const wait = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
        continue;
      }
      throw new Error(`simulated platform: POST ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    }
  }
}
