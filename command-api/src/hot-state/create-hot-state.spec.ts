import { describe, expect, it } from 'vitest';
import { createHotState } from './create-hot-state';
import { MemoryHotState } from './memory.hot-state';

describe('createHotState', () => {
  it.each([undefined, ''])('uses in-process memory when the Redis URL is %j', async (url) => {
    const state = await createHotState(url);
    expect(state).toBeInstanceOf(MemoryHotState);
    await state.close();
  });
});
