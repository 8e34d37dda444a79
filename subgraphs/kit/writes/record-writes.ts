import type { DataSource, FindOptionsWhere } from 'typeorm';
import type { Caller } from '../auth';
import { Field, ObjectType, type ClassType } from 'type-graphql';
import { ListOf } from '../policy';
import { refusalsAsErrors, UserError } from './user-error';
import { idForNew, type CreateOptions } from './write-helpers';
import { Writer, type WriteSettings, type WriteTransaction } from './writer';

/** What every write service of a subgraph is given: its database, the caller, and the writer running its transactions. */
interface WriteKit {
  dataSource: DataSource;
  caller: Caller;
  writer: Writer;
}

export function writeKit(dataSource: DataSource, caller: Caller, settings: WriteSettings): WriteKit {
  return { dataSource, caller, writer: new Writer(dataSource, caller, settings) };
}

/** A mutation's payload: the record under its field (e.g. `licence`) after the change, or why not (nothing written). */
type WritePayload<TField extends string, TRecord> = { [field in TField]: TRecord | null } & { errors: UserError[] };

/**
 * The base class of a subgraph's write service for one kind of record: `recordWrites(LicencePayload,
 * 'lic')` names the payload its writes answer (kit `payloadType`: the record's type and its field
 * there, declared once) and the prefix of new ids. Every
 * write has the same shape: who may is checked first (requireRole, or the service's own rule),
 * then the write runs through `refusalsAsPayload` or `change`, so that a refusal becomes the
 * payload's errors, and a creating write inserts with `insertOnce` (once per idempotency key).
 * What is left in a service is its rules.
 */
export function recordWrites<TRecord extends { id: string }, TField extends string>(
  payloadOf: PayloadType<TRecord, TField>,
  idPrefix: string,
) {
  type Payload = WritePayload<TField, TRecord>;
  const { recordType: entity, field } = payloadOf;

  /** `TUses`: what the service's rules ask besides its own database (peer subgraphs, scope, repositories). */
  abstract class RecordWrites<TUses extends object = object> {
    protected readonly dataSource: DataSource;
    protected readonly caller: Caller;
    protected readonly writer: Writer;

    constructor(
      kit: WriteKit,
      protected readonly uses: TUses,
    ) {
      ({ dataSource: this.dataSource, caller: this.caller, writer: this.writer } = kit);
    }

    /** Runs a write answering the record: a refusal (everything rolled back) becomes the payload's errors; anything else stays an error. */
    protected refusalsAsPayload(work: () => Promise<TRecord>): Promise<Payload> {
      return refusalsAsErrors(
        async () => payload(await work(), []),
        (errors) => payload(null, errors),
      );
    }

    /** A change made in one transaction answering the record after it, refusals as the payload's errors. */
    protected change(work: (tx: WriteTransaction) => Promise<TRecord>): Promise<Payload> {
      return this.refusalsAsPayload(() => this.writer.run(work));
    }

    /**
     * Inserts the record whose fields `build` gives in a transaction, audited as `operation`, once
     * per the input's idempotency key (a retry answers the first record); answers it as stored.
     */
    protected async insertOnce(
      operation: string,
      input: { idempotencyKey?: string | null },
      options: CreateOptions,
      build: (tx: WriteTransaction) => Promise<Omit<TRecord, 'id'>>,
    ): Promise<TRecord> {
      const id = await this.writer.runOnce(
        operation,
        input,
        async (tx) => (await this.insertNew(tx, operation, await build(tx), options)).id,
      );
      return this.dataSource.manager.findOneByOrFail(entity, { id } as FindOptionsWhere<TRecord>);
    }

    /** Inserts a new record, audited as `operation`: with the id the options choose (a bulk import's), or a new one. */
    protected async insertNew(
      tx: WriteTransaction,
      operation: string,
      fields: Omit<TRecord, 'id'>,
      options: CreateOptions = {},
    ): Promise<TRecord> {
      const record = { id: await idForNew(tx.manager, entity, idPrefix, options), ...fields } as TRecord;
      await tx.insertAudited(entity, operation, record);
      return record;
    }
  }

  function payload(record: TRecord | null, errors: UserError[]): Payload {
    return { [field]: record, errors } as Payload;
  }

  return RecordWrites;
}

/** The GraphQL payload type `name` of a mutation: the record under `field` after the change, or why not (`errors`). */
/** A payload type, with the record type and the field it answers the record under. */
type PayloadType<TRecord extends object, TField extends string> = ClassType<WritePayload<TField, TRecord>> & {
  readonly recordType: ClassType<TRecord>;
  readonly field: TField;
};

export function payloadType<TRecord extends object, TField extends string>(
  name: string,
  description: string,
  recordType: ClassType<TRecord>,
  field: TField,
): PayloadType<TRecord, TField> {
  class Payload {
    static readonly recordType = recordType;
    static readonly field = field;
  }
  Field(() => recordType, { nullable: true })(Payload.prototype, field);
  Field(() => [UserError])(Payload.prototype, 'errors');
  ListOf(5)(Payload.prototype, 'errors');
  ObjectType(name, { description })(Payload);
  return Payload as PayloadType<TRecord, TField>;
}
