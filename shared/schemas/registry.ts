import { z } from 'zod';
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { accountIndexes, accountSchema, type Account } from './accounts';
import { activityIndexes, activitySchema, type Activity } from './activities';
import { caseIndexes, caseSchema, type Case } from './cases';
import { catalogIndexes, catalogSchemas, type CatalogDoc } from './catalog';
import { contactIndexes, contactSchema, type Contact } from './contacts';
import { knowledgeIndexes, knowledgeSchemas, type KnowledgeDoc } from './knowledge';
import { leadIndexes, leadSchema, type Lead } from './leads';
import { marketingIndexes, marketingSchemas, type MarketingDoc } from './marketing';
import { opportunityIndexes, opportunitySchema, type Opportunity } from './opportunities';
import { orgIndexes, orgSchemas, type OrgDoc } from './org';
import { salesDocIndexes, salesDocSchemas, type SalesDoc } from './sales-docs';
import { surveyIndexes, surveyResponseSchema, type SurveyResponse } from './surveys';
import { toRxJsonSchema, type IndexSpec } from './to-rx-schema';
import { parseWith, type ParseResult } from './validate';
import { accountsMigrationStrategies } from '../migrations/accounts';
import { casesMigrationStrategies } from '../migrations/cases';
import { contactsMigrationStrategies } from '../migrations/contacts';
import { knowledgeMigrationStrategies } from '../migrations/knowledge';
import { marketingMigrationStrategies } from '../migrations/marketing';
import { surveysMigrationStrategies } from '../migrations/surveys';

/**
 * The collection registry: name → schema version, RxDB schema, validator per kind, migrations.
 *
 * RxDB's open-source build allows at most 13 open RxCollections per process, so the 20-odd
 * document types live in 12 collections: the big, hot types get their own collection and small
 * related types share one, told apart by the `kind` field.
 */
export type CrmCollectionDefinition<Doc> = {
  readonly name: string;
  /** RxDB schema version; bump it together with a migration in shared/migrations/<collection>/. */
  readonly version: number;
  readonly schema: RxJsonSchema<Doc>;
  /** Precise validator per kind; single-type collections have exactly one kind and no `kind` field. */
  readonly kinds: Readonly<Record<string, z.ZodType>>;
  readonly discriminated: boolean;
  /** Validator for any document of the collection (a discriminated union when grouped). */
  readonly validator: z.ZodType<Doc>;
  readonly migrationStrategies: MigrationStrategies;
  readonly parse: (input: unknown) => ParseResult<Doc>;
};

function defineCollection<Doc>(opts: {
  name: string;
  version: number;
  kinds: Readonly<Record<string, z.ZodType>>;
  validator: z.ZodType<Doc>;
  indexes: IndexSpec;
  migrationStrategies?: MigrationStrategies;
}): CrmCollectionDefinition<Doc> {
  const discriminated = Object.keys(opts.kinds).length > 1;
  const what = opts.name.replace(/_/g, ' ');
  return {
    name: opts.name,
    version: opts.version,
    schema: toRxJsonSchema<Doc>({ version: opts.version, kinds: opts.kinds, discriminated, indexes: opts.indexes }),
    kinds: opts.kinds,
    discriminated,
    validator: opts.validator,
    migrationStrategies: opts.migrationStrategies ?? {},
    parse: (input) => parseWith(opts.validator, input, what),
  };
}

const union = <T extends readonly [z.ZodObject, ...z.ZodObject[]]>(options: T) => z.discriminatedUnion('kind', options);

export const crmCollections = {
  accounts: defineCollection<Account>({
    name: 'accounts',
    version: 3,
    kinds: { account: accountSchema },
    validator: accountSchema,
    indexes: accountIndexes,
    migrationStrategies: accountsMigrationStrategies,
  }),
  contacts: defineCollection<Contact>({
    name: 'contacts',
    version: 1,
    kinds: { contact: contactSchema },
    validator: contactSchema,
    indexes: contactIndexes,
    migrationStrategies: contactsMigrationStrategies,
  }),
  leads: defineCollection<Lead>({ name: 'leads', version: 0, kinds: { lead: leadSchema }, validator: leadSchema, indexes: leadIndexes }),
  opportunities: defineCollection<Opportunity>({
    name: 'opportunities',
    version: 0,
    kinds: { opportunity: opportunitySchema },
    validator: opportunitySchema,
    indexes: opportunityIndexes,
  }),
  activities: defineCollection<Activity>({
    name: 'activities',
    version: 0,
    kinds: { activity: activitySchema },
    validator: activitySchema,
    indexes: activityIndexes,
  }),
  cases: defineCollection<Case>({
    name: 'cases',
    version: 1,
    kinds: { case: caseSchema },
    validator: caseSchema,
    indexes: caseIndexes,
    migrationStrategies: casesMigrationStrategies,
  }),
  catalog: defineCollection<CatalogDoc>({
    name: 'catalog',
    version: 0,
    kinds: catalogSchemas,
    validator: union([catalogSchemas.product, catalogSchemas.price_book_entry]),
    indexes: catalogIndexes,
  }),
  sales_docs: defineCollection<SalesDoc>({
    name: 'sales_docs',
    version: 0,
    kinds: salesDocSchemas,
    validator: union([salesDocSchemas.quote, salesDocSchemas.order]),
    indexes: salesDocIndexes,
  }),
  // Campaigns, their members, saved segments, e-mail templates and the e-mail outbox.
  marketing: defineCollection<MarketingDoc>({
    name: 'marketing',
    version: 1,
    kinds: marketingSchemas,
    validator: union([
      marketingSchemas.campaign,
      marketingSchemas.campaign_member,
      marketingSchemas.segment,
      marketingSchemas.email_template,
      marketingSchemas.outbox_message,
    ]) as unknown as z.ZodType<MarketingDoc>,
    indexes: marketingIndexes,
    migrationStrategies: marketingMigrationStrategies,
  }),
  // Service reference data: articles, SLA policies and the business calendars they run on.
  knowledge: defineCollection<KnowledgeDoc>({
    name: 'knowledge',
    version: 1,
    kinds: knowledgeSchemas,
    validator: union([knowledgeSchemas.knowledge_article, knowledgeSchemas.business_calendar, knowledgeSchemas.sla_policy]),
    indexes: knowledgeIndexes,
    migrationStrategies: knowledgeMigrationStrategies,
  }),
  surveys: defineCollection<SurveyResponse>({
    name: 'surveys',
    version: 1,
    kinds: { survey_response: surveyResponseSchema },
    validator: surveyResponseSchema,
    indexes: surveyIndexes,
    migrationStrategies: surveysMigrationStrategies,
  }),
  org: defineCollection<OrgDoc>({
    name: 'org',
    version: 0,
    kinds: orgSchemas,
    validator: union([orgSchemas.user, orgSchemas.team, orgSchemas.quota]),
    indexes: orgIndexes,
  }),
} as const;

export type CrmCollections = typeof crmCollections;
export type CrmCollectionName = keyof CrmCollections;
/** Document type of a collection, e.g. `CrmDocOf<'catalog'>` = Product | PriceBookEntry. */
export type CrmDocOf<Name extends CrmCollectionName> = CrmCollections[Name] extends CrmCollectionDefinition<infer Doc> ? Doc : never;
export const CRM_COLLECTION_NAMES = Object.keys(crmCollections) as CrmCollectionName[];
