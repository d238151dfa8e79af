import 'reflect-metadata';
import { MenuPatterns, MenuService } from '@pizza/contracts-menu';
import { bootstrapService, exitOnBootFailure } from '@pizza/transport';
import { MenuModule } from './app/menu.module';

bootstrapService(MenuModule, MenuService, MenuPatterns.PING).catch(exitOnBootFailure);
