import { z } from 'zod';

/** How a seat can be paid: by card or wallet through Stripe, or by bank transfer (no cash on delivery: nothing is delivered). */
export const SEAT_PAYMENT_METHODS = ['stripe', 'bank_transfer'] as const;
export type SeatPaymentMethod = (typeof SEAT_PAYMENT_METHODS)[number];

/** POST /enrollments/:id/payment */
export const paySeatSchema = z.strictObject({ paymentMethod: z.enum(SEAT_PAYMENT_METHODS) });
export type PaySeatDto = z.infer<typeof paySeatSchema>;
