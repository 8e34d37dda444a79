import { Directive, ObjectType } from 'type-graphql';
import { connectionTypes } from '../connection';
import { AuditEvent } from './audit-event.entity';

@ObjectType('AuditEventConnection')
@Directive('@shareable')
export class AuditEventConnection extends connectionTypes(AuditEvent, 'AuditEvent', { shareable: true }) {}
