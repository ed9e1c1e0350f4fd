export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
}

/** Retries transient failures with exponential backoff and jitter; the last error propagates. */
export async function withRetry<T>(operation: () => Promise<T>, { attempts, baseDelayMs }: RetryOptions): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      if (attempt < attempts - 1) {
        const delay = baseDelayMs * 2 ** attempt * (0.5 + Math.random());
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
  throw lastError;
}
