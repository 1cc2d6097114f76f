import { describe, expect, it } from 'vitest';
import { escapeCsvCell, toCsv, UTF8_BOM } from './csv';

describe('CSV export escaping', () => {
  it('neutralizes cells a spreadsheet would run as formulas', () => {
    expect(escapeCsvCell('=CMD()')).toBe("'=CMD()");
    expect(escapeCsvCell('+1 555')).toBe("'+1 555");
    expect(escapeCsvCell('-2')).toBe("'-2");
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCsvCell('\t=1+1')).toBe("'\t=1+1");
    expect(escapeCsvCell('Acme = good')).toBe('Acme = good');
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell(' padded ')).toBe('" padded "');
    expect(escapeCsvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });

  it('writes a BOM, a header and CRLF lines, Chinese untouched', () => {
    const csv = toCsv(
      ['名称', 'City'],
      [
        ['上海贸易有限公司', '上海'],
        ['Acme, Inc.', 'Berlin'],
      ],
    );
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('名称,City\r\n上海贸易有限公司,上海\r\n"Acme, Inc.",Berlin\r\n');
  });
});
