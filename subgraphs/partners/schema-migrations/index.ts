import { CreatePartners1764374400000 } from './1764374400000-create-partners';
import { CreateApiKeys1764547200000 } from './1764547200000-create-api-keys';
import { CreatePartnersWriteSupport1764633600000 } from './1764633600000-create-audit-and-idempotency';
import { PartnersIdempotencyPerCaller1765000000000 } from './1765000000000-idempotency-per-caller';

export const partnersMigrations = [
  CreatePartners1764374400000,
  CreateApiKeys1764547200000,
  CreatePartnersWriteSupport1764633600000,
  PartnersIdempotencyPerCaller1765000000000,
];
