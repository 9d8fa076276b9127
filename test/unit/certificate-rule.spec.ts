import { groupedCode, newCertificateCode, parseCertificateCode } from '../../src/modules/training/certificate-code';
import { judgeCertificate, type CertificateRuleInput } from '../../src/modules/training/certificate-rule';
import { maskName } from '../../src/modules/training/certificates.service';
import { holderNameOf } from '../../src/modules/training/cohort-finishing.service';

const SESSIONS = ['s1', 's2', 's3', 's4'];
const rule = (overrides: Partial<CertificateRuleInput> = {}): CertificateRuleInput => ({
  minSessionsAttended: 3,
  requiredAssignments: [],
  requiredCustom: [],
  sessionIds: SESSIONS,
  marks: [],
  completed: [],
  ...overrides,
});

describe('the certificate rule', () => {
  it('counts present and late marks of this cohort’s sessions as attended', () => {
    const verdict = judgeCertificate(
      rule({
        marks: [
          { sessionId: 's1', mark: 'present' },
          { sessionId: 's2', mark: 'late' },
          { sessionId: 's3', mark: 'present' },
          { sessionId: 's4', mark: 'absent' },
        ],
      }),
    );
    expect(verdict).toEqual({ completed: true, attended: 3, shortfalls: [] });
  });

  it('does not count excused or absent marks, nor marks for another cohort’s sessions', () => {
    const verdict = judgeCertificate(
      rule({
        marks: [
          { sessionId: 's1', mark: 'present' },
          { sessionId: 's2', mark: 'excused' },
          { sessionId: 's3', mark: 'absent' },
          { sessionId: 'elsewhere', mark: 'present' },
          { sessionId: 's4', mark: 'late' },
        ],
      }),
    );
    expect(verdict).toEqual({
      completed: false,
      attended: 2,
      shortfalls: [{ kind: 'sessions', attended: 2, required: 3 }],
    });
  });

  it('needs every required built-in assignment, naming each one missing', () => {
    const verdict = judgeCertificate(
      rule({
        minSessionsAttended: 0,
        requiredAssignments: ['store_verified', 'first_order_paid', 'first_order_shipped'],
        completed: ['first_order_paid', 'first_livestream_held'],
      }),
    );
    expect(verdict.completed).toBe(false);
    expect(verdict.shortfalls).toEqual([
      { kind: 'assignment', assignment: 'store_verified' },
      { kind: 'assignment', assignment: 'first_order_shipped' },
    ]);
  });

  it('needs the trainer’s required assignments by id', () => {
    const custom = [{ id: 'c1', title: '拍一条产品短视频' }];
    expect(judgeCertificate(rule({ minSessionsAttended: 0, requiredCustom: custom })).shortfalls).toEqual([
      { kind: 'custom_assignment', assignmentId: 'c1', title: '拍一条产品短视频' },
    ]);
    expect(judgeCertificate(rule({ minSessionsAttended: 0, requiredCustom: custom, completed: ['c1'] }))).toEqual({
      completed: true,
      attended: 0,
      shortfalls: [],
    });
  });

  it('reports every shortfall at once', () => {
    const verdict = judgeCertificate(
      rule({ requiredAssignments: ['store_verified'], requiredCustom: [{ id: 'c1', title: 'x' }] }),
    );
    expect(verdict.shortfalls.map((s) => s.kind)).toEqual(['sessions', 'assignment', 'custom_assignment']);
  });

  it('passes a rule of nothing', () => {
    expect(judgeCertificate(rule({ minSessionsAttended: 0 })).completed).toBe(true);
  });
});

describe('certificate codes', () => {
  it('are 26 characters of Crockford base32 and differ every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newCertificateCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('read back from what people type: groups, spaces, case and look-alikes', () => {
    const code = newCertificateCode();
    expect(parseCertificateCode(code)).toBe(code);
    expect(parseCertificateCode(groupedCode(code).toLowerCase())).toBe(code);
    expect(parseCertificateCode(` ${groupedCode(code).replace(/-/g, ' ')} `)).toBe(code);
    expect(parseCertificateCode('O0IL'.repeat(6) + 'OI')).toBe('0011'.repeat(6) + '01');
  });

  it('refuse what cannot be a code', () => {
    expect(parseCertificateCode('')).toBeNull();
    expect(parseCertificateCode('ABC')).toBeNull();
    expect(parseCertificateCode('U'.repeat(26))).toBeNull();
    expect(parseCertificateCode('A'.repeat(27))).toBeNull();
    expect(parseCertificateCode('A'.repeat(1000))).toBeNull();
    expect(parseCertificateCode('../../etc/passwd')).toBeNull();
  });

  it('group in fours for reading', () => {
    expect(groupedCode('0123456789ABCDEFGHJKMNPQRS')).toBe('0123-4567-89AB-CDEF-GHJK-MNPQ-RS');
  });
});

describe('holder names', () => {
  it('are masked to the first character on verification', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('Lin Wei')).toBe('L******');
    expect(maskName('𠀋子')).toBe('𠀋*');
  });

  it('fall back to the masked phone, then to a neutral label', () => {
    expect(holderNameOf({ displayName: ' 韦小芳 ', phone: '+8613800138000' })).toBe('韦小芳');
    expect(holderNameOf({ displayName: null, phone: '+8613800138000' })).toBe('138****8000');
    expect(holderNameOf({ displayName: '', phone: null })).toBe('学员');
    expect(holderNameOf(null)).toBe('学员');
  });
});
