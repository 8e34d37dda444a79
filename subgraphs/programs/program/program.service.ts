import { badUserInput } from '../../kit/errors';
import { ProgramCode, type Program } from './program.entity';
import type { ProgramRepository } from './program.repository';

export class ProgramService {
  private programs: Promise<Program[]> | null = null;

  constructor(private readonly repository: ProgramRepository) {}

  /** All programs, read once per request however many fields ask. */
  all(): Promise<Program[]> {
    this.programs ??= this.repository.all();
    return this.programs;
  }

  async byId(id: string): Promise<Program | null> {
    return (await this.all()).find((program) => program.id === id) ?? null;
  }

  async byCode(code: ProgramCode): Promise<Program | null> {
    if (!Object.values(ProgramCode).includes(code)) {
      throw badUserInput(`Unknown program code "${code}"; expected one of ${Object.values(ProgramCode).join(', ')}.`, 'code');
    }
    return (await this.all()).find((program) => program.code === code) ?? null;
  }

  /** The floor of licensed cores for admission to ADVANTAGE (3,500 after the change). */
  async advantageThreshold(): Promise<number | null> {
    return (await this.byCode(ProgramCode.ADVANTAGE))?.minLicensedCores ?? null;
  }
}
