import { CreatePrograms1764374400000 } from './1764374400000-create-programs';

export const programsMigrations = [CreatePrograms1764374400000];
