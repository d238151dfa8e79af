import 'reflect-metadata';
import { OrderPatterns, OrderService } from '@pizza/contracts-order';
import { bootstrapService, exitOnBootFailure } from '@pizza/transport';
import { OrderModule } from './app/order.module';

bootstrapService(OrderModule, OrderService, OrderPatterns.PING).catch(exitOnBootFailure);
