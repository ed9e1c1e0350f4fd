import type { LiveChannel, LiveDataByChannel } from '../contracts/live';

/** Where the pipeline hands deltas for the screens; the API's Socket.IO gateway implements it. */
export interface LivePublisher {
  publish<C extends LiveChannel>(channel: C, delta: LiveDataByChannel[C]): void;
}
