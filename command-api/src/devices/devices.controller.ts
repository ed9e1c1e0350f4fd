import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { DEVICE_STATUS_KEY, summarizeFleet, type DeviceStatusEntry } from '@zhongshu/hardware';
import { describeIssues } from '@zhongshu/stream';
import { AllowWall } from '../auth/principal';
import { invalidRequest } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';
import { devicePositionsQuery, type DevicePositions } from './device-positions.dto';
import { DevicePositionsRepository } from './device-positions.repository';
import { placeDevices } from './place-devices';

@Controller('api/v1/devices')
export class DevicesController {
  private readonly positions: DevicePositionsRepository;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    this.positions = new DevicePositionsRepository(runtime.sql);
  }

  /** Devices online / offline / in fault per type, from the latest status in hot state. */
  @Get('summary')
  @AllowWall()
  @Header('Cache-Control', 'no-store')
  async summary() {
    const fields = await this.runtime.hotState.readFields(DEVICE_STATUS_KEY);
    const entries = Object.values(fields).map((value) => JSON.parse(value) as DeviceStatusEntry);
    return { devices: entries.length, byType: summarizeFleet(entries) };
  }

  /** Every device that reported recently, where it is and its status: the map's device layer. */
  @Get('positions')
  @AllowWall()
  @Header('Cache-Control', 'no-store')
  async devicePositions(@Query() rawQuery: Record<string, unknown>): Promise<DevicePositions> {
    const query = devicePositionsQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    const now = new Date();
    const since = new Date(now.getTime() - query.data.sinceHours * 3_600_000);
    const [sightings, fields] = await Promise.all([
      this.positions.sightings(since, query.data.limit),
      this.runtime.hotState.readFields(DEVICE_STATUS_KEY),
    ]);
    const towns = new Map(this.runtime.gis.towns.map((town) => [town.code, town.name]));
    return placeDevices(sightings, fields, now, (code) => towns.get(code));
  }
}
