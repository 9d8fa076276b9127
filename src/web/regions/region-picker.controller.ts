import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { safeNext } from '../errors/web-exception.filter';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';
import { RegionPicker } from './region-picker.service';

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9.]{0,60}$/;

/** The picker's htmx fragment: the three selects re-drawn for the current choice. */
@WebController('regions')
export class RegionPickerController {
  constructor(
    private readonly pages: WebPages,
    private readonly picker: RegionPicker,
  ) {}

  @Get('picker')
  async fragment(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const name = typeof query.name === 'string' && FIELD_NAME.test(query.name) ? query.name : 'countyCode';
    const mode = query.mode === 'any' ? 'any' : 'county';
    const t = translatorFor(request.web.locale);
    const label = typeof query.label === 'string' ? query.label.slice(0, 40) : t('common:region.label');
    // A path on this site only: the no-JS button sends the form there.
    const refreshAction = safeNext(typeof query.refreshAction === 'string' ? query.refreshAction.slice(0, 200) : '/');
    const picker = await this.picker.build(query, {
      name,
      mode,
      label,
      required: query.required === 'true',
      refreshAction,
    });
    return this.pages.fragment(request, reply, 'regions/picker', { picker });
  }
}
