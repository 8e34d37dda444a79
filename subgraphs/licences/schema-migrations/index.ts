import { CreateLicences1764374400000 } from './1764374400000-create-licences';
import { AddLicenceSortIndexes1764460800000 } from './1764460800000-add-sort-indexes';
import { CreateLicencesWriteSupport1764633600000 } from './1764633600000-create-audit-and-idempotency';
import { OneActiveAgreementPerPair1764720000000 } from './1764720000000-one-active-agreement-per-pair';
import { LicencesIdempotencyPerCaller1765000000000 } from './1765000000000-idempotency-per-caller';

export const licencesMigrations = [
  CreateLicences1764374400000,
  AddLicenceSortIndexes1764460800000,
  CreateLicencesWriteSupport1764633600000,
  OneActiveAgreementPerPair1764720000000,
  LicencesIdempotencyPerCaller1765000000000,
];
