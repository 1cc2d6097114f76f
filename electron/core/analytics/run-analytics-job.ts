import { indexActivities } from '../../../shared/analytics/win-features';
import { scoreOpenDeals, trainWinModel } from '../../../shared/analytics/win-model';
import { packInsightResult, unpackInsightInput } from '../insight/insight-job-pack';
import { runInsightJob } from '../insight/run-insight-job';
import { discoverClusters } from '../marketing/discover/discover-clusters';
import type { AnalyticsJob, AnalyticsJobResult } from './analytics-protocol';
import { forecastSeries } from './forecast-series';

/** The worker's work, callable in-process too (tests, and hosts that cannot start threads). */
export function runAnalyticsJob(job: AnalyticsJob): AnalyticsJobResult[AnalyticsJob['kind']] {
  switch (job.kind) {
    case 'forecast':
      return { forecasts: job.series.map((s) => forecastSeries(s, job.horizon)) };
    case 'trainWinModel': {
      const started = performance.now();
      const index = indexActivities(job.activities);
      const model = trainWinModel({ closed: job.closed, activities: index, now: job.now });
      const trainMs = performance.now() - started;
      return { model, scores: job.open ? scoreOpenDeals(model, job.open, index, job.now) : [], trainMs };
    }
    case 'scoreOpenDeals':
      return { scores: scoreOpenDeals(job.model, job.open, job.activities, job.now) };
    case 'insights':
      return packInsightResult(runInsightJob(unpackInsightInput(job.input)));
    case 'discoverClusters':
      return discoverClusters(job.accounts);
  }
}
