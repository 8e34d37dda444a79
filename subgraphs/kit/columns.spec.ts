import { graphql, printType, type GraphQLSchema } from 'graphql';
import { Arg, buildSchema, ObjectType, Query, Resolver } from 'type-graphql';
import { DataSource, Entity } from 'typeorm';
import {
  BooleanColumn,
  DateColumn,
  EnumColumn,
  FirstDayColumn,
  firstDayProperty,
  IdColumn,
  IntColumn,
  LastDayColumn,
  ReferenceColumn,
  StatusColumn,
  TextColumn,
} from './columns';
import { graphqlEnum, orderFieldEnum, type EnumValue } from './graphql-enum';

/**
 * The entity kit: each column decorator makes the table column and the API field together (the
 * field nullable exactly when the column is), and each enum is declared once for code and schema.
 */

const SampleStatus = graphqlEnum({ name: 'SampleStatus', values: ['ACTIVE', 'ENDED'] });
type SampleStatus = EnumValue<typeof SampleStatus>;

const SampleKind = graphqlEnum({
  name: 'SampleKind',
  description: 'What a sample is.',
  values: { SMALL: 'Fits in a hand.', LARGE: 'Needs a truck.' },
});
type SampleKind = EnumValue<typeof SampleKind>;

const SampleOrderField = orderFieldEnum('SampleOrderField', ['id', 'startsOn']);
type SampleOrderField = EnumValue<typeof SampleOrderField>;

@Entity('samples')
@ObjectType('Sample')
class Sample {
  @IdColumn()
  id!: string;

  @ReferenceColumn('owner_id')
  ownerId!: string;

  @ReferenceColumn('parent_id', { nullable: true, exposed: true })
  parentId!: string | null;

  @TextColumn({ length: 80, description: 'Its name.' })
  name!: string;

  @TextColumn({ column: 'notes_json', length: 'unbounded', nullable: true })
  notes!: string | null;

  @IntColumn({ column: 'core_count' })
  coreCount!: number;

  @BooleanColumn({ nullable: true })
  sealed!: boolean | null;

  @EnumColumn(SampleKind, { length: 10 })
  kind!: SampleKind;

  @DateColumn({ column: 'made_on', nullable: true })
  madeOn!: string | null;

  @FirstDayColumn()
  startsOn!: string;

  @LastDayColumn({ openEnded: true, description: 'Last day in force (included): the day it ended; null: open-ended.' })
  endsOn!: string | null;

  @StatusColumn(SampleStatus)
  status!: SampleStatus;
}

@Resolver()
class SampleResolver {
  @Query(() => Sample)
  sample(): Sample {
    return {
      id: 's-1',
      ownerId: 'o-1',
      parentId: null,
      name: 'First',
      notes: null,
      coreCount: 4,
      sealed: true,
      kind: SampleKind.LARGE,
      madeOn: null,
      startsOn: '2026-01-01',
      endsOn: null,
      status: SampleStatus.ACTIVE,
    };
  }

  @Query(() => String, { description: 'The property a list would sort by.' })
  sortProperty(@Arg('field', () => SampleOrderField) field: SampleOrderField): string {
    return field;
  }
}

describe('entity kit (kit/columns.ts, kit/graphql-enum.ts)', () => {
  let db: DataSource;
  let schema: GraphQLSchema;
  /** A type of the schema as SDL, a line an element. */
  const printed = (typeName: string) => printType(schema.getType(typeName)!).split('\n');
  beforeAll(async () => {
    db = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [Sample], synchronize: true }).initialize();
    schema = await buildSchema({ resolvers: [SampleResolver], validate: false });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('makes each column with its name, type, length and nullability', async () => {
    const columns: Array<{ name: string; type: string; notnull: number; pk: number }> = await db.query("PRAGMA table_info('samples')");
    expect(columns.map(({ name, type, notnull, pk }) => ({ name, type, notnull: notnull === 1, pk: pk === 1 }))).toEqual([
      { name: 'id', type: 'varchar(36)', notnull: true, pk: true },
      { name: 'owner_id', type: 'varchar(36)', notnull: true, pk: false },
      { name: 'parent_id', type: 'varchar(36)', notnull: false, pk: false },
      { name: 'name', type: 'varchar(80)', notnull: true, pk: false },
      { name: 'notes_json', type: 'TEXT', notnull: false, pk: false },
      { name: 'core_count', type: 'INTEGER', notnull: true, pk: false },
      { name: 'sealed', type: 'boolean', notnull: false, pk: false },
      { name: 'kind', type: 'varchar(10)', notnull: true, pk: false },
      { name: 'made_on', type: 'date', notnull: false, pk: false },
      { name: 'starts_on', type: 'date', notnull: true, pk: false },
      { name: 'ends_on', type: 'date', notnull: false, pk: false },
      { name: 'status', type: 'varchar(20)', notnull: true, pk: false },
    ]);
  });

  it('makes the fields of the same properties, nullable where the columns are; a reference is a field only when exposed', async () => {
    expect(printed('Sample')).toEqual([
      'type Sample {',
      '  id: ID!',
      '  parentId: ID',
      '',
      '  """Its name."""',
      '  name: String!',
      '  notes: String',
      '  coreCount: Int!',
      '  sealed: Boolean',
      '  kind: SampleKind!',
      '  madeOn: Date',
      '',
      '  """First day in force."""',
      '  startsOn: Date!',
      '',
      '  """Last day in force (included): the day it ended; null: open-ended."""',
      '  endsOn: Date',
      '  status: SampleStatus!',
      '}',
    ]);
    const stored = await db.getRepository(Sample).save(new SampleResolver().sample());
    expect(await db.getRepository(Sample).findOneByOrFail({ id: stored.id })).toEqual(stored);
  });

  it("names the property declared with FirstDayColumn as the record's first day; an undated entity has none", () => {
    expect(firstDayProperty(Sample)).toBe('startsOn');
    expect(firstDayProperty(SampleResolver)).toBeUndefined();
  });

  it('declares an enum once: its values for code, and the schema enum with the descriptions', async () => {
    expect({ ...SampleKind }).toEqual({ SMALL: 'SMALL', LARGE: 'LARGE' });
    expect({ ...SampleStatus }).toEqual({ ACTIVE: 'ACTIVE', ENDED: 'ENDED' });
    expect(printed('SampleKind')).toEqual([
      '"""What a sample is."""',
      'enum SampleKind {',
      '  """Fits in a hand."""',
      '  SMALL',
      '',
      '  """Needs a truck."""',
      '  LARGE',
      '}',
    ]);
    expect(printed('SampleStatus')).toEqual(['enum SampleStatus {', '  ACTIVE', '  ENDED', '}']);
  });

  it("an order field enum shows the field's name and hands the resolver the property", async () => {
    expect(printed('SampleOrderField')).toEqual(['enum SampleOrderField {', '  ID', '  STARTS_ON', '}']);
    expect(await graphql({ schema, source: '{ sortProperty(field: STARTS_ON) }' })).toEqual({ data: { sortProperty: 'startsOn' } });
  });
});
