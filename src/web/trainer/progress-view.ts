import { NotFoundException } from '@nestjs/common';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { Actor } from '../../common/auth/auth.decorators';
import type { AssignmentState } from '../../modules/training/assignments.service';
import type { WebRequest } from '../session/web-request';

const uuid = z.uuid();

/** The signed-in person as the training services know a caller (access is CohortAccess's). */
export function actorOf(request: WebRequest): Actor {
  const user = request.web.user!;
  return { id: user.id, roles: user.roles, sessionId: 'web' };
}

/** An id from the path; anything else is the "not found" page. */
export function idParam(value: string): string {
  if (!uuid.safeParse(value).success) throw new NotFoundException();
  return value;
}

/** An assignment as the pages show it: its name in the page's language, done or not, and what it rests on. */
export function assignmentShown(a: AssignmentState, t: TFunction) {
  const evidence = a.completion?.evidence ?? {};
  return {
    key: a.key,
    custom: a.kind === 'custom',
    name: a.kind === 'builtin' ? t(`builtin.${a.key}`) : (a.title ?? ''),
    description: a.description,
    required: a.required,
    done: a.completion !== null,
    completedAt: a.completion?.completedAt ?? null,
    // Nothing records a livestream yet (the livestream issue will): say so instead of "open".
    notTracked: a.key === 'first_livestream_held' && a.completion === null,
    evidence: [
      evidence.sellerId && { label: t('assignment.evidence.store'), value: evidence.sellerId.slice(0, 8) },
      evidence.productId && { label: t('assignment.evidence.product'), value: evidence.productId.slice(0, 8) },
      evidence.orderId && { label: t('assignment.evidence.order'), value: evidence.orderId.slice(0, 8).toUpperCase() },
      evidence.note && { label: t('assignment.evidence.note'), value: evidence.note },
    ].filter(Boolean),
  };
}

/** An audit action (`seller.updated`) in words, or as it is when it has none. */
export const actionShown = (action: string, t: TFunction): string =>
  t(`actions.${action.replace('.', '_')}`, { defaultValue: action });
