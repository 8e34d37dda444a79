import { requireRole } from '../../kit/auth';
import { recordWrites } from '../../kit/writes/record-writes';
import { checkedCountry, checkedName, type CreateOptions } from '../../kit/writes/write-helpers';
import { type CreateCustomerInput, CustomerPayload } from './customer.inputs';

/** End customers enter the channel's records through the channel team (VENDOR); providers then open contracts for them. */
export class CustomerWrites extends recordWrites(CustomerPayload, 'cus') {
  async create(input: CreateCustomerInput, options: CreateOptions = {}) {
    requireRole(this.caller, ['VENDOR'], 'Adding end customers');
    return this.refusalsAsPayload(async () => {
      const name = checkedName(input.name);
      const country = checkedCountry(input.country);
      return this.insertOnce('createCustomer', input, options, async () => ({
        name,
        country,
        industry: input.industry,
        sovereignCloudRequired: input.sovereignCloudRequired,
      }));
    });
  }
}
