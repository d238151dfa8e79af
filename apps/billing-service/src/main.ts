import 'reflect-metadata';
import { BillingPatterns, BillingService } from '@pizza/contracts-billing';
import { bootstrapService, exitOnBootFailure } from '@pizza/transport';
import { BillingModule } from './app/billing.module';

bootstrapService(BillingModule, BillingService, BillingPatterns.PING).catch(exitOnBootFailure);
