// さくら台市: a believable, fictional Japanese city for the demo and the tests.

export const demoCity = {
  nameJa: 'さくら台市',
  nameTranslations: { en: 'Sakuradai City' },
  promiseJa: 'いただいた声は、すべて市長が読みます。',
  promiseTranslations: { en: 'The mayor reads every voice you send.' },
  contactPhone: '0123-45-6789',
  contactFax: '0123-45-6790',
  officeHoursJa: '平日 8時30分〜17時15分（土日・祝日・年末年始を除く）',
  officeHoursTranslations: { en: 'Weekdays 8:30–17:15 (closed on weekends, national holidays and 29 December – 3 January)' },
  afterHoursPhone: '0123-45-6700',
};

/** 部 with their 課. The reform team (企画調整課) triages every voice. */
export const demoDepartments: { code: string; ja: string; en: string; ka: { code: string; ja: string; en: string; reform?: boolean }[] }[] = [
  { code: 'kikaku', ja: '企画財務部', en: 'Planning and Finance Bureau', ka: [
    { code: 'kikaku-chosei', ja: '企画調整課', en: 'Planning and Coordination Division', reform: true },
    { code: 'zaisei', ja: '財政課', en: 'Budget Division' },
  ] },
  { code: 'somu', ja: '総務部', en: 'General Affairs Bureau', ka: [
    { code: 'somu-ka', ja: '総務課', en: 'General Affairs Division' },
    { code: 'jinji', ja: '人事課', en: 'Personnel Division' },
    { code: 'bosai', ja: '危機管理課', en: 'Disaster Management Division' },
  ] },
  { code: 'shimin-seikatsu', ja: '市民生活部', en: 'Citizen Life Bureau', ka: [
    { code: 'shimin', ja: '市民課', en: 'Citizen Services Division' },
    { code: 'chiiki', ja: '地域振興課', en: 'Community Development Division' },
    { code: 'kankyo', ja: '環境保全課', en: 'Environment Division' },
  ] },
  { code: 'kenko-fukushi', ja: '健康福祉部', en: 'Health and Welfare Bureau', ka: [
    { code: 'kosodate', ja: '子育て支援課', en: 'Child and Family Support Division' },
    { code: 'kaigo', ja: '介護保険課', en: 'Long-term Care Insurance Division' },
    { code: 'kenko', ja: '健康づくり課', en: 'Public Health Division' },
  ] },
  { code: 'toshi', ja: '都市整備部', en: 'Urban Development Bureau', ka: [
    { code: 'doro', ja: '道路管理課', en: 'Road Management Division' },
    { code: 'koen', ja: '公園緑地課', en: 'Parks and Green Spaces Division' },
  ] },
  { code: 'suido', ja: '上下水道部', en: 'Water and Sewerage Bureau', ka: [
    { code: 'suido-ka', ja: '水道課', en: 'Water Supply Division' },
  ] },
  { code: 'kyoiku', ja: '教育部', en: 'Education Bureau', ka: [
    { code: 'gakko', ja: '学校教育課', en: 'School Education Division' },
    { code: 'shogai', ja: '生涯学習課', en: 'Lifelong Learning Division' },
  ] },
];

