import type { DataSource, Repository } from 'typeorm';
import { Program } from './program.entity';

export class ProgramRepository {
  private readonly programs: Repository<Program>;

  constructor(dataSource: DataSource) {
    this.programs = dataSource.getRepository(Program);
  }

  /** Programs are a handful of rows: read them all at once. */
  all(): Promise<Program[]> {
    return this.programs.find({ order: { launchedOn: 'ASC', code: 'ASC' } });
  }
}
