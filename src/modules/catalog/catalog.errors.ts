import { DomainError } from '../../common/errors/domain-error';

export const CatalogErrors = {
  productNotFound: () => new DomainError('not_found', 'PRODUCT_NOT_FOUND', 'Product not found'),
  variantNotFound: () => new DomainError('not_found', 'VARIANT_NOT_FOUND', 'Variant not found'),
  storeNotVerified: () =>
    new DomainError('conflict', 'STORE_NOT_VERIFIED', 'Products can be listed once the store is verified'),
  kindChange: () => new DomainError('validation', 'PRODUCT_KIND_IMMUTABLE', 'A product cannot change its kind'),
  underReview: () =>
    new DomainError('conflict', 'PRODUCT_UNDER_REVIEW', 'The product is being reviewed; wait for the outcome'),
  archived: () => new DomainError('conflict', 'PRODUCT_ARCHIVED', 'An archived product cannot change'),
  nothingToReview: () => new DomainError('conflict', 'NOTHING_TO_REVIEW', 'Nothing of this product awaits review'),
  limitsInconsistent: () =>
    new DomainError('validation', 'VARIANT_LIMITS_INCONSISTENT', 'maxPerOrder must be at least minOrderQuantity'),
  onlyPausedResumes: () =>
    new DomainError('conflict', 'INVALID_PRODUCT_TRANSITION', 'Only a paused product can be made active again'),
  relevanceNeedsQuery: () =>
    new DomainError('validation', 'SORT_NEEDS_QUERY', 'sort=relevance ranks by the words searched for: give q'),
  skuTaken: () => new DomainError('conflict', 'SKU_TAKEN', 'Another variant of this store has this SKU'),
};
