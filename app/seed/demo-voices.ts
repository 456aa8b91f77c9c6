import type { SubmissionChannel, SubmissionKind, SubmissionStatus } from '#db/schema/index';

export interface DemoVoice {
  kind: SubmissionKind;
  category: string;
  channel: SubmissionChannel;
  daysAgo: number;
  status: SubmissionStatus;
  title: string;
  body: string;
  contact?: { familyName: string; givenName: string; email?: string; phone?: string };
  consent?: boolean;
  reply?: string;
  publish?: boolean;
  mayorReviewed?: boolean;
  placeText?: string;
  postcode?: string;
  mergedInto?: number;
  referredTo?: string;
  notActionableReason?: string;
  hiddenReason?: string;
}

const yamada = { familyName: '山田', givenName: '花子', email: 'hanako.yamada@example.com' };
const sato = { familyName: '佐藤', givenName: '健一', phone: '090-1234-5678' };
const suzuki = { familyName: '鈴木', givenName: '美咲', email: 'misaki.suzuki@example.com', phone: '080-2222-3333' };
const tanaka = { familyName: '田中', givenName: '修', email: 'osamu.tanaka@example.net' };
const nguyen = { familyName: 'Nguyen', givenName: 'Lan', email: 'lan.nguyen@example.org' };

