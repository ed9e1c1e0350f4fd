import type { LiveChannel, LiveDataByChannel, LivePublisher } from '@zhongshu/stream';

/**
 * The pipeline exists before Nest creates the gateway; the relay lets it publish from the start
 * and forwards once the gateway attaches (deltas before that have no subscriber anyway).
 */
export class LiveRelay implements LivePublisher {
  private target: LivePublisher | undefined;

  attach(target: LivePublisher): void {
    this.target = target;
  }

  publish<C extends LiveChannel>(channel: C, data: LiveDataByChannel[C]): void {
    this.target?.publish(channel, data);
  }
}
