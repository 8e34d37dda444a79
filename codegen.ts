import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: typed documents for partner tools, from the public API schema (written by
 * `npm run build`, scripts/compose-schema.ts) and the trusted operations.
 */
const config: CodegenConfig = {
  schema: 'client/api-schema.graphql',
  documents: ['schema/operations/*.graphql', 'dashboard/operations/*.graphql'],
  generates: {
    'client/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
      },
    },
  },
  ignoreNoDocuments: false,
};

export default config;
