import { CreatePartners1764374400000 } from './1764374400000-create-partners';

export const partnersMigrations = [CreatePartners1764374400000];
