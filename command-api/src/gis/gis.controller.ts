import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { AllowWall } from '../auth/principal';
import { ApiError } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';

const LAYERS = ['districts', 'district', 'towns', 'grids'] as const;
type LayerName = (typeof LAYERS)[number];

/** Boundaries ship with the app: walls never need a tile server or a map key. */
@Controller('api/v1/gis')
export class GisController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Get('city')
  @AllowWall()
  city() {
    const { gis } = this.runtime;
    return {
      name: gis.config.city.name,
      districtName: gis.config.district.name,
      districtCode: gis.config.district.code,
      /** Walls show clocks and "today" in the city's zone, whatever the browser's zone is. */
      timeZone: gis.config.timezone,
      center: gis.center,
      bbox: gis.bbox,
      towns: gis.towns.map(({ code, name }) => ({ code, name })),
    };
  }

  @Get('layers/:layer')
  @AllowWall()
  @Header('Cache-Control', 'public, max-age=3600')
  layer(@Param('layer') layer: string) {
    if (!(LAYERS as readonly string[]).includes(layer)) {
      throw new ApiError(404, 'UNKNOWN_LAYER', `Unknown layer; one of ${LAYERS.join(', ')}`, `未知图层`);
    }
    return this.runtime.gis.layers[layer as LayerName];
  }
}
