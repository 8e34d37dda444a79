import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Organisation } from '../../kit/organisation';

export enum Industry {
  FINANCIAL_SERVICES = 'FINANCIAL_SERVICES',
  PUBLIC_SECTOR = 'PUBLIC_SECTOR',
  HEALTHCARE = 'HEALTHCARE',
  MANUFACTURING = 'MANUFACTURING',
  RETAIL = 'RETAIL',
  TELECOMMUNICATIONS = 'TELECOMMUNICATIONS',
  ENERGY = 'ENERGY',
  EDUCATION = 'EDUCATION',
  TECHNOLOGY = 'TECHNOLOGY',
  TRANSPORT = 'TRANSPORT',
}
registerEnumType(Industry, { name: 'Industry' });

@Entity('end_customers')
@ObjectType('EndCustomer', { description: 'An organisation running workloads on a provider’s VMware cloud.' })
@Directive('@key(fields: "id")')
export class EndCustomer extends Organisation {
  @Column({ type: 'varchar', length: 40 })
  @Field(() => Industry)
  industry!: Industry;

  @Column({ name: 'sovereign_cloud_required', type: 'boolean' })
  @Field({ description: 'Whether its data must stay in a sovereign cloud.' })
  sovereignCloudRequired!: boolean;
}
