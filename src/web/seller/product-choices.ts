import {
  ADOPTION_SPECIES,
  CERTIFICATE_TYPES,
  produceAttributesSchema,
  TEA_SEASONS,
} from '../../modules/catalog/catalog.module';
import { SALE_UNITS } from '../../modules/catalog/entities/product-variant.entity';

/** The choices of the product form's selects: exactly what the catalog's schemas accept. */
export const productChoices = {
  storageClasses: produceAttributesSchema.shape.storageClass.options,
  saleUnits: SALE_UNITS,
  teaSeasons: TEA_SEASONS,
  species: ADOPTION_SPECIES,
  certificates: CERTIFICATE_TYPES,
};
