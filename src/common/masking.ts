/**
 * A mainland mobile as people may be shown it without giving it away: `139****0001` from
 * `+8613900000001` (the carrier prefix and the last four digits, the way Chinese services
 * mask numbers). Anything that is not an 11-digit mobile shows as `****`.
 */
export function maskPhone(phone: string): string {
  const local = phone.replace(/^\+86/, '');
  return /^\d{11}$/.test(local) ? `${local.slice(0, 3)}****${local.slice(7)}` : '****';
}
