import type { DataSource } from 'typeorm';
import { requireRole, type Caller } from '../../kit/auth';
import { refusalsAsErrors, type UserError } from '../../kit/writes/user-error';
import type { Writer } from '../../kit/writes/writer';
import { checkedCountry, checkedName, idForNew, type CreateOptions } from '../../kit/writes/write-helpers';
import { EndCustomer } from './customer.entity';
import type { CreateCustomerInput } from './customer.inputs';

type CustomerPayload = { customer: EndCustomer | null; errors: UserError[] };

/** End customers enter the channel's records through the channel team (VENDOR); providers then open contracts for them. */
export class CustomerWrites {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: Writer,
    private readonly caller: Caller,
  ) {}

  async create(input: CreateCustomerInput, options: CreateOptions = {}): Promise<CustomerPayload> {
    requireRole(this.caller, ['VENDOR'], 'Adding end customers');
    return refusalsAsErrors<CustomerPayload>(
      async () => {
        const name = checkedName(input.name);
        const country = checkedCountry(input.country);
        const id = await this.writer.runOnce('createCustomer', input, async (tx) => {
          const customer: EndCustomer = {
            id: await idForNew(tx.manager, EndCustomer, 'cus', options),
            name,
            country,
            industry: input.industry,
            sovereignCloudRequired: input.sovereignCloudRequired,
          };
          return tx.insertAudited(EndCustomer, 'createCustomer', customer);
        });
        return { customer: await this.dataSource.manager.findOneByOrFail(EndCustomer, { id }), errors: [] };
      },
      (errors) => ({ customer: null, errors }),
    );
  }
}
