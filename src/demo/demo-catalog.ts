/**
 * The demo marketplace: believable stores and products from Guangxi and western Hunan.
 * Prices in fen, weights in grams. Every entry goes through the same services (and so
 * the same validation and review) as a real one.
 */
type Variant = {
  name: string;
  saleUnit: 'box' | 'bag' | 'kg' | 'jin' | 'head' | 'seat';
  netWeightGrams?: number | null;
  priceFen: number;
  stock: number;
  maxPerOrder?: number | null;
  priceTiers?: Array<{ minQuantity: number; priceFen: number }>;
};

export interface DemoStore {
  ownerEmail: string;
  ownerName: string;
  store: {
    displayName: string;
    kind: 'farmer_household' | 'cooperative' | 'family_farm' | 'enterprise' | 'aid_workshop';
    originCountyCode: string;
    originPlace: string;
    contactPhone: string;
    description: string;
  };
  products: Array<{ content: Record<string, unknown>; variants: Variant[] }>;
  shipping: Record<string, unknown>;
}

/** ¥10 for the first kilogram, ¥2 per started kilogram after it, free from ¥99 of goods. */
const STANDARD_SHIPPING = { baseFeeFen: 1000, perKgFen: 200, freeAboveFen: 9900 };

const produce = (
  title: string,
  village: string,
  attributes: Record<string, unknown>,
  variants: Variant[],
  description = '',
) => ({
  content: {
    kind: 'produce',
    title,
    description,
    traceability: {
      originVillage: village,
      certificates: [{ type: 'compliance_certificate', number: `HG-${title.length}${village.length}-2026` }],
    },
    attributes: { shipsWithinHours: 48, storageClass: 'ambient', preSale: null, ...attributes },
  },
  variants,
});

const tea = (title: string, village: string, attributes: Record<string, unknown>, variants: Variant[]) => ({
  content: {
    kind: 'tea',
    title,
    description: '',
    traceability: { originVillage: village, certificates: [] },
    attributes: { shelfLifeMonths: 18, ...attributes },
  },
  variants,
});

