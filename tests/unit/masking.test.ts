import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '~/domain/masking';

describe('masking personal data before publication', () => {
  it.each([
    ['連絡は hanako.yamada@example.com まで', '連絡は ［メールアドレス］ まで'],
    ['ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ に返信を', '［メールアドレス］ に返信を'],
  ])('masks e-mail addresses: %s', (input, output) => expect(maskPersonalData(input)).toBe(output));

  it.each([
    ['電話 090-1234-5678 です', '電話 ［電話番号］ です'],
    ['電話 09012345678 です', '電話 ［電話番号］ です'],
    ['電話 ０９０－１２３４－５６７８ です', '電話 ［電話番号］ です'],
    ['電話 ０９０１２３４５６７８ です', '電話 ［電話番号］ です'],
    ['自宅 03-1234-5678', '自宅 ［電話番号］'],
    ['自宅 03(1234)5678', '自宅 ［電話番号］'],
    ['自宅 0312345678', '自宅 ［電話番号］'],
    ['携帯 +81 90-1234-5678', '携帯 ［電話番号］'],
    ['窓口 0120-000-111 まで', '窓口 ［電話番号］ まで'],
  ])('masks phone numbers with and without hyphens, full-width too: %s', (input, output) => expect(maskPersonalData(input)).toBe(output));

  it.each([
    ['〒123-4567 桜台', '［郵便番号］ 桜台'],
    ['〒1234567 桜台', '［郵便番号］ 桜台'],
    ['〒１２３－４５６７ 桜台', '［郵便番号］ 桜台'],
    ['郵便番号：123-4567', '［郵便番号］'],
    ['住所は 123-4567 さくら台市', '住所は ［郵便番号］ さくら台市'],
  ])('masks 〒 postcodes: %s', (input, output) => expect(maskPersonalData(input)).toBe(output));

  it('masks the resident name in full, with a space, and each part', () => {
    const name = { familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ' };
    expect(maskPersonalData('山田花子です。山田 花子と申します。ヤマダハナコ。山田方。花子より', name))
      .toBe('［氏名］です。［氏名］と申します。［氏名］。［氏名］方。［氏名］より');
  });

  it('leaves ordinary numbers and text alone', () => {
    const text = '2026年11月21日、1時間以上待ちました。番号札は123番。人口は123456人。';
    expect(maskPersonalData(text)).toBe(text);
  });

  it('does not mask a one-character given name on its own (too many false hits)', () => {
    expect(maskPersonalData('修理をお願いします。田中修', { familyName: '田中', givenName: '修' })).toBe('修理をお願いします。［氏名］');
  });
});
