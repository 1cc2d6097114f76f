import type { CsatFigure, NpsFigure } from '../contract/service/surveys-requests';

/** Mean (two decimals) and share of 4s and 5s over CSAT scores 1..5. */
export function csatFigure(scores: ReadonlyArray<number>): CsatFigure {
  if (scores.length === 0) return { average: null, satisfiedShare: null, responses: 0 };
  let sum = 0;
  let satisfied = 0;
  for (const score of scores) {
    sum += score;
    if (score >= 4) satisfied++;
  }
  return { average: Math.round((sum / scores.length) * 100) / 100, satisfiedShare: satisfied / scores.length, responses: scores.length };
}

/** NPS as it is quoted: a whole number from −100 to 100, % promoters (9–10) − % detractors (0–6). */
export function npsFigure(scores: ReadonlyArray<number>): NpsFigure {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const score of scores) {
    if (score >= 9) promoters++;
    else if (score >= 7) passives++;
    else detractors++;
  }
  const responses = scores.length;
  const score = responses === 0 ? null : Math.round(((promoters - detractors) / responses) * 100);
  return { score, responses, promoters, passives, detractors };
}
