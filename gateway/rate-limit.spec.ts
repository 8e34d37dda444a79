import { MemoryBucketStore } from './rate-limit';

describe('token buckets', () => {
  const settings = { burst: 100, refillPerSecond: 10 };

  it('spends cost from a full bucket, refuses when empty, refills with time', async () => {
    const store = new MemoryBucketStore();
    expect(await store.take('a', 60, settings, 0)).toEqual({ allowed: true, remaining: 40, retryAfterSeconds: 0 });
    expect(await store.take('a', 60, settings, 0)).toEqual({ allowed: false, remaining: 40, retryAfterSeconds: 2 });
    expect(await store.take('a', 60, settings, 2_000)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    expect(await store.take('a', 1, settings, 10_000_000)).toEqual({ allowed: true, remaining: 99, retryAfterSeconds: 0 });
  });

  it('keeps one bucket per caller', async () => {
    const store = new MemoryBucketStore();
    await store.take('a', 100, settings, 0);
    expect((await store.take('a', 1, settings, 0)).allowed).toBe(false);
    expect((await store.take('b', 1, settings, 0)).allowed).toBe(true);
  });
});
