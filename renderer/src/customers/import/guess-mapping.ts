import {
  IMPORT_FIELDS,
  type ImportDefaults,
  type ImportEntity,
  type ImportField,
} from '../../../../shared/contract/customers/import-requests';

/**
 * Header words people use for each field, English and Chinese, compared after normalizing (lower
 * case, no spaces, dashes, underscores or punctuation). Exports from Salesforce, HubSpot, Excel
 * templates and Chinese CRMs (纷享销客, 销售易) mostly use one of these.
 */
const SYNONYMS: Readonly<Record<ImportField, ReadonlyArray<string>>> = {
  id: ['id', 'recordid', 'externalid', '编号', 'id号', '记录id'],
  name: [
    'name',
    'accountname',
    'account',
    'company',
    'companyname',
    'organization',
    'organisation',
    '名称',
    '客户名称',
    '公司',
    '公司名称',
    '客户',
    '企业名称',
  ],
  status: ['status', 'accountstatus', 'stage', '状态', '客户状态'],
  tier: ['tier', 'level', 'accounttier', 'segment', '级别', '客户级别', '等级'],
  region: ['region', 'salesregion', 'territory', '区域', '地区', '大区', '销售区域'],
  industry: ['industry', 'sector', 'vertical', '行业', '所属行业'],
  domain: ['domain', 'emaildomain', '域名'],
  website: ['website', 'web', 'url', 'homepage', '网站', '网址', '官网'],
  phone: ['phone', 'telephone', 'tel', 'phonenumber', 'officephone', 'businessphone', '电话', '座机', '办公电话', '联系电话'],
  email: ['email', 'e-mail', 'mail', 'emailaddress', '邮箱', '电子邮件', '电子邮箱', '邮件'],
  street: ['street', 'address', 'streetaddress', 'billingstreet', '地址', '街道', '详细地址'],
  city: ['city', 'town', 'billingcity', '城市', '市'],
  postalCode: ['postalcode', 'postcode', 'zip', 'zipcode', '邮编', '邮政编码'],
  state: ['state', 'province', 'region/state', 'billingstate', '省', '省份', '州', '省/州'],
  country: ['country', 'countryregion', 'billingcountry', '国家', '国家/地区', '国家地区'],
  annualRevenue: ['annualrevenue', 'revenue', 'turnover', 'sales', '年收入', '收入', '营业额', '年营业额', '年销售额'],
  employees: ['employees', 'employeecount', 'numberofemployees', 'headcount', 'staff', '员工', '员工人数', '员工数', '人数'],
  currency: ['currency', 'currencycode', 'curr', '币种', '货币'],
  owner: ['owner', 'accountowner', 'contactowner', 'ownername', 'owneremail', 'salesrep', 'rep', '负责人', '所有人', '销售', '客户经理'],
  notes: ['notes', 'note', 'description', 'comments', 'remarks', '备注', '说明', '描述'],
  tags: ['tags', 'tag', 'labels', '标签'],
  accountId: ['accountid', '客户id', '公司id', '客户编号'],
  accountName: ['accountname', 'account', 'company', 'companyname', 'organization', '客户名称', '客户', '公司', '公司名称', '所属客户'],
  firstName: ['firstname', 'givenname', 'first', 'forename', '名', '名字'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'name', 'fullname', 'contactname', '姓', '姓氏', '姓名', '联系人'],
  title: ['title', 'jobtitle', 'position', 'role', '职位', '职务', '头衔'],
  department: ['department', 'dept', 'division', '部门'],
  mobile: ['mobile', 'mobilephone', 'cell', 'cellphone', '手机', '手机号', '移动电话'],
  preferredLanguage: ['language', 'preferredlanguage', 'locale', '语言', '首选语言'],
  isPrimary: ['primary', 'isprimary', 'primarycontact', 'main', '主要联系人', '首要联系人', '主联系人'],
  doNotContact: ['donotcontact', 'optout', 'donotcall', 'unsubscribed', '请勿联系', '勿扰', '拒绝联系'],
  lastContactedAt: ['lastcontacted', 'lastcontactedat', 'lastcontactdate', 'lastactivity', '上次联系', '最近联系时间', '上次联系时间'],
};

