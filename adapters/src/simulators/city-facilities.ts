import type { deviceType } from '@zhongshu/stream';
import type { z } from 'zod';
import type { CityProfile } from './city-profile';
import type { Rng } from './prng';

export type DeviceType = z.infer<typeof deviceType>;
export type DeviceKind =
  | 'water_level'
  | 'air_quality'
  | 'manhole'
  | 'smoke'
  | 'gas'
  | 'camera'
  | 'nvr'
  | 'kiosk'
  | 'queue_machine'
  | 'evaluation_pad'
  | 'server'
  | 'network';

export interface FleetDevice {
  /** e.g. 460105-CAM-017 */
  id: string;
  type: DeviceType;
  kind: DeviceKind;
  name: string;
  townCode: string;
  lng: number;
  lat: number;
}

export interface HallWindow {
  no: string;
  businessType: string;
  /** Queue letter printed on tickets for this business (A023). */
  letter: string;
}

export interface HallSite {
  id: string;
  name: string;
  lng: number;
  lat: number;
  windows: HallWindow[];
}

/** The fixed things a city owns: its device fleet (~200) and its service hall. */
export interface CityFacilities {
  devices: FleetDevice[];
  hall: HallSite;
}

/** Field devices are spread over the towns; hall and data-centre kit sits in the hall's building. */
const FLEET_PLAN: ReadonlyArray<{
  kind: DeviceKind;
  type: DeviceType;
  code: string;
  name: string;
  count: number;
  indoor?: boolean;
}> = [
  { kind: 'water_level', type: 'sensor', code: 'WL', name: '积水监测水位计', count: 20 },
  { kind: 'air_quality', type: 'sensor', code: 'AQ', name: '空气质量微站', count: 12 },
  { kind: 'manhole', type: 'sensor', code: 'MH', name: '智能井盖传感器', count: 16 },
  { kind: 'smoke', type: 'sensor', code: 'SM', name: '独立式烟感探测器', count: 24 },
  { kind: 'gas', type: 'sensor', code: 'GS', name: '可燃气体探测器', count: 12 },
  { kind: 'camera', type: 'camera', code: 'CAM', name: '高清视频监控', count: 72 },
  { kind: 'nvr', type: 'nvr', code: 'NVR', name: '网络硬盘录像机', count: 6 },
  { kind: 'kiosk', type: 'kiosk', code: 'KSK', name: '自助服务一体机', count: 8, indoor: true },
  { kind: 'queue_machine', type: 'queue_machine', code: 'QM', name: '排队取号机', count: 2, indoor: true },
  { kind: 'server', type: 'server', code: 'SRV', name: '应用服务器', count: 8, indoor: true },
  { kind: 'network', type: 'network', code: 'NET', name: '核心交换机', count: 6, indoor: true },
];

/** 窗口 → business: what a district hall typically opens. One 好差评 pad per window. */
const WINDOW_PLAN: ReadonlyArray<{ businessType: string; letter: string; windows: number }> = [
  { businessType: '综合受理', letter: 'A', windows: 8 },
  { businessType: '市场准入', letter: 'B', windows: 3 },
  { businessType: '工程建设', letter: 'C', windows: 2 },
  { businessType: '社保医保', letter: 'D', windows: 3 },
  { businessType: '不动产登记', letter: 'E', windows: 3 },
  { businessType: '公安户政', letter: 'F', windows: 2 },
  { businessType: '税务', letter: 'G', windows: 2 },
  { businessType: '公积金', letter: 'H', windows: 1 },
];

const pad = (n: number, width = 3): string => String(n).padStart(width, '0');

export function buildFacilities(profile: CityProfile, rng: Rng): CityFacilities {
  const seatTown = profile.towns[0];
  if (!seatTown) throw new Error('a city profile needs at least one town');
  const hallPoint = profile.randomPoint(seatTown.code, rng.next);
  const windows: HallWindow[] = [];
  for (const { businessType, letter, windows: count } of WINDOW_PLAN) {
    for (let i = 0; i < count; i += 1) windows.push({ no: pad(windows.length + 1, 2), businessType, letter });
  }
  const hall: HallSite = {
    id: `${profile.districtCode}-HALL-01`,
    name: `${profile.districtName}政务服务中心`,
    ...hallPoint,
    windows,
  };

  const devices: FleetDevice[] = [];
  for (const plan of FLEET_PLAN) {
    for (let i = 1; i <= plan.count; i += 1) {
      const town = plan.indoor ? seatTown : rng.pick(profile.towns);
      const point = plan.indoor ? hallPoint : profile.randomPoint(town.code, rng.next);
      devices.push({
        id: `${profile.districtCode}-${plan.code}-${pad(i)}`,
        type: plan.type,
        kind: plan.kind,
        name: `${town.name}${plan.name}${pad(i)}`,
        townCode: town.code,
        ...point,
      });
    }
  }
  for (const window of windows) {
    devices.push({
      id: `${profile.districtCode}-PAD-${window.no}`,
      type: 'evaluation_pad',
      kind: 'evaluation_pad',
      name: `${hall.name}${window.no}号窗口好差评评价器`,
      townCode: seatTown.code,
      ...hallPoint,
    });
  }
  return { devices, hall };
}
