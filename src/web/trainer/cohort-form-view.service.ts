import { Injectable } from '@nestjs/common';
import { SellersService } from '../../modules/sellers/sellers.service';
import type { Cohort } from '../../modules/training/entities/cohort.entity';
import { translatorFor, type WebLocale } from '../i18n/locales';
import { RegionPicker } from '../regions/region-picker.service';
import { ASSIGNMENTS, FORMATS } from './cohort-form';

type Values = Record<string, unknown>;

/** A store the trainer owns, as the fee's store select offers it: only a verified one can be chosen. */
export interface FeeStoreOption {
  id: string;
  name: string;
  verified: boolean;
  statusKey: string;
  selected: boolean;
}

/**
 * The seat fee part of the form. While the cohort is a draft, the fee (yuan) and the store that
 * collects it; once it opened, the fee as it was fixed.
 */
export interface FeeView {
  locked: boolean;
  fen: number;
  storeName: string | null;
  stores: FeeStoreOption[];
  hasVerified: boolean;
}

/**
 * What the cohort form (new and edit) draws besides the typed values: the county picker, the
 * formats and assignments to choose, and the seat fee with the trainer's own stores.
 */
@Injectable()
export class CohortFormView {
  constructor(
    private readonly picker: RegionPicker,
    private readonly sellers: SellersService,
  ) {}

  async build(
    locale: WebLocale,
    context: { cohort: Cohort | null; trainerId: string; action: string },
    form: Values,
    sent: Values,
  ) {
    const t = translatorFor(locale, 'cohorts');
    const picker = await this.picker.build(
      { ...sent, ...form },
      {
        name: 'countyCode',
        mode: 'county',
        label: t('cohorts:form.county'),
        required: true,
        refreshAction: context.action,
      },
    );
    const ticked = (form.requiredAssignments as string[] | undefined) ?? [];
    const assignments = ASSIGNMENTS.map((key) => ({
      key,
      labelKey: `cohorts:assignment.${key}`,
      checked: ticked.includes(key),
    }));
    const formats = FORMATS.map((value) => ({ value, labelKey: `cohorts:format.${value}` }));
    const fee = await this.fee(context.cohort, context.trainerId, form.feeSellerId);
    return { cohortId: context.cohort?.id ?? null, action: context.action, form, picker, formats, assignments, fee };
  }

  /** The name of the store that collects the cohort's seat fees (null for a free cohort). */
  async collectorName(cohort: Cohort): Promise<string | null> {
    return cohort.feeSellerId ? (await this.sellers.getById(cohort.feeSellerId)).displayName : null;
  }

  /**
   * The stores the cohort's trainer owns, which is what the API checks (SellersService.listManaged
   * also lists stores they staff or manage for a trainee, which cannot collect the fee).
   */
  private async fee(cohort: Cohort | null, trainerId: string, chosen: unknown): Promise<FeeView> {
    const ids = await this.sellers.storeIdsOwnedBy(trainerId);
    const owned = await Promise.all(ids.map((id) => this.sellers.getById(id)));
    const stores = owned
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'))
      .map((s) => ({
        id: s.id,
        name: s.displayName,
        verified: s.status === 'verified',
        statusKey: `cohorts:storeStatus.${s.status}`,
        selected: s.id === chosen,
      }));
    const locked = cohort !== null && cohort.status !== 'draft';
    const feeSellerId = cohort?.feeSellerId ?? null;
    const collector = feeSellerId
      ? (owned.find((s) => s.id === feeSellerId) ?? (await this.sellers.getById(feeSellerId)))
      : null;
    return {
      locked,
      fen: cohort?.seatFeeFen ?? 0,
      storeName: collector?.displayName ?? null,
      stores,
      hasVerified: stores.some((s) => s.verified),
    };
  }
}
