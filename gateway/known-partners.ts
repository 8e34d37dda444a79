import { GATEWAY_SERVICE_IDENTITY } from '../common/api-key';
import { INTERNAL_IDENTITY_HEADER, signInternalIdentity } from '../common/identity';
import type { Logger } from '../common/logger';

/** Asks whoever holds the directory which of these partner ids exist. */
export type PartnerLookup = (partnerIds: readonly string[]) => Promise<Set<string>>;

/** The directory could not be asked and nothing was known of the partner: 503, not 401. */
export class PartnerUnverifiableError extends Error {
  override name = 'PartnerUnverifiableError';
}

export interface KnownPartnersOptions {
  /** How long an answer is fresh (PARTNER_CACHE_SECONDS). */
  cacheSeconds: number;
  /** At most this many partners are remembered; the oldest goes first. */
  maxEntries?: number;
  /** Milliseconds, for tests. */
  now?: () => number;
}

interface Answer {
  exists: boolean;
  freshUntil: number;
}

/** An unknown partner is asked about again sooner: one created a moment ago must not wait the full cache time. */
const UNKNOWN_SECONDS = 5;

/**
 * Whether a partner token's partner exists, asked of the partners subgraph by the gateway and
 * remembered. Built to stay out of the way under load: every id asked in the same tick goes in one
 * lookup, a lookup in flight is shared by every request that needs it, and an answer past its time
 * that said "exists" is still used (and asked again in the background) while the directory is slow
 * or down: partners are never deleted, so only a partner that was never known can be refused, and
 * a lookup failure refuses nobody the gateway already knew.
 */
export class KnownPartners {
  private readonly answers = new Map<string, Answer>();
  private readonly pending = new Map<string, Promise<boolean>>();
  private batch: { ids: Set<string>; done: Promise<Set<string>> } | null = null;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly lookup: PartnerLookup,
    private readonly options: KnownPartnersOptions,
    private readonly logger: Logger,
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async exists(partnerId: string): Promise<boolean> {
    const known = this.answers.get(partnerId);
    if (known && known.freshUntil > this.now()) return known.exists;
    if (known?.exists) {
      // Stale but known: answer at once, refresh behind the request.
      this.ask(partnerId).catch((error: unknown) =>
        this.logger.warn({ partnerId, err: error }, 'partner lookup failed; kept the last answer'),
      );
      return true;
    }
    return this.ask(partnerId);
  }

  private ask(partnerId: string): Promise<boolean> {
    const inFlight = this.pending.get(partnerId);
    if (inFlight) return inFlight;
    const asked = this.batched(partnerId).then(
      (found) => {
        const exists = found.has(partnerId);
        this.remember(partnerId, exists);
        return exists;
      },
      (error: unknown) => {
        throw new PartnerUnverifiableError(
          `The caller's partner cannot be verified right now (the partners subgraph did not answer: ${(error as Error).message}); try again shortly.`,
        );
      },
    );
    this.pending.set(partnerId, asked);
    const forget = () => {
      if (this.pending.get(partnerId) === asked) this.pending.delete(partnerId);
    };
    asked.then(forget, forget);
    return asked;
  }

  /** Ids asked in the same tick share one lookup. */
  private batched(partnerId: string): Promise<Set<string>> {
    if (!this.batch) {
      const ids = new Set<string>();
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.batch = null;
        return this.lookup([...ids]);
      });
      this.batch = { ids, done };
    }
    this.batch.ids.add(partnerId);
    return this.batch.done;
  }

  private remember(partnerId: string, exists: boolean): void {
    this.answers.delete(partnerId);
    while (this.answers.size >= this.maxEntries) this.answers.delete(this.answers.keys().next().value as string);
    const seconds = exists ? this.options.cacheSeconds : Math.min(UNKNOWN_SECONDS, this.options.cacheSeconds);
    this.answers.set(partnerId, { exists, freshUntil: this.now() + seconds * 1000 });
  }
}

/** The lookup on the partners subgraph (`_entities` on Partner), as the gateway's own service identity. */
export function partnersDirectoryLookup(partnersUrl: string, internalSecret: string, timeoutMs: number): PartnerLookup {
  return async (partnerIds) => {
    const body = JSON.stringify({
      query: 'query KnownPartners($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id } } }',
      variables: { r: partnerIds.map((id) => ({ __typename: 'Partner', id })) },
    });
    const response = await fetch(partnersUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(GATEWAY_SERVICE_IDENTITY, internalSecret, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.json()) as { data?: { _entities: Array<{ id: string } | null> }; errors?: Array<{ message: string }> };
    if (!answer.data || answer.errors?.length)
      throw new Error(answer.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
    return new Set(answer.data._entities.filter((entity): entity is { id: string } => entity !== null).map((entity) => entity.id));
  };
}
