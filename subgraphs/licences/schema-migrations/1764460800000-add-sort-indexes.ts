import { createIndices, schemaMigration } from '../../kit/schema-migrations';

/** Indexes for the sort orders of licences and agreements (filters and join keys have theirs since the first migration). */
export const AddLicenceSortIndexes1764460800000 = schemaMigration(
  'AddLicenceSortIndexes1764460800000',
  createIndices({
    licences: { idx_licences_cores: ['cores'], idx_licences_starts_on: ['starts_on'], idx_licences_ends_on: ['ends_on'] },
    white_label_agreements: { idx_agreements_signed_on: ['signed_on'] },
  }),
);
