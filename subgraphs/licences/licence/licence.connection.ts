import { ObjectType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';
import { Licence } from './licence.entity';

@ObjectType('LicenceConnection')
export class LicenceConnection extends connectionTypes(Licence, 'Licence') {}
