import type { CityProfile, CityTown } from './city-profile';
import type { Rng } from './prng';

/** Where an event happens: a real town and roads of the profile, and a point inside the town. */
export interface Place {
  town: CityTown;
  road: string;
  /** A second road of the same town for "A路与B路交叉口"; equals `road` when the town has one road. */
  crossRoad: string;
  houseNo: number;
  /** e.g. 海口市秀英区长流镇长滨路128号附近 */
  address: string;
  /** 长滨路与长彤路交叉口 */
  junction: string;
  lng: number;
  lat: number;
}

export function pickPlace(profile: CityProfile, rng: Rng, town = rng.pick(profile.towns), fixedRoad?: string): Place {
  const road = fixedRoad ?? rng.pick(town.roads);
  const others = town.roads.filter((name) => name !== road);
  const crossRoad = others.length > 0 ? rng.pick(others) : road;
  const houseNo = rng.int(1, 320);
  const point = profile.randomPoint(town.code, rng.next);
  const junction = crossRoad === road ? `${road}${houseNo}号` : `${road}与${crossRoad}交叉口`;
  const prefix = `${profile.cityName}${profile.districtName}${town.name}`;
  const address = rng.chance(0.5) ? `${prefix}${road}${houseNo}号附近` : `${prefix}${junction}`;
  return { town, road, crossRoad, houseNo, address, junction, lng: point.lng, lat: point.lat };
}

/** Fills `{name}` slots; an unknown slot is a catalogue bug, so it throws rather than leaking braces to a wall. */
export function fill(template: string, slots: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`template slot {${name}} has no value`);
    return String(value);
  });
}

/** Slots every catalogue template may use. */
export function placeSlots(place: Place, rng: Rng): Record<string, string | number> {
  return {
    town: place.town.name,
    road: place.road,
    crossRoad: place.crossRoad,
    no: place.houseNo,
    junction: place.junction,
    community: `${rng.pick(['阳光', '椰林', '海景', '金色', '滨海', '城西', '南洋', '绿地'])}${rng.pick(['花园', '家园', '小区', '新村'])}`,
    days: rng.int(2, 7),
    hours: rng.int(2, 12),
    count: rng.int(3, 30),
    amount: rng.int(2, 60),
  };
}
