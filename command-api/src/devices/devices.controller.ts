import { Controller, Get, Header, Inject } from '@nestjs/common';
import { DEVICE_STATUS_KEY, summarizeFleet, type DeviceStatusEntry } from '@zhongshu/hardware';
import { RUNTIME, type Runtime } from '../runtime';

@Controller('api/v1/devices')
export class DevicesController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  /** Devices online / offline / in fault per type, from the latest status in hot state. */
  @Get('summary')
  @Header('Cache-Control', 'no-store')
  async summary() {
    const fields = await this.runtime.hotState.readFields(DEVICE_STATUS_KEY);
    const entries = Object.values(fields).map((value) => JSON.parse(value) as DeviceStatusEntry);
    return { devices: entries.length, byType: summarizeFleet(entries) };
  }
}
