/** Errors the API reports with a status code and a clear message. */
import type { Problem } from '@parley/core';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { problems?: Problem[]; warnings?: Problem[] } = {},
  ) {
    super(message);
  }
}

/** The same answer for "does not exist" and "exists but you may not know it": nothing leaks through a 404. */
export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
export const forbidden = (what: string): HttpError => new HttpError(403, 'forbidden', what);
export const unauthorized = (): HttpError => new HttpError(401, 'unauthorized', 'log in first (no valid session)');
export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message);
