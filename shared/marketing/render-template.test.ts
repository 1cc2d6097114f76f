import { describe, expect, it } from 'vitest';
import { MERGE_FIELD_NAMES, type MergeValues } from './merge-fields';
import { UNSUBSCRIBE_FOOTER, parseTemplate, renderTemplate, type RenderResult } from './render-template';

const UNSUBSCRIBE = 'https://sync.example.com/unsubscribe/4f9c2e1a';
const en = { unsubscribeUrl: UNSUBSCRIBE, language: 'en' } as const;
const zh = { unsubscribeUrl: UNSUBSCRIBE, language: 'zh-CN' } as const;

const zhangWei: MergeValues = {
  'contact.firstName': '伟',
  'contact.lastName': '张',
  'contact.fullName': '张伟',
  'contact.email': 'zhang.wei@example.cn',
  'contact.title': '采购经理',
  'account.name': '上海精密机械有限公司',
  'account.city': '上海',
  'rep.name': 'Anna Lee',
  'rep.email': 'anna@fieldcrm.example',
  'rep.phone': '+86 21 5555 0100',
};

function rendered(result: RenderResult): Extract<RenderResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a rendered message, got ${JSON.stringify(result.errors)}`);
  return result;
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Nothing in the HTML can run: no script or other active element, no event attribute, no script address in any tag. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(img|iframe|object|embed|svg|style|form|input|link|meta|base)\b/i);
  expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
  expect(html).not.toMatch(/<[^>]*\s[\w-]+\s*=\s*["']?\s*(javascript|vbscript|data):/i);
  expect(html).not.toMatch(/<[^>]*\ssrc=/i);
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:|mailto:)/);
}

describe('parseTemplate', () => {
  it('splits text and fields, with fallbacks', () => {
    const parsed = parseTemplate('Hello {{ contact.firstName | there }}, from {{rep.name}}');
    expect(parsed).toEqual({
      ok: true,
      tokens: [
        { kind: 'text', text: 'Hello ', start: 0 },
        { kind: 'field', name: 'contact.firstName', fallback: 'there', start: 6, end: 37 },
        { kind: 'text', text: ', from ', start: 37 },
        { kind: 'field', name: 'rep.name', fallback: undefined, start: 44, end: 56 },
      ],
    });
  });

  it('reports unknown, empty and unclosed fields with their line and column', () => {
    const text = 'Dear {{contact.firstname}},\nyour {{ account.nmae }} order {{}}\nSee {{rep.name\nbye {{contact.shoeSize}}';
    const parsed = parseTemplate(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const at = (written: string): { start: number; end: number } => ({
      start: text.indexOf(written),
      end: text.indexOf(written) + written.length,
    });
    expect(
      parsed.errors.map(({ code, line, column, start, end, field, suggestion }) => ({ code, line, column, start, end, field, suggestion })),
    ).toEqual([
      {
        code: 'unknown_field',
        line: 1,
        column: 6,
        ...at('{{contact.firstname}}'),
        field: 'contact.firstname',
        suggestion: 'contact.firstName',
      },
      { code: 'unknown_field', line: 2, column: 6, ...at('{{ account.nmae }}'), field: 'account.nmae', suggestion: 'account.name' },
      { code: 'empty_field', line: 2, column: 31, ...at('{{}}'), field: undefined, suggestion: undefined },
      { code: 'unclosed_field', line: 3, column: 5, ...at('{{rep.name'), field: undefined, suggestion: undefined },
      { code: 'unknown_field', line: 4, column: 5, ...at('{{contact.shoeSize}}'), field: 'contact.shoeSize', suggestion: undefined },
    ]);
    expect(parsed.errors[0]?.message).toContain('contact.firstname');
  });

  it('finds an unclosed field before the next one opens', () => {
    const parsed = parseTemplate('{{contact.firstName {{rep.name}}');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toMatchObject([{ code: 'unclosed_field', start: 0, end: 20 }]);
  });
});

describe('renderTemplate', () => {
  it('fills every merge field, in subject, text and HTML', () => {
    const body = MERGE_FIELD_NAMES.map((name) => `${name}=[{{${name}}}]`).join('\n\n');
    const message = rendered(renderTemplate({ subject: '{{contact.fullName}}，{{account.name}}', body, format: 'markdown' }, zhangWei, zh));
    expect(message.subject).toBe('张伟，上海精密机械有限公司');
    for (const [name, value] of Object.entries({ ...zhangWei, 'unsubscribe.url': UNSUBSCRIBE })) {
      expect(message.text).toContain(`${name}=[${value}]`);
      expect(message.html).toContain(name === 'unsubscribe.url' ? `[<a href="${value}">${value}</a>]` : `${name}=[${value}]`);
    }
    const plain = rendered(renderTemplate({ subject: 's', body, format: 'text' }, zhangWei, zh));
    for (const [name, value] of Object.entries(zhangWei)) expect(plain.text).toContain(`${name}=[${value}]`);
  });

  it('uses the fallback or nothing for a missing value, never "undefined"', () => {
    const message = rendered(
      renderTemplate(
        {
          subject: 'Hi {{contact.firstName | there}}{{contact.title}}',
          body: 'Dear {{contact.firstName|customer}} {{contact.lastName}}, {{rep.phone}}.',
          format: 'markdown',
        },
        { 'contact.firstName': '  ', 'contact.lastName': 'Meyer' },
        en,
      ),
    );
    expect(message.subject).toBe('Hi there');
    expect(message.text.startsWith('Dear customer Meyer, .\n')).toBe(true);
    expect(message.html).toContain('<p>Dear customer Meyer, .</p>');
    for (const part of [message.subject, message.text, message.html]) expect(part).not.toMatch(/undefined|null/);
  });

  it('renders Chinese names and the Chinese footer for a Chinese template', () => {
    const message = rendered(
      renderTemplate(
        { subject: '{{contact.fullName}}您好', body: '尊敬的{{contact.fullName}}：\n\n**新品**发布会', format: 'markdown' },
        zhangWei,
        zh,
      ),
    );
    expect(message.subject).toBe('张伟您好');
    expect(message.html).toContain('<p>尊敬的张伟：</p>');
    expect(message.html).toContain('<strong>新品</strong>发布会');
    const footer = UNSUBSCRIBE_FOOTER['zh-CN'].withAccount.replace('{account}', '上海精密机械有限公司').replace('{url}', UNSUBSCRIBE);
    expect(message.text).toBe(`尊敬的张伟：\n\n新品发布会\n\n${footer}\n`);
  });

  it('keeps hostile values as text in every part', () => {
    const hostile: MergeValues = {
      'contact.firstName': '<script>alert(1)</script>',
      'contact.lastName': '<img src=x onerror="alert(2)">',
      'contact.title': '[click](javascript:alert(3))',
      'account.name': '"><svg onload=alert(4)>',
      'account.city': 'javascript:alert(5)',
      'rep.name': '**bold** <a href="javascript:alert(6)">x</a>',
      'contact.email': 'a@b.c"onmouseover="alert(7)',
    };
    const template = {
      subject: 'Re: {{contact.firstName}}',
      body: [
        '# {{contact.firstName}} {{contact.lastName}}',
        'Your title: {{contact.title}}, from {{account.name}} in [our city]({{account.city}}).',
        '- rep: {{rep.name}} `{{contact.lastName}}`',
        '[write to us](mailto:{{contact.email}}) and ![logo {{contact.lastName}}](https://cdn.example.com/logo.png)',
        '```{{contact.lastName}}\n{{contact.firstName}}\n```',
      ].join('\n\n'),
    };
    for (const format of ['markdown', 'text'] as const) {
      const message = rendered(renderTemplate({ ...template, format }, hostile, en));
      expectInert(message.html);
      expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(message.html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
      expect(message.html).toContain('&quot;&gt;&lt;svg onload=alert(4)&gt;');
      expect(message.subject).toBe('Re: <script>alert(1)</script>');
      // A value is never read as Markdown: its link and emphasis stay as typed.
      expect(message.text).toContain('Your title: [click](javascript:alert(3))');
      expect(message.text).toContain('**bold** <a href="javascript:alert(6)">x</a>');
    }
    const markdown = rendered(renderTemplate({ ...template, format: 'markdown' }, hostile, en));
    expect(markdown.html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt;</h1>');
    // A link whose address is a script is only its text; the mail link keeps its address encoded.
    expect(markdown.html).toContain('in our city.');
    expect(markdown.html).toContain(
      'write to us (<a href="mailto:a@b.c%22onmouseover%3D%22alert(7)">a@b.c%22onmouseover%3D%22alert(7)</a>)',
    );
    expect(markdown.html).toContain('<span class="email-image-alt">[logo &lt;img src=x onerror=&quot;alert(2)&quot;&gt;]</span>');
  });

  it('makes hostile Markdown in the template itself inert', () => {
    const body = [
      '<script>alert(1)</script>',
      '<img src="https://tracker.example.com/p.gif" onerror="alert(2)">',
      '[click me](javascript:alert(3)) [upper](JAVASCRIPT:alert(4)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:x)',
      '![pixel](https://tracker.example.com/p.gif)',
      '<a href="javascript:alert(5)" onclick="x()">raw</a> <iframe src="https://example.com"></iframe>',
      '[offer](https://shop.example.com/offer "title") <https://example.com/auto> [mail](mailto:sales@example.com)',
      '```html onload=alert(6)\n<b>code</b>\n```',
    ].join('\n\n');
    const message = rendered(
      renderTemplate({ subject: '<b>{{contact.firstName}}</b>', body, format: 'markdown' }, { 'contact.firstName': 'Ann' }, en),
    );
    expectInert(message.html);
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.html).not.toContain('tracker.example.com/p.gif"');
    expect(message.html).toContain('offer (<a href="https://shop.example.com/offer">https://shop.example.com/offer</a>)');
    expect(message.html).toContain('<a href="https://example.com/auto">https://example.com/auto</a>');
    expect(message.html).toContain('mail (<a href="mailto:sales@example.com">sales@example.com</a>)');
    expect(message.text).toContain('offer (https://shop.example.com/offer)');
    expect(message.subject).toBe('<b>Ann</b>');
  });

  it('puts values into link addresses: a whole address as it is, a part percent-encoded', () => {
    const body = '[Shop](https://shop.example.com/?who={{contact.email}}&n={{contact.fullName}}) [Site]({{account.city}})';
    const message = rendered(
      renderTemplate({ subject: 's', body, format: 'markdown' }, { ...zhangWei, 'account.city': 'https://example.cn/上海' }, zh),
    );
    expect(message.html).toContain('Shop (<a href="https://shop.example.com/?who=zhang.wei@example.cn&amp;n=%E5%BC%A0%E4%BC%9F">');
    expect(message.html).toContain('Site (<a href="https://example.cn/%E4%B8%8A%E6%B5%B7">');
    expect(message.text).toContain('Shop (https://shop.example.com/?who=zhang.wei@example.cn&n=%E5%BC%A0%E4%BC%9F)');
  });

  it('stays inert for random mixes of hostile template pieces and values', () => {
    const pieces = [
      '<script>',
      '</script>',
      '<img src=x onerror=alert(1)>',
      'javascript:alert(1)',
      '"',
      "'",
      '>',
      '<',
      '[',
      ']',
      '(',
      ')',
      '!',
      '`',
      '*',
      '_',
      '&',
      '&lt;',
      '#',
      '\n',
      '\n\n',
      ' ',
      'onload=',
      'data:text/html,x',
      'https://e.com/',
      'mailto:',
      '{{contact.firstName}}',
      '{{account.city}}',
      '{{rep.name | <b>}}',
      '|',
      '-',
      '1.',
      '>',
      '~~~',
      '\\',
    ];
    let seed = 20_26;
    const next = (limit: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % limit;
    };
    const mix = (length: number): string => Array.from({ length }, () => pieces[next(pieces.length)]).join('');
    let renderedCount = 0;
    for (let round = 0; round < 300; round += 1) {
      const values: MergeValues = { 'contact.firstName': mix(6), 'account.city': mix(4), 'account.name': mix(3) };
      for (const format of ['markdown', 'text'] as const) {
        const result = renderTemplate({ subject: mix(5), body: mix(30), format }, values, en);
        if (!result.ok) continue;
        renderedCount += 1;
        expectInert(result.html);
        expect(result.subject).not.toMatch(/[\r\n]/);
        expect(count(result.html, `href="${UNSUBSCRIBE}"`)).toBeGreaterThanOrEqual(1);
      }
    }
    // The pieces hold only known fields, so (nearly) every mix renders and is checked.
    expect(renderedCount).toBeGreaterThan(500);
  });

  it('puts the unsubscribe link in exactly once, whether or not the template places it', () => {
    const cases = [
      { body: 'Hello {{contact.firstName}}.', format: 'markdown', placed: false },
      { body: 'Hello {{contact.firstName}}.', format: 'text', placed: false },
      { body: 'Hello.\n\n[Unsubscribe]({{unsubscribe.url}})', format: 'markdown', placed: true },
      { body: 'Hello.\n\nUnsubscribe: {{unsubscribe.url}}', format: 'markdown', placed: true },
      { body: 'Hello.\n\nUnsubscribe: {{unsubscribe.url}}', format: 'text', placed: true },
      { body: '[{{unsubscribe.url}}]({{unsubscribe.url}})', format: 'markdown', placed: true },
      { body: '', format: 'markdown', placed: false },
      { body: 'Hello.\n\n`{{unsubscribe.url}}`', format: 'markdown', placed: 'text only' },
    ] as const;
    for (const { body, format, placed } of cases) {
      const message = rendered(renderTemplate({ subject: 'News', body, format }, { 'account.name': 'Müller GmbH' }, en));
      expect(count(message.text, UNSUBSCRIBE), `${format}: ${body}`).toBe(1);
      expect(count(message.html, `href="${UNSUBSCRIBE}"`), `${format}: ${body}`).toBe(1);
      const footer = `You receive this because Müller GmbH is one of our customers. Unsubscribe: ${UNSUBSCRIBE}`;
      expect(message.text.includes(footer), `${format}: ${body}`).toBe(!placed);
      expect(message.html.includes('class="email-unsubscribe"'), `${format}: ${body}`).toBe(placed !== true);
    }
    const noAccount = rendered(renderTemplate({ subject: 'News', body: 'Hi', format: 'text' }, {}, zh));
    expect(noAccount.text).toBe(`Hi\n\n您收到此邮件，是因为您是我们的客户。退订：${UNSUBSCRIBE}\n`);
  });

  it('keeps the subject one line of plain text', () => {
    const message = rendered(
      renderTemplate(
        { subject: '**Offer** for {{contact.firstName}}\r\nBcc: all@example.com', body: 'x', format: 'markdown' },
        { 'contact.firstName': 'Ann\nBcc: victim@example.com <b>' },
        en,
      ),
    );
    expect(message.subject).toBe('**Offer** for Ann Bcc: victim@example.com <b> Bcc: all@example.com');
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it('renders Markdown structure as readable plain text', () => {
    const body =
      'Dear {{contact.firstName}},\nthanks.\n\n## Agenda\n\n- demo\n- lunch\n\n1. one\n2. two\n\n> quoted\n\n| a | b |\n|-|-|\n| 1 | 2 |';
    const message = rendered(
      renderTemplate({ subject: 's', body: `${body}\n\n{{unsubscribe.url}}`, format: 'markdown' }, { 'contact.firstName': 'Ann' }, en),
    );
    expect(message.text).toBe(
      `Dear Ann,\nthanks.\n\nAgenda\n\n- demo\n- lunch\n\n1. one\n2. two\n\n> quoted\n\na | b\n1 | 2\n\n${UNSUBSCRIBE}\n`,
    );
    expect(message.html).toContain('<p>Dear Ann,<br>\nthanks.</p>');
  });

  it('renders a text body as escaped paragraphs with written-out addresses as links', () => {
    const message = rendered(
      renderTemplate(
        { subject: 's', body: 'Dear {{contact.firstName}},\r\nsee https://example.com/a?b=1&c=2 <now>\n\nBye', format: 'text' },
        { 'contact.firstName': 'Ann' },
        en,
      ),
    );
    expect(message.html).toContain(
      '<p>Dear Ann,<br>\nsee <a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a> &lt;now&gt;</p>\n<p>Bye</p>',
    );
    expect(message.text.startsWith('Dear Ann,\nsee https://example.com/a?b=1&c=2 <now>\n\nBye\n\n')).toBe(true);
  });

  it('returns template errors with their part, and a bad unsubscribe address, and renders nothing', () => {
    const result = renderTemplate(
      { subject: 'Hi {{contact.nickname}}', body: 'x {{rep.name', format: 'text' },
      {},
      { unsubscribeUrl: 'javascript:alert(1)', language: 'en' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.part, error.code])).toEqual([
      ['options', 'invalid_unsubscribe_url'],
      ['subject', 'unknown_field'],
      ['body', 'unclosed_field'],
    ]);
  });
});
