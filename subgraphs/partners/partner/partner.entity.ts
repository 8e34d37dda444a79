import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

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
export class Partner {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  name!: string;

  @Column({ type: 'varchar', length: 2 })
  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;

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
