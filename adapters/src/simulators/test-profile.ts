import type { CityProfile } from './city-profile';

/** Rough WGS-84 boxes around each town's seat; good enough for tests, not for a map. */
const BOXES: Record<string, { west: number; south: number; east: number; north: number }> = {
  '460105001': { west: 110.275, south: 20.005, east: 110.3, north: 20.03 },
  '460105002': { west: 110.255, south: 20.02, east: 110.285, north: 20.045 },
  '460105100': { west: 110.17, south: 19.98, east: 110.235, north: 20.04 },
};

/** Three real 秀英区 towns with real roads: a fixture for specs and local demos without `gis`. */
export const xiuyingTestProfile: CityProfile = {
  cityName: '海口市',
  districtCode: '460105',
  districtName: '秀英区',
  towns: [
    { code: '460105001', name: '秀英街道', roads: ['秀英大道', '海秀西路', '滨海大道', '秀华路', '向荣路', '港湾路'] },
    { code: '460105002', name: '海秀街道', roads: ['海秀西路', '滨海大道', '长滨路', '丘海大道', '书场路'] },
    {
      code: '460105100',
      name: '长流镇',
      roads: ['长滨路', '长彤路', '粤海大道', '南海大道', '疏港大道', '长流中路'],
    },
  ],
  randomPoint(townCode, rng) {
    const box = BOXES[townCode];
    if (!box) throw new Error(`unknown town ${townCode}`);
    return { lng: box.west + rng() * (box.east - box.west), lat: box.south + rng() * (box.north - box.south) };
  },
};
