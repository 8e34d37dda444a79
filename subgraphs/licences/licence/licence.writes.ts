import type { DataSource } from 'typeorm';
import { requireRole, type Caller } from '../../kit/auth';
import { refusalsAsErrors, refuse, UserErrorCode, type UserError } from '../../kit/writes/user-error';
import type { Writer } from '../../kit/writes/writer';
import type { PartnersClient } from '../peers/partners.client';
import { Licence, LicenceStatus } from './licence.entity';
import type { CreateLicenceInput } from './licence.inputs';
import { idForNew, type CreateOptions } from '../../kit/writes/write-helpers';

type LicencePayload = { licence: Licence | null; errors: UserError[] };

const MAX_CORES = 10_000_000;

/** Licences are granted by the vendor: the channel team (VENDOR) records them. */
export class LicenceWrites {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: Writer,
    private readonly partners: PartnersClient,
    private readonly caller: Caller,
  ) {}

  async create(input: CreateLicenceInput, options: CreateOptions = {}): Promise<LicencePayload> {
    requireRole(this.caller, ['VENDOR'], 'Recording licences');
    return refusalsAsErrors<LicencePayload>(
      async () => {
        if (!Number.isInteger(input.cores) || input.cores < 1 || input.cores > MAX_CORES) {
          throw refuse(UserErrorCode.BAD_USER_INPUT, 'cores', `cores must be a whole number from 1 to ${MAX_CORES} (got ${input.cores}).`);
        }
        if (input.endsOn <= input.startsOn)
          throw refuse(UserErrorCode.BAD_USER_INPUT, 'endsOn', `endsOn ${input.endsOn} must be after startsOn ${input.startsOn}.`);
        if (!(await this.partners.existing([input.holderId])).has(input.holderId))
          throw refuse(UserErrorCode.NOT_FOUND, 'holderId', `Partner "${input.holderId}" was not found.`);
        const id = await this.writer.runOnce('createLicence', input, async (tx) => {
          const licence: Licence = {
            id: await idForNew(tx.manager, Licence, 'lic', options),
            holderId: input.holderId,
            product: input.product,
            cores: input.cores,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
            status: LicenceStatus.ACTIVE,
          };
          return tx.insertAudited(Licence, 'createLicence', licence);
        });
        return { licence: await this.dataSource.manager.findOneByOrFail(Licence, { id }), errors: [] };
      },
      (errors) => ({ licence: null, errors }),
    );
  }
}
