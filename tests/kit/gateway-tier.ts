/**
 * The gateway tier a test run is for (CHANNEL_GATEWAY): `ours` (gateway/gateway.ts, the default),
 * `hive` (the production Hive Gateway runner, gateway/hive-gateway.mjs, with its JavaScript planner)
 * or `hive-router` (the same runner on the Rust planner of @graphql-hive/router-runtime). The
 * scope, hostile-query and persisted-query suites run unchanged on each: every protection holds
 * whichever tier a user deploys.
 */
export type GatewayTier = 'ours' | 'hive' | 'hive-router';

export function gatewayTier(): GatewayTier {
  const tier = process.env.CHANNEL_GATEWAY ?? 'ours';
  if (tier === 'ours' || tier === 'hive' || tier === 'hive-router') return tier;
  throw new Error(`CHANNEL_GATEWAY=${JSON.stringify(tier)}: use ours (the default), hive or hive-router.`);
}

/** For test titles: nothing for ours, the Hive runner and its planner otherwise. */
export function gatewayTierLabel(): string | null {
  const tier = gatewayTier();
  return tier === 'ours' ? null : `Hive Gateway, ${tier === 'hive' ? 'JavaScript' : 'Rust'} planner`;
}