export const demoCategories: { code: string; ja: string; en: string; department: string; days: number }[] = [
  { code: 'koseki', ja: '戸籍・住民票・マイナンバー', en: 'Family register, residence and My Number', department: 'shimin', days: 10 },
  { code: 'gomi', ja: 'ごみ・リサイクル', en: 'Waste and recycling', department: 'kankyo', days: 10 },
  { code: 'doro', ja: '道路・交通安全', en: 'Roads and traffic safety', department: 'doro', days: 7 },
  { code: 'koen', ja: '公園・緑地', en: 'Parks and green spaces', department: 'koen', days: 10 },
  { code: 'kosodate', ja: '子育て・保育', en: 'Childcare and nurseries', department: 'kosodate', days: 10 },
  { code: 'kaigo', ja: '高齢者・介護', en: 'Elderly care', department: 'kaigo', days: 10 },
  { code: 'kenko', ja: '健康・医療', en: 'Health and medical care', department: 'kenko', days: 10 },
  { code: 'suido', ja: '上下水道', en: 'Water and sewerage', department: 'suido-ka', days: 10 },
  { code: 'gakko', ja: '学校・教育', en: 'Schools and education', department: 'gakko', days: 14 },
  { code: 'bosai', ja: '防災・防犯', en: 'Disaster prevention and safety', department: 'bosai', days: 10 },
  { code: 'chiiki', ja: '地域活動・イベント', en: 'Community and events', department: 'chiiki', days: 10 },
  { code: 'shisei', ja: '市政・窓口サービス全般', en: 'City administration and counter services', department: 'kikaku-chosei', days: 10 },
  { code: 'shokuin', ja: '職員の対応', en: 'Staff conduct', department: 'jinji', days: 10 },
];

export const demoCounters: { slug: string; ja: string; en: string; department: string; locationJa: string; locationEn: string }[] = [
  { slug: 'shimin-madoguchi', ja: '市民課窓口', en: 'Citizen Services counter', department: 'shimin', locationJa: '本庁舎1階 1番〜5番窓口', locationEn: 'Main building, 1st floor, counters 1–5' },
  { slug: 'kosodate-madoguchi', ja: '子育て支援課窓口', en: 'Child and Family Support counter', department: 'kosodate', locationJa: '本庁舎2階', locationEn: 'Main building, 2nd floor' },
  { slug: 'kaigo-madoguchi', ja: '介護保険課窓口', en: 'Long-term Care counter', department: 'kaigo', locationJa: '本庁舎2階', locationEn: 'Main building, 2nd floor' },
  { slug: 'suido-ryokin', ja: '水道料金窓口', en: 'Water bill counter', department: 'suido-ka', locationJa: '上下水道庁舎1階', locationEn: 'Water bureau building, 1st floor' },
  { slug: 'kita-shisho', ja: '北支所窓口', en: 'North branch office counter', department: 'shimin', locationJa: '北支所1階', locationEn: 'North branch office, 1st floor' },
];

/** One account per role of DOMAIN.md (plus a second 課 so department scoping shows). */
export const demoStaff: { key: string; email: string; name: string; role: 'staff' | 'manager' | 'reform' | 'mayor' | 'auditor' | 'admin'; department: string | null }[] = [
  { key: 'admin', email: 'admin@sakuradai.example.jp', name: '管理 太郎', role: 'admin', department: 'somu-ka' },
  { key: 'reform', email: 'kocho@sakuradai.example.jp', name: '広聴 花子', role: 'reform', department: 'kikaku-chosei' },
  { key: 'mayor', email: 'mayor@sakuradai.example.jp', name: '桜井 誠一（市長）', role: 'mayor', department: null },
  { key: 'auditor', email: 'audit@sakuradai.example.jp', name: '監査 一郎', role: 'auditor', department: 'somu-ka' },
  { key: 'manager', email: 'shimin-kacho@sakuradai.example.jp', name: '市民 課長', role: 'manager', department: 'shimin' },
  { key: 'staff', email: 'shimin-staff@sakuradai.example.jp', name: '窓口 みどり', role: 'staff', department: 'shimin' },
  { key: 'doro-manager', email: 'doro-kacho@sakuradai.example.jp', name: '道路 課長', role: 'manager', department: 'doro' },
  { key: 'doro-staff', email: 'doro-staff@sakuradai.example.jp', name: '道路 健太', role: 'staff', department: 'doro' },
  // 企画調整課 owns 市政・窓口サービス全般: its 課長 approves the replies on those voices.
  { key: 'kikaku-manager', email: 'kikaku-kacho@sakuradai.example.jp', name: '企画 課長', role: 'manager', department: 'kikaku-chosei' },
];
