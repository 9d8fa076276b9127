import {
  beijingInstant,
  kuaidi100StepSchema,
  carrierOfKuaidi100,
  kuaidi100Sign,
  kuaidi100SignMatches,
  stepsOfKuaidi100,
} from '../../src/modules/logistics/kuaidi100/kuaidi100-format';

describe('Kuaidi100 wire format', () => {
  it('signs with the upper-case MD5 of the parts joined without separators', () => {
    expect(kuaidi100Sign('a', 'b', 'c')).toBe('900150983CD24FB0D6963F7D28E17F72'); // MD5("abc")
    expect(kuaidi100SignMatches('900150983CD24FB0D6963F7D28E17F72', kuaidi100Sign('abc'))).toBe(true);
    expect(kuaidi100SignMatches('900150983cd24fb0d6963f7d28e17f72', kuaidi100Sign('abc'))).toBe(false);
    expect(kuaidi100SignMatches('', kuaidi100Sign('abc'))).toBe(false);
  });

  it('reads Beijing times and knows our carriers by their Kuaidi100 codes', () => {
    expect(beijingInstant('2026-12-01 08:00:00').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(carrierOfKuaidi100('shunfeng')).toBe('sf');
    expect(carrierOfKuaidi100('zhongtong')).toBe('zto');
    expect(carrierOfKuaidi100('dhl')).toBeUndefined();
  });

  it('takes each step code, or gives the parcel state to the newest step when there are none', () => {
    const coded = stepsOfKuaidi100([{ time: '2026-12-01 09:00:00', context: '已揽收', statusCode: '103' }], '0');
    expect(coded).toEqual([
      { state: '103', description: '已揽收', location: null, occurredAt: new Date('2026-12-01T01:00:00Z') },
    ]);
    const uncoded = stepsOfKuaidi100(
      [
        { time: '2026-12-02 10:00:00', context: '已签收', areaName: '广州市天河区' },
        { time: '2026-12-01 09:00:00', context: '运输中' },
      ],
      '3',
    );
    expect(uncoded.map((s) => [s.state, s.location])).toEqual([
      ['3', '广州市天河区'],
      ['0', null],
    ]);
  });

  it('refuses step text PostgreSQL cannot store', () => {
    const step = { time: '2026-12-01 09:00:00', context: '已揽收' };
    expect(kuaidi100StepSchema.safeParse(step).success).toBe(true);
    expect(kuaidi100StepSchema.safeParse({ ...step, context: '已\u0000揽收' }).success).toBe(false);
    expect(kuaidi100StepSchema.safeParse({ ...step, context: '已\ud800揽收' }).success).toBe(false);
  });
});
