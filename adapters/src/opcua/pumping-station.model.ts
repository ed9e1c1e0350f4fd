import { Rng, hashSeed } from '../simulators/prng';

/** What a small sewage/stormwater lift station (污水/雨水提升泵站) reports. */
export interface PumpingStationReadings {
  /** Discharge pressure, bar. */
  Pressure: number;
  /** Discharge flow, m³/h. */
  Flow: number;
  /** Wet-well level, m. */
  Level: number;
  PumpRunning: boolean;
  Fault: boolean;
  /** Motor phase currents L1–L3, A: an array, which the adapter cannot map to one metric. */
  MotorCurrents: number[];
}

export type PumpingStationVariable = keyof PumpingStationReadings;

export const INITIAL_READINGS: Readonly<PumpingStationReadings> = {
  Pressure: 0.4,
  Flow: 0,
  Level: 1.6,
  PumpRunning: false,
  Fault: false,
  MotorCurrents: [0, 0, 0],
};

const WELL_AREA_M2 = 20;
const START_LEVEL_M = 2.6;
const STOP_LEVEL_M = 1.0;
const PUMP_FLOW_M3H = 620;
/** A pump trips about once every six hours of simulated running… */
const FAULTS_PER_HOUR = 1 / 6;
const FAULT_SECONDS = { min: 30, max: 180 };

const r2 = (value: number): number => Math.round(value * 100) / 100;
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * A wet well filled by a fluctuating inflow and emptied by one pump with start/stop levels; the pump
 * trips now and then (Fault) and stays off until the fault clears. Deterministic for a seed and a
 * sequence of steps: no wall clock, no Math.random.
 */
export class PumpingStationModel {
  private readonly rng: Rng;
  private readings: PumpingStationReadings = {
    ...INITIAL_READINGS,
    MotorCurrents: [...INITIAL_READINGS.MotorCurrents],
  };
  private inflowM3h = 300;
  private faultLeftSeconds = 0;

  constructor(seed: number, label = 'pumping-station') {
    this.rng = new Rng(hashSeed(seed, label));
  }

  get current(): Readonly<PumpingStationReadings> {
    return this.readings;
  }

  /** Advances `seconds` of plant time and returns the new readings. */
  step(seconds: number): Readonly<PumpingStationReadings> {
    const { rng } = this;
    let { Level, PumpRunning, Fault } = this.readings;

    this.inflowM3h = clamp(this.inflowM3h + rng.normal(0, 15) * Math.sqrt(seconds), 80, 560);
    if (Fault) {
      this.faultLeftSeconds -= seconds;
      if (this.faultLeftSeconds <= 0) Fault = false;
    } else if (PumpRunning && rng.chance((FAULTS_PER_HOUR * seconds) / 3600)) {
      Fault = true;
      this.faultLeftSeconds = rng.between(FAULT_SECONDS.min, FAULT_SECONDS.max);
    }

    if (Fault) PumpRunning = false;
    else if (Level >= START_LEVEL_M) PumpRunning = true;
    else if (Level <= STOP_LEVEL_M) PumpRunning = false;

    const Flow = PumpRunning ? clamp(PUMP_FLOW_M3H + rng.normal(0, 12), 0, 800) : 0;
    Level = clamp(Level + ((this.inflowM3h - Flow) / WELL_AREA_M2) * (seconds / 3600), 0.2, 4.5);
    // Static head when idle; the pump adds ~2.8 bar at duty flow.
    const Pressure = PumpRunning
      ? 3.2 + rng.normal(0, 0.05) - (Flow - PUMP_FLOW_M3H) / 2000
      : 0.4 + rng.normal(0, 0.01);
    const phase = () => r2(PumpRunning ? 41 + rng.normal(0, 0.6) : 0);

    this.readings = {
      Pressure: r2(Math.max(0, Pressure)),
      Flow: r2(Flow),
      Level: r2(Level),
      PumpRunning,
      Fault,
      MotorCurrents: [phase(), phase(), phase()],
    };
    return this.readings;
  }
}
