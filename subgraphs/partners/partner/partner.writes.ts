import { TEXT_LIMITS, writeText } from '../../kit/text-limits';
import type { DataSource } from 'typeorm';
import { requireRole } from '../../kit/auth';
import { refuse, UserErrorCode } from '../../kit/writes/user-error';
import { recordWrites } from '../../kit/writes/record-writes';
import { Partner } from './partner.entity';
import { type CreatePartnerInput, type UpdatePartnerInput, PartnerPayload } from './partner.inputs';
import { checkedCountry, checkedName, type CreateOptions } from '../../kit/writes/write-helpers';

/** The partner directory is the channel team's (VENDOR): names are unique, countries ISO codes, websites http(s). */
export class PartnerWrites extends recordWrites(PartnerPayload, 'ptn') {
  async create(input: CreatePartnerInput, options: CreateOptions = {}) {
    requireRole(this.caller, ['VENDOR'], 'Adding partners to the directory');
    return this.refusalsAsPayload(async () => {
      const fields = checked({ name: input.name, country: input.country, website: input.website ?? null });
      return this.insertOnce('createPartner', input, options, async (tx) => {
        await this.requireUniqueName(fields.name, null, tx.manager);
        return {
          name: fields.name,
          country: fields.country,
          region: input.region,
          category: input.category,
          website: fields.website,
        };
      });
    });
  }

  async update(input: UpdatePartnerInput) {
    requireRole(this.caller, ['VENDOR'], 'Changing partners in the directory');
    return this.change(async (tx) => {
      const current = await tx.manager.findOneBy(Partner, { id: input.id });
      if (!current) throw refuse(UserErrorCode.NOT_FOUND, 'id', `Partner "${input.id}" was not found.`);
      const fields = checked({
        name: input.name ?? current.name,
        country: input.country ?? current.country,
        website: input.website === undefined ? current.website : input.website,
      });
      if (fields.name !== current.name) await this.requireUniqueName(fields.name, current.id, tx.manager);
      const after: Partner = {
        ...current,
        ...fields,
        region: input.region ?? current.region,
        category: input.category ?? current.category,
      };
      await tx.manager.update(
        Partner,
        { id: current.id },
        { name: after.name, country: after.country, website: after.website, region: after.region, category: after.category },
      );
      await tx.audit('Partner', current.id, 'updatePartner', current, after);
      return after;
    });
  }

  private async requireUniqueName(name: string, exceptId: string | null, manager: DataSource['manager']): Promise<void> {
    const same = await manager
      .createQueryBuilder(Partner, 'partner')
      .where('LOWER(partner.name) = :name', { name: name.toLowerCase() })
      .getOne();
    if (same && same.id !== exceptId)
      throw refuse(UserErrorCode.CONFLICT, 'name', `A partner named "${same.name}" already exists ("${same.id}").`);
  }
}

function checked(fields: { name: string; country: string; website: string | null }): {
  name: string;
  country: string;
  website: string | null;
} {
  const name = checkedName(fields.name);
  const country = checkedCountry(fields.country);
  writeText(fields.website, 'website', TEXT_LIMITS.website);
  if (fields.website !== null && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(fields.website)) {
    throw refuse(
      UserErrorCode.BAD_USER_INPUT,
      'website',
      `website "${fields.website}" is not an http(s) address such as https://www.example.com.`,
    );
  }
  return { name, country, website: fields.website };
}
