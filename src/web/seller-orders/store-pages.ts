/** The base path of a store's seller pages. */
export const storePath = (storeId: string) => `/seller/stores/${storeId}`;

/** `138 0013 8000` from `+8613800138000`, as people read a mobile number; anything else as it is. */
export function phoneShown(phone: string): string {
  const match = /^(?:\+86)?(1\d{2})(\d{4})(\d{4})$/.exec(phone);
  return match ? `${match[1]} ${match[2]} ${match[3]}` : phone;
}

/** A delivery address as the seller pages show it: the county's names and the number spaced. */
export function addressShown<A extends { phone: string }>(address: A, place: string) {
  return { ...address, place, phoneShown: phoneShown(address.phone) };
}
