import 'reflect-metadata';
import { BillingService } from '@pizza/contracts-billing';
import { bootstrapService, exitOnBootFailure } from '@pizza/transport';
import { BillingModule } from './app/billing.module';

bootstrapService(BillingModule, BillingService).catch(exitOnBootFailure);
