import { CreateCustomers1764374400000 } from './1764374400000-create-customers';
import { AddCustomerAnalyticsIndexes1764460800000 } from './1764460800000-add-analytics-indexes';
import { CreateCustomersWriteSupport1764633600000 } from './1764633600000-create-audit-and-idempotency';
import { ContractAllocationLocks1764806400000 } from './1764806400000-contract-allocation-locks';
import { CustomersIdempotencyPerCaller1765000000000 } from './1765000000000-idempotency-per-caller';
import { CustomersCountrySovereignIndex1765200000000 } from './1765200000000-customers-country-sovereign-index';

export const customersMigrations = [
  CreateCustomers1764374400000,
  AddCustomerAnalyticsIndexes1764460800000,
  CreateCustomersWriteSupport1764633600000,
  ContractAllocationLocks1764806400000,
  CustomersIdempotencyPerCaller1765000000000,
  CustomersCountrySovereignIndex1765200000000,
];
