import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { DomainError } from '../../common/errors/domain-error';
import { RegionsService } from '../../modules/regions/regions.service';
import { CertificatesService } from '../../modules/training/certificates.service';
import { groupedCode, parseCertificateCode } from '../../modules/training/training.module';
import { translatorFor } from '../i18n/locales';
import { WebPages } from '../render/web-pages.service';
import { actorOf, idParam } from '../session/page-actor';
import { SignedIn } from '../session/web-auth.decorators';
import type { WebRequest } from '../session/web-request';
import { WebController } from '../web-controller.decorator';

const VERIFY_PATH = '/certificates/verify';

/**
 * A certificate on paper and its check: the trainee's printable certificate with a QR of its
 * verification address, and the public verification pages anyone may open without an account.
 */
@WebController()
export class CertificatePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly certificates: CertificatesService,
    private readonly regions: RegionsService,
  ) {}

  /** The trainee's own certificate, printable; anyone else's (or none yet) is the 404 page. */
  @SignedIn()
  @Get('training/enrollments/:id/certificate')
  async printable(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('id') idValue: string) {
    const { certificate, cohort, trainerName } = await this.certificates.printable(actorOf(request), idParam(idValue));
    const verifyUrl = `${publicBase(request)}${VERIFY_PATH}/${certificate.code}`;
    // The SVG is drawn by qrcode from our own address: rectangles only, no text of anyone's.
    const qrSvg = await QRCode.toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    return this.pages.render(
      request,
      reply,
      'training/certificate',
      {
        certificate: {
          holderName: certificate.holderName,
          code: groupedCode(certificate.code),
          issuedAt: certificate.issuedAt,
          revoked: certificate.revokedAt !== null,
          revokedReason: certificate.revokedReason,
        },
        cohort: { title: cohort.title, place: await this.regions.placeName(cohort.countyCode), endsAt: cohort.endsAt },
        trainerName,
        verifyUrl,
        qrSvg,
      },
      { title: 'certificates:certificate.title' },
    );
  }

  /** The code entry form; a typed code goes to its own address (a GET form: no account, no token). */
  @Get('certificates/verify')
  async entry(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('code') typed?: string) {
    if (typeof typed !== 'string' || typed.trim() === '') return this.renderEntry(request, reply, '', null);
    const code = parseCertificateCode(typed);
    if (code) return this.pages.redirect(reply, `${VERIFY_PATH}/${code}`);
    const t = translatorFor(request.web.locale, 'certificates');
    return this.renderEntry(request, reply, typed, t('certificates:verify.malformed'), 400);
  }

  /** Public: valid or revoked with the reason, the holder's name masked; an unknown code says only that. */
  @Get('certificates/verify/:code')
  async verify(@Req() request: WebRequest, @Res() reply: FastifyReply, @Param('code') code: string) {
    try {
      const found = await this.certificates.verify(code, request.ip);
      return this.pages.render(
        request,
        reply,
        'training/verify-result',
        {
          result: { ...found, valid: found.status === 'valid', place: await this.regions.placeName(found.countyCode) },
          code: groupedCode(parseCertificateCode(code) ?? code),
        },
        { title: 'certificates:verify.title' },
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'CERTIFICATE_NOT_FOUND') throw error;
      const t = translatorFor(request.web.locale, 'certificates');
      return this.renderEntry(request, reply, code.slice(0, 64), t('certificates:verify.unknown'), 404);
    }
  }

  private renderEntry(request: WebRequest, reply: FastifyReply, typed: string, error: string | null, status = 200) {
    return this.pages.render(
      request,
      reply,
      'training/verify',
      { typed },
      { title: 'certificates:verify.title', errors: error ? { code: [error] } : undefined, status },
    );
  }
}

/**
 * Where this site is reached, for the address the QR carries. The configuration has no public
 * base URL, so it is the request's own scheme and host (X-Forwarded-* only when TRUST_PROXY is set).
 */
function publicBase(request: WebRequest): string {
  return `${request.protocol}://${request.host}`;
}
