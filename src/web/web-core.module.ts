import { Module } from '@nestjs/common';
import { AuthModule } from '../modules/auth/auth.module';
import { NotificationsModule } from '../modules/notifications/notifications.module';
import { OrdersModule } from '../modules/orders/orders.module';
import { WebExceptionFilter } from './errors/web-exception.filter';
import { WebPages } from './render/web-pages.service';
import { WebSessionGuard } from './session/web-session.guard';
import { WebSessions } from './session/web-sessions.service';

/**
 * What every area of the pages needs: rendering, the session guard, errors as pages. Orders
 * gives the header its cart badge and merges a guest's cart at sign-in.
 */
@Module({
  imports: [AuthModule, NotificationsModule, OrdersModule],
  providers: [WebPages, WebSessions, WebSessionGuard, WebExceptionFilter],
  exports: [WebPages, WebSessions, WebSessionGuard, WebExceptionFilter, AuthModule, NotificationsModule],
})
export class WebCoreModule {}
