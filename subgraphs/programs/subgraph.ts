import type { SubgraphModule } from '../kit/subgraph';
import { createProgramsContext, type ProgramsContext } from './context';
import { ProgramMembership } from './membership/membership.entity';
import { programsMigrations } from './migrations';
import { Program } from './program/program.entity';
import { buildProgramsSchema } from './schema';

export const programsSubgraph: SubgraphModule<ProgramsContext> = {
  name: 'programs',
  store: { subgraph: 'programs', entities: [Program, ProgramMembership], migrations: programsMigrations },
  buildSchema: buildProgramsSchema,
  createContext: createProgramsContext,
};
