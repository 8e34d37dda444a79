import { CreatePartners1764374400000 } from './1764374400000-create-partners';
import { CreateApiKeys1764547200000 } from './1764547200000-create-api-keys';

export const partnersMigrations = [CreatePartners1764374400000, CreateApiKeys1764547200000];
