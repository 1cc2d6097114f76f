import type { Campaign, EmailTemplate, Segment } from '../../../shared/schemas';
import type { SegmentDefinition } from '../../../shared/marketing/segment-conditions';

/** What a template is for: campaign e-mails by campaign type, and the reps' one-to-one follow-ups. */
export type TemplateTheme = 'product_launch' | 'newsletter' | 'renewal_offer' | 'webinar_invite' | 'event_invite' | 'visit_follow_up';

type TemplateText = Pick<EmailTemplate, 'name' | 'format' | 'subject' | 'body'>;

/**
 * The demo's e-mail templates, each in English and Chinese, with merge fields (and fallbacks where a
 * value may be missing). Markdown ones show headings, emphasis, lists and links; text ones stay plain.
 * None places `{{unsubscribe.url}}` but the newsletter, so most messages carry the standard footer.
 */
export const SEED_TEMPLATES: ReadonlyArray<{ theme: TemplateTheme; en: TemplateText; zh: TemplateText }> = [
  {
    theme: 'product_launch',
    en: {
      name: 'Product launch: FieldScan Rugged Tablet',
      format: 'markdown',
      subject: 'New for {{account.name}}: the FieldScan Rugged Tablet',
      body: [
        'Dear {{contact.firstName | customer}},',
        '',
        'Your teams at **{{account.name}}** work where offices end. The new **FieldScan Rugged Tablet** is built for that:',
        '',
        '- drops from 1.8 m onto concrete, rain and dust',
        '- a full shift on one charge, hot-swappable battery',
        '- runs Inventory Cloud and Mobile Forms offline',
        '',
        'See the data sheet: [FieldScan Rugged Tablet](https://fieldcrm.example/products/rugged-tablet)',
        '',
        'I would be glad to bring one to {{account.city | your site}} for a trial.',
        '',
        'Best regards,  ',
        '{{rep.name}}  ',
        '{{rep.email}}',
      ].join('\n'),
    },
    zh: {
      name: '新品发布：FieldScan 加固型平板',
      format: 'markdown',
      subject: '{{account.name}}专享：全新 FieldScan 加固型平板',
      body: [
        '尊敬的{{contact.fullName | 客户}}，您好！',
        '',
        '**{{account.name}}**的团队常年在一线工作。全新 **FieldScan 加固型平板**正为此而生：',
        '',
        '- 1.8 米跌落水泥地面无损，防水防尘',
        '- 单次充电支持整班工作，电池可热插拔',
        '- 离线运行库存云和移动表单',
        '',
        '查看产品资料：[FieldScan 加固型平板](https://fieldcrm.example/zh/products/rugged-tablet)',
        '',
        '欢迎预约到{{account.city | 贵公司}}现场试用。',
        '',
        '此致  ',
        '{{rep.name}}  ',
        '{{rep.email}}',
      ].join('\n'),
    },
  },
  {
    theme: 'newsletter',
    en: {
      name: 'Quarterly customer newsletter',
      format: 'markdown',
      subject: 'FieldCRM customer news: what is new this quarter',
      body: [
        '## Customer news',
        '',
        'Hello {{contact.firstName | there}},',
        '',
        'Here is what changed for customers like {{account.name}} this quarter:',
        '',
        '1. **Route Planner** now plans multi-day trips.',
        '2. **Analytics Suite** adds forecasts per site.',
        '3. Support hours extended to 20:00 local time.',
        '',
        'Questions? Reply to this e-mail or write to {{rep.email | support@fieldcrm.example}}.',
        '',
        '{{rep.name}}',
        '',
        '---',
        '',
        'Do not want our newsletter any more? [Unsubscribe]({{unsubscribe.url}})',
      ].join('\n'),
    },
    zh: {
      name: '季度客户通讯',
      format: 'markdown',
      subject: 'FieldCRM 客户通讯：本季度新功能',
      body: [
        '## 客户通讯',
        '',
        '{{contact.fullName | 客户}}，您好！',
        '',
        '本季度为{{account.name}}等客户带来的更新：',
        '',
        '1. **路线规划**支持多日行程。',
        '2. **分析套件**新增按站点预测。',
        '3. 客服时间延长至当地时间 20:00。',
        '',
        '如有疑问，请回复本邮件或联系 {{rep.email | support@fieldcrm.example}}。',
        '',
        '{{rep.name}}',
        '',
        '---',
        '',
        '不想再收到通讯？[退订]({{unsubscribe.url}})',
      ].join('\n'),
    },
  },
  {
    theme: 'renewal_offer',
    en: {
      name: 'Renewal offer: two-year support',
      format: 'text',
      subject: '{{account.name}}: 15% off when you renew support for two years',
      body: [
        'Dear {{contact.fullName | customer}},',
        '',
        'Your support plan is coming up for renewal. Renew for two years before the end of the month and we take 15% off the second year.',
        '',
        'Details: https://fieldcrm.example/offers/support-renewal',
        '',
        'Kind regards,',
        '{{rep.name}}',
        '{{rep.phone | }}',
      ].join('\n'),
    },
    zh: {
      name: '续约优惠：两年支持服务',
      format: 'text',
      subject: '{{account.name}}：续约两年支持服务，第二年八五折',
      body: [
        '尊敬的{{contact.fullName | 客户}}：',
        '',
        '贵公司的支持服务即将到期。本月底前续约两年，第二年费用享受八五折优惠。',
        '',
        '详情：https://fieldcrm.example/zh/offers/support-renewal',
        '',
        '顺祝商祺',
        '{{rep.name}}',
        '{{rep.phone | }}',
      ].join('\n'),
    },
  },
  {
    theme: 'webinar_invite',
    en: {
      name: 'Webinar invitation',
      format: 'markdown',
      subject: 'Invitation: 45 minutes on offline field sales, for {{contact.firstName | you}}',
      body: [
        'Hi {{contact.firstName | there}},',
        '',
        'Join our live webinar **"Selling where there is no signal"**:',
        '',
        '- how reps at companies like {{account.name}} plan visits offline',
        '- syncing safely when the laptop reconnects',
        '- live Q&A with our product team',
        '',
        '[Register here](https://fieldcrm.example/webinars/offline-sales)',
        '',
        'See you there,  ',
        '{{rep.name}}',
      ].join('\n'),
    },
    zh: {
      name: '网络研讨会邀请',
      format: 'markdown',
      subject: '邀请函：45 分钟了解离线外勤销售',
      body: [
        '{{contact.fullName | 您好}}，您好！',
        '',
        '诚邀您参加在线研讨会**《没有信号也能做销售》**：',
        '',
        '- {{account.name}}这样的企业如何离线安排拜访',
        '- 笔记本重新联网后如何安全同步',
        '- 与产品团队现场问答',
        '',
        '[立即报名](https://fieldcrm.example/zh/webinars/offline-sales)',
        '',
        '期待与您相见  ',
        '{{rep.name}}',
      ].join('\n'),
    },
  },
  {
    theme: 'event_invite',
    en: {
      name: 'Event invitation: customer day',
      format: 'text',
      subject: 'You are invited: FieldCRM customer day near {{account.city | you}}',
      body: [
        'Dear {{contact.fullName | customer}},',
        '',
        'We are holding a customer day near {{account.city | you}}: product demos, a hands-on workshop and dinner with other customers.',
        '',
        'Please let me know whether you and your colleagues from {{account.name}} can join; I will reserve seats.',
        '',
        'Best regards,',
        '{{rep.name}}',
        '{{rep.email}}',
      ].join('\n'),
    },
    zh: {
      name: '活动邀请：客户日',
      format: 'text',
      subject: '诚邀参加 FieldCRM {{account.city | }}客户日',
      body: [
        '尊敬的{{contact.fullName | 客户}}：',
        '',
        '我们将在{{account.city | 贵公司附近}}举办客户日，包括产品演示、动手工作坊和客户交流晚宴。',
        '',
        '请告知您和{{account.name}}的同事能否出席，我们将为您预留座位。',
        '',
        '此致',
        '{{rep.name}}',
        '{{rep.email}}',
      ].join('\n'),
    },
  },
  {
    theme: 'visit_follow_up',
    en: {
      name: 'Follow-up after a visit',
      format: 'text',
      subject: 'Thank you for your time, {{contact.firstName | }}',
      body: [
        'Dear {{contact.fullName | customer}},',
        '',
        'Thank you for meeting me at {{account.name}}. As promised, I will send the proposal with the figures we discussed this week.',
        '',
        'If anything comes up in the meantime, call me or reply to this e-mail.',
        '',
        'Best regards,',
        '{{rep.name}}',
        '{{rep.email}}',
      ].join('\n'),
    },
    zh: {
      name: '拜访后跟进',
      format: 'text',
      subject: '感谢您的接待，{{contact.fullName | }}',
      body: [
        '尊敬的{{contact.fullName | 客户}}：',
        '',
        '感谢您在{{account.name}}的接待。按照约定，本周我会把讨论过的方案和报价发给您。',
        '',
        '如有任何问题，欢迎随时来电或回复本邮件。',
        '',
        '此致',
        '{{rep.name}}',
        '{{rep.email}}',
      ].join('\n'),
    },
  },
];

