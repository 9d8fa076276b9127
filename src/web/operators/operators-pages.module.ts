import { Module, type Type } from '@nestjs/common';
import { WebCoreModule } from '../web-core.module';

export const OPERATORS_CONTROLLERS: Type[] = [];

/** Finance and operators: review queues, household flags, users and roles, transfers, refunds, payouts, trial balance. */
@Module({ imports: [WebCoreModule], controllers: OPERATORS_CONTROLLERS })
export class OperatorsPagesModule {}
