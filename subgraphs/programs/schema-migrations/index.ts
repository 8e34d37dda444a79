import { CreatePrograms1764374400000 } from './1764374400000-create-programs';
import { CreateProgramsWriteSupport1764633600000 } from './1764633600000-create-audit-and-idempotency';
import { ProgramsIdempotencyPerCaller1765000000000 } from './1765000000000-idempotency-per-caller';

export const programsMigrations = [
  CreatePrograms1764374400000,
  CreateProgramsWriteSupport1764633600000,
  ProgramsIdempotencyPerCaller1765000000000,
];
