import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Organisation } from '../../kit/organisation';

export enum Region {
  AMER = 'AMER',
  EMEA = 'EMEA',
  APJ = 'APJ',
}
registerEnumType(Region, { name: 'Region', description: 'Sales region.' });

export enum PartnerCategory {
  GLOBAL_SYSTEM_INTEGRATOR = 'GLOBAL_SYSTEM_INTEGRATOR',
  VERTICAL_SPECIALIST = 'VERTICAL_SPECIALIST',
  SOVEREIGN_CLOUD = 'SOVEREIGN_CLOUD',
  REGIONAL_CLOUD = 'REGIONAL_CLOUD',
  MANAGED_SERVICE_PROVIDER = 'MANAGED_SERVICE_PROVIDER',
}
registerEnumType(PartnerCategory, { name: 'PartnerCategory', description: 'What kind of provider the partner is.' });

@Entity('partners')
@ObjectType('Partner', { description: 'A cloud provider in the VMware channel.' })
@Directive('@key(fields: "id")')
export class Partner extends Organisation {
  @Column({ type: 'varchar', length: 8 })
  @Field(() => Region)
  region!: Region;

  @Column({ type: 'varchar', length: 40 })
  @Field(() => PartnerCategory)
  category!: PartnerCategory;

  @Column({ type: 'varchar', length: 300, nullable: true })
  @Field(() => String, { nullable: true })
  website!: string | null;
}
