import { translatorFor } from '../../src/web/i18n/locales';
import { contentChanges, contentFields } from '../../src/web/operators/product-changes';
import { mangoProduct } from '../factories/product.factory';

describe('a product revision as the reviewer reads it', () => {
  const t = translatorFor('zh-CN');
  const live = { ...mangoProduct().content, imageIds: ['a', 'b'] };

  it('lists nothing when nothing changed', () => {
    expect(contentChanges(live, structuredClone(live), t)).toEqual([]);
  });

  it('names each changed field with the value shown now and the new one, in the form order', () => {
    const draft = structuredClone(live);
    draft.description = '坏果包赔';
    draft.title = '新标题';
    draft.attributes.storageClass = 'chilled';
    draft.attributes.harvestWindow = undefined as never;
    draft.imageIds = ['a', 'c'];
    expect(contentChanges(live, draft, t).map((c) => [c.label, c.before, c.after])).toEqual([
      ['标题', '田阳桂七芒果 特级 5斤装', '新标题'],
      ['描述', '树上自然熟，顺丰冷链次日达。', '坏果包赔'],
      ['照片', '2 张', '2 张'],
      ['采摘期开始', '2026-07-01', '（空）'],
      ['采摘期结束', '2026-08-31', '（空）'],
      ['储运方式', '常温', '冷藏'],
    ]);
  });

  it('reads certificates by their type and number', () => {
    const certificates = contentFields(live, t).find((f) => f.path === 'traceability.certificates');
    expect(certificates?.value).toBe('承诺达标合格证 HG-451003-2026-0088');
  });
});
