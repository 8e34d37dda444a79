import { buildManifest, sha256, TrustedDocuments } from './persisted-queries';

const source = (file: string, text: string) => ({ file, text });

describe('persisted-query manifest', () => {
  const manifest = buildManifest([
    source('b.graphql', '# The second\nquery B($id: ID!) { partner(id: $id) { id name } }'),
    source('a.graphql', 'query A { programs { code } }'),
  ]);

  it('lists named operations by name, each body normalized and its id the SHA-256 of the body', () => {
    expect(manifest.operations.map((o) => o.name)).toEqual(['A', 'B']);
    expect(manifest.operations[1]?.body).toBe('query B($id: ID!) {\n  partner(id: $id) {\n    id\n    name\n  }\n}');
    for (const operation of manifest.operations) expect(operation.id).toBe(sha256(operation.body));
  });

  it('refuses anonymous operations, several operations in one file, and two operations of one name', () => {
    expect(() => buildManifest([source('x.graphql', '{ programs { code } }')])).toThrow('x.graphql: expected exactly one named operation');
    expect(() => buildManifest([source('y.graphql', 'query A { programs { code } } query B { programs { code } }')])).toThrow('y.graphql');
    expect(() =>
      buildManifest([source('a.graphql', 'query A { programs { code } }'), source('b.graphql', 'query A { programs { id } }')]),
    ).toThrow('Two operations are named A');
  });

  it('trusts a document whatever its comments, spacing and commas, but not a changed one', () => {
    const trusted = new TrustedDocuments(manifest);
    expect(trusted.isTrusted('# mine\nquery A {\n\n  programs { code, } }')).toBe(true);
    expect(trusted.isTrusted('query A { programs { code name } }')).toBe(false);
    expect(trusted.isTrusted('query A { programs { code }')).toBe(false);
    const [operation] = manifest.operations;
    expect(operation && trusted.bodyOf(operation.id)).toBe(operation?.body);
    expect(trusted.bodyOf(sha256('anything'))).toBeUndefined();
  });
});
