import { CreateLicences1764374400000 } from './1764374400000-create-licences';
import { AddLicenceSortIndexes1764460800000 } from './1764460800000-add-sort-indexes';

export const licencesMigrations = [CreateLicences1764374400000, AddLicenceSortIndexes1764460800000];
