import fs from 'node:fs';
import { SUBGRAPH_NAMES } from '../common/config';
import { apiSchemaPath, schemaPath } from '../common/paths';
import { composeSdls, composeSupergraph, CompositionFailed, subgraphSdlsFromCode } from '../scripts/composition';
import { startTestStack } from './kit/stack';

/** What `npm run build` wrote (scripts/compose-schema.ts): the files every gateway and client tool reads. */
const written = () => ({
  subgraphSdls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, fs.readFileSync(schemaPath(`${name}.graphql`), 'utf8')])),
  supergraphSdl: fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8'),
  apiSchemaSdl: fs.readFileSync(apiSchemaPath(), 'utf8'),
});

describe('composition of the schema the build writes', () => {
  it('is deterministic: composing the code again gives the files the build wrote, byte for byte', async () => {
    const [first, second] = [await composeSupergraph(), await composeSupergraph()];
    expect(Object.keys(first.subgraphSdls).sort()).toEqual(['customers', 'licences', 'partners', 'programs']);
    expect(second).toEqual(first);
    const { subgraphSdls, supergraphSdl, apiSchemaSdl } = first;
    expect(written()).toEqual({ subgraphSdls, supergraphSdl, apiSchemaSdl }); // stale: npm run build
  });

  it('changes the public API only on purpose: the schema clients see equals its reviewed snapshot', () => {
    // An intended change (a field, a description, a nullability, an enum value) is accepted with
    // `npm test -- tests/composition.test.ts -u` and reviewed in the snapshot's diff; any other fails here.
    expect(written().apiSchemaSdl).toMatchSnapshot();
  });

  it('is of what the running subgraphs serve: their _service SDLs compose into the supergraph the gateways load', async () => {
    const stack = await startTestStack(null);
    try {
      const served: Record<string, string> = {};
      for (const name of SUBGRAPH_NAMES) {
        const response = await stack.askSubgraph(name, '{ _service { sdl } }');
        expect(response.errors).toBeUndefined();
        served[name] = (response.data as { _service: { sdl: string } })._service.sdl;
      }
      expect(composeSdls(served).supergraphSdl).toBe(written().supergraphSdl);
    } finally {
      await stack.stop();
    }
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
