import type { TFunction } from 'i18next';
import type { AssignmentState } from '../../modules/training/assignments.service';

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
