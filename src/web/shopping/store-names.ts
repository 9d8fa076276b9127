import type { SellersService } from '../../modules/sellers/sellers.service';

/** The shop names buyers see next to their orders, by seller id (a closed store shows no name). */
export async function storeNamesOf(sellers: SellersService, sellerIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(sellerIds)) {
    const seller = await sellers.getById(id).catch(() => null);
    names.set(id, seller?.displayName ?? '');
  }
  return names;
}
