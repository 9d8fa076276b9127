import { CARRIERS, CarrierCode, normaliseTrackingNumber } from '../../src/modules/logistics/carriers';
import { canMoveShipment, SHIPMENT_STATUSES, ShipmentStatus } from '../../src/modules/logistics/shipment-state';
import { normaliseTrackingState } from '../../src/modules/logistics/tracking-status';

const forward: ShipmentStatus[] = ['awaiting_pickup', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered'];
const allowed: Array<[ShipmentStatus, ShipmentStatus]> = [
  ...forward.flatMap((from, i) => forward.slice(i + 1).map((to) => [from, to] as [ShipmentStatus, ShipmentStatus])),
  ...forward.slice(0, 4).map((from) => [from, 'exception'] as [ShipmentStatus, ShipmentStatus]),
  ['exception', 'in_transit'],
  ['exception', 'delivered'],
  ['exception', 'returned'],
];

describe('shipment lifecycle', () => {
  it.each(allowed)('allows %s → %s', (from, to) => expect(canMoveShipment(from, to)).toBe(true));

  const refused = SHIPMENT_STATUSES.flatMap((from) =>
    SHIPMENT_STATUSES.map((to) => [from, to] as [ShipmentStatus, ShipmentStatus]),
  ).filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));
  it.each(refused)('refuses %s → %s', (from, to) => expect(canMoveShipment(from, to)).toBe(false));
});

describe('courier states', () => {
  it.each([
    ['0', 'in_transit'],
    ['1', 'picked_up'],
    ['103', 'picked_up'],
    ['1002', 'in_transit'],
    ['5', 'out_for_delivery'],
    ['501', 'out_for_delivery'],
    ['3', 'delivered'],
    ['304', 'delivered'],
    ['2', 'exception'],
    ['204', 'exception'],
    ['14', 'exception'],
    ['6', 'returned'],
    ['delivered', 'delivered'],
  ])('reads %s as %s', (raw, status) => expect(normaliseTrackingState(raw)).toBe(status));

  it('keeps unknown states out of the status', () => {
    expect(normaliseTrackingState('99')).toBeNull();
    expect(normaliseTrackingState('arrived somewhere')).toBeNull();
  });
});

describe('tracking number formats', () => {
  const valid: Record<CarrierCode, string> = {
    sf: 'SF1234567890123',
    jd: 'JDVA12345678901',
    ems: '1012345678901',
    zto: '731234567890',
    yto: 'YT1234567890123',
    sto: '7712345678901',
    yunda: '4312345678901',
    jt: 'JT1234567890123',
    deppon: 'DPK123456789012',
  };
  it.each(Object.entries(valid))('accepts a %s number', (carrier, number) =>
    expect(CARRIERS[carrier as CarrierCode].number.test(number)).toBe(true),
  );
  it('refuses another carrier’s number and typos', () => {
    expect(CARRIERS.sf.number.test('YT1234567890123')).toBe(false);
    expect(CARRIERS.yto.number.test('YT12345')).toBe(false);
    expect(CARRIERS.ems.number.test('EMS123456789')).toBe(false);
  });
  it('drops spaces and dashes and upper-cases', () => {
    expect(normaliseTrackingNumber(' sf 1234-5678-90123 ')).toBe('SF1234567890123');
  });
});
