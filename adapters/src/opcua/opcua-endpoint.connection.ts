import type {
  ClientSession,
  ClientSubscription,
  DataValue,
  OPCUACertificateManager,
  OPCUAClient,
  UserIdentityInfo,
} from 'node-opcua';
import type { OpcUaConfig, OpcUaEndpointConfig, OpcUaItemConfig } from './opcua-config.schema';
import type { DeviceStatus } from './opcua-event.mapper';
import type { NodeOpcUa } from './node-opcua.loader';
import { resolveItemNode } from './opcua-node.resolver';

export interface EndpointListener {
  dataChange(item: OpcUaItemConfig, dataValue: DataValue): void;
  /** Transitions only: the first known state, then every change. */
  status(status: DeviceStatus, reason: string): void;
  /** A configured item that could not be monitored (unknown node, bad path…); retried on resubscribe. */
  itemFailed(item: OpcUaItemConfig, reason: string): void;
  log(message: string, error?: unknown): void;
}

export interface EndpointSettings extends Pick<OpcUaConfig, 'reconnect'> {
  certificateManager: OPCUACertificateManager;
  /** Subscription keep-alive target; the watchdog rebuilds the connection after ~3 silent periods. */
  keepAliveMs?: number;
}

const MIN_PUBLISHING_MS = 50;
const MAX_PUBLISHING_MS = 5_000;
const CLOSE_TIMEOUT_MS = 2_000;

/**
 * One endpoint: client → session → subscription → a monitored item per configured item.
 *
 * node-opcua's client reconnects by itself (connection strategy, infinite retries) and, on a
 * network blip, transfers the subscription to the repaired session. After a server restart the
 * subscription is gone: node-opcua re-creates it with the node ids it knew, but browse paths and
 * `nsu=` ids may resolve differently now, so on every restored session whose subscription did not
 * survive we delete it and subscribe afresh (paths translated again). Anything node-opcua cannot
 * repair — a failed reconnection, a closed session, a subscription silent for three keep-alive
 * periods — makes us drop the client and build a new one.
 */
export class OpcUaEndpointConnection {
  private state: DeviceStatus | 'unknown' = 'unknown';
  private stopped = true;
  private client: OPCUAClient | undefined;
  private session: ClientSession | undefined;
  private subscription: ClientSubscription | undefined;
  private subscriptionId: number | undefined;
  private lastActivity = Date.now();
  private lastSilentResubscribe = 0;
  private staleMs = Infinity;
  private closing = false;
  private run: Promise<void> | undefined;
  private rebuild: ((reason: string) => void) | undefined;
  private wakeBackoff: (() => void) | undefined;
  private changing: Promise<void> = Promise.resolve();

  constructor(
    private readonly opcua: NodeOpcUa,
    readonly endpoint: OpcUaEndpointConfig,
    private readonly settings: EndpointSettings,
    private readonly listener: EndpointListener,
  ) {}

  get online(): boolean {
    return this.state === 'online';
  }

  start(): void {
    if (this.run) return;
    this.stopped = false;
    this.run = this.supervise();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.rebuild?.('stopped');
    this.wakeBackoff?.();
    // A connect still retrying only ends when its client is disconnected.
    if (this.state !== 'online') void this.client?.disconnect().catch(() => undefined);
    await this.run;
    this.run = undefined;
  }

