/**
 * What the simulators need to know about a city. Adapters do not depend on `gis`: whoever boots a
 * simulator builds a profile from the city config (gis) and passes it in.
 */
export interface CityTown {
  /** 9-digit statistical code of the street/town (乡镇街道), e.g. 460105100. */
  code: string;
  name: string;
  /** Real road names in the town, used in addresses and ticket text. At least one. */
  roads: string[];
}

export interface CityProfile {
  /** e.g. 海口市 */
  cityName: string;
  /** County-level GB/T 2260 code, e.g. 460105. */
  districtCode: string;
  /** e.g. 秀英区 */
  districtName: string;
  towns: CityTown[];
  /** A WGS-84 point inside the town; the simulators place every event with it. */
  randomPoint(townCode: string, rng: () => number): { lng: number; lat: number };
}
