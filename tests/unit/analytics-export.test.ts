import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '~/domain/reports/export.server';

describe('CSV for Excel in Japan', () => {
  it('starts with the UTF-8 BOM, ends lines with CRLF and keeps Japanese text', () => {
    const csv = toCsv([['市民課', 12], ['道路管理課', 3]], ['課', '件数']);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toBe('\uFEFF課,件数\r\n市民課,12\r\n道路管理課,3\r\n');
  });

  it('quotes fields with commas, quotes or line breaks (RFC 4180) and leaves empty cells empty', () => {
    const csv = toCsv([['a,b', 'say "hi"', 'two\nlines', null, undefined, 1.5]], ['1', '2', '3', '4', '5', '6']);
    expect(csv.split('\r\n')[1]).toBe('"a,b","say ""hi""","two\nlines",,,1.5');
  });

  it('neutralises text that Excel would run as a formula, but not numbers', () => {
    const csv = toCsv([['=HYPERLINK("http://evil")', '+1', '-2', '@SUM(A1)', '\tx', -3]], ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://evil"")",'+1,'-2,'@SUM(A1),'\tx,-3`);
  });
});

describe('.xlsx export', () => {
  it('reads back with a sheet per table, Japanese headers, numbers as numbers and a frozen header row', async () => {
    const buffer = await toXlsx([
      { name: '件数（種別）', headers: ['種別', '2026-04', '合計'], rows: [['苦情', 3, 3], ['提案', null, 0]] },
      { name: 'a/b:c*d?[e]が長い名前のシートは三十一文字までに切り詰められるはず', headers: ['課'], rows: [['=1+1']] },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const [first, second] = workbook.worksheets;
    expect(first!.name).toBe('件数（種別）');
    expect(first!.getRow(1).values).toEqual([undefined, '種別', '2026-04', '合計']);
    expect(first!.getRow(2).values).toEqual([undefined, '苦情', 3, 3]);
    expect(first!.getCell('B3').value).toBeNull();
    expect(first!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(first!.getRow(1).font?.bold).toBe(true);
    expect(first!.getColumn(1).width).toBeGreaterThanOrEqual(8);
    expect(second!.name.length).toBeLessThanOrEqual(31);
    expect(second!.name).not.toMatch(/[[\]:*?/\\]/);
    // Text stays text: no formula is ever written.
    expect(second!.getCell('A2').value).toBe('=1+1');
  });
});
