import fs from 'node:fs';
import { schemaPath } from '../common/paths';
import { composeSdls, composeSupergraph, CompositionFailed, subgraphSdlsFromCode } from '../scripts/composition';

describe('composition of the committed schemas', () => {
  it('schema/*.graphql and schema/supergraph.graphql are what the code produces (run `npm run compose` when this fails)', async () => {
    const { subgraphSdls, supergraphSdl } = await composeSupergraph();
    expect(Object.keys(subgraphSdls).sort()).toEqual(['customers', 'licences', 'partners', 'programs']);
    for (const [name, sdl] of Object.entries(subgraphSdls)) {
      expect({ file: `schema/${name}.graphql`, sdl: fs.readFileSync(schemaPath(`${name}.graphql`), 'utf8') }).toEqual({
        file: `schema/${name}.graphql`,
        sdl,
      });
    }
    expect(fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8')).toEqual(supergraphSdl);
  });

  it('uses federation for real: keys in every subgraph, Partner extended, @requires on licensedCores', async () => {
    const sdls = await subgraphSdlsFromCode();
    for (const sdl of Object.values(sdls)) expect(sdl).toMatch(/type Partner @key\(fields: "id"\)/);
    expect(sdls.programs).toMatch(/licensedCores: Int @external/);
    expect(sdls.programs).toMatch(/meetsAdvantageThreshold: Boolean @requires\(fields: "licensedCores"\)/);
    expect(sdls.customers).toMatch(/type Licence @key\(fields: "id"\) \{[^}]*contracts/);
    expect(sdls.customers).toMatch(/type LicenceAllocation @key\(fields: "id"\) \{[^}]*contracts/);
  });

  it('reports composition errors instead of writing a broken supergraph', async () => {
    const sdls = await subgraphSdlsFromCode();
    const broken = { ...sdls, programs: sdls.programs!.replace('licensedCores: Int @external', 'licensedCores: String @external') };
    expect(() => composeSdls(broken)).toThrow(CompositionFailed);
    expect(() => composeSdls(broken)).toThrow(/licensedCores/);
  });
});
