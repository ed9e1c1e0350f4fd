import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OPCUAServer, UAVariable } from 'node-opcua';
import { hashSeed } from '../simulators/prng';
import { loadNodeOpcUa, type NodeOpcUa } from './node-opcua.loader';
import {
  INITIAL_READINGS,
  PumpingStationModel,
  type PumpingStationReadings,
  type PumpingStationVariable,
} from './pumping-station.model';
import type { Quality } from './opcua-value.mapper';

export interface PumpingStationServerOptions {
  /** Station name (泵站), e.g. 长流泵站; shown as the server's application name and the object's display name. */
  name?: string;
  /** TCP port; 0 or absent picks a free one at the first start and keeps it for restarts. */
  port?: number;
  /** Host name the endpoints advertise. */
  hostname?: string;
  /**
   * Server PKI (own certificate, trusted clients). Default: one folder per station name under the OS
   * temp dir, so a restart or the next test run reuses the certificate instead of generating one.
   */
  pkiFolder?: string;
  /**
   * `mini` (default) loads node-opcua's minimal nodeset: starts several times faster; Pressure, Flow
   * and Level are plain variables whose description names the unit. `standard` loads the full OPC UA
   * nodeset and makes them AnalogItems with EngineeringUnits.
   */
  nodeset?: 'mini' | 'standard';
}

export interface PumpingStationSetOptions {
  quality?: Quality;
  /** Default: now. Two sets with the same timestamp are the same reading to the adapter. */
  sourceTimestamp?: Date;
}

export interface PumpingStationSimulateOptions {
  seed: number;
  /** Wall-clock period of one step. */
  periodMs: number;
  /** Plant seconds per wall-clock second (default 1); 10 shows a pump cycle every minute or two. */
  speedup?: number;
}

interface Reading {
  value: PumpingStationReadings[PumpingStationVariable];
  quality: Quality;
  sourceTimestamp: Date;
}

const UNITS = {
  Pressure: { unit: 'bar', label: 'bar', range: { low: 0, high: 10 } },
  Flow: { unit: 'cubic_metre_per_hour', label: 'm³/h', range: { low: 0, high: 1000 } },
  Level: { unit: 'metre', label: 'm', range: { low: 0, high: 5 } },
} as const;

/**
 * A node-opcua server for one pumping station: `Objects/PumpingStation` with `Pressure` (Double,
 * bar), `Flow` (Double, m³/h), `Level` (Double, m), `PumpRunning`, `Fault` (Boolean) and
 * `MotorCurrents` (Double[3], A), node ids `ns=1;s=PumpingStation.<Variable>` in the station's own
 * namespace (`namespaceUri`). `stop()` then `start()` is a server restart on the same port: a new
 * server process state, no sessions or subscriptions kept, the last values kept (as a PLC would).
 */
