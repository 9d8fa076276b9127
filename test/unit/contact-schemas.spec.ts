import { emailSchema, mainlandPhoneSchema } from '../../src/common/http/contact.schemas';

describe('contact schemas', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['86-199-1234-5678', '+8619912345678'],
  ])('normalises %s to E.164', (input, expected) => {
    expect(mainlandPhoneSchema.parse(input)).toBe(expected);
  });

  it.each(['12800138000', '1380013800', '+1 415 555 0100', '138001380001'])('rejects %s', (input) => {
    expect(mainlandPhoneSchema.safeParse(input).success).toBe(false);
  });

  it('lower-cases e-mail', () => {
    expect(emailSchema.parse(' Farmer@Example.CN ')).toBe('farmer@example.cn');
    expect(emailSchema.safeParse('not-an-email').success).toBe(false);
  });
});
