import type Redis from 'ioredis';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RedisConfig } from '../common/config';
import type { Logger } from '../common/logger';
import { connectRedis, redisAddress, redisKeys } from '../common/redis';

/** A Redis command's outcome: its value, or `shared: false` when the gateway must use its own memory. */
export type Attempt<T> = { shared: true; value: T } | { shared: false };

/** One check of the gateway's /ready: always ok (Redis down is not an outage), `degraded` while it is down. */
export interface SharedStateCheck {
  ok: true;
  degraded: boolean;
  detail: string;
}

/** How often a degraded gateway tries Redis again. */
const PROBE_EVERY_MS = 250;

/**
 * The gateways' shared state on Redis (rate-limit buckets, cached answers, API-key revocations),
 * and the degraded mode: when Redis cannot be reached, or a command fails or times out, this
 * gateway says so (log, /ready detail, `gateway_redis_shared` 0) and every user of the shared
 * state falls back to its own memory; a probe tries Redis every 250 ms, and once both
 * connections answer and the subscriptions are back, `onShared` listeners run (emptying what
 * may have gone stale while apart) and sharing resumes.
 */
export class SharedState {
  readonly keys: ReturnType<typeof redisKeys>;
  private mode: 'shared' | 'degraded' = 'degraded';
  private reason = 'connecting';
  private since = new Date();
  private probing: NodeJS.Timeout | null = null;
  private probeRunning = false;
  private closed = false;
  private readonly channels = new Map<string, (message: string) => void>();
  private readonly sharedListeners: Array<(redis: Redis) => Promise<void> | void> = [];
  private readonly sharedGauge: Gauge;
  private readonly degradations: Counter;

  private constructor(
    private readonly config: RedisConfig,
    private readonly logger: Logger,
    registry: Registry,
    /** Commands (buckets, answers, publish). */
    private readonly redis: Redis,
    /** Subscriptions only (a subscribed connection takes no other commands). */
    private readonly subscriber: Redis,
  ) {
    this.keys = redisKeys(config.keyPrefix);
    this.sharedGauge = new Gauge({
      name: 'gateway_redis_shared',
      help: 'Shared state on Redis: 1 shared with the other gateways, 0 degraded (rate limits, cached answers and API-key revocations in this gateway only)',
      registers: [registry],
    });
    this.degradations = new Counter({
      name: 'gateway_redis_degraded_total',
      help: 'Times this gateway lost Redis and fell back to its own memory',
      registers: [registry],
    });
    this.sharedGauge.set(0);
    const lost = (connection: string) => () => this.degrade(`the ${connection} connection closed`);
    redis.on('close', lost('command'));
    subscriber.on('close', lost('subscription'));
    subscriber.on('message', (channel: string, message: string) => this.channels.get(channel)?.(message));
  }

  /**
   * Connects, waiting at most `startupWaitMs` for Redis: a gateway starts (degraded) without it,
   * and shares as soon as it answers.
   */
  static async connect(config: RedisConfig, logger: Logger, registry: Registry, startupWaitMs = 2_000): Promise<SharedState> {
    const state = new SharedState(
      config,
      logger,
      registry,
      connectRedis(config, 'channel-graph-gateway'),
      connectRedis(config, 'channel-graph-gateway-subscriber'),
    );
    state.startProbing();
    const deadline = Date.now() + startupWaitMs;
    while (!state.shared && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    if (!state.shared) logger.warn({ redis: redisAddress(config.url) }, `Redis not reachable at start: ${state.degradedDetail()}`);
    return state;
  }

  get shared(): boolean {
    return this.mode === 'shared';
  }

  /** Runs `listener` with each message on `channel` (subscribed now and again after every reconnection). */
  subscribe(channel: string, listener: (message: string) => void): void {
    this.channels.set(channel, listener);
    if (this.shared) this.subscriber.subscribe(channel).catch((error: Error) => this.degrade(`subscribing failed: ${error.message}`));
  }

  /** Runs `listener` each time this gateway starts sharing again (and first connects), before any command is sent. */
  onShared(listener: (redis: Redis) => Promise<void> | void): void {
    this.sharedListeners.push(listener);
  }

  /** Runs a command on Redis when shared; any failure (down, timeout, error) turns this gateway degraded. */
  async attempt<T>(command: (redis: Redis) => Promise<T>): Promise<Attempt<T>> {
    if (!this.shared) return { shared: false };
    try {
      return { shared: true, value: await command(this.redis) };
    } catch (error) {
      this.degrade((error as Error).message);
      return { shared: false };
    }
  }

  readiness(): SharedStateCheck {
    if (this.shared) {
      return {
        ok: true,
        degraded: false,
        detail: `shared through ${redisAddress(this.config.url)} since ${this.since.toISOString()}: rate limits, cached answers, API-key revocations`,
      };
    }
    return { ok: true, degraded: true, detail: this.degradedDetail() };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.probing) clearInterval(this.probing);
    this.redis.disconnect();
    this.subscriber.disconnect();
  }

  private degradedDetail(): string {
    return `degraded since ${this.since.toISOString()}: Redis at ${redisAddress(this.config.url)} unavailable (${this.reason}); rate limits, cached answers and API-key revocations are this gateway's own until it is back`;
  }

  private degrade(reason: string): void {
    if (this.closed) return;
    if (this.mode === 'degraded') return;
    this.mode = 'degraded';
    this.reason = reason;
    this.since = new Date();
    this.sharedGauge.set(0);
    this.degradations.inc();
    this.logger.warn({ redis: redisAddress(this.config.url), reason }, `Redis lost: ${this.degradedDetail()}`);
    this.startProbing();
  }

  private startProbing(): void {
    if (this.probing || this.closed) return;
    this.probing = setInterval(() => void this.probe(), PROBE_EVERY_MS);
    this.probing.unref();
    void this.probe();
  }

  /** Back to shared when both connections answer, subscriptions are in place and every onShared listener ran. */
  private async probe(): Promise<void> {
    if (this.probeRunning || this.closed || this.shared) return;
    this.probeRunning = true;
    try {
      if (this.redis.status !== 'ready' || this.subscriber.status !== 'ready') {
        this.reason =
          this.redis.status === 'ready' ? `subscription connection ${this.subscriber.status}` : `connection ${this.redis.status}`;
        return;
      }
      await this.redis.ping();
      if (this.channels.size > 0) await this.subscriber.subscribe(...this.channels.keys());
      for (const listener of this.sharedListeners) await listener(this.redis);
      if (this.closed || this.redis.status !== 'ready' || this.subscriber.status !== 'ready') return;
      const wasDegradedSince = this.since;
      this.mode = 'shared';
      this.since = new Date();
      this.sharedGauge.set(1);
      if (this.probing) clearInterval(this.probing);
      this.probing = null;
      this.logger.info(
        { redis: redisAddress(this.config.url), degradedMs: this.since.getTime() - wasDegradedSince.getTime() },
        'Redis reachable: rate limits, cached answers and API-key revocations are shared with the other gateways',
      );
    } catch (error) {
      this.reason = (error as Error).message;
    } finally {
      this.probeRunning = false;
    }
  }
}