export function normalizeHeader(header: string): string {
  return header
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .replace(/[\s_\-.:：()（）*#]+/g, '');
}

/** The header's words, lower case: "Residence City" → residence, city; "BillingCity" → billing, city; "客户ID" → 客户, id. */
function headerWords(header: string): string[] {
  return header
    .replace(/^\ufeff/, '')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Script=Han})([\p{Script=Latin}\d])|([\p{Script=Latin}\d])(\p{Script=Han})/gu, '$1$3 $2$4')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * Whether a synonym appears inside a header. Latin synonyms must be whole words or runs of whole
 * words ("Annual Revenue (USD)" holds annualrevenue), never a piece of one: "Residence City" does
 * not hold "id", "Hotel" does not hold "tel". Chinese has no spaces, so a Chinese synonym may sit
 * anywhere in the header ("客户名称（必填）").
 */
function containsSynonym(header: string, words: ReadonlyArray<string>, synonym: string): boolean {
  if (/\p{Script=Han}/u.test(synonym)) return normalizeHeader(header).includes(synonym);
  for (let start = 0; start < words.length; start++) {
    let run = '';
    for (let end = start; end < words.length && run.length < synonym.length; end++) {
      run += words[end];
      if (run === synonym) return true;
    }
  }
  return false;
}

/**
 * Fields matched only when the whole header names them: the record id decides which stored
 * record a row creates, so "Parent ID" or "Subsidiary of" must never land there by a partial match.
 */
const EXACT_ONLY: ReadonlySet<ImportField> = new Set(['id']);
/** A header with the word "id" in it names an identifier ("客户ID", "Customer ID"): never a name, city or phone. */
const ID_FIELDS: ReadonlySet<ImportField> = new Set(['id', 'accountId']);

/**
 * One field (or null) per column, each field used at most once: exact synonym matches win first,
 * left to right, so "Account Name" goes to name for accounts and to accountName for contacts.
 */
export function guessMapping(entity: ImportEntity, headers: ReadonlyArray<string>): Array<ImportField | null> {
  const fields = IMPORT_FIELDS[entity] as ReadonlyArray<ImportField>;
  const used = new Set<ImportField>();
  const normalized = headers.map(normalizeHeader);
  const result: Array<ImportField | null> = headers.map(() => null);
  // Pass 1: the header is the field's own name or a synonym. Pass 2: a synonym is contained in it ("客户名称（必填）").
  for (const pass of ['exact', 'contains'] as const) {
    normalized.forEach((header, column) => {
      if (result[column] !== null || header.length === 0) return;
      const words = headerWords(headers[column] ?? '');
      const field = fields.find((candidate) => {
        if (used.has(candidate)) return false;
        const synonyms = [normalizeHeader(candidate), ...SYNONYMS[candidate].map(normalizeHeader)];
        if (pass === 'exact') return synonyms.includes(header);
        if (EXACT_ONLY.has(candidate) || (words.includes('id') && !ID_FIELDS.has(candidate))) return false;
        return synonyms.some((synonym) => containsSynonym(headers[column] ?? '', words, synonym));
      });
      if (field) {
        result[column] = field;
        used.add(field);
      }
    });
  }
  return result;
}

/**
 * Required fields with neither a column nor a default: the import cannot start until each has one
 * (the core enforces the same, electron/core/customers/import/import-columns.ts).
 */
export function missingRequired(
  entity: ImportEntity,
  mapping: ReadonlyArray<ImportField | null>,
  defaults: ImportDefaults = {},
): ImportField[] {
  if (entity === 'accounts') {
    const missing: ImportField[] = mapping.includes('name') ? [] : ['name'];
    if (!mapping.includes('region') && defaults.region === undefined) missing.push('region');
    return missing;
  }
  const missing: ImportField[] = mapping.includes('lastName') ? [] : ['lastName'];
  if (!mapping.includes('accountId') && !mapping.includes('accountName')) missing.push('accountName');
  return missing;
}
