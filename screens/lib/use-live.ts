'use client';

import type { LiveChannel } from '@zhongshu/stream/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { INITIAL_LIVE_STATE, liveStore, type LiveState } from './live-store';

/**
 * Reads one slice of the live store and keeps the channels it needs subscribed.
 * `select` must return something already in the state (no new arrays), or React re-renders forever.
 */
export function useLive<T>(channels: readonly LiveChannel[], select: (state: LiveState) => T): T {
  const key = channels.join(',');
  useEffect(() => {
    const releases = key.split(',').map((channel) => liveStore().retain(channel as LiveChannel));
    return () => releases.forEach((release) => release());
  }, [key]);
  return useSyncExternalStore(
    (onChange) => liveStore().listen(onChange),
    () => select(liveStore().getState()),
    () => select(INITIAL_LIVE_STATE),
  );
}
