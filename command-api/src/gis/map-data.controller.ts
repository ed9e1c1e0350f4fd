import { Controller, Get, Header, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SOURCE_KINDS, describeIssues, toLiveEvent, type SourceKind } from '@zhongshu/stream';
import { z } from 'zod';
import { AllowWall } from '../auth/principal';
import { ApiError, invalidRequest } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';
import { sendJson } from './json-response';
import { eventPointsQuery, type EventDetail, type TownCounts } from './map-data.dto';
import { MapDataRepository } from './map-data.repository';

const eventId = z.string().min(1).max(256);

/**
 * Data for the walls' maps beside the boundary layers: today's event points (heatmap, clusters), one
 * event's detail for the click panel, and today's counts per town (3D columns). Read-only, wall tokens allowed.
 */
@Controller('api/v1/gis')
export class MapDataController {
  private readonly repository: MapDataRepository;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    this.repository = new MapDataRepository(runtime.sql, runtime.config.timeZone);
  }

  @Get('event-points')
  @AllowWall()
  async eventPoints(@Query() rawQuery: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const query = eventPointsQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    const points = await this.repository.eventPoints(new Date(), query.data.limit, query.data.kinds);
    response.setHeader('Cache-Control', 'no-store');
    await sendJson(request, response, points);
  }

  @Get('events/:id')
  @AllowWall()
  @Header('Cache-Control', 'no-store')
  async event(@Param('id') rawId: string): Promise<EventDetail> {
    const id = eventId.safeParse(rawId);
    if (!id.success) throw invalidRequest(describeIssues(id.error));
    const event = await this.runtime.store.getById(id.data);
    if (!event) throw new ApiError(404, 'EVENT_NOT_FOUND', 'No event with this id', '未找到该事件');
    const wgs84 = event.location ? this.runtime.gis.toWgs84(event.location) : undefined;
    const data = event.data as Record<string, unknown>;
    return {
      ...toLiveEvent(event, wgs84),
      ...(event.region?.grid ? { grid: event.region.grid } : {}),
      ...(typeof data.address === 'string' ? { address: data.address } : {}),
    };
  }

  @Get('town-counts')
  @AllowWall()
  @Header('Cache-Control', 'no-store')
  async townCounts(): Promise<TownCounts> {
    const { day, rows } = await this.repository.townKindCounts(new Date());
    const zero = () => Object.fromEntries(SOURCE_KINDS.map((kind) => [kind, 0])) as Record<SourceKind, number>;
    const towns = this.runtime.gis.towns.map(({ code, name }) => ({ code, name, total: 0, byKind: zero() }));
    const byCode = new Map(towns.map((town) => [town.code, town]));
    for (const row of rows) {
      const town = byCode.get(row.town);
      if (!town || !(row.kind in town.byKind)) continue;
      town.byKind[row.kind as SourceKind] += row.n;
      town.total += row.n;
    }
    return { day, towns };
  }
}
