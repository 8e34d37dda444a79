import fc from 'fast-check';
import { generateDataset } from '../demo/generator';
import { replaceDataset } from '../demo/seed';
import { storeLabel } from './kit/store';
import { channelHistory } from './model/channel-arbitrary';
import { ChannelModel } from './model/channel-model';
import { boundaryDays, casesFor, differentialStack, runCase, TODAY } from './model/differential';

/**
 * Differential tests (issue #13): the API through the gateway against the reference model
 * (tests/model/), on generated channels. Sized for CI, where the suite runs three times:
 * DIFFERENTIAL_RUNS (default 12) random histories and DIFFERENTIAL_SEEDS (default 1) demo
 * datasets; each prints how many cases it ran. Raise both for a longer local hunt, e.g.
 * DIFFERENTIAL_RUNS=300 DIFFERENTIAL_SEEDS=4. A failure is shrunk by fast-check to a minimal
 * history; keep it as a named case in tests/differential-regressions.test.ts.
 */

const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 12);
const SEEDS = Number(process.env.DIFFERENTIAL_SEEDS ?? 1);
const FAST_CHECK_SEED = process.env.DIFFERENTIAL_SEED ? Number(process.env.DIFFERENTIAL_SEED) : undefined;

describe(`the API agrees with the reference model (${storeLabel()})`, () => {
  const running = differentialStack();

  it(
    `on ${RUNS} generated channel histories, every operation, for three kinds of caller, on every boundary day`,
    async () => {
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(channelHistory(TODAY), fc.nat(), async (data, pick) => {
          await replaceDataset(running().dataSources, data);
          const model = new ChannelModel(data, TODAY);
          const boundaries = boundaryDays(data);
          const days = [TODAY, ...[0, 1, 2].map((i) => boundaries[(pick + i * 7) % Math.max(1, boundaries.length)]!).filter(Boolean)];
          const differences: string[] = [];
          for (const c of casesFor(data, days, TODAY)) {
            const outcome = await runCase(running(), model, c);
            cases++;
            if (outcome.difference) differences.push(outcome.difference);
          }
          if (differences.length > 0) throw new Error(`${differences.length} difference(s):\n${differences.slice(0, 5).join('\n')}`);
        }),
        { numRuns: RUNS, seed: FAST_CHECK_SEED, endOnFailure: false, interruptAfterTimeLimit: 10 * 60_000 },
      );
      console.log(`differential: ${RUNS} generated histories, ${cases} cases (API vs model) on ${storeLabel()}`);
      expect(cases).toBeGreaterThan(RUNS);
    },
    15 * 60_000,
  );

  it(
    `on the demo generator at ${SEEDS} seed(s), every operation, on boundary days`,
    async () => {
      let cases = 0;
      const differences: string[] = [];
      for (let seed = 1; seed <= SEEDS; seed++) {
        const data = generateDataset('demo', seed);
        await replaceDataset(running().dataSources, data);
        const model = new ChannelModel(data, TODAY);
        const days = [TODAY, '2024-04-30', '2024-05-01', '2024-10-31', '2024-11-01', '2025-12-31'];
        for (const c of casesFor(data, days, TODAY)) {
          const outcome = await runCase(running(), model, c);
          cases++;
          if (outcome.difference) differences.push(`seed ${seed}: ${outcome.difference}`);
        }
      }
      console.log(`differential: ${SEEDS} demo dataset(s), ${cases} cases (API vs model) on ${storeLabel()}`);
      expect(differences.slice(0, 5)).toEqual([]);
    },
    15 * 60_000,
  );
});
