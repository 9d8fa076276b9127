import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, Public } from '../../common/auth/auth.decorators';
import { ApiResult } from '../../common/http/openapi';
import { CARRIER_CODES, CARRIERS } from './carriers';
import { carriersSchema, ShipDto, shipmentSchema, shipSchema, toShipmentResponse } from './dto/shipment.dto';
import { ShipmentsService } from './shipments.service';

const storeOrderParamSchema = z.strictObject({ sellerId: z.uuid(), orderId: z.uuid() });
const orderParamSchema = z.strictObject({ orderId: z.uuid() });

@ApiTags('logistics')
@Controller()
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  /** The couriers a store can choose, and which of them carry chilled and frozen goods. */
  @Public()
  @Get('logistics/carriers')
  @ApiResult(200, carriersSchema)
  carriers() {
    return CARRIER_CODES.map((code) => ({
      code,
      name: CARRIERS[code].name,
      nameEn: CARRIERS[code].nameEn,
      coldChain: CARRIERS[code].coldChain,
    }));
  }

  /** The store hands the order to a courier: the tracking number must fit the carrier's format. */
  @ApiBearerAuth()
  @Post('seller/stores/:sellerId/orders/:orderId/ship')
  @ApiResult(201, shipmentSchema, [400, 401, 404, 409, 422])
  async ship(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeOrderParamSchema }) p: z.infer<typeof storeOrderParamSchema>,
    @Body({ schema: shipSchema }) body: ShipDto,
  ) {
    return toShipmentResponse(await this.shipments.ship(actor, p.sellerId, p.orderId, body));
  }

  @ApiBearerAuth()
  @Get('seller/stores/:sellerId/orders/:orderId/shipment')
  @ApiResult(200, shipmentSchema, [400, 401, 404])
  async forStore(
    @CurrentActor() actor: Actor,
    @Param({ schema: storeOrderParamSchema }) p: z.infer<typeof storeOrderParamSchema>,
  ) {
    return toShipmentResponse(await this.shipments.forStore(actor, p.sellerId, p.orderId));
  }

  /** Where the parcel is: its status and every step the courier reported. */
  @ApiBearerAuth()
  @Get('orders/:orderId/shipment')
  @ApiResult(200, shipmentSchema, [400, 401, 404])
  async forBuyer(
    @CurrentActor() actor: Actor,
    @Param({ schema: orderParamSchema }) p: z.infer<typeof orderParamSchema>,
  ) {
    return toShipmentResponse(await this.shipments.forBuyer(actor.id, p.orderId));
  }
}
