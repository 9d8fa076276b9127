import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { emailSchema, mainlandPhoneSchema } from '../../common/http/contact.schemas';
import { SellersService } from '../../modules/sellers/sellers.service';
import { UsersService } from '../../modules/users/users.service';
import { formErrorsOf, readForm, type FormErrors } from '../forms/form';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { storePath } from './store-pages';
import { actorOf, idParam } from '../session/page-actor';

const staffForm = z.object({ contact: z.string().min(1).max(254) });

/** "Phone number or e-mail" in one field, as the login page reads it. */
function contactOf(text: string): { phone: string } | { email: string } | null {
  const phone = mainlandPhoneSchema.safeParse(text);
  if (phone.success) return { phone: phone.data };
  const email = emailSchema.safeParse(text);
  return email.success ? { email: email.data } : null;
}

/** Who helps run the store: the owner adds staff by their account's phone (or e-mail) and removes them. */
@WebController('seller/stores/:storeId/staff')
@SignedIn()
export class StoreStaffController {
  constructor(
    private readonly pages: WebPages,
    private readonly sellers: SellersService,
    private readonly users: UsersService,
  ) {}

  @Get()
  async page(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeParam: string,
    @Query('done') done?: string,
  ) {
    const notice = done === 'added' || done === 'removed' ? `sales:staff.done.${done}` : null;
    return this.render(request, reply, idParam(storeParam), { notice });
  }

  @Post()
  async add(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeParam: string,
    @Body() body: unknown,
  ) {
    const storeId = idParam(storeParam);
    const t = translatorFor(request.web.locale, 'sales');
    const form = readForm(staffForm, body, t);
    if (!form.ok) return this.render(request, reply, storeId, { errors: form.errors, form: form.values }, 400);
    const contact = contactOf(form.data.contact);
    if (!contact) {
      const errors = { contact: [t('sales:staff.contactInvalid')] };
      return this.render(request, reply, storeId, { errors, form: form.data }, 400);
    }
    try {
      await this.sellers.addStaff(actorOf(request), storeId, contact);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'SELLER_NOT_FOUND') throw error;
      const errors = formErrorsOf(error, t, { USER_NOT_FOUND: 'contact', ALREADY_A_MEMBER: 'contact' });
      const status = error.kind === 'forbidden' ? 403 : error.kind === 'conflict' ? 409 : 400;
      return this.render(request, reply, storeId, { errors, form: form.data }, status);
    }
    return this.pages.redirect(reply, `${storePath(storeId)}/staff?done=added`);
  }

  @Post(':userId/remove')
  async remove(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Param('storeId') storeParam: string,
    @Param('userId') userParam: string,
  ) {
    const storeId = idParam(storeParam);
    const userId = idParam(userParam);
    try {
      await this.sellers.removeStaff(actorOf(request), storeId, userId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'SELLER_NOT_FOUND') throw error;
      const errors = formErrorsOf(error, translatorFor(request.web.locale, 'sales'));
      return this.render(request, reply, storeId, { errors }, error.kind === 'forbidden' ? 403 : 404);
    }
    return this.pages.redirect(reply, `${storePath(storeId)}/staff?done=removed`);
  }

  private async render(
    request: WebRequest,
    reply: FastifyReply,
    storeId: string,
    extra: { errors?: FormErrors; form?: object; notice?: string | null },
    status = 200,
  ) {
    const actor = actorOf(request);
    const store = await this.sellers.getManaged(actor, storeId);
    const members = await this.sellers.members(actor, storeId);
    const isOwner = store.ownerId === actor.id;
    const people = [];
    for (const member of members) {
      const user = await this.users.findById(member.userId);
      people.push({
        userId: member.userId,
        role: member.role,
        roleKey: `sales:staff.role.${member.role}`,
        since: member.createdAt,
        name: user?.displayName ?? null,
        // The owner added each one by their number; other members see names only.
        contact: isOwner || member.userId === actor.id ? (user?.phone ?? user?.email ?? null) : null,
        isMe: member.userId === actor.id,
      });
    }
    return this.pages.render(
      request,
      reply,
      'seller-orders/staff',
      {
        store: { id: store.id, name: store.displayName, path: storePath(store.id) },
        people,
        isOwner,
        form: extra.form ?? {},
        notice: extra.notice ?? null,
      },
      { title: 'sales:staff.title', errors: extra.errors, status },
    );
  }
}
