'use client';

import { createContext, useContext } from 'react';

export interface DrillRequest {
  theme: string;
  kpi: string;
  /** One item of a breakdown or one row of a table. */
  key?: string;
  title: string;
}

export const DrillContext = createContext<(request: DrillRequest) => void>(() => undefined);

/** Opens the drill-down panel: what makes a number up. */
export function useOpenDrill(): (request: DrillRequest) => void {
  return useContext(DrillContext);
}
