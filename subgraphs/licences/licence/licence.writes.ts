import { requireRole } from '../../kit/auth';
import { refuse, UserErrorCode } from '../../kit/writes/user-error';
import { recordWrites } from '../../kit/writes/record-writes';
import type { CreateOptions } from '../../kit/writes/write-helpers';
import type { PartnersClient } from '../peers/partners.client';
import { LICENCE_LIFECYCLE } from './licence.entity';
import { openedInForce } from '../../kit/validity';
import { type CreateLicenceInput, LicencePayload } from './licence.inputs';

const MAX_CORES = 10_000_000;

/** Licences are granted by the vendor: the channel team (VENDOR) records them. */
export class LicenceWrites extends recordWrites(LicencePayload, 'lic')<{ partners: PartnersClient }> {
  async create(input: CreateLicenceInput, options: CreateOptions = {}) {
    requireRole(this.caller, ['VENDOR'], 'Recording licences');
    return this.refusalsAsPayload(async () => {
      if (!Number.isInteger(input.cores) || input.cores < 1 || input.cores > MAX_CORES) {
        throw refuse(UserErrorCode.BAD_USER_INPUT, 'cores', `cores must be a whole number from 1 to ${MAX_CORES} (got ${input.cores}).`);
      }
      if (input.endsOn <= input.startsOn)
        throw refuse(UserErrorCode.BAD_USER_INPUT, 'endsOn', `endsOn ${input.endsOn} must be after startsOn ${input.startsOn}.`);
      if (!(await this.uses.partners.existing([input.holderId])).has(input.holderId))
        throw refuse(UserErrorCode.NOT_FOUND, 'holderId', `Partner "${input.holderId}" was not found.`);
      return this.insertOnce('createLicence', input, options, async () => ({
        holderId: input.holderId,
        product: input.product,
        cores: input.cores,
        ...openedInForce(LICENCE_LIFECYCLE, input),
      }));
    });
  }
}