export const DEMO_STORES: DemoStore[] = [
  {
    ownerEmail: 'mango.coop@furrow.demo',
    ownerName: '黄志强',
    shipping: STANDARD_SHIPPING,
    store: {
      displayName: '田阳百育芒果专业合作社',
      kind: 'cooperative',
      originCountyCode: '451003',
      originPlace: '百育镇四那村',
      contactPhone: '13907760101',
      description: '百育镇62户芒果种植户组成的合作社，统一分级、统一包装，顺丰冷链直发。',
    },
    products: [
      produce(
        '田阳桂七芒果 特级 果重250-350克',
        '百育镇四那村',
        {
          variety: '桂七',
          grade: '特级',
          fruitSizeGrams: { from: 250, to: 350 },
          harvestWindow: { from: '2026-07-10', to: '2026-09-10' },
        },
        [
          { name: '5斤装', saleUnit: 'box', netWeightGrams: 2500, priceFen: 6990, stock: 300 },
          {
            name: '10斤装',
            saleUnit: 'box',
            netWeightGrams: 5000,
            priceFen: 12990,
            stock: 150,
            priceTiers: [{ minQuantity: 5, priceFen: 11990 }],
          },
        ],
        '桂七芒果又称“桂热82号”，香味浓郁，核薄肉厚。树上自然熟后采摘，不催熟。',
      ),
      produce(
        '田阳桂七芒果 一级 果重200-250克',
        '百育镇四那村',
        { variety: '桂七', grade: '一级', fruitSizeGrams: { from: 200, to: 250 } },
        [{ name: '5斤装', saleUnit: 'box', netWeightGrams: 2500, priceFen: 4990, stock: 500 }],
      ),
      produce(
        '田阳台农一号芒果 按斤称重 批发',
        '那坡镇',
        { variety: '台农一号', grade: '统货' },
        [
          {
            name: '按斤',
            saleUnit: 'jin',
            netWeightGrams: 500,
            priceFen: 650,
            stock: 20000,
            priceTiers: [
              { minQuantity: 200, priceFen: 520 },
              { minQuantity: 1000, priceFen: 460 },
            ],
          },
        ],
        '适合食堂、水果店批量采购，按实际称重结算。',
      ),
      produce(
        '田阳金煌芒果 预售 8月中旬发货',
        '百育镇',
        {
          variety: '金煌',
          grade: '特级',
          fruitSizeGrams: { from: 600, to: 1200 },
          preSale: { shipsFrom: '2027-08-15' },
        },
        [{ name: '9斤装', saleUnit: 'box', netWeightGrams: 4500, priceFen: 8990, stock: 200 }],
      ),
    ],
  },
  {
    ownerEmail: 'gold.tea@furrow.demo',
    ownerName: '龙春梅',
    shipping: STANDARD_SHIPPING,
    store: {
      displayName: '保靖黄金茶家庭农场',
      kind: 'family_farm',
      originCountyCode: '433125',
      originPlace: '葫芦镇黄金村',
      contactPhone: '13974301202',
      description: '三代种茶，黄金村古茶园旁的40亩茶园，手工杀青。',
    },
    products: [
      tea(
        '保靖黄金茶 明前特级 绿茶',
        '葫芦镇黄金村',
        {
          harvestSeason: 'mingqian',
          batchNumber: 'BJ-2026-MQ-01',
          grade: '特级',
          productionDate: '2026-03-18',
          geographicalIndicationNumber: 'AGI00947',
        },
        [
          { name: '125克罐装', saleUnit: 'bag', netWeightGrams: 125, priceFen: 16800, stock: 120 },
          { name: '250克礼盒', saleUnit: 'box', netWeightGrams: 250, priceFen: 32800, stock: 60 },
        ],
      ),
      tea(
        '保靖黄金茶 雨前一级',
        '葫芦镇黄金村',
        { harvestSeason: 'yuqian', batchNumber: 'BJ-2026-YQ-03', grade: '一级', productionDate: '2026-04-15' },
        [{ name: '250克袋装', saleUnit: 'bag', netWeightGrams: 250, priceFen: 12800, stock: 200 }],
      ),
    ],
  },
  {
    ownerEmail: 'cattle@furrow.demo',
    ownerName: '麻光明',
    shipping: STANDARD_SHIPPING,
    store: {
      displayName: '凤凰阿拉营湘西黄牛养殖场',
      kind: 'enterprise',
      originCountyCode: '433123',
      originPlace: '阿拉营镇天星村',
      contactPhone: '13974302303',
      description: '林下放养湘西黄牛，认养期间每月上传生长视频和称重记录。',
    },
    products: [
      {
        content: {
          kind: 'adoption',
          title: '认养一头湘西黄牛（36个月）',
          description: '牧场代养36个月，每月上传视频与体重；期满检疫合格后按当月市场价加价回购，或屠宰分割后冷链配送。',
          traceability: { originVillage: '阿拉营镇天星村', certificates: [] },
          attributes: {
            species: 'cattle',
            breed: '湘西黄牛',
            termMonths: 36,
            evidenceIntervalDays: 30,
            atTermEnd: { type: 'buy_back', premiumBasisPoints: 800, floorPricePerKgFen: 3600 },
            insurance: { insurer: '中华联合财险', policyNote: '育肥牛养殖保险，因病死亡按保额赔付' },
            maxPerAdopter: 5,
          },
        },
        variants: [{ name: '认养一头', saleUnit: 'head', priceFen: 1200000, stock: 40, maxPerOrder: 5 }],
      },
    ],
  },
  {
    ownerEmail: 'youjiang@furrow.demo',
    ownerName: '韦秀兰',
    shipping: STANDARD_SHIPPING,
    store: {
      displayName: '右江河谷韦大姐果园',
      kind: 'farmer_household',
      originCountyCode: '451002',
      originPlace: '龙景街道',
      contactPhone: '13907760404',
      description: '自家8亩芒果园。',
    },
    products: [
      produce('右江贵妃芒果 红金龙', '龙景街道', { variety: '贵妃', grade: '一级' }, [
        { name: '5斤装', saleUnit: 'box', netWeightGrams: 2500, priceFen: 4590, stock: 80 },
      ]),
    ],
  },
  {
    ownerEmail: 'tiandong@furrow.demo',
    ownerName: '陆海生',
    shipping: STANDARD_SHIPPING,
    store: {
      displayName: '田东祥周芒果帮扶车间',
      kind: 'aid_workshop',
      originCountyCode: '451022',
      originPlace: '祥周镇',
      contactPhone: '13907760505',
      description: '吸纳32名脱贫劳动力的分拣包装车间。',
    },
    products: [
      produce('田东芒果 混合装 香芒+桂七', '祥周镇', { variety: '混合', grade: '一级' }, [
        { name: '8斤装', saleUnit: 'box', netWeightGrams: 4000, priceFen: 6290, stock: 120 },
      ]),
    ],
  },
  {
    ownerEmail: 'luohanguo@furrow.demo',
    ownerName: '廖建国',
    shipping: STANDARD_SHIPPING,
    store: {
      displayName: '永福龙江罗汉果合作社',
      kind: 'cooperative',
      originCountyCode: '450326',
      originPlace: '龙江乡',
      contactPhone: '13907730606',
      description: '罗汉果之乡，低温脱水工艺。',
    },
    products: [
      produce('永福罗汉果 低温脱水 大果', '龙江乡', { variety: '青皮果', grade: '特级', shipsWithinHours: 72 }, [
        { name: '10个礼盒', saleUnit: 'box', priceFen: 3990, stock: 300 },
      ]),
    ],
  },
  {
    ownerEmail: 'kumquat@furrow.demo',
    ownerName: '覃玉梅',
    shipping: { ...STANDARD_SHIPPING, coldChain: true, coldChainSurchargeFen: 800 },
    store: {
      displayName: '融安滑皮金桔家庭农场',
      kind: 'family_farm',
      originCountyCode: '450224',
      originPlace: '大将镇',
      contactPhone: '13907720707',
      description: '国家地理标志产品融安金桔。',
    },
    products: [
      produce('融安滑皮金桔 鲜果', '大将镇', { variety: '滑皮金桔', grade: '一级', storageClass: 'chilled' }, [
        { name: '3斤装', saleUnit: 'box', netWeightGrams: 1500, priceFen: 3980, stock: 0 },
      ]),
    ],
  },
  {
    ownerEmail: 'orange@furrow.demo',
    ownerName: '滕德华',
    shipping: STANDARD_SHIPPING,
    store: {
      displayName: '麻阳冰糖橙合作社',
      kind: 'cooperative',
      originCountyCode: '431226',
      originPlace: '兰里镇',
      contactPhone: '13974503808',
      description: '麻阳苗乡冰糖橙，甜度14度以上。',
    },
    products: [
      produce('麻阳冰糖橙 中果 甜度14+', '兰里镇', { variety: '冰糖橙', grade: '一级' }, [
        { name: '10斤装', saleUnit: 'box', netWeightGrams: 5000, priceFen: 4290, stock: 400 },
      ]),
    ],
  },
  {
    ownerEmail: 'guzhang@furrow.demo',
    ownerName: '向红英',
    shipping: STANDARD_SHIPPING,
    store: {
      displayName: '古丈毛尖茶叶专业合作社',
      kind: 'cooperative',
      originCountyCode: '433126',
      originPlace: '默戎镇',
      contactPhone: '13974304909',
      description: '高山云雾茶。',
    },
    products: [
      tea(
        '古丈毛尖 明前一级',
        '默戎镇',
        { harvestSeason: 'mingqian', batchNumber: 'GZ-2026-01', grade: '一级', productionDate: '2026-03-25' },
        [{ name: '200克', saleUnit: 'bag', netWeightGrams: 200, priceFen: 19800, stock: 90 }],
      ),
    ],
  },
  {
    ownerEmail: 'jasmine@furrow.demo',
    ownerName: '梁丽珍',
    shipping: STANDARD_SHIPPING,
    store: {
      displayName: '横州茉莉花茶厂',
      kind: 'enterprise',
      originCountyCode: '450181',
      originPlace: '横州镇',
      contactPhone: '13907711010',
      description: '七窨一提茉莉花茶。',
    },
    products: [
      tea(
        '横州茉莉花茶 七窨 特级',
        '横州镇',
        { harvestSeason: 'summer', batchNumber: 'HZ-2026-07', grade: '特级', productionDate: '2026-07-20' },
        [{ name: '250克', saleUnit: 'bag', netWeightGrams: 250, priceFen: 9800, stock: 150 }],
      ),
    ],
  },
];

/** Buyers and trainers of the demo; every demo account's password is DEMO_PASSWORD. */
export const DEMO_PEOPLE = [
  { email: 'canteen@furrow.demo', displayName: '广州市天河区某中学食堂', roles: [] as Array<'trainer'> },
  { email: 'trainer@furrow.demo', displayName: '百色电商培训 李老师', roles: ['trainer'] as Array<'trainer'> },
  { email: 'buyer@furrow.demo', displayName: '陈女士', roles: [] as Array<'trainer'> },
];

export const DEMO_ADMIN_EMAIL = 'admin@furrow.demo';
export const DEMO_PASSWORD = 'furrow-demo-2026';
