import { parentPort } from 'node:worker_threads';
import type { AnalyticsRequestMessage, AnalyticsResponseMessage } from './analytics-protocol';
import { runAnalyticsJob } from './run-analytics-job';

// Entry of the analytics worker thread: model fitting (wasm and JS) happens here so the core's
// event loop keeps answering the UI while a forecast or a retrain runs.
if (!parentPort) throw new Error('analytics-worker must run as a worker thread');
const port = parentPort;

port.on('message', (message: AnalyticsRequestMessage) => {
  let response: AnalyticsResponseMessage;
  try {
    response = { id: message.id, ok: true, result: runAnalyticsJob(message.job) };
  } catch (error) {
    response = {
      id: message.id,
      ok: false,
      error: { code: 'analytics_failed', message: error instanceof Error ? error.message : String(error) },
    };
  }
  port.postMessage(response);
});
