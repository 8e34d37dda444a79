import { ObjectType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';
import { ProgramMembership } from './membership.entity';

@ObjectType('ProgramMembershipConnection')
export class ProgramMembershipConnection extends connectionTypes(ProgramMembership, 'ProgramMembership') {}