/** The template themes an e-mail campaign of each type sends; other types send no e-mail. */
export const CAMPAIGN_THEMES: Partial<Record<Campaign['type'], ReadonlyArray<TemplateTheme>>> = {
  email: ['product_launch', 'newsletter', 'renewal_offer'],
  webinar: ['webinar_invite'],
};

/** What a receiving server says when it refuses an address for good (the member shows "bounced"). */
export const BOUNCE_REASONS = [
  '550 5.1.1 <{to}>: Recipient address rejected: User unknown in virtual mailbox table',
  "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos",
  '550 5.1.1 User unknown',
  '552 5.2.2 <{to}>: Mailbox full, quota exceeded',
  '550 5.7.1 Message rejected as spam by Content Filtering',
  '553 5.1.3 <{to}>: Recipient address rejected: Domain not found',
] as const;

/** Why sending gave up after its retries (the member shows "failed"). */
export const FAILURE_REASONS = [
  '421 4.7.0 Try again later, closing connection (rate limited)',
  '451 4.3.0 Temporary lookup failure; retries exhausted',
  'connect ETIMEDOUT 203.0.113.25:25 (5 attempts)',
  '450 4.2.1 Mailbox busy, try again later; retries exhausted',
] as const;

export type SegmentRefs = {
  /** Past (started) campaigns by type. */
  readonly campaignsByType: Readonly<Partial<Record<Campaign['type'], ReadonlyArray<string>>>>;
  readonly pastCampaigns: ReadonlyArray<string>;
  /** Product ids by SKU. */
  readonly product: (sku: string) => string;
};

