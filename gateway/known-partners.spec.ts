import { createLogger } from '../common/logger';
import { KnownPartners, PartnerUnverifiableError } from './known-partners';

/** KnownPartners over a directory the test controls (which ids exist, whether it answers, how slowly), on a clock the test moves. */
function setUp(directory: Set<string>) {
  let now = 1_000_000;
  let failing = false;
  let gate: Promise<void> | null = null;
  const lookups: string[][] = [];
  const known = new KnownPartners(
    async (ids) => {
      lookups.push([...ids]);
      if (gate) await gate;
      if (failing) throw new Error('partners subgraph down');
      return new Set(ids.filter((id) => directory.has(id)));
    },
    { cacheSeconds: 300, maxEntries: 100, now: () => now },
    createLogger('test', 'silent'),
  );
  return {
    known,
    lookups,
    advance: (seconds: number) => (now += seconds * 1000),
    fail: (value: boolean) => (failing = value),
    /** Lookups wait until `answer()` is called (a slow directory). */
    slow: () => {
      let open: () => void = () => undefined;
      gate = new Promise<void>((resolve) => (open = resolve));
      return {
        answer: () => {
          gate = null;
          open();
        },
      };
    },
  };
}

describe('KnownPartners: whether a partner token’s partner exists, robust to load and a slow directory', () => {
  it('asks once for every id requested in the same moment, and shares the lookup between requests', async () => {
    const { known, lookups } = setUp(new Set(['ptn-1', 'ptn-2']));
    const answers = await Promise.all(Array.from({ length: 200 }, (_, index) => known.exists(['ptn-1', 'ptn-2', 'ptn-3'][index % 3]!)));
    expect(lookups).toEqual([['ptn-1', 'ptn-2', 'ptn-3']]);
    expect(answers.filter(Boolean)).toHaveLength(134);
    expect(answers[2]).toBe(false);
  });

  it('keeps a known partner PARTNER_CACHE_SECONDS, an unknown one only 5 s', async () => {
    const directory = new Set(['ptn-1']);
    const { known, lookups, advance } = setUp(directory);
    expect(await known.exists('ptn-1')).toBe(true);
    expect(await known.exists('ptn-new')).toBe(false);
    directory.add('ptn-new');
    advance(4);
    expect(await known.exists('ptn-new')).toBe(false);
    advance(2);
    expect(await known.exists('ptn-new')).toBe(true);
    expect(await known.exists('ptn-1')).toBe(true);
    expect(lookups).toEqual([['ptn-1'], ['ptn-new'], ['ptn-new']]);
  });

  it('answers a known partner at once while the directory is slow or down, and refreshes behind the request', async () => {
    const { known, lookups, advance, fail, slow } = setUp(new Set(['ptn-1']));
    expect(await known.exists('ptn-1')).toBe(true);
    advance(301);
    const directory = slow();
    // Stale but known: no waiting for the slow directory.
    expect(await known.exists('ptn-1')).toBe(true);
    expect(await known.exists('ptn-1')).toBe(true);
    directory.answer();
    fail(true);
    advance(400);
    expect(await known.exists('ptn-1')).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lookups.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses to guess about a partner it never knew while the directory is down (503, not 401)', async () => {
    const { known, fail } = setUp(new Set(['ptn-1']));
    fail(true);
    await expect(known.exists('ptn-1')).rejects.toBeInstanceOf(PartnerUnverifiableError);
    fail(false);
    expect(await known.exists('ptn-1')).toBe(true);
  });
});
