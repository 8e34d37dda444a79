import { CreatePrograms1764374400000 } from './1764374400000-create-programs';
import { CreateProgramsWriteSupport1764633600000 } from './1764633600000-create-audit-and-idempotency';

export const programsMigrations = [CreatePrograms1764374400000, CreateProgramsWriteSupport1764633600000];