type SeedSegment = Pick<Segment, 'name' | 'description'> & { definition: SegmentDefinition };

/** The saved segments of the demo: demographic and behaviour conditions, and/or groups, over every target. */
export function seedSegments(refs: SegmentRefs): SeedSegment[] {
  const webinars = refs.campaignsByType.webinar ?? [];
  const events = [...(refs.campaignsByType.event ?? []), ...(refs.campaignsByType.trade_show ?? [])];
  const segments: SeedSegment[] = [
    {
      name: 'Manufacturing at risk',
      description: 'Manufacturing customers the churn model rates high or medium risk, or that already lapsed',
      definition: {
        target: 'accounts',
        root: {
          op: 'and',
          items: [
            { field: 'industry', op: 'in', values: ['Manufacturing'] },
            { field: 'churnRisk', op: 'in', values: ['high', 'medium', 'lapsed'] },
          ],
        },
      },
    },
    {
      name: 'Top-10% CLV in APAC',
      description: 'The most valuable tenth of customers by predicted 12-month value, in Asia-Pacific',
      definition: {
        target: 'accounts',
        root: {
          op: 'and',
          items: [
            { field: 'clvBand', op: 'in', values: ['top_10'] },
            { field: 'region', op: 'in', values: ['apac'] },
          ],
        },
      },
    },
    {
      name: 'Strategic and key accounts in EMEA',
      definition: {
        target: 'accounts',
        root: {
          op: 'and',
          items: [
            { field: 'tier', op: 'in', values: ['strategic', 'key'] },
            { field: 'region', op: 'in', values: ['emea'] },
            { field: 'status', op: 'in', values: ['active'] },
          ],
        },
      },
    },
    {
      name: 'Champions not visited in 90 days',
      description: 'Best customers by RFM with no call, meeting or visit in the last 90 days',
      definition: {
        target: 'accounts',
        root: {
          op: 'and',
          items: [
            { field: 'rfmSegment', op: 'in', values: ['champions', 'loyal'] },
            { field: 'lastActivity', op: 'not_within_days', days: 90 },
          ],
        },
      },
    },
    {
      name: 'Scanner owners without software',
      description: 'Bought scanners or tablets but neither Inventory Cloud nor Mobile Forms: cross-sell',
      definition: {
        target: 'accounts',
        root: {
          op: 'and',
          items: [
            { field: 'productsBought', op: 'any_of', productIds: [refs.product('HW-100'), refs.product('HW-110')] },
            { field: 'productsBought', op: 'none_of', productIds: [refs.product('SW-200'), refs.product('SW-230')] },
          ],
        },
      },
    },
    {
      name: 'Retail and logistics: lapsed or hibernating',
      definition: {
        target: 'accounts',
        root: {
          op: 'and',
          items: [
            { field: 'industry', op: 'in', values: ['Retail', 'Logistics'] },
            {
              op: 'or',
              items: [
                { field: 'rfmSegment', op: 'in', values: ['hibernating', 'about_to_sleep', 'at_risk'] },
                { field: 'churnRisk', op: 'in', values: ['lapsed'] },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'Large prospects (1,000+ employees)',
      definition: {
        target: 'accounts',
        root: {
          op: 'and',
          items: [
            { field: 'status', op: 'in', values: ['prospect'] },
            { field: 'size', op: 'in', values: ['1000+'] },
          ],
        },
      },
    },
    {
      name: '大中华区活跃客户联系人（中文）',
      description: 'Chinese-speaking contacts at active customers in Greater China',
      definition: {
        target: 'contacts',
        root: {
          op: 'and',
          items: [
            { field: 'language', op: 'in', values: ['zh-CN', 'zh'] },
            { field: 'region', op: 'in', values: ['greater_china'] },
            { field: 'status', op: 'in', values: ['active'] },
          ],
        },
      },
    },
    {
      name: 'Healthcare and finance contacts in North America',
      definition: {
        target: 'contacts',
        root: {
          op: 'and',
          items: [
            { field: 'industry', op: 'in', values: ['Healthcare', 'Financial Services', 'Pharmaceuticals'] },
            { field: 'country', op: 'in', values: ['United States', 'Canada'] },
          ],
        },
      },
    },
    {
      name: 'Key-account contacts who never responded',
      description: 'People at strategic and key accounts who answered none of our past campaigns',
      definition: {
        target: 'contacts',
        root: {
          op: 'and',
          items: [
            { field: 'tier', op: 'in', values: ['strategic', 'key'] },
            { field: 'campaignResponse', op: 'not_responded_to', campaignIds: refs.pastCampaigns.slice(-36) },
          ],
        },
      },
    },
    {
      name: 'Hot new leads in China',
      definition: {
        target: 'leads',
        root: {
          op: 'and',
          items: [
            { field: 'country', op: 'in', values: ['中国'] },
            { field: 'status', op: 'in', values: ['new', 'working'] },
          ],
        },
      },
    },
    {
      name: 'Nurturing leads quiet for six months',
      definition: {
        target: 'leads',
        root: {
          op: 'and',
          items: [
            { field: 'status', op: 'in', values: ['nurturing', 'qualified'] },
            { field: 'lastActivity', op: 'not_within_days', days: 180 },
          ],
        },
      },
    },
  ];
  if (webinars.length > 0) {
    segments.push({
      name: 'Webinar responders',
      description: 'Contacts who registered for or attended one of our webinars',
      definition: {
        target: 'contacts',
        root: { op: 'and', items: [{ field: 'campaignResponse', op: 'responded_to', campaignIds: [...webinars] }] },
      },
    });
  }
  if (events.length > 0) {
    segments.push({
      name: 'Event leads still open',
      definition: {
        target: 'leads',
        root: {
          op: 'and',
          items: [
            { field: 'campaignResponse', op: 'responded_to', campaignIds: events.slice(-20) },
            { field: 'status', op: 'not_in', values: ['converted', 'unqualified'] },
          ],
        },
      },
    });
  }
  return segments;
}
