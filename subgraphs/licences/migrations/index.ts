import { CreateLicences1764374400000 } from './1764374400000-create-licences';

export const licencesMigrations = [CreateLicences1764374400000];
