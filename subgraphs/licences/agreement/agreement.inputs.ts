import { Field, ID, InputType } from 'type-graphql';
import { AgreementStatus } from './agreement.entity';

@InputType({ description: 'Narrows the agreement list; all given conditions must hold.' })
export class AgreementFilter {
  @Field(() => ID, { nullable: true })
  primaryId?: string | null;

  @Field(() => ID, { nullable: true })
  secondaryId?: string | null;

  @Field(() => AgreementStatus, { nullable: true })
  status?: AgreementStatus | null;
}