  private async supervise(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const broken = new Promise<string>((resolve) => (this.rebuild = resolve));
      const watchdog = setInterval(() => this.checkActivity(), 1_000);
      try {
        await this.connect();
        failures = 0;
        const reason = await broken;
        if (!this.stopped) this.setState('offline', reason);
      } catch (error) {
        if (!this.stopped) {
          failures += 1;
          this.setState('offline', `connect failed: ${message(error)}`);
          this.listener.log(`OPC UA ${this.endpoint.name}: connect failed`, error);
        }
      } finally {
        clearInterval(watchdog);
        this.rebuild = undefined;
        await this.teardown();
      }
      if (!this.stopped) await this.backoff(failures);
    }
  }

  private async connect(): Promise<void> {
    const { opcua, endpoint, settings } = this;
    const client = opcua.OPCUAClient.create({
      applicationName: 'Zhongshu',
      clientName: `zhongshu-${endpoint.name}`,
      endpointMustExist: false,
      securityMode: opcua.MessageSecurityMode[endpoint.securityMode],
      securityPolicy: opcua.SecurityPolicy[endpoint.securityPolicy],
      clientCertificateManager: settings.certificateManager,
      connectionStrategy: {
        initialDelay: settings.reconnect.initialDelayMs,
        maxDelay: settings.reconnect.maxDelayMs,
        maxRetry: -1,
        randomisationFactor: 0.1,
      },
      keepSessionAlive: true,
      requestedSessionTimeout: 60_000,
    });
    this.client = client;
    client.on('backoff', (count: number) => {
      if (count === 0) this.setState('offline', `cannot reach ${endpoint.url}`);
    });
    client.on('connection_lost', () => this.setState('offline', 'connection lost'));
    client.on('after_reconnection', (error?: Error | null) => {
      if (error) this.rebuild?.(`reconnection failed: ${error.message}`);
    });
    client.on('reconnection_canceled', () => this.rebuild?.('reconnection canceled'));
    // Normally preceded by the session's `session_restored`; checked again in case it was not.
    client.on('connection_reestablished', () => {
      if (this.session) void this.restored(this.session);
    });

    await client.connect(endpoint.url);
    if (this.stopped) throw new Error('stopped while connecting');
    const session = await client.createSession(this.identity());
    this.session = session;
    session.on('session_closed', (statusCode: { name: string }) => {
      if (!this.closing) this.rebuild?.(`session closed by the server (${statusCode.name})`);
    });
    session.on('session_restored', () => void this.restored(session));
    await this.subscribe(session);
    this.setState('online', 'connected');
  }

  private identity(): UserIdentityInfo {
    const { UserTokenType } = this.opcua;
    const { username, password } = this.endpoint;
    return username !== undefined
      ? { type: UserTokenType.UserName, userName: username, password: password ?? '' }
      : { type: UserTokenType.Anonymous };
  }

  /** The session came back after a reconnection: keep a transferred subscription, else subscribe afresh. */
  private restored(session: ClientSession): Promise<void> {
    return this.serially(session, async () => {
      const kept = this.subscription;
      if (kept && kept.isActive && kept.subscriptionId === this.subscriptionId) {
        this.touch();
        this.setState('online', 'reconnected; subscription transferred');
        return;
      }
      await this.replaceSubscription(session, 'reconnected after the server lost the subscription');
    });
  }

  private resubscribe(session: ClientSession, reason: string): Promise<void> {
    return this.serially(session, () => this.replaceSubscription(session, reason));
  }

  /** One subscription change at a time, and none for a session that is no longer ours. */
  private serially(session: ClientSession, task: () => Promise<void>): Promise<void> {
    this.changing = this.changing
      .then(async () => {
        if (this.stopped || session !== this.session) return;
        await task();
      })
      .catch((error: unknown) => this.listener.log(`OPC UA ${this.endpoint.name}: subscription change failed`, error));
    return this.changing;
  }

  private async replaceSubscription(session: ClientSession, reason: string): Promise<void> {
    const old = this.subscription;
    this.subscription = undefined;
    this.subscriptionId = undefined;
    await within(old?.terminate(), CLOSE_TIMEOUT_MS).catch(() => undefined);
    try {
      await this.subscribe(session);
      this.setState('online', reason);
    } catch (error) {
      this.rebuild?.(`resubscribe failed: ${message(error)}`);
    }
  }

  private async subscribe(session: ClientSession): Promise<void> {
    const { endpoint } = this;
    const fastest = Math.min(...endpoint.items.map((item) => item.samplingIntervalMs));
    const publishingInterval = Math.min(MAX_PUBLISHING_MS, Math.max(MIN_PUBLISHING_MS, fastest));
    const keepAliveCount = Math.max(1, Math.ceil((this.settings.keepAliveMs ?? 5_000) / publishingInterval));
    const subscription = await session.createSubscription2({
      requestedPublishingInterval: publishingInterval,
      requestedMaxKeepAliveCount: keepAliveCount,
      requestedLifetimeCount: keepAliveCount * 6,
      maxNotificationsPerPublish: 1_000,
      publishingEnabled: true,
      priority: 10,
    });
    this.subscription = subscription;
    this.subscriptionId = subscription.subscriptionId;
    const revised = subscription.publishingInterval * subscription.maxKeepAliveCount;
    this.staleMs = 3 * (revised > 0 ? revised : publishingInterval * keepAliveCount) + 2_000;
    this.touch();
    subscription.on('keepalive', () => this.touch());
    subscription.on('terminated', () => {
      // Our own terminate, or node-opcua tearing it down mid-reconnection: `restored` takes over.
      if (this.subscription !== subscription || this.stopped || !this.online || this.client?.isReconnecting) return;
      void this.resubscribe(session, 'subscription terminated by the server; subscribed again');
    });

    let namespaces: Promise<string[]> | undefined;
    const readNamespaces = () => (namespaces ??= session.readNamespaceArray());
    await Promise.all(endpoint.items.map((item) => this.monitor(session, subscription, item, readNamespaces)));
  }

  private async monitor(
    session: ClientSession,
    subscription: ClientSubscription,
    item: OpcUaItemConfig,
    namespaces: () => Promise<string[]>,
  ): Promise<void> {
    const { opcua } = this;
    const resolved = await resolveItemNode(opcua, session, item, namespaces).catch(
      (error: unknown) => ({ ok: false, reason: `cannot resolve: ${message(error)}` }) as const,
    );
    if (!resolved.ok) {
      this.listener.itemFailed(item, resolved.reason);
      return;
    }
    try {
      const monitored = await subscription.monitor(
        { nodeId: resolved.nodeId, attributeId: opcua.AttributeIds.Value },
        { samplingInterval: item.samplingIntervalMs, queueSize: item.queueSize, discardOldest: true },
        opcua.TimestampsToReturn.Both,
      );
      monitored.on('changed', (dataValue: DataValue) => {
        this.touch();
        if (this.subscription !== subscription) return;
        this.safely(() => this.listener.dataChange(item, dataValue));
      });
    } catch (error) {
      this.listener.itemFailed(item, `cannot monitor ${resolved.nodeId.toString()}: ${message(error)}`);
    }
  }

  private touch(): void {
    this.lastActivity = Date.now();
  }

  /**
   * A subscription silent for three keep-alive periods on a live session was dropped by the server
   * (lifetime expired, reset): subscribe again. Silent again soon after, the connection itself is
   * suspect: rebuild it.
   */
  private checkActivity(): void {
    const session = this.session;
    if (!this.online || !session || this.client?.isReconnecting) return;
    const silent = Date.now() - this.lastActivity;
    if (silent <= this.staleMs) return;
    const reason = `no publish response for ${Math.round(silent / 1000)} s`;
    if (Date.now() - this.lastSilentResubscribe < 3 * this.staleMs) {
      this.rebuild?.(reason);
      return;
    }
    this.lastSilentResubscribe = Date.now();
    this.touch();
    this.listener.log(`OPC UA ${this.endpoint.name}: ${reason}; subscribing again`);
    void this.resubscribe(session, `${reason}; subscribed again`);
  }

  private setState(state: DeviceStatus, reason: string): void {
    if (this.state === state || this.stopped) return;
    this.state = state;
    this.safely(() => this.listener.status(state, reason));
  }

  /** Best effort and bounded: a server that is gone must not hold up a stop or a rebuild. */
  private async teardown(): Promise<void> {
    const { client, session, subscription } = this;
    this.client = undefined;
    this.session = undefined;
    this.subscription = undefined;
    this.subscriptionId = undefined;
    this.staleMs = Infinity;
    this.closing = true;
    try {
      if (session && client && !client.isReconnecting) {
        await within(subscription?.terminate(), CLOSE_TIMEOUT_MS).catch(() => undefined);
        await within(session.close(true), CLOSE_TIMEOUT_MS).catch(() => undefined);
      }
      await within(client?.disconnect(), CLOSE_TIMEOUT_MS).catch(() => undefined);
    } finally {
      this.closing = false;
    }
  }

  private backoff(failures: number): Promise<void> {
    const { initialDelayMs, maxDelayMs } = this.settings.reconnect;
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(failures, 16));
    return new Promise((resolve) => {
      const timer = setTimeout(done, delay);
      const wake = () => done();
      this.wakeBackoff = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private safely(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.listener.log(`OPC UA ${this.endpoint.name}: listener failed`, error);
    }
  }
}

function within<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  if (!promise) return Promise.resolve(undefined);
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]).finally(() => clearTimeout(timer));
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
