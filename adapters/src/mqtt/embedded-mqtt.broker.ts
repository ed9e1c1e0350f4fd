import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type AuthErrorCode, type Client } from 'aedes';
import { memoize } from './mqtt-decode.result';
import { filterCovers, matchesTopicFilter } from './topic-filter.matcher';

export interface MqttUser {
  username: string;
  password: string;
  /** Topic filters this user may PUBLISH to. */
  publish: readonly string[];
  /** Topic filters this user may SUBSCRIBE to (a request must lie entirely within one). */
  subscribe: readonly string[];
}

export interface EmbeddedMqttBrokerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 1884 (Mosquitto owns 1883 on our machines); 0 picks a free port. */
  port?: number;
  users: readonly MqttUser[];
  /**
   * Where PUBLISHes we consume go before the publisher is answered: the broker sends the PUBACK
   * only once `admit` resolved (see `BrokerIngestGate`). Other topics are routed as usual.
   */
  ingest?: BrokerIngest;
}

/** What the broker needs of the ingest gate. */
export interface BrokerIngest {
  consumes(topic: string): boolean;
  admit(topic: string, payload: Buffer): Promise<void>;
}

export const EMBEDDED_MQTT_DEFAULT_PORT = 1884;
/** Per connection: how much a socket read may hand aedes at once (see start()). */
const READ_BUFFER_BYTES = 1 << 20;

// MQTT 3.1.1 CONNACK return codes (aedes speaks 3.1.1).
const BAD_USERNAME_OR_PASSWORD: AuthErrorCode = 4;

const digest = (value: string | Buffer) => createHash('sha256').update(value).digest();

/**
 * The broker `npm start` runs when no `MQTT_URL` is set: aedes (in-memory persistence, so QoS 1
 * sessions survive client reconnects while the process lives) on a TCP port, with username/password
 * authentication and per-user topic ACLs. With `ingest`, the topics we consume go straight into the
 * pipeline and are acknowledged to the publisher only once durable.
 */
export class EmbeddedMqttBroker {
  private readonly users: ReadonlyMap<string, { password: Buffer; user: MqttUser }>;
  private readonly userOf = new WeakMap<Client, MqttUser>();
  private readonly publishAcl = new WeakMap<MqttUser, (topic: string) => boolean>();
  private broker: Aedes | undefined;
  private server: Server | undefined;

  constructor(private readonly options: EmbeddedMqttBrokerOptions) {
    this.users = new Map(options.users.map((user) => [user.username, { password: digest(user.password), user }]));
  }

  /** `mqtt://host:port` once started. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('the embedded MQTT broker is not started');
    return `mqtt://${this.options.host ?? '127.0.0.1'}:${address.port}`;
  }

  /** The aedes instance, for observers (e.g. `on('ack')`); undefined until started. */
  get instance(): Aedes | undefined {
    return this.broker;
  }

  async start(): Promise<{ port: number }> {
    if (this.server) return { port: (this.server.address() as AddressInfo).port };
    const broker = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        const user = this.check(username, password);
        if (!user) {
          const error: AuthenticateError = Object.assign(new Error('bad username or password'), {
            returnCode: BAD_USERNAME_OR_PASSWORD,
          });
          done(error, false);
          return;
        }
        this.userOf.set(client, user);
        done(null, true);
      },
      authorizePublish: (client, packet, done) => {
        // client is null only for wills aedes publishes on its own after the client is gone.
        const user = client === null ? undefined : this.userOf.get(client);
        const allowed = client === null || (user !== undefined && this.mayPublish(user)(packet.topic));
        if (!allowed) return done(new Error(`${user?.username ?? 'anonymous'} may not publish to ${packet.topic}`));
        const { ingest } = this.options;
        if (!ingest?.consumes(packet.topic)) return done(null);
        const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
        // aedes writes the PUBACK (QoS 1) and routes the message only after this callback.
        ingest.admit(packet.topic, payload).then(
          () => done(null),
          (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
        );
      },
      authorizeSubscribe: (client, subscription, done) => {
        const user = this.userOf.get(client);
        const allowed = user?.subscribe.some((filter) => filterCovers(filter, subscription.topic)) ?? false;
        // A null subscription is refused in the SUBACK (0x80) without dropping the connection.
        done(null, allowed ? subscription : null);
      },
    });
    // aedes answers the packets of one socket read together and reads on when all are answered; with the
    // ingest gate that is one warehouse round trip per read, so a big read buffer lets a busy gateway (or
    // a bridge from a site broker) put more into each round: measured ~1,700 small messages per round
    // against ~600 with the default buffer.
    const server = createServer({ highWaterMark: READ_BUFFER_BYTES }, broker.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? EMBEDDED_MQTT_DEFAULT_PORT, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    }).catch(async (error: unknown) => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      throw error;
    });
    this.broker = broker;
    this.server = server;
    return { port: (server.address() as AddressInfo).port };
  }

  async stop(): Promise<void> {
    const { broker, server } = this;
    this.broker = undefined;
    this.server = undefined;
    // aedes closes its client connections; then the listener can finish closing.
    if (broker) await new Promise<void>((resolve) => broker.close(() => resolve()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The user's publish ACL, remembered per topic: devices keep publishing on the same few topics. */
  private mayPublish(user: MqttUser): (topic: string) => boolean {
    let matcher = this.publishAcl.get(user);
    if (!matcher) {
      matcher = memoize((topic) => user.publish.some((filter) => matchesTopicFilter(filter, topic)));
      this.publishAcl.set(user, matcher);
    }
    return matcher;
  }

  private check(username: string | undefined, password: Buffer | undefined): MqttUser | undefined {
    const entry = username === undefined ? undefined : this.users.get(username);
    // Compare fixed-length digests in constant time, also for unknown users, so timing tells nothing.
    const expected = entry?.password ?? digest('\u0000no such user');
    const matches = timingSafeEqual(expected, digest(password ?? Buffer.alloc(0)));
    return entry && matches ? entry.user : undefined;
  }
}