export class PumpingStationServer {
  readonly name: string;
  private portNumber: number;
  private server: OPCUAServer | undefined;
  private variables = new Map<PumpingStationVariable, UAVariable>();
  private readonly readings = new Map<PumpingStationVariable, Reading>();
  private simulation: NodeJS.Timeout | undefined;
  private opcua: NodeOpcUa | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly options: PumpingStationServerOptions = {}) {
    this.name = options.name ?? '泵站';
    this.portNumber = options.port ?? 0;
    const now = new Date();
    for (const [name, value] of Object.entries(INITIAL_READINGS)) {
      this.readings.set(name as PumpingStationVariable, { value, quality: 'good', sourceTimestamp: now });
    }
  }

  /** The node id of a variable, e.g. `ns=1;s=PumpingStation.Pressure`. */
  static nodeId(variable: PumpingStationVariable): string {
    return `ns=1;s=PumpingStation.${variable}`;
  }

  get port(): number {
    return this.portNumber;
  }

  get endpointUrl(): string {
    return `opc.tcp://${this.options.hostname ?? 'localhost'}:${this.portNumber}`;
  }

  /** The station's own namespace, for `nsu=` node ids that survive a renumbering. */
  get namespaceUri(): string {
    return `urn:zhongshu:pumping-station:${this.slug}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Starts the server (node-opcua loaded on the first call); resolves once it listens. */
  start(): Promise<void> {
    this.starting ??= this.launch().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async launch(): Promise<void> {
    if (this.server) return;
    const opcua = (this.opcua ??= await loadNodeOpcUa());
    if (this.portNumber === 0) this.portNumber = await freePort();
    const pki = this.options.pkiFolder ?? join(tmpdir(), 'zhongshu-opcua', `station-${this.slug}`);
    const standard = this.options.nodeset === 'standard';
    const manager = (folder: string) =>
      new opcua.OPCUACertificateManager({ rootFolder: join(pki, folder), automaticallyAcceptUnknownCertificate: true });
    const server = new opcua.OPCUAServer({
      port: this.portNumber,
      hostname: this.options.hostname ?? 'localhost',
      allowAnonymous: true,
      isAuditing: false,
      serverCertificateManager: manager('PKI'),
      userCertificateManager: manager('UserPKI'),
      nodeset_filename: [standard ? opcua.nodesets.standard : opcua.get_mini_nodeset_filename()],
      serverInfo: {
        applicationUri: this.namespaceUri,
        productUri: 'urn:zhongshu:pumping-station',
        applicationName: { text: this.name, locale: 'zh-CN' },
      },
      buildInfo: { productName: `Zhongshu pumping station ${this.name}`, manufacturerName: 'Zhongshu' },
    });
    try {
      await server.initialize();
      this.buildAddressSpace(opcua, server, standard);
      await server.start();
    } catch (error) {
      this.variables = new Map();
      await server.shutdown(0).catch(() => undefined);
      throw error;
    }
    this.server = server;
  }

  /** Shuts the server down at once (sessions see the connection drop, as on a crash or reboot). */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const server = this.server;
    this.server = undefined;
    this.variables = new Map();
    await server?.shutdown(0);
  }

  /**
   * Deletes every subscription while the sessions stay open, as a server does when a subscription's
   * lifetime ran out or an operator reset it: clients must notice and subscribe again.
   */
  dropSubscriptions(): number {
    let dropped = 0;
    for (const session of this.server?.engine.getSessions() ?? []) {
      for (const subscription of [...session.publishEngine.subscriptions]) {
        session.deleteSubscription(subscription.id);
        dropped += 1;
      }
    }
    return dropped;
  }

  get(variable: PumpingStationVariable): PumpingStationReadings[PumpingStationVariable] {
    return this.readings.get(variable)?.value ?? INITIAL_READINGS[variable];
  }

  /** Changes a value as the PLC would (kept across restarts, published while running). */
  set<K extends PumpingStationVariable>(
    variable: K,
    value: PumpingStationReadings[K],
    options: PumpingStationSetOptions = {},
  ): void {
    const reading: Reading = {
      value,
      quality: options.quality ?? 'good',
      sourceTimestamp: options.sourceTimestamp ?? new Date(),
    };
    this.readings.set(variable, reading);
    this.publish(variable, reading);
  }

  /** Drives the values from a seeded plant model; returns a function that stops it. */
  simulate({ seed, periodMs, speedup = 1 }: PumpingStationSimulateOptions): () => void {
    this.stopSimulation();
    const model = new PumpingStationModel(seed, this.name);
    const tick = () => {
      const next = model.step((periodMs / 1000) * speedup);
      for (const variable of Object.keys(next) as PumpingStationVariable[]) {
        if (!sameValue(next[variable], this.get(variable))) this.set(variable, next[variable]);
      }
    };
    tick();
    const timer = setInterval(tick, periodMs);
    timer.unref();
    this.simulation = timer;
    return () => this.stopSimulation();
  }

  stopSimulation(): void {
    clearInterval(this.simulation);
    this.simulation = undefined;
  }

  private get slug(): string {
    return /^[A-Za-z0-9-]+$/.test(this.name) ? this.name.toLowerCase() : hashSeed(this.name).toString(16);
  }

  private buildAddressSpace(opcua: NodeOpcUa, server: OPCUAServer, analogItems: boolean): void {
    const addressSpace = server.engine.addressSpace;
    if (!addressSpace) throw new Error('the OPC UA server has no address space');
    const namespace = addressSpace.getOwnNamespace();
    const station = namespace.addObject({
      organizedBy: addressSpace.rootFolder.objects,
      browseName: 'PumpingStation',
      displayName: this.name,
      nodeId: 's=PumpingStation',
    });
    for (const variable of Object.keys(INITIAL_READINGS) as PumpingStationVariable[]) {
      const common = { componentOf: station, browseName: variable, nodeId: `s=PumpingStation.${variable}` };
      const analog =
        variable === 'Pressure' || variable === 'Flow' || variable === 'Level' ? UNITS[variable] : undefined;
      const node =
        analog && analogItems
          ? namespace.addAnalogDataItem({
              ...common,
              dataType: 'Double',
              engineeringUnits: opcua.standardUnits[analog.unit],
              engineeringUnitsRange: analog.range,
            })
          : namespace.addVariable({
              ...common,
              dataType: variable === 'PumpRunning' || variable === 'Fault' ? 'Boolean' : 'Double',
              ...(analog ? { description: analog.label } : {}),
              ...(variable === 'MotorCurrents'
                ? { valueRank: 1, arrayDimensions: [3], description: 'A (L1, L2, L3)' }
                : {}),
            });
      this.variables.set(variable, node);
      const reading = this.readings.get(variable);
      if (reading) this.publish(variable, reading);
    }
  }

  private publish(variable: PumpingStationVariable, reading: Reading): void {
    const node = this.variables.get(variable);
    const opcua = this.opcua;
    if (!node || !opcua) return;
    const { DataType, StatusCodes, VariantArrayType } = opcua;
    const value = reading.value;
    const variant = Array.isArray(value)
      ? { dataType: DataType.Double, arrayType: VariantArrayType.Array, value: Float64Array.from(value) }
      : { dataType: typeof value === 'boolean' ? DataType.Boolean : DataType.Double, value };
    const status =
      reading.quality === 'good'
        ? StatusCodes.Good
        : reading.quality === 'uncertain'
          ? StatusCodes.UncertainLastUsableValue
          : StatusCodes.BadSensorFailure;
    node.setValueFromSource(variant, status, reading.sourceTimestamp);
  }
}

const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

/** A port nobody listens on right now (the OS picks it; a tiny race with other processes is accepted). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
