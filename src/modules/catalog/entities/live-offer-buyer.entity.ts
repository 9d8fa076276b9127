import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Units of a live offer a buyer has in orders (paid or not yet lapsed): the per-buyer limit is
 * checked and counted on this one row, so one buyer's parallel checkouts queue on it.
 */
@Entity('live_offer_buyers')
@Check('live_offer_buyers_units_non_negative', 'units >= 0')
export class LiveOfferBuyer {
  @PrimaryColumn({ type: 'uuid' })
  offerId: string;

  @PrimaryColumn({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'int' })
  units: number;
}
