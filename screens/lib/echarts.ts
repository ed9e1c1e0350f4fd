// Only what the wall draws: line/area charts on canvas. Importing `echarts` whole would ship every chart type.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { graphic, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { graphic, init };
export type { EChartsType } from 'echarts/core';
