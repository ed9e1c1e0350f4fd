'use client';

import { createContext, useContext } from 'react';

/** The city's IANA time zone: every time on the wall is shown on the city's clock, not the display's. */
export const CityZoneContext = createContext('Asia/Shanghai');

export function useCityZone(): string {
  return useContext(CityZoneContext);
}
