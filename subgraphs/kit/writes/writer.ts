import { createHash, randomUUID } from 'node:crypto';
import { QueryFailedError, type DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';
import type { Caller } from '../auth';
import { AuditEvent } from './audit-event.entity';
import { TEXT_LIMITS, writeText } from '../text-limits';
import { IdempotencyKey } from './idempotency-key.entity';
import { Refusal, UserErrorCode } from './user-error';

/** How writes behave in this deployment (common/config.ts). */
export interface WriteSettings {
  /** How long an idempotency key is kept (IDEMPOTENCY_KEY_HOURS). */
  idempotencyKeyHours: number;
  /**
   * False only for the bulk import restoring a subgraph whose audit trail it carries in its files
   * (an export's): the events come from the files, so the import's own writes add none.
   */
  audited?: boolean;
}

/** What a write may do inside its transaction. */
export interface WriteTransaction {
  manager: EntityManager;
  /** Records the change (who, when, what, before and after) in the same transaction. */
  audit(entityType: string, entityId: string, action: string, before: object | null, after: object | null): Promise<void>;
  /**
   * Inserts a new record and records its creation by `action` (audited under the entity class's
   * name, e.g. `Licence`); answers the record's id.
   */
  insertAudited<T extends ObjectLiteral & { id: string }>(entity: new () => T, action: string, record: T): Promise<string>;
}

// SQLite has one writer at a time and TypeORM shares one connection: writes to a SQLite database
// are queued in this process so two transactions never interleave on that connection.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs changes of one subgraph: every write is one transaction (a Refusal or any error rolls it
 * all back), audited in that transaction, optionally idempotent per caller and key.
 */
export class Writer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caller: Caller,
    private readonly settings: WriteSettings,
  ) {}

  async run<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    const body = async (manager: EntityManager) => {
      const audit: WriteTransaction['audit'] = (...args) => this.audit(manager, ...args);
      return work({
        manager,
        audit,
        async insertAudited(entity, action, record) {
          await manager.insert(entity, record);
          await audit(entity.name, record.id, action, null, record);
          return record.id;
        },
      });
    };
    if (this.dataSource.options.type !== 'better-sqlite3') {
      // READ COMMITTED: after waiting for a row lock, the next reads see what the previous writer
      // committed (InnoDB's default REPEATABLE READ would keep reading an older snapshot).
      return this.dataSource.transaction('READ COMMITTED', body);
    }
    const transaction = () => this.dataSource.transaction(body);
    const previous = sqliteQueues.get(this.dataSource) ?? Promise.resolve();
    const next = previous.then(transaction, transaction);
    sqliteQueues.set(
      this.dataSource,
      next.catch(() => undefined),
    );
    return next;
  }

  /**
   * Creates once per (caller, key), as payment APIs do: the key belongs to its caller (role,
   * partner and subject), is bound to the operation and a hash of its input, and is kept for
   * `idempotencyKeyHours`. A retry with the same input returns the first result's id without
   * running the write again; the same key with another input or operation is refused
   * (IDEMPOTENCY_KEY_REUSED) with a message that says nothing about the first use. Another
   * caller's key is, for this caller, simply a new key.
   */
  async runOnce(
    operation: string,
    input: { idempotencyKey?: string | null },
    create: (tx: WriteTransaction) => Promise<string>,
  ): Promise<string> {
    const key = input.idempotencyKey;
    if (!key) return this.run(create);
    writeText(key, 'idempotencyKey', TEXT_LIMITS.idempotencyKey);
    const use: KeyUse = { caller: callerKeyOf(this.caller), key, operation, requestSha256: requestHashOf(operation, input) };
    // A retry answers with the first result before any rule runs again (a released allocation or
    // an ended agreement must not turn a retried success into a refusal).
    const retried = await this.firstResult(this.dataSource.manager, use);
    if (retried) return retried;
    try {
      return await this.run(async (tx) => {
        const firstResult = await this.firstResult(tx.manager, use);
        if (firstResult) return firstResult;
        const resultId = await create(tx);
        // Expired keys (this one among them, if it is) are forgotten: the table holds only kept keys.
        await tx.manager
          .createQueryBuilder()
          .delete()
          .from(IdempotencyKey)
          .where('created_at < :cutoff', { cutoff: new Date(Date.now() - this.settings.idempotencyKeyHours * 3_600_000).toISOString() })
          .execute();
        await tx.manager.insert(IdempotencyKey, {
          callerSha256: use.caller.sha256,
          key,
          actorRole: use.caller.role,
          actorPartnerId: use.caller.partnerId,
          actorSubject: use.caller.subject,
          operation,
          requestSha256: use.requestSha256,
          resultId,
          createdAt: new Date().toISOString(),
        });
        return resultId;
      });
    } catch (error) {
      // Two requests with the same key at once: the second one's insert collides; answer with the first.
      if (!(error instanceof QueryFailedError)) throw error;
      const resultId = await this.firstResult(this.dataSource.manager, use);
      if (!resultId) throw error;
      return resultId;
    }
  }

  /** The first result of this key for this caller, if it is still kept; a refusal if it was used for another request. */
  private async firstResult(manager: EntityManager, use: KeyUse): Promise<string | null> {
    const found = await manager.findOneBy(IdempotencyKey, { callerSha256: use.caller.sha256, key: use.key });
    if (!found || isExpired(found.createdAt, this.settings.idempotencyKeyHours)) return null;
    if (found.operation !== use.operation || found.requestSha256 !== use.requestSha256) {
      throw new Refusal(
        UserErrorCode.IDEMPOTENCY_KEY_REUSED,
        `Idempotency key "${use.key}" was already used for another request; a retry must repeat the same mutation with the same input. Use a new key for a new request.`,
        ['input', 'idempotencyKey'],
      );
    }
    return found.resultId;
  }

  private async audit(
    manager: EntityManager,
    entityType: string,
    entityId: string,
    action: string,
    before: object | null,
    after: object | null,
  ) {
    if (this.settings.audited === false) return;
    const { subject, role, partnerId } = this.caller.identity;
    await manager.insert(AuditEvent, {
      id: randomUUID(),
      entityType,
      entityId,
      action,
      actorSubject: subject,
      actorRole: role,
      actorPartnerId: partnerId,
      occurredAt: new Date().toISOString(),
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
    });
  }
}

interface CallerKey {
  role: string;
  partnerId: string | null;
  subject: string;
  /** SHA-256 of role, partner and subject: the key's owner, as one column of the primary key. */
  sha256: string;
}

interface KeyUse {
  caller: CallerKey;
  key: string;
  operation: string;
  requestSha256: string;
}

function callerKeyOf(caller: Caller): CallerKey {
  const { role, partnerId, subject } = caller.identity;
  const sha256 = createHash('sha256')
    .update(JSON.stringify([role, partnerId ?? null, subject]))
    .digest('hex');
  return { role, partnerId: partnerId ?? null, subject, sha256 };
}

/** SHA-256 of the operation and its input without the key: absent and null fields alike, keys in a fixed order. */
export function requestHashOf(operation: string, input: object): string {
  const { idempotencyKey: _key, ...rest } = input as { idempotencyKey?: unknown };
  return createHash('sha256')
    .update(JSON.stringify([operation, canonical(rest)]))
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== undefined && field !== null)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, field]) => [name, canonical(field)]),
    );
  }
  return value;
}

function isExpired(createdAt: string, hours: number): boolean {
  return Date.parse(createdAt) + hours * 3_600_000 <= Date.now();
}
