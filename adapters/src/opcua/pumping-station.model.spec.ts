import { describe, expect, it } from 'vitest';
import { PumpingStationModel, type PumpingStationReadings } from './pumping-station.model';

const run = (seed: number, steps: number, seconds = 1): PumpingStationReadings[] => {
  const model = new PumpingStationModel(seed);
  return Array.from({ length: steps }, () => ({ ...model.step(seconds) }));
};

describe('PumpingStationModel', () => {
  it('replays exactly for a seed and differs for another', () => {
    expect(run(7, 50)).toEqual(run(7, 50));
    expect(run(7, 50)).not.toEqual(run(8, 50));
  });

  it('cycles the pump between its start and stop levels with plausible readings', () => {
    const readings = run(20261121, 6 * 360, 10);
    const running = readings.filter((r) => r.PumpRunning);
    const idle = readings.filter((r) => !r.PumpRunning);
    expect(running.length).toBeGreaterThan(0);
    expect(idle.length).toBeGreaterThan(0);
    const plausibleRun = (r: PumpingStationReadings) =>
      r.Pressure > 2.5 && r.Flow > 500 && r.MotorCurrents.every((a) => a > 35 && a < 48);
    expect(running.filter((r) => !plausibleRun(r))).toEqual([]);
    expect(idle.filter((r) => r.Flow !== 0 || r.Pressure >= 0.6)).toEqual([]);
    expect(readings.filter((r) => r.Level < 0.2 || r.Level > 4.5)).toEqual([]);
    const starts = readings.filter((r, i) => r.PumpRunning && !readings[i - 1]?.PumpRunning).length;
    expect(starts).toBeGreaterThan(3);
  });

  it('trips now and then, and a faulted pump does not run until the fault clears', () => {
    const readings = run(3, 48 * 360, 10);
    const faulted = readings.filter((r) => r.Fault);
    expect(faulted.length).toBeGreaterThan(0);
    expect(faulted.length / readings.length).toBeLessThan(0.05);
    expect(faulted.filter((r) => r.PumpRunning || r.Flow !== 0)).toEqual([]);
  });
});
