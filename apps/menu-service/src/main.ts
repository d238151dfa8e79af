import 'reflect-metadata';
import { MenuService } from '@pizza/contracts-menu';
import { bootstrapService, exitOnBootFailure } from '@pizza/transport';
import { MenuModule } from './app/menu.module';

bootstrapService(MenuModule, MenuService).catch(exitOnBootFailure);
