import fs from 'node:fs';
import { parse, print } from 'graphql';
import { ROLES, type Identity, type Role } from '../common/identity';
import { schemaPath } from '../common/paths';
import { Authorization, withRemovals } from './authorization';
import { SupergraphPolicy } from './supergraph-policy';

const policy = new SupergraphPolicy(fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8'));
const authorization = new Authorization(policy);
const caller = (role: Role): Identity => ({
  subject: `test-${role}`,
  role,
  partnerId: role === 'PRIMARY' || role === 'SECONDARY' ? 'ptn-000001' : null,
});

/** Every field the supergraph restricts to some roles, with those roles: read from the composed directives. */
const restricted = [...policy.fields()].filter(([, rule]) => rule.scopes).map(([coordinate, rule]) => ({ coordinate, rule }));

describe('authorization from the supergraph (@requiresScopes, roles as scopes)', () => {
  it('restricts the channel-wide figures, the audit trails and every mutation', () => {
    const coordinates = restricted.map(({ coordinate }) => coordinate);
    for (const expected of [
      'Query.channelOverview',
      'Query.thresholdWhatIf',
      'Query.partnersAuditTrail',
      'Query.customersAuditTrail',
      'Mutation.createPartner',
    ]) {
      expect(coordinates).toContain(expected);
    }
    const mutations = Object.keys(policy.schema.getMutationType()!.getFields());
    expect(mutations.filter((name) => !coordinates.includes(`Mutation.${name}`))).toEqual([]);
  });

  it('every root field asks at least for a verified caller', () => {
    for (const root of [policy.schema.getQueryType()!, policy.schema.getMutationType()!]) {
      for (const name of Object.keys(root.getFields())) {
        const rule = policy.field(root.name, name)!;
        expect({ field: `${root.name}.${name}`, guarded: rule.authenticated || rule.scopes !== null }).toEqual({
          field: `${root.name}.${name}`,
          guarded: true,
        });
      }
    }
  });

  const cases = restricted.flatMap(({ coordinate, rule }) =>
    ROLES.map((role) => ({ coordinate, role, allowed: rule.scopes!.some((scopes) => scopes.includes(role)) })),
  );
  it.each(cases)('$coordinate for $role: allowed $allowed', ({ coordinate, role, allowed }) => {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const operationType = typeName === 'Mutation' ? 'mutation' : 'query';
    const definition = policy.fieldDefinition(typeName, fieldName)!;
    const selection =
      definition.type.toString().replace(/[[\]!]/g, '') in { Int: 1, String: 1, ID: 1, Boolean: 1 } ? '' : ' { __typename }';
    const document = parse(`${operationType} { asked: ${fieldName}${selection} __typename }`);
    const decision = authorization.decide(document, undefined, caller(role));
    if (allowed) {
      expect(decision).toEqual({ document, removals: [] });
      return;
    }
    expect(decision.removals.map((removal) => removal.path.map((step) => step.key))).toEqual([['asked']]);
    expect(print(decision.document!)).not.toContain(fieldName);
    // The filtered operation's answer, completed: null where the field was, and a FORBIDDEN error at its path.
    const answer = withRemovals({ data: { __typename: typeName } }, decision.removals, caller(role));
    const nonNull = definition.type.toString().endsWith('!');
    expect(answer.data).toEqual(nonNull ? null : { __typename: typeName, asked: null });
    expect(answer.errors?.map((error) => ({ path: error.path, code: error.extensions?.code }))).toEqual([
      { path: ['asked'], code: 'FORBIDDEN' },
    ]);
  });

  it('takes a refused field out of the fragments it is in, and fragments left empty with it', () => {
    const document = parse(`
      query Mixed { ...Figures viewer { role } partners(first: 1) { totalCount } }
      fragment Figures on Query { ...Overview }
      fragment Overview on Query { channelOverview { licensedCores } }`);
    const decision = authorization.decide(document, 'Mixed', caller('SECONDARY'));
    expect(decision.removals.map((removal) => removal.coordinate)).toEqual(['Query.channelOverview']);
    expect(print(decision.document!)).toBe(print(parse('query Mixed { viewer { role } partners(first: 1) { totalCount } }')));
    expect(authorization.decide(document, 'Mixed', caller('ANALYST')).document).toBe(document);
  });

  it('an operation of refused fields only runs nothing and answers null for each', () => {
    const document = parse('{ a: channelOverview { id } b: thresholdWhatIf(minLicensedCores: 10) { qualifyingCount } }');
    const decision = authorization.decide(document, undefined, caller('PRIMARY'));
    expect(decision.document).toBeNull();
    expect(withRemovals({ data: {} }, decision.removals, caller('PRIMARY')).data).toEqual(null);
  });
});

describe('authorization on a small supergraph: nested fields, lists and null propagation', () => {
  const small = new Authorization(
    new SupergraphPolicy(`
      schema @link(url: "https://specs.apollo.dev/link/v1.0")
        @link(url: "https://specs.apollo.dev/requiresScopes/v0.1", as: "scopes", for: SECURITY)
        @link(url: "https://specs.apollo.dev/authenticated/v0.1", import: [{ name: "@authenticated", as: "@signedIn" }], for: SECURITY) { query: Query }
      directive @scopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
      directive @signedIn on FIELD_DEFINITION | OBJECT
      directive @link(url: String, as: String, for: String, import: [Import]) repeatable on SCHEMA
      scalar Import
      type Query { one: Holder! many: [Holder!] open: Int @signedIn secretType: Secret }
      type Holder { id: ID secret: Int! @scopes(scopes: [["VENDOR", "ANALYST"]]) soft: Int @scopes(scopes: [["VENDOR"], ["PRIMARY"]]) }
      type Secret @scopes(scopes: [["VENDOR"]]) { id: ID }
    `),
  );
  const analyst = caller('ANALYST');

  it('reads directives under the names the @links give them; an AND of scopes needs both', () => {
    expect(small.decide(parse('{ one { secret } }'), undefined, analyst).removals).toHaveLength(1);
    expect(small.decide(parse('{ open }'), undefined, null).removals).toHaveLength(1);
    expect(small.decide(parse('{ open }'), undefined, analyst).removals).toHaveLength(0);
    expect(
      small.decide(parse('{ secretType { id } }'), undefined, caller('PRIMARY')).removals.map((removal) => removal.coordinate),
    ).toEqual(['Query.secretType']);
  });

  it('a refused non-null field nulls its parent, up to the answer when the parents are non-null', () => {
    const decision = small.decide(parse('{ one { id secret } }'), undefined, analyst);
    expect(withRemovals({ data: { one: { id: 'h1' } } }, decision.removals, analyst).data).toBeNull();
  });

  it('in a list, a refused field is null in every item; a non-null one empties the (nullable) list', () => {
    const soft = small.decide(parse('{ many { id soft } }'), undefined, analyst);
    expect(withRemovals({ data: { many: [{ id: 'a' }, { id: 'b' }] } }, soft.removals, analyst).data).toEqual({
      many: [
        { id: 'a', soft: null },
        { id: 'b', soft: null },
      ],
    });
    const hard = small.decide(parse('{ many { id secret } }'), undefined, analyst);
    expect(withRemovals({ data: { many: [{ id: 'a' }] } }, hard.removals, analyst).data).toEqual({ many: null });
  });
});
