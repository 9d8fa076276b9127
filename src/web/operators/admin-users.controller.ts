import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GRANTABLE_ROLES, ROLES } from '../../common/auth/roles';
import { DomainError } from '../../common/errors/domain-error';
import { UsersService } from '../../modules/users/users.service';
import { errorMessage, readForm } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn, WebActor } from '../session/web-auth.decorators';
import type { WebRequest, WebUser } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { cursorOf, grantRoleForm } from './operator-forms';
import { pageId } from './operator-pages';

/** Users and their roles: granted and revoked as POST /admin/accounts/:id/roles and DELETE …/roles/:role do. */
@WebController('admin/accounts')
@SignedIn('admin')
export class AdminUsersController {
  constructor(
    private readonly pages: WebPages,
    private readonly users: UsersService,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('cursor') cursor?: string) {
    return this.show(request, reply, cursorOf(cursor));
  }

  @Post(':id/roles')
  async grant(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: WebUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const t = translatorFor(request.web.locale, 'operators');
    const form = readForm(grantRoleForm, body, t);
    if (!form.ok) return this.show(request, reply, undefined, { userId: id, message: t('errors:form.choose') });
    return this.change(request, reply, actor.id, pageId(id), { grant: [form.data.role] });
  }

  @Post(':id/roles/:role/revoke')
  async revoke(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: WebUser,
    @Param('id') id: string,
    @Param('role') role: string,
  ) {
    const parsed = grantRoleForm.shape.role.safeParse(role);
    if (!parsed.success) throw new DomainError('not_found', 'NOT_FOUND', 'Page not found');
    return this.change(request, reply, actor.id, pageId(id), { revoke: [parsed.data] });
  }

  private async change(
    request: WebRequest,
    reply: FastifyReply,
    actorId: string,
    userId: string,
    change: Parameters<UsersService['changeRoles']>[2],
  ) {
    try {
      await this.users.changeRoles(actorId, userId, change);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      const message = errorMessage(translatorFor(request.web.locale, 'operators'), error.code);
      return this.show(request, reply, undefined, { userId, message }, 409);
    }
    return this.pages.redirect(reply, `/admin/accounts?done=roles#user-${userId}`);
  }

  private async show(
    request: WebRequest,
    reply: FastifyReply,
    cursor?: string,
    failure?: { userId: string; message: string },
    status = failure ? 400 : 200,
  ) {
    const page = await this.users.list({ cursor, limit: 20 });
    const users = page.items.map((user) => ({
      id: user.id,
      name: user.displayName,
      email: user.email,
      phone: user.phone,
      roles: user.roles,
      revocable: user.roles.filter((r) => (GRANTABLE_ROLES as readonly string[]).includes(r)),
      grantable: GRANTABLE_ROLES.filter((r) => !user.roles.includes(r)),
      error: failure?.userId === user.id ? failure.message : undefined,
      createdAt: user.createdAt,
    }));
    return this.pages.render(
      request,
      reply,
      'operators/users',
      {
        users,
        roleKeys: Object.fromEntries(ROLES.map((role) => [role, `operators:roles.${role}`])),
        nextCursor: page.nextCursor,
        done: (request.query as { done?: string }).done,
        failure: failure && !users.some((u) => u.id === failure.userId) ? failure.message : undefined,
      },
      { title: 'operators:users.title', status },
    );
  }
}
