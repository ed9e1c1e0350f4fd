'use client';

import type { ThemeProps } from '../kpi-panels';
import { ApprovalsTheme } from './approvals-theme';
import { DevicesTheme } from './devices-theme';
import { GridTheme } from './grid-theme';
import { HomeTheme } from './home-theme';
import { HotlineTheme } from './hotline-theme';
import { SafetyTheme } from './safety-theme';
import { UrbanTheme } from './urban-theme';

const BODIES = {
  home: HomeTheme,
  hotline: HotlineTheme,
  urban: UrbanTheme,
  grid: GridTheme,
  safety: SafetyTheme,
  approvals: ApprovalsTheme,
  devices: DevicesTheme,
} as const;

export function ThemeBody(props: ThemeProps) {
  const Body = BODIES[props.theme];
  return <Body {...props} />;
}
