import type { SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import { clvBandsOf } from './clv-bands';
import { Dictionary, NONE } from './dictionary';
import { LatestDay } from './latest-day';
import { RecordTable } from './record-table';
import { RefSets } from './ref-sets';

/**
 * The segment index's storage: every account, contact and lead numbered densely, and per number one
 * small integer per column (a dictionary or fixed code, NONE when missing; amounts as numbers, NaN when
 * missing), plus inverted sets for products bought and campaign responses. Every column of a kind is
 * as long as its table: the numbering methods grow them together.
 */
export class SegmentColumns {
  readonly accounts = new RecordTable();
  readonly contacts = new RecordTable();
  readonly leads = new RecordTable();
  readonly industries = new Dictionary();
  readonly countries = new Dictionary();
  readonly currencies = new Dictionary();
  readonly languages = new Dictionary();
  // Account columns.
  readonly aStatus: number[] = [];
  readonly aIndustry: number[] = [];
  readonly aRegion: number[] = [];
  readonly aTier: number[] = [];
  readonly aCountry: number[] = [];
  readonly aSize: number[] = [];
  readonly aRevenue: number[] = [];
  readonly aCurrency: number[] = [];
  readonly aRfm: number[] = [];
  readonly aChurn: number[] = [];
  readonly aClv: number[] = [];
  readonly aActivity = new LatestDay();
  // Contact columns.
  readonly cAccount: number[] = [];
  readonly cCountry: number[] = [];
  readonly cLanguage: number[] = [];
  readonly cActivity = new LatestDay();
  // Lead columns.
  readonly lCountry: number[] = [];
  readonly lStatus: number[] = [];
  readonly lActivity = new LatestDay();
  // Inverted sets.
  readonly productAccounts = new RefSets();
  readonly campaignContacts = new RefSets();
  readonly campaignLeads = new RefSets();
  private aClvBand: number[] = [];
  private clvBandsStale = true;

  accountNumber(id: string): number {
    const n = this.accounts.number(id);
    const { aStatus, aIndustry, aRegion, aTier, aCountry, aSize, aCurrency, aRfm, aChurn } = this;
    growTo(n, NONE, [aStatus, aIndustry, aRegion, aTier, aCountry, aSize, aCurrency, aRfm, aChurn]);
    growTo(n, NaN, [this.aRevenue, this.aClv]);
    return n;
  }

  contactNumber(id: string): number {
    const n = this.contacts.number(id);
    growTo(n, NONE, [this.cAccount, this.cCountry, this.cLanguage]);
    return n;
  }

  leadNumber(id: string): number {
    const n = this.leads.number(id);
    growTo(n, NONE, [this.lCountry, this.lStatus]);
    return n;
  }

  table(target: SegmentTarget): RecordTable {
    return target === 'accounts' ? this.accounts : target === 'contacts' ? this.contacts : this.leads;
  }

  /** To call after any change to the accounts, their currencies or their CLVs: bands are ranks among peers. */
  invalidateClvBands(): void {
    this.clvBandsStale = true;
  }

  /** Band code of every account, recomputed once after a change. */
  clvBands(): number[] {
    if (!this.clvBandsStale) return this.aClvBand;
    this.aClvBand = clvBandsOf(this.accounts, this.aClv, this.aCurrency);
    this.clvBandsStale = false;
    return this.aClvBand;
  }
}

/** Pads every column with `missing` until record number `n` has a place. */
function growTo(n: number, missing: number, columns: ReadonlyArray<number[]>): void {
  for (const col of columns) while (col.length <= n) col.push(missing);
}
