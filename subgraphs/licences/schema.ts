import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { agreementReference } from './agreement/agreement.reference';
import { AgreementResolver } from './agreement/agreement.resolver';
import { allocationReference } from './allocation/allocation.reference';
import { AllocationResolver } from './allocation/allocation.resolver';
import { licenceReference } from './licence/licence.reference';
import { LicenceResolver } from './licence/licence.resolver';
import { licensingPartnerReference } from './partner/partner.reference';
import { LicensingPartnerResolver } from './partner/partner.resolver';

export function buildLicencesSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    { resolvers: [LicenceResolver, AgreementResolver, AllocationResolver, LicensingPartnerResolver] },
    { ...licenceReference, ...agreementReference, ...allocationReference, ...licensingPartnerReference },
  );
}
