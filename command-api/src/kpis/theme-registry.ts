import type { ThemeModule } from './kpi-context';
import type { Theme } from './kpi.contract';
import { approvalsTheme } from './themes/approvals.theme';
import { devicesTheme } from './themes/devices.theme';
import { gridTheme } from './themes/grid.theme';
import { homeTheme } from './themes/home.theme';
import { hotlineTheme } from './themes/hotline.theme';
import { safetyTheme } from './themes/safety.theme';
import { urbanTheme } from './themes/urban.theme';

export const THEME_MODULES: Record<Theme, ThemeModule> = {
  home: homeTheme,
  hotline: hotlineTheme,
  urban: urbanTheme,
  grid: gridTheme,
  safety: safetyTheme,
  approvals: approvalsTheme,
  devices: devicesTheme,
};
