import type { SubgraphModule } from '../kit/subgraph';
import { AuditEvent } from '../kit/writes/audit-event.entity';
import { IdempotencyKey } from '../kit/writes/idempotency-key.entity';
import { createProgramsContext, type ProgramsContext } from './context';
import { ProgramMembership } from './membership/membership.entity';
import { programsMigrations } from './schema-migrations';
import { Program } from './program/program.entity';
import { buildProgramsSchema } from './schema';

export const programsSubgraph: SubgraphModule<ProgramsContext> = {
  name: 'programs',
  store: { subgraph: 'programs', entities: [Program, ProgramMembership, AuditEvent, IdempotencyKey], migrations: programsMigrations },
  buildSchema: buildProgramsSchema,
  createContext: createProgramsContext,
};