export const demoVoices: DemoVoice[] = [
  { kind: 'complaint', category: 'shisei', channel: 'web', daysAgo: 40, status: 'closed', contact: yamada, consent: true, publish: true, mayorReviewed: true,
    title: '市民課窓口の待ち時間が長すぎます',
    body: '月曜日の午前中に住民票を取りに行ったところ、1時間以上待たされました。番号札の呼び出し状況がわからず、トイレにも行けませんでした。待ち時間の目安を表示してほしいです。',
    reply: 'ご不便をおかけし申し訳ございません。月曜午前は転入手続きが集中するため、窓口を1つ増設し、待ち人数と目安時間を表示するモニターを設置しました。スマートフォンで呼び出し状況を確認できる仕組みも準備中です。' },
  { kind: 'complaint', category: 'koseki', channel: 'phone', daysAgo: 38, status: 'merged', mergedInto: 0, contact: sato, mayorReviewed: true,
    title: '窓口の待ち時間について',
    body: '住民票の発行だけなのに窓口で長時間待たされた。呼ばれる順番がわかるようにしてほしい。（電話にて受付）' },
  { kind: 'request', category: 'doro', channel: 'web', daysAgo: 30, status: 'answered', contact: tanaka, consent: true, publish: true, mayorReviewed: true,
    title: '通学路のカーブミラーが曇って見えません',
    body: '桜台小学校の北側、三差路のカーブミラーが汚れて曇っており、車が来るのが見えません。朝は子どもたちがたくさん通るので危ないです。清掃か交換をお願いします。',
    placeText: '桜台二丁目 桜台小学校北側の三差路', postcode: '1230045',
    reply: 'ご連絡ありがとうございます。現地を確認し、カーブミラーを清掃したうえで、劣化していたため新しいものに交換しました。今後も通学路の点検を定期的に行います。' },
  { kind: 'idea', category: 'gomi', channel: 'web', daysAgo: 28, status: 'in_progress', contact: suzuki, consent: true, mayorReviewed: true,
    title: 'ごみ収集日をアプリで通知してほしい',
    body: '引っ越してきたばかりで、資源ごみの日がよくわかりません。前の町ではスマホアプリで前日に通知が来て便利でした。さくら台市でも導入を検討してください。' },
  { kind: 'praise', category: 'shokuin', channel: 'web', daysAgo: 27, status: 'closed', consent: true, publish: true, mayorReviewed: true,
    title: '介護保険課の方の丁寧な説明に感謝します',
    body: '母の介護認定の申請で伺った際、担当の方が制度を一つひとつ丁寧に説明してくださいました。不安だった気持ちが楽になりました。ありがとうございました。',
    reply: '温かいお言葉をありがとうございます。担当職員に伝え、課内でも共有いたしました。今後も分かりやすいご案内に努めます。' },
  { kind: 'question', category: 'kosodate', channel: 'email', daysAgo: 25, status: 'answered', contact: { familyName: '高橋', givenName: '由美', email: 'yumi.t@example.com' }, mayorReviewed: true,
    title: '一時保育の予約方法を教えてください',
    body: '来月、仕事の研修があり一時保育を利用したいのですが、予約は電話だけでしょうか。オンラインで予約できると助かります。',
    reply: '一時保育は各保育園へのお電話のほか、市のオンライン申請サービスからも予約いただけます。利用日の7日前まで受け付けています。' },
  { kind: 'complaint', category: 'koen', channel: 'web', daysAgo: 22, status: 'in_progress', mayorReviewed: true,
    title: '中央公園の遊具が壊れたままです',
    body: '中央公園のすべり台の手すりが外れかけていて、立入禁止のテープが貼られたまま2週間以上たっています。いつ直るのか知りたいです。',
    placeText: 'さくら台中央公園' },
  { kind: 'request', category: 'kaigo', channel: 'counter', daysAgo: 21, status: 'in_progress', contact: { familyName: '伊藤', givenName: '清', phone: '0120-000-111' }, mayorReviewed: true,
    title: '介護保険の書類をもっと大きな字にしてほしい',
    body: '送られてくる介護保険の通知の字が小さく、虫眼鏡がないと読めません。高齢者向けの書類なので、大きな文字の版も用意してください。（窓口で職員が聞き取り）' },
  { kind: 'idea', category: 'chiiki', channel: 'web', daysAgo: 20, status: 'triaged', consent: true, mayorReviewed: true,
    title: '空き店舗を子どもの居場所に活用しては',
    body: '駅前商店街に空き店舗が増えています。放課後の子どもたちが安心して過ごせる居場所や、高齢者との交流スペースとして活用できないでしょうか。' },
  { kind: 'complaint', category: 'gomi', channel: 'phone', daysAgo: 19, status: 'answered', contact: sato, mayorReviewed: true,
    title: '集積所のカラス被害',
    body: '桜台三丁目の集積所でカラスがごみを散らかしている。ネットが小さくて覆いきれていない。（電話にて受付）',
    placeText: '桜台三丁目 ごみ集積所',
    reply: '大きめの防鳥ネットを自治会に貸与しました。設置方法もあわせてご案内しています。' },
  { kind: 'request', category: 'suido', channel: 'web', daysAgo: 18, status: 'closed', contact: yamada, consent: true, publish: true, mayorReviewed: true,
    title: '水道料金をクレジットカードで払いたい',
    body: '水道料金の支払いが口座振替か納付書しかありません。クレジットカードやスマホ決済に対応してほしいです。',
    reply: '来年度4月からクレジットカード払いとスマートフォン決済に対応します。お申し込み方法は市報とホームページでお知らせします。' },
  { kind: 'question', category: 'koseki', channel: 'web', daysAgo: 17, status: 'answered', contact: nguyen,
    title: '在留カードの住所変更はどこでできますか',
    body: '市内で引っ越しをしました。在留カードの住所変更は市役所でできますか。英語で案内してもらえる窓口はありますか。',
    reply: '市内転居の届出と同時に、市民課窓口で在留カードの住所変更ができます。タブレットの通訳サービスで英語・ベトナム語などのご案内が可能です。', mayorReviewed: true },
  { kind: 'complaint', category: 'shokuin', channel: 'letter', daysAgo: 16, status: 'in_progress', contact: { familyName: '小林', givenName: '正', phone: '03-1111-2222' }, mayorReviewed: true,
    title: '電話のたらい回し',
    body: '税金のことで電話したところ、3つの課に回され、そのたびに同じ説明をさせられました。最初に受けた人が担当につないでほしい。（手紙にて受付）' },
  { kind: 'idea', category: 'bosai', channel: 'web', daysAgo: 15, status: 'triaged', consent: true, mayorReviewed: true,
    title: '防災訓練に外国人住民も参加しやすく',
    body: '地域の防災訓練の案内が日本語だけなので、近所の外国人の家族が参加していません。やさしい日本語や多言語の案内を作ってはどうでしょうか。' },
  { kind: 'request', category: 'doro', channel: 'web', daysAgo: 14, status: 'referred', referredTo: '千葉県 道路環境課（県道のため）', contact: tanaka, mayorReviewed: true,
    title: '県道の歩道の段差',
    body: '県道沿いの歩道に大きな段差があり、ベビーカーや車いすが通りにくいです。',
    placeText: '県道123号線 さくら台駅入口交差点付近' },
  { kind: 'complaint', category: 'chiiki', channel: 'web', daysAgo: 13, status: 'not_actionable', notActionableReason: '民間事業者の営業に関するご意見のため、市では対応できません。消費生活センターをご案内しました。', mayorReviewed: true,
    title: '駅前の商業施設の駐車場料金が高い',
    body: '駅前の民間ショッピングセンターの駐車場料金が値上がりした。市から安くするように言ってほしい。' },
  { kind: 'request', category: 'kenko', channel: 'web', daysAgo: 12, status: 'in_progress', contact: suzuki, mayorReviewed: true,
    title: '健康診断の予約枠を増やしてください',
    body: '特定健診の予約が受付開始日の午前中に埋まってしまい、取れませんでした。土曜日の枠を増やしてほしいです。' },
  { kind: 'praise', category: 'koen', channel: 'web', daysAgo: 11, status: 'answered', consent: true, publish: true, mayorReviewed: true,
    title: '花壇がとてもきれいです',
    body: '市役所前の花壇がいつも季節の花で彩られていて、通るたびに明るい気持ちになります。手入れをしている方々にお礼を伝えてください。',
    reply: 'うれしいお言葉をありがとうございます。花壇はボランティアの皆さんと一緒に手入れしています。お気持ちをお伝えしました。' },
  { kind: 'complaint', category: 'gakko', channel: 'web', daysAgo: 10, status: 'triaged', contact: { familyName: '渡辺', givenName: '亮', email: 'ryo.w@example.jp' }, mayorReviewed: true,
    title: '学校からのお知らせが紙ばかり',
    body: '小学校からのお知らせがすべて紙で、子どもが持ち帰り忘れると確認できません。アプリやメールでも配信してほしいです。' },
  { kind: 'idea', category: 'shisei', channel: 'staff_box', daysAgo: 9, status: 'triaged', mayorReviewed: false,
    title: '窓口の申請書を一枚にまとめる（職員提案）',
    body: '転入時に記入する申請書が課ごとに分かれていて、市民の方が同じ住所を何度も書いています。一枚の共通様式から各課に回せるようにすれば、待ち時間も短くなると思います。' },
  { kind: 'question', category: 'gomi', channel: 'web', daysAgo: 8, status: 'received', mayorReviewed: false,
    title: '粗大ごみの出し方',
    body: '古いソファを処分したいのですが、粗大ごみの申し込みはどこからできますか。シールはどこで買えますか。' },
  { kind: 'complaint', category: 'doro', channel: 'web', daysAgo: 7, status: 'received', contact: yamada, mayorReviewed: false,
    title: '街灯が切れていて夜道が暗い',
    body: '桜台四丁目の公民館裏の街灯が1週間ほど切れたままです。夜は真っ暗で、女性の一人歩きが怖いです。',
    placeText: '桜台四丁目 公民館裏', postcode: '1230048' },
  { kind: 'request', category: 'kosodate', channel: 'web', daysAgo: 6, status: 'received', consent: true, mayorReviewed: false,
    title: '児童館の開館時間を延ばしてほしい',
    body: '共働きで迎えが18時を過ぎることが多いです。児童館を19時まで開けてもらえると、とても助かります。' },
  { kind: 'idea', category: 'gomi', channel: 'web', daysAgo: 5, status: 'received', contact: nguyen, mayorReviewed: false,
    title: 'Multilingual garbage sorting guide',
    body: 'The garbage sorting rules are only in Japanese. A simple picture guide in English and Vietnamese would help many new residents.' },
  { kind: 'complaint', category: 'suido', channel: 'fax', daysAgo: 4, status: 'received', contact: { familyName: '加藤', givenName: '和子', phone: '03-3333-4444' }, mayorReviewed: false,
    title: '水道工事の騒音',
    body: '早朝7時から水道管の工事が始まり、うるさくて眠れない。事前のお知らせもなかった。（FAXにて受付）' },
  { kind: 'question', category: 'kaigo', channel: 'web', daysAgo: 3, status: 'received', mayorReviewed: false,
    title: '介護保険料の納付書をなくしました',
    body: '今月分の介護保険料の納付書をなくしてしまいました。再発行はできますか。' },
  { kind: 'praise', category: 'shokuin', channel: 'counter', daysAgo: 3, status: 'received', mayorReviewed: false,
    title: '北支所の職員さんの親切な対応',
    body: '北支所で印鑑登録をしたとき、手が不自由な私の代わりに職員の方が丁寧に書類を確認してくださいました。（窓口にて受付）' },
  { kind: 'complaint', category: 'koseki', channel: 'web', daysAgo: 2, status: 'received', consent: true, mayorReviewed: false,
    title: 'コンビニ交付が使えなかった',
    body: 'マイナンバーカードでコンビニで住民票を取ろうとしたら、システム停止中と表示されました。事前に停止の予定を知らせてほしいです。' },
  { kind: 'request', category: 'koen', channel: 'web', daysAgo: 1, status: 'received', contact: suzuki, mayorReviewed: false,
    title: '公園にベンチを増やしてほしい',
    body: '南公園は散歩する高齢者が多いのに、ベンチが2つしかありません。日陰のベンチを増やしてもらえると休憩できて助かります。' },
  { kind: 'idea', category: 'chiiki', channel: 'web', daysAgo: 1, status: 'received', mayorReviewed: false,
    title: '図書館で子ども向けプログラミング教室を',
    body: '夏休みに図書館で子ども向けのプログラミング教室を開いてほしいです。地域の企業やボランティアに協力してもらえると思います。' },
  { kind: 'complaint', category: 'shisei', channel: 'web', daysAgo: 0, status: 'hidden', hiddenReason: '広告目的の投稿のため非表示', mayorReviewed: false,
    title: '【広告】格安でホームページ制作します',
    body: '今なら市役所様限定で格安にてホームページを制作いたします。詳しくはお問い合わせください。' },
  { kind: 'request', category: 'bosai', channel: 'web', daysAgo: 0, status: 'received', contact: tanaka, mayorReviewed: false,
    title: 'ハザードマップを紙でも配ってほしい',
    body: '洪水ハザードマップがホームページにしかありません。スマホを持っていない高齢の両親のために、紙の地図を各家庭に配布してください。' },
];
