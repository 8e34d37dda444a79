import { ObjectType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';
import { WhiteLabelAgreement } from './agreement.entity';

@ObjectType('WhiteLabelAgreementConnection')
export class WhiteLabelAgreementConnection extends connectionTypes(WhiteLabelAgreement, 'WhiteLabelAgreement') {}
