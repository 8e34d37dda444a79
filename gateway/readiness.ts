import { SUBGRAPH_NAMES, type SubgraphName } from '../common/config';
import type { ReadinessReport } from '../common/http';

/** The gateway is ready when every subgraph says it is (ours and Hive Gateway's /ready: gateway/hive-gateway.mjs). */
export async function subgraphReadiness(urls: Record<SubgraphName, string>): Promise<ReadinessReport> {
  const checks: ReadinessReport['checks'] = {};
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const readyUrl = urls[name].replace(/\/graphql\/?$/, '/ready');
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
        checks[name] = response.ok ? { ok: true } : { ok: false, detail: `${readyUrl} answered ${response.status}` };
      } catch (error) {
        checks[name] = { ok: false, detail: `${readyUrl} unreachable: ${(error as Error).message}` };
      }
    }),
  );
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}
