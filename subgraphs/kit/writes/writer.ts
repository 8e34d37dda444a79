import { randomUUID } from 'node:crypto';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../auth';
import { AuditEvent } from './audit-event.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { Refusal, UserErrorCode } from './user-error';

/** What a write may do inside its transaction. */
export interface WriteTransaction {
  manager: EntityManager;
  /** Records the change (who, when, what, before and after) in the same transaction. */
  audit(entityType: string, entityId: string, action: string, before: object | null, after: object | null): Promise<void>;
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
  ) {}

  async run<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    const body = async (manager: EntityManager) => work({ manager, audit: (...args) => this.audit(manager, ...args) });
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
   * Creates once per (caller, key): a retry with the same key returns the first result's id
   * instead of writing again; the same key for another operation is a CONFLICT.
   */
  async runOnce(operation: string, key: string | null | undefined, create: (tx: WriteTransaction) => Promise<string>): Promise<string> {
    if (!key) return this.run(create);
    const subject = this.caller.identity.subject;
    const earlier = async (manager: EntityManager) => {
      const found = await manager.findOneBy(IdempotencyKey, { actorSubject: subject, key });
      if (found && found.operation !== operation) {
        throw new Refusal(UserErrorCode.CONFLICT, `Idempotency key "${key}" was already used for ${found.operation}; use a new key.`, [
          'input',
          'idempotencyKey',
        ]);
      }
      return found?.resultId ?? null;
    };
    try {
      return await this.run(async (tx) => {
        const firstResult = await earlier(tx.manager);
        if (firstResult) return firstResult;
        const resultId = await create(tx);
        await tx.manager.insert(IdempotencyKey, { actorSubject: subject, key, operation, resultId, createdAt: new Date().toISOString() });
        return resultId;
      });
    } catch (error) {
      // Two requests with the same key at once: the second one's insert collides; answer with the first.
      if (!(error instanceof QueryFailedError)) throw error;
      const resultId = await earlier(this.dataSource.manager);
      if (!resultId) throw error;
      return resultId;
    }
  }

  private async audit(
    manager: EntityManager,
    entityType: string,
    entityId: string,
    action: string,
    before: object | null,
    after: object | null,
  ) {
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
