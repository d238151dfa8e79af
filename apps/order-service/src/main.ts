import 'reflect-metadata';
import { OrderService } from '@pizza/contracts-order';
import { bootstrapService, exitOnBootFailure } from '@pizza/transport';
import { OrderModule } from './app/order.module';

bootstrapService(OrderModule, OrderService).catch(exitOnBootFailure);
