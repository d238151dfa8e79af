import 'reflect-metadata';
import { KitchenPatterns, KitchenService } from '@pizza/contracts-kitchen';
import { bootstrapService, exitOnBootFailure } from '@pizza/transport';
import { KitchenModule } from './app/kitchen.module';

bootstrapService(KitchenModule, KitchenService, KitchenPatterns.PING).catch(exitOnBootFailure);
